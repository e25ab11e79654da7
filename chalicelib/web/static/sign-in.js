(function () {
  "use strict";
  var L = window.Labourspace;
  var form = document.getElementById("sign-in-form");
  var status = document.getElementById("sign-in-status");

  function nextPage() {
    // Resolved the way the browser will resolve it (`/\host`, a tab in `//`, `javascript:`
    // all lead elsewhere), then only this site's origin; the full URL, so it stays resolved.
    var next = new URLSearchParams(window.location.search).get("next") || "/";
    try {
      var target = new URL(next, window.location.origin);
      if (target.origin === window.location.origin) return target.href;
    } catch (e) { /* not a URL at all */ }
    return "/";
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
