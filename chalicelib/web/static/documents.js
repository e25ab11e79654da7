// Policy documents' pages: supporting amendments (with explicit consent), amending a clause (for
// yourself or a verified organisation you administer), the policy team's decisions, publishing a
// version, linking ideas, adopting, and publishing a draft. The API decides who may; the forms only
// show to those who can use them. Everything from the API is put in as text, never as HTML.
(function () {
  "use strict";
  var L = window.Labourspace;
  if (!L) return;
  var root = document.querySelector("[data-document]");
  var documentId = root && root.getAttribute("data-document");
  var area = root && root.getAttribute("data-area");

  function say(id, text) { var el = document.getElementById(id); if (el) el.textContent = text; }

  // Supporting: the consent box shows the current wording; ticking it is what is sent. Yours (you support
  // it, and withdrawing) comes from GET /amendments/{id}/support: the pages are the same for everyone.
  var consent = document.getElementById("amendment-consent");
  function showYours(id, supported) {
    var button = document.querySelector("[data-support='" + id + "']");
    var yours = document.querySelector("[data-yours='" + id + "']");
    if (button) button.hidden = supported;
    if (yours) yours.hidden = !supported;
  }
  async function offerSupporting() {
    if (!consent) return;
    consent.hidden = false;
    var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-support]"));
    buttons.forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", async function () {
        if (!L.session()) return L.toSignIn();
        if (!document.getElementById("consent").checked) return say("support-status", gettext("Tick the box to agree first."));
        var id = button.getAttribute("data-support");
        var result = await L.api("PUT", "/amendments/" + encodeURIComponent(id) + "/support",
                                 { consent_version: consent.getAttribute("data-consent-version") });
        if (result.status === 401) return L.toSignIn();
        if (!result.ok) return say("support-status", L.messageOf(result));
        showYours(id, true);
        say("support-status", gettext("Thank you: your support is counted. The total updates within seconds."));
      });
    });
    document.querySelectorAll("[data-withdraw]").forEach(function (button) {
      button.addEventListener("click", async function () {
        var id = button.getAttribute("data-withdraw");
        var result = await L.api("DELETE", "/amendments/" + encodeURIComponent(id) + "/support");
        if (result.status === 401) return L.toSignIn();
        if (!result.ok) return say("support-status", L.messageOf(result));
        showYours(id, false);
        say("support-status", gettext("Your support is withdrawn. The total updates within seconds."));
      });
    });
    if (!L.session()) return;
    await Promise.all(buttons.map(async function (button) {
      var id = button.getAttribute("data-support");
      var result = await L.api("GET", "/amendments/" + encodeURIComponent(id) + "/support");
      if (result.ok) showYours(id, result.data.supported);
    }));
  }

  // Amending a clause: the organisations offered are the verified ones the person administers.
  var amendForm = document.getElementById("amend-form");
  async function offerAmending() {
    if (!amendForm || !L.session()) return;
    amendForm.hidden = false;
    var mine = await L.api("GET", "/me/organisations");
    if (mine.ok) {
      mine.data.items.filter(function (m) { return m.role === "admin" && m.verified; }).forEach(function (m) {
        amendForm.organisation.appendChild(L.el("option", m.organisation.name, { value: m.organisation.handle }));
      });
    }
    amendForm.action.addEventListener("change", function () {
      if (amendForm.action.value === "delete") amendForm.text.value = "";
    });
    amendForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      var body = { clause_id: root.getAttribute("data-clause"), action: amendForm.action.value,
                   text: amendForm.action.value === "delete" ? "" : amendForm.text.value, reason: amendForm.reason.value,
                   language: amendForm.language.value };
      if (amendForm.organisation.value) body.organisation = amendForm.organisation.value;
      var result = await L.api("POST", "/documents/" + encodeURIComponent(documentId) + "/amendments", body);
      if (result.status === 401) return L.toSignIn();
      if (!result.ok) return say("amend-status", L.messageOf(result));
      window.location.assign("/amendments/" + encodeURIComponent(result.data.id) + "?proposed=1");
    });
  }

  // The decision screen and the policy team's tools: only for the policy team of the area, and admins.
  async function offerDeciding() {
    var screen = document.getElementById("decide-screen");
    if (!screen || !await L.steerer(area)) return;
    document.querySelectorAll(".decide-form").forEach(function (item) { item.hidden = false; });
    document.getElementById("team-tools").hidden = false;
    document.querySelectorAll("form.decision").forEach(function (form) {
      form.addEventListener("submit", async function (event) {
        event.preventDefault();
        var body = { decision: form.decision.value, reason: form.reason.value,
                     composite_of: Array.prototype.map.call(form.querySelectorAll("[name=composite_of]:checked"),
                                                            function (box) { return box.value; }) };
        if (form.text.value.trim()) body.text = form.text.value;
        var result = await L.api("PUT", "/amendments/" + encodeURIComponent(form.getAttribute("data-amendment")) +
                                 "/decision", body);
        if (!result.ok) { form.querySelector(".decision-status").textContent = L.messageOf(result); return; }
        window.location.reload();
      });
    });
    var base = "/documents/" + encodeURIComponent(documentId);
    document.getElementById("publish-form").addEventListener("submit", async function (event) {
      event.preventDefault();
      event.target.querySelector("button").disabled = true;
      var result = await L.api("POST", base + "/versions", { note: event.target.note.value });
      if (!result.ok) { event.target.querySelector("button").disabled = false; return say("publish-status", L.messageOf(result)); }
      window.location.assign(base + "/diff?from=" + (result.data.version - 1) + "&to=" + result.data.version);
    });
    document.getElementById("order-form").addEventListener("submit", async function (event) {
      event.preventDefault();
      var chosen = event.target.querySelector("[name=order]:checked");
      var result = await L.api("PATCH", base, { amendment_order: chosen.value });
      say("order-status", result.ok ? gettext("Saved: amendments are listed %(order)s.", {
        order: chosen.labels[0].textContent.toLowerCase() }) : L.messageOf(result));
    });
    document.getElementById("origins-form").addEventListener("submit", async function (event) {
      event.preventDefault();
      var ids = event.target.ideas.value.split(/\s+/).map(function (line) {
        return line.trim().replace(/\/+$/, "").split("/").pop();
      }).filter(Boolean);
      var result = await L.api("PUT", base + "/clauses/" + encodeURIComponent(event.target.clause.value) + "/origins",
                               { campaign_ids: ids });
      say("origins-status", result.ok ? gettext("Linked: %(ideas)s", {
        ideas: result.data.origins.map(function (o) { return o.title; }).join(", ") }) : L.messageOf(result));
    });
    document.getElementById("adopt-form").addEventListener("submit", async function (event) {
      event.preventDefault();
      var result = await L.api("POST", base + "/adopt", { note: event.target.note.value });
      if (!result.ok) return say("adopt-status", L.messageOf(result));
      window.location.assign(base + "?adopted=1");
    });
  }

  // Publishing a draft: "# Heading" lines begin chapters, other lines are clauses.
  var draftForm = document.getElementById("document-form");
  async function offerDrafting() {
    if (!draftForm || !L.session()) return;
    draftForm.hidden = false;
    draftForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      var chapters = [];
      draftForm.text.value.split("\n").forEach(function (raw) {
        var line = raw.trim();
        if (!line) return;
        if (line.indexOf("# ") === 0) chapters.push({ heading: line.slice(2).trim(), clauses: [] });
        else {
          if (!chapters.length) chapters.push({ heading: gettext("General"), clauses: [] });
          chapters[chapters.length - 1].clauses.push(line);
        }
      });
      var result = await L.api("POST", "/documents", {
        area: draftForm.area.value, title: draftForm.title.value, summary: draftForm.summary.value, chapters: chapters,
        amendments_close_at: new Date(draftForm.close.value + "T23:59:00Z").toISOString() });
      if (result.status === 401) return L.toSignIn();
      if (!result.ok) return say("document-status", L.messageOf(result));
      window.location.assign("/documents/" + encodeURIComponent(result.data.id));
    });
  }

  L.ready.then(function () { offerSupporting(); offerAmending(); offerDeciding(); offerDrafting(); });
})();
