// Joining: the API mails a code (or, where the address has an account, a note saying so: this page
// cannot tell which, and says only "check your email"); the code and the password chosen make the
// account; then signed in on your own page.
(function () {
  "use strict";
  var L = window.Labourspace;
  var A = window.LabourspaceAccounts;
  var CHOSEN = "labourspace.joining";  // name and region, kept across a reload while the email is checked
  var joinForm = document.getElementById("join-form");
  var confirmStep = document.getElementById("confirm-step");
  var confirmPassword = document.getElementById("confirm-password-field");
  var status = document.getElementById("join-status");
  var email = "";
  var password = null;  // only in this page's memory; after a reload the confirm step asks for it

  function toConfirm(address) {
    email = address;
    document.getElementById("confirm-email").textContent = address;
    joinForm.hidden = true;
    confirmStep.hidden = false;
    confirmPassword.hidden = password !== null;
    confirmPassword.querySelector("input").required = password === null;
    document.getElementById("confirm-code").focus();
  }

  A.onSubmit(joinForm, status, async function (form) {
    var problem = A.passwordProblem(form.password.value);
    if (problem) throw Object.assign(new Error(problem), { field: "password" });  // said by the password field
    var address = form.email.value.trim();
    await A.askToJoin(address);
    password = form.password.value;
    sessionStorage.setItem(CHOSEN, JSON.stringify({ display_name: form.display_name.value.trim(),
                                                    region: form.region.value || null }));
    status.textContent = "";
    toConfirm(address);
  });

  A.onSubmit(document.getElementById("confirm-form"), status, async function (form) {
    var chosen = password !== null ? password : form.password.value;
    var problem = A.passwordProblem(chosen);
    if (problem) throw Object.assign(new Error(problem), { field: "password" });  // said by the password field
    await A.join(email, form.code.value.trim(), chosen);
    status.textContent = gettext("Your account is ready. Signing you in…");
    var result = await A.signIn(email, chosen);
    password = null;
    if (result.step !== "done") {  // cannot happen for a new account; the sign-in page knows the rest
      window.location.assign("/sign-in?email=" + encodeURIComponent(email));
      return;
    }
    var wanted = JSON.parse(sessionStorage.getItem(CHOSEN) || "{}");
    await L.api("GET", "/me");  // makes the profile
    var profile = {};
    if (wanted.display_name) profile.display_name = wanted.display_name;
    if (wanted.region) profile.region = wanted.region;
    if (Object.keys(profile).length) await L.api("PATCH", "/me", profile);
    sessionStorage.removeItem(CHOSEN);
    window.location.assign("/my/profile?welcome=1");
  });

  document.getElementById("resend-code").addEventListener("click", async function () {
    try {
      await A.askToJoin(email);
      status.textContent = gettext("We have sent another email to %(email)s. Use the newest code.", { email: email });
    } catch (e) {
      status.textContent = e.message;
    }
  });

  var waiting = new URLSearchParams(window.location.search).get("confirm");
  if (waiting) {
    toConfirm(waiting);
    status.textContent = gettext("Your email address is not confirmed yet. Ask for a code, then type it here with a password.");
  }
})();
