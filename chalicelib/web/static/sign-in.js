// Signing in: password, then the authenticator's code if the account has one, or setting one up
// first for an account that must have one (ministers, moderators, admins, the policy team).
(function () {
  "use strict";
  var L = window.Labourspace;
  var A = window.LabourspaceAccounts;
  var status = document.getElementById("sign-in-status");
  var sections = { password: document.getElementById("sign-in-form"), code: document.getElementById("code-step"),
                   enrol: document.getElementById("enrol-step") };
  var step = null;
  var email = "";

  function show(name) {
    Object.keys(sections).forEach(function (k) { sections[k].hidden = k !== name; });
    var field = sections[name].querySelector("input");
    if (field) field.focus();
  }

  async function advance(next) {
    step = next;
    if (next.step === "done") {
      status.textContent = gettext("Signed in.");
      window.location.assign(A.nextPage());
    } else if (next.step === "code") {
      status.textContent = "";
      show("code");
    } else if (next.step === "enrol") {
      var setup = await A.beginAuthenticator(next.auth.AccessToken, email);
      A.showAuthenticator("enrol", setup);
      status.textContent = "";
      show("enrol");
    }
  }

  function attempt(form, work) {
    A.onSubmit(form, status, work, function (e) {
      if (e.code !== "UserNotConfirmedException") return false;
      window.location.assign("/join?confirm=" + encodeURIComponent(email));
      return true;
    });
  }

  attempt(sections.password, async function (form) {
    email = form.email.value.trim();
    await advance(await A.signIn(email, form.password.value));
  });
  attempt(document.getElementById("code-form"), async function (form) {
    await advance(await A.answerCode(step, form.code.value.trim()));
  });
  attempt(document.getElementById("enrol-form"), async function (form) {
    await A.finishAuthenticator(step.auth.AccessToken, form.code.value.trim());
    await L.startSession(step.auth);
    await advance({ step: "done" });
  });

  var notice = document.getElementById("sign-in-notice");
  var query = new URLSearchParams(window.location.search);
  if (query.get("reset")) {
    notice.textContent = gettext("Your password is changed. Sign in with it now.");
    notice.hidden = false;
  } else if (query.get("confirmed")) {
    notice.textContent = gettext("Your email is confirmed. Sign in to carry on.");
    notice.hidden = false;
  }
  if (query.get("email")) sections.password.email.value = query.get("email");

  // Another tab of this browser is signed in: this one is too, so carry on to where it was going.
  L.ready.then(function (s) { if (s) window.location.replace(A.nextPage()); });
})();
