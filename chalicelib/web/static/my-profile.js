// Your profile: the form PATCHes /me with the version it read (If-Match); a taken handle's 409
// is shown next to the handle. The preview is built as you type, as your public page shows it.
(function () {
  "use strict";
  var L = window.Labourspace;
  var M = window.MySpace;
  var form = document.getElementById("profile-form");
  var status = document.getElementById("profile-status");
  var fields = ["handle", "display_name", "bio", "constituency", "region"];
  var saved = null;

  function preview() {
    var constituency = form.constituency.value.trim();
    document.getElementById("preview-name").textContent = form.display_name.value.trim() || gettext("(no name yet)");
    document.getElementById("preview-meta").textContent =
      "@" + form.handle.value.trim().toLowerCase() + (constituency ? " · " + constituency : "");
    var bio = document.getElementById("preview-bio");
    bio.textContent = "";
    form.bio.value.split(/\r?\n/).forEach(function (line) {
      if (line.trim()) bio.appendChild(L.el("p", line.trim()));
    });
  }

  function shownValue(profile, f) { return profile[f] === null || profile[f] === undefined ? "" : profile[f]; }

  function show(profile) {
    saved = profile;
    fields.forEach(function (f) { form[f].value = shownValue(profile, f); });
    var link = document.getElementById("public-page");
    link.href = "/people/" + encodeURIComponent(profile.handle);
    link.textContent = gettext("Open your public page, /people/%(handle)s", { handle: profile.handle });
    preview();
  }

  form.addEventListener("input", preview);
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (!saved) return;
    var changes = {};
    fields.forEach(function (f) {
      // An empty region is "not given": null unsets it; the other fields have no null.
      if (form[f].value !== shownValue(saved, f)) changes[f] = f === "region" && !form[f].value ? null : form[f].value;
    });
    M.fieldErrors(form, null);
    if (!Object.keys(changes).length) {
      status.textContent = gettext("Nothing has changed.");
      return;
    }
    status.textContent = gettext("Saving…");
    var result = await L.api("PATCH", "/me", changes, { "If-Match": String(saved.version) });
    if (result.ok) {
      show(result.data);
      status.textContent = gettext("Saved. Your public page shows it now.");
    } else if (result.status === 412) {
      status.textContent = gettext("Your profile was changed elsewhere since this page loaded: reload the page and try again.");
    } else {
      status.textContent = M.fieldErrors(form, result) ? gettext("Please correct what is marked above.") : L.messageOf(result);
    }
  });

  M.start(async function () {
    var result = await L.api("GET", "/me");
    if (result.ok) show(result.data); else status.textContent = L.messageOf(result);
  });
})();
