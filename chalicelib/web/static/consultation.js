// Closing a consultation: the form shows only for the policy team of its area and admins
// (Labourspace.steerer). The summary is published once.
(function () {
  "use strict";
  var L = window.Labourspace;
  var section = document.getElementById("close-consultation");
  if (!L || !section) return;

  async function offerClose() {
    if (!await L.steerer(section.getAttribute("data-area"))) return;
    section.hidden = false;
    var form = document.getElementById("close-form");
    var status = document.getElementById("close-status");
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      form.querySelector("button").disabled = true;  // one summary: a double click sends one close
      status.textContent = gettext("Publishing…");
      var id = section.getAttribute("data-consultation");
      var result = await L.api("POST", "/consultations/" + encodeURIComponent(id) + "/close",
                               { summary: form.summary.value });
      if (result.ok || result.status === 409) {  // 409: someone closed it meanwhile; the page shows theirs
        window.location.assign(window.location.pathname + "?closed=1#summary");
        return;
      }
      form.querySelector("button").disabled = false;
      status.textContent = L.messageOf(result);
    });
  }
  L.ready.then(offerClose);
})();
