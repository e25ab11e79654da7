// Joining: SignUp, then ConfirmSignUp with the emailed code, then signed in on your own page.
(function () {
  "use strict";
  var L = window.Labourspace;
  var A = window.LabourspaceAccounts;
  var CHOSEN = "labourspace.joining";  // name and region, kept across a reload while the email is checked
  var joinForm = document.getElementById("join-form");
  var confirmStep = document.getElementById("confirm-step");
  var status = document.getElementById("join-status");
  var email = "";
  var password = null;  // only in this page's memory, to sign in once the email is confirmed

  function toConfirm(address) {
    email = address;
    document.getElementById("confirm-email").textContent = address;
    joinForm.hidden = true;
    confirmStep.hidden = false;
    document.getElementById("confirm-code").focus();
  }

  A.onSubmit(joinForm, status, async function (form) {
    var address = form.email.value.trim();
    await A.signUp(address, form.password.value);
    password = form.password.value;
    sessionStorage.setItem(CHOSEN, JSON.stringify({ display_name: form.display_name.value.trim(),
                                                    region: form.region.value || null }));
    status.textContent = "";
    toConfirm(address);
  });

  A.onSubmit(document.getElementById("confirm-form"), status, async function (form) {
    await A.confirmSignUp(email, form.code.value.trim());
    if (password === null) {  // the page was reloaded: the password is gone, so sign in by hand
      window.location.assign("/sign-in?confirmed=1&email=" + encodeURIComponent(email) +
                             "&next=" + encodeURIComponent("/my/profile?welcome=1"));
      return;
    }
    status.textContent = gettext("Confirmed. Signing you in…");
    var result = await A.signIn(email, password);
    password = null;
    if (result.step !== "done") {  // cannot happen for a new account; the sign-in page knows the rest
      window.location.assign("/sign-in?confirmed=1&email=" + encodeURIComponent(email));
      return;
    }
    var chosen = JSON.parse(sessionStorage.getItem(CHOSEN) || "{}");
    await L.api("GET", "/me");  // makes the profile
    var profile = {};
    if (chosen.display_name) profile.display_name = chosen.display_name;
    if (chosen.region) profile.region = chosen.region;
    if (Object.keys(profile).length) await L.api("PATCH", "/me", profile);
    sessionStorage.removeItem(CHOSEN);
    window.location.assign("/my/profile?welcome=1");
  });

  document.getElementById("resend-code").addEventListener("click", async function () {
    try {
      await A.resendCode(email);
      status.textContent = gettext("A new code is on its way to %(email)s.", { email: email });
    } catch (e) {
      status.textContent = e.message;
    }
  });

  var waiting = new URLSearchParams(window.location.search).get("confirm");
  if (waiting) {
    toConfirm(waiting);
    status.textContent = gettext("Your email address is not confirmed yet. Enter the code we sent, or ask for a new one.");
  }
})();
