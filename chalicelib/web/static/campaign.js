// A campaign page's actions: support (with explicit consent), reply, a minister's response, and the
// policy team's manifesto moves.
(function () {
  "use strict";
  var L = window.Labourspace;
  var page = document.querySelector("[data-campaign-id]");
  if (!page) return;
  var id = page.getAttribute("data-campaign-id");

  function setCount(n) {
    document.querySelectorAll("[data-count]").forEach(function (el) { el.textContent = n.toLocaleString(pageLocale); });
  }

  var supportForm = document.getElementById("support-form");
  if (supportForm) {
    supportForm.hidden = false;
    // The page shows the wording of this version; agreeing to it is what is sent.
    var consentVersion = supportForm.getAttribute("data-consent-version");
    // Someone not signed in goes to sign in first (before the browser asks for the tick).
    document.getElementById("support-button").addEventListener("click", function (event) {
      if (!L.session()) {
        event.preventDefault();
        L.toSignIn();
      }
    });
    supportForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      var status = document.getElementById("support-status");
      if (!L.session()) return L.toSignIn();
      if (!supportForm.consent.checked) {
        status.textContent = gettext("Tick the box to agree first.");
        return;
      }
      var result = await L.api("PUT", "/campaigns/" + id + "/support", { consent_version: consentVersion });
      if (result.ok) {
        setCount(result.data.support_count);
        status.textContent = gettext("Thank you: your support is counted. The total updates within seconds.");
        document.getElementById("support-button").disabled = true;
      } else if (result.status === 401) {
        L.toSignIn();
      } else {
        status.textContent = L.messageOf(result);
      }
    });
  }

  // Following without supporting: updates in the feed, and nobody else sees it. The page is
  // public and cached, so it does not know; following again is harmless (the API is idempotent).
  var followForm = document.getElementById("follow-form");
  if (followForm) {
    followForm.hidden = false;
    var following = false;
    var followButton = document.getElementById("follow-button");
    followForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      if (!L.session()) return L.toSignIn();
      var status = document.getElementById("follow-status");
      var result = await L.api(following ? "DELETE" : "PUT", "/campaigns/" + id + "/follow");
      if (result.ok) {
        following = result.data.following;
        followButton.textContent = following ? gettext("Stop following") : gettext("Follow its updates");
        followButton.setAttribute("aria-pressed", following ? "true" : "false");
        status.textContent = following ? gettext("Following: its updates will reach your feed. Nobody else sees this.")
                                       : gettext("You no longer follow this campaign.");
      } else if (result.status === 401) {
        L.toSignIn();
      } else {
        status.textContent = L.messageOf(result);
      }
    });
  }

  var replyForm = document.getElementById("reply-form");
  if (replyForm) {
    replyForm.hidden = false;
    var parent = document.getElementById("parent-id");
    var label = document.getElementById("reply-label");
    var cancel = document.getElementById("reply-cancel");
    document.querySelectorAll("[data-reply-to]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        parent.value = button.getAttribute("data-reply-to");
        label.textContent = gettext("Your reply to %(name)s", { name: button.getAttribute("data-reply-name") });
        cancel.hidden = false;
        document.getElementById("reply-body").focus();
      });
    });
    cancel.addEventListener("click", function () {
      parent.value = "";
      label.textContent = gettext("Your reply");
      cancel.hidden = true;
    });
    replyForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      if (!L.session()) return L.toSignIn();
      var body = { body: replyForm.body.value };
      if (parent.value) body.parent_id = parent.value;
      var result = await L.api("POST", "/campaigns/" + id + "/replies", body);
      if (result.ok) {
        window.location.assign(window.location.pathname + "?replied=" + encodeURIComponent(result.data.id) +
                               "#reply-" + result.data.id);
      } else {
        document.getElementById("reply-status").textContent = L.messageOf(result);
      }
    });
  }

  // The response form shows only for a minister whose portfolio holds this campaign's area.
  async function offerResponse() {
    var s = L.session();
    if (!s || s.groups.indexOf("ministers") < 0) return;
    var me = await L.api("GET", "/me");
    if (!me.ok || (me.data.portfolio || []).indexOf(page.getAttribute("data-area")) < 0) return;
    var section = document.getElementById("respond");
    section.hidden = false;
    document.getElementById("response-form").addEventListener("submit", async function (event) {
      event.preventDefault();
      var form = event.target;
      var result = await L.api("POST", "/campaigns/" + id + "/response",
                               { stance: form.stance.value, body: form.body.value });
      if (result.ok) {
        window.location.assign(window.location.pathname + "?answered=1#response-heading");
      } else {
        document.getElementById("response-status").textContent = L.messageOf(result);
      }
    });
  }
  L.ready.then(offerResponse);

  // The manifesto form shows only for the policy team of this campaign's area, and admins. It moves
  // the idea from the version read here (If-Match): if someone moved it meanwhile, it says so.
  async function offerManifestoMove() {
    var section = document.getElementById("steer");
    var me = section && await L.steerer(page.getAttribute("data-area"));
    if (!me) return;
    var read = await L.api("GET", "/campaigns/" + id);
    if (!read.ok || read.data.owner.id === me.id) return;  // nobody moves their own idea (403 own_idea)
    var version = read.data.version;
    section.hidden = false;
    document.getElementById("manifesto-form").addEventListener("submit", async function (event) {
      event.preventDefault();
      var form = event.target;
      var status = document.getElementById("manifesto-status");
      var result = await L.api("PUT", "/campaigns/" + id + "/manifesto",
                               { stage: form.stage.value, note: form.note.value }, { "If-Match": String(version) });
      if (result.ok) {
        window.location.assign(window.location.pathname + "?moved=" + encodeURIComponent(result.data.version) +
                               "#manifesto-heading");
      } else if (result.status === 412) {
        status.textContent = gettext("Someone moved this idea since you opened the page. Reload it to see where it is now.");
      } else {
        status.textContent = L.messageOf(result);
      }
    });
  }
  L.ready.then(offerManifestoMove);
})();
