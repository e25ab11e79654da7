// A forgotten password: the API mails a code (or, where the address has no account, a note saying so:
// this page cannot tell which); the code and a new password set it, and every earlier sign-in ends.
(function () {
  "use strict";
  var A = window.LabourspaceAccounts;
  var requestForm = document.getElementById("reset-request-form");
  var resetStep = document.getElementById("reset-step");
  var status = document.getElementById("reset-status");
  var email = "";

  A.onSubmit(requestForm, status, async function (form) {
    email = form.email.value.trim();
    await A.forgotPassword(email);  // says the same whether or not the account exists
    document.getElementById("reset-email").textContent = email;
    requestForm.hidden = true;
    resetStep.hidden = false;
    status.textContent = "";
    document.getElementById("reset-code").focus();
  });

  A.onSubmit(document.getElementById("reset-form"), status, async function (form) {
    var problem = A.passwordProblem(form.password.value);
    if (problem) throw Object.assign(new Error(problem), { field: "password" });  // said by the password field
    await A.confirmNewPassword(email, form.code.value.trim(), form.password.value);
    window.location.assign("/sign-in?reset=1&email=" + encodeURIComponent(email));
  });
})();
