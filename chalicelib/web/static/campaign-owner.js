// The campaign's own people: its owner and its host organisation's members send updates to its
// supporters and may close it; an admin may close it too. The page is public and cached, so this
// asks who is signed in; the API decides who may (403 for anyone else).
(function () {
  "use strict";
  var L = window.Labourspace;
  var A = window.Acts;
  var tools = document.getElementById("owner-tools");
  var page = document.querySelector("[data-campaign-id]");
  if (!tools || !page) return;
  var id = page.getAttribute("data-campaign-id");

  async function offer() {
    var me = await A.me();
    if (!me) return;
    var host = tools.getAttribute("data-organisation");
    var own = me.id === tools.getAttribute("data-owner-id") || (host && (await A.myOrganisations()).indexOf(host) >= 0);
    var admin = (me.roles || []).indexOf("admin") >= 0;
    if (!own && !admin) return;
    tools.hidden = false;
    if (own) offerUpdates();
    offerClosing();
  }

  function offerUpdates() {
    var form = document.getElementById("update-form");
    var status = document.getElementById("update-status");
    var key = A.idempotencyKey();  // a retried send is the same update, not a second one
    form.hidden = false;
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      var result = await L.api("POST", "/campaigns/" + id + "/updates",
                               { headline: form.headline.value, body: form.body.value }, { "Idempotency-Key": key });
      button.disabled = false;
      if (result.ok) return A.reload("updated", result.data.id, "updates-heading");
      status.textContent = L.messageOf(result);
      if (result.status !== 503) key = A.idempotencyKey();  // refused: what is sent next is a new update
    });
  }

  function offerClosing() {
    var form = document.getElementById("close-form");
    if (!form) return;
    var confirm = document.getElementById("close-confirm");
    var status = document.getElementById("close-status");
    var closeButton = form.querySelector("button[type=submit]");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      confirm.hidden = false;
      closeButton.hidden = true;
      document.getElementById("close-yes").focus();
    });
    document.getElementById("close-no").addEventListener("click", function () {
      confirm.hidden = true;
      closeButton.hidden = false;
      closeButton.focus();
    });
    document.getElementById("close-yes").addEventListener("click", async function () {
      var result = await L.api("POST", "/campaigns/" + id + "/close", { reason: form.reason.value });
      if (result.ok) return A.reload("closed", "1");
      status.textContent = L.messageOf(result);
    });
  }

  offer();
})();
