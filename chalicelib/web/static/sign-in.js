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

  // Where someone was going; else a power user's work (the moderation queue, a minister's inbox, the
  // canvass), else the home page.
  async function landing() {
    if (new URLSearchParams(window.location.search).get("next")) return A.nextPage();
    var found = await L.tools(true);
    return A.nextPage(found && found.work_page);
  }

  async function advance(next) {
    step = next;
    if (next.step === "done") {
      status.textContent = gettext("Signed in.");
      window.location.assign(await landing());
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
  // Set up, the app ends every earlier sign-in, this one too: sign in once more, now with a code.
  attempt(document.getElementById("enrol-form"), async function (form) {
    await A.finishAuthenticator(step.auth.AccessToken, form.code.value.trim(), step.auth.IdToken);
    var next = await A.signIn(email, sections.password.password.value);
    await advance(next);
    if (next.step === "code") {
      status.textContent = gettext("Your authenticator app is set up. To finish signing in, type the next code it shows.");
    }
  });

  var notice = document.getElementById("sign-in-notice");
  var query = new URLSearchParams(window.location.search);
  if (query.get("reset")) {
    notice.textContent = gettext("Your password is changed, and every earlier sign-in has ended. Sign in with it now.");
    notice.hidden = false;
  } else if (query.get("authenticator")) {
    notice.textContent = gettext("Your authenticator app is on, and every earlier sign-in has ended. Sign in with your password and a code.");
    notice.hidden = false;
  } else if (query.get("everywhere")) {
    notice.textContent = gettext("You are signed out everywhere.");
    notice.hidden = false;
  } else if (query.get("confirmed")) {
    notice.textContent = gettext("Your email is confirmed. Sign in to carry on.");
    notice.hidden = false;
  }
  if (query.get("email")) sections.password.email.value = query.get("email");

  // Another tab of this browser is signed in: this one is too, so carry on to where it was going.
  L.ready.then(function (s) { if (s) window.location.replace(A.nextPage()); });
})();
