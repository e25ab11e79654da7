// Starting and editing a campaign: the form goes to the JSON API with the ID token. A new campaign
// may be hosted by an organisation the person belongs to; similar open campaigns are shown after
// each save (start-similar.js), before the draft goes to the moderators.
(function () {
  "use strict";
  var L = window.Labourspace;
  var form = document.getElementById("campaign-form");
  var status = document.getElementById("form-status");
  var sendButton = document.getElementById("submit-for-moderation");
  var campaignId = form.getAttribute("data-campaign-id");
  // Set when the page came from a consultation's "Answer this with a campaign" link.
  var consultationId = form.getAttribute("data-consultation-id");
  var version = null;
  var fields = ["title", "summary", "body", "area"];
  var hostField = document.getElementById("host-field");
  var hostShown = document.getElementById("host-shown");

  L.ready.then(function () {
    if (!L.session()) {
      form.querySelectorAll("input, textarea, select, button").forEach(function (el) { el.disabled = true; });
      return;
    }

    // The translation's fields are marked with the other language, so they are read and spelt as it.
    function markTranslation() {
      var other = form.language.value === "cy" ? "en" : "cy";
      form.translated_title.setAttribute("lang", other);
      form.translated_summary.setAttribute("lang", other);
    }
    form.language.addEventListener("change", markTranslation);
    markTranslation();

    function show(campaign) {
      campaignId = campaign.id;
      version = campaign.version;
      fields.forEach(function (f) { form[f].value = campaign[f]; });
      form.language.value = campaign.language || "en";
      form.translated_title.value = campaign.translation ? campaign.translation.title : "";
      form.translated_summary.value = campaign.translation ? campaign.translation.summary : "";
      markTranslation();
      sendButton.hidden = !(campaign.status === "draft" || campaign.status === "rejected");
      // The host is chosen once, when the campaign starts.
      hostField.hidden = true;
      hostShown.textContent = campaign.organisation
        ? gettext("Hosted by %(name)s.", { name: campaign.organisation.name }) : "";
      hostShown.hidden = !campaign.organisation;
      if (window.StartSimilar) {
        if (campaign.similar) window.StartSimilar.show(campaign.similar); else window.StartSimilar.lookUp();
      }
    }

    // The organisations the person belongs to, any of which may host a new campaign.
    async function offerHosts() {
      var result = await L.api("GET", "/me/organisations");
      if (!result.ok || !result.data.items.length || campaignId) return;
      var select = form.organisation;
      result.data.items.forEach(function (mine) {
        select.appendChild(L.el("option", mine.organisation.name, { value: mine.organisation.handle }));
      });
      hostField.hidden = false;
    }

    async function load() {
      var result = await L.api("GET", "/campaigns/" + encodeURIComponent(campaignId));
      if (result.ok) show(result.data); else status.textContent = L.messageOf(result);
    }

    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var body = {};
      fields.forEach(function (f) { body[f] = form[f].value; });
      body.language = form.language.value;
      var translatedTitle = form.translated_title.value, translatedSummary = form.translated_summary.value;
      // Both empty: no translation (null takes a saved one away); otherwise the API checks both.
      if (translatedTitle || translatedSummary) body.translation = { title: translatedTitle, summary: translatedSummary };
      else if (campaignId) body.translation = null;
      if (!campaignId && consultationId) body.consultation_id = consultationId;
      if (!campaignId && form.organisation.value) body.organisation = form.organisation.value;
      var result = campaignId
        ? await L.api("PATCH", "/campaigns/" + encodeURIComponent(campaignId), body, { "If-Match": String(version) })
        : await L.api("POST", "/campaigns", body);
      if (!result.ok) {
        status.textContent = L.messageOf(result);
        return;
      }
      show(result.data);
      if (window.location.pathname === "/start") {
        history.replaceState(null, "", "/my/campaigns/" + encodeURIComponent(campaignId) + "/edit");
      }
      status.textContent = gettext("Saved as a draft. Send it to the moderators when it is ready.");
    });

    sendButton.addEventListener("click", async function () {
      var result = await L.api("POST", "/campaigns/" + encodeURIComponent(campaignId) + "/submit");
      if (result.ok) {
        sendButton.hidden = true;
        status.textContent = gettext("Sent to the moderators. It opens when one approves it.");
      } else {
        status.textContent = L.messageOf(result);
      }
    });

    if (campaignId) load(); else offerHosts();
  });
})();
