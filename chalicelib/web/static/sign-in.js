(function () {
  "use strict";
  var L = window.Labourspace;
  var form = document.getElementById("sign-in-form");
  var status = document.getElementById("sign-in-status");

  function nextPage() {
    var next = new URLSearchParams(window.location.search).get("next") || "/";
    // Only a path on this site: never `//elsewhere` or `https://elsewhere`.
    return /^\/(?!\/)/.test(next) ? next : "/";
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    status.textContent = "Signing in…";
    try {
      await L.signIn(form.email.value.trim(), form.password.value);
      status.textContent = "Signed in.";
      window.location.assign(nextPage());
    } catch (e) {
      status.textContent = e.message;
    }
  });
})();
