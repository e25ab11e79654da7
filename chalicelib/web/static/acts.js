// What the campaign page's controls share (its owner's tools, your own replies, reports, a minister's
// answer): who is signed in, read once per page; the organisations they belong to; a fresh copy of the
// page after an act (a new query, so no cache serves the old one); a key that makes a retried post one
// post. Loaded by each control's partial, so it sets itself up once.
(function () {
  "use strict";
  if (window.Acts) return;
  var L = window.Labourspace;
  var me = null;
  var organisations = null;

  // The signed-in person's profile, or null (signed out, or the API would not say).
  function whoAmI() {
    if (!me) {
      me = L.ready.then(async function (s) {
        if (!s) return null;
        var result = await L.api("GET", "/me");
        return result.ok ? result.data : null;
      });
    }
    return me;
  }

  // Handles of the organisations the signed-in person belongs to (accepted), or [].
  function myOrganisations() {
    if (!organisations) {
      organisations = whoAmI().then(async function (person) {
        if (!person) return [];
        var result = await L.api("GET", "/me/organisations");
        return result.ok ? result.data.items.map(function (m) { return m.organisation.handle; }) : [];
      });
    }
    return organisations;
  }

  // The page again, as it is now, at `hash`: the query says what was just done.
  function reload(param, value, hash) {
    window.location.assign(window.location.pathname + "?" + param + "=" + encodeURIComponent(value) +
                           (hash ? "#" + hash : ""));
  }

  function idempotencyKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  window.Acts = { me: whoAmI, myOrganisations: myOrganisations, reload: reload, idempotencyKey: idempotencyKey };
})();
