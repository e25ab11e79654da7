// Your sign-in: an authenticator app (anyone may turn one on), a new sign-in email, and signing out
// everywhere.
(function () {
  "use strict";
  var L = window.Labourspace;
  var A = window.LabourspaceAccounts;
  var status = document.getElementById("security-status");
  var state = document.getElementById("authenticator-state");
  var start = document.getElementById("authenticator-start");

  async function accessToken() {
    var s = await L.fresh();
    if (!s) L.toSignIn();
    return s.accessToken;
  }

  async function showAuthenticator() {
    var on = await A.hasAuthenticator(await accessToken());
    state.textContent = on ? gettext("On: signing in asks for a code from your authenticator app.")
                           : gettext("Off: signing in needs only your password. Turning it on keeps your account safe " +
                                     "even if someone learns your password.");
    start.hidden = on;
  }

  start.addEventListener("click", async function () {
    try {
      var s = L.session();
      var setup = await A.beginAuthenticator(await accessToken(), s && s.claims.email);
      A.showAuthenticator("authenticator", setup);
      document.getElementById("authenticator-setup").hidden = false;
      start.hidden = true;
      document.getElementById("authenticator-code").focus();
    } catch (e) {
      status.textContent = e.message;
    }
  });

  // Turned on, every earlier sign-in ends, this one too: the person signs in again, with a code.
  document.getElementById("authenticator-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    try {
      var token = await accessToken();
      await A.finishAuthenticator(token, event.target.code.value.trim(), L.session().token);
      await L.signOut();
      window.location.assign("/sign-in?authenticator=1&next=" + encodeURIComponent("/my/security"));
    } catch (e) {
      status.textContent = e.message;
    }
  });

  // A new sign-in email: a code to it, then the code back. The session's token still names the old
  // address until it is next refreshed, so the page says the new one itself.
  var newEmail = "";
  var emailNow = document.getElementById("email-now");
  var codeForm = document.getElementById("email-code-form");
  A.onSubmit(document.getElementById("email-request-form"), status, async function (form) {
    newEmail = form.email.value.trim();
    await A.askForNewEmail(newEmail);
    document.getElementById("email-sent-to").textContent = newEmail;
    codeForm.hidden = false;
    status.textContent = "";
    document.getElementById("email-code").focus();
  });
  A.onSubmit(codeForm, status, async function (form) {
    await A.confirmNewEmail(newEmail, form.code.value.trim());
    emailNow.textContent = newEmail;
    codeForm.hidden = true;
    form.reset();
    status.textContent = gettext("Done: sign in with %(email)s from now on.", { email: newEmail });
  });

  document.getElementById("sign-out-everywhere").addEventListener("click", async function () {
    try {
      await A.signOutEverywhere();
      window.location.assign("/sign-in?everywhere=1");
    } catch (e) {
      status.textContent = e.message;
    }
  });

  L.ready.then(function (s) {
    if (!s) return;
    emailNow.textContent = s.claims.email || "";
    showAuthenticator().catch(function (e) { status.textContent = e.message; });
  });
})();
