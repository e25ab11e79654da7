// Your data: the export is fetched with your sign-in and saved as a file; erasing asks for the
// box to be ticked (the page lists what goes and what stays), then DELETE /me, then signs out.
(function () {
  "use strict";
  var L = window.Labourspace;
  var M = window.MySpace;
  var download = document.getElementById("download");
  var downloadStatus = document.getElementById("download-status");
  var eraseForm = document.getElementById("erase-form");
  var eraseStatus = document.getElementById("erase-status");

  download.addEventListener("click", async function () {
    download.disabled = true;
    downloadStatus.textContent = gettext("Gathering your data…");
    var result = await L.api("GET", "/me/export");
    download.disabled = false;
    if (!result.ok) {
      downloadStatus.textContent = L.messageOf(result);
      return;
    }
    var file = new Blob([JSON.stringify(result.data, null, 2)], { type: "application/json" });
    var link = L.el("a", null, { href: URL.createObjectURL(file),
                                 download: "labourspace-data-" + result.data.exported_at.slice(0, 10) + ".json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60 * 1000);
    downloadStatus.textContent = gettext("Downloaded: the file is in your downloads.");
  });

  eraseForm.addEventListener("submit", async function (event) {
    event.preventDefault();
    var button = eraseForm.querySelector("button");
    button.disabled = true;
    eraseStatus.textContent = gettext("Erasing…");
    var result = await L.api("DELETE", "/me");
    if (!result.ok) {
      button.disabled = false;
      eraseStatus.textContent = L.messageOf(result);
      return;
    }
    await L.signOut();  // the account is going: its refresh token is revoked, nothing to stay signed in to
    eraseForm.querySelectorAll(".consent, button").forEach(function (x) { x.remove(); });
    download.disabled = true;
    eraseStatus.textContent = result.data.message + " " + gettext("You have been signed out.");
  });

  M.start(function () {});
})();
