// Opening a consultation: the form goes to the JSON API with the ID token; the API decides who may.
(function () {
  "use strict";
  var L = window.Labourspace;
  var form = document.getElementById("consultation-form");
  var status = document.getElementById("form-status");

  // A datetime-local value is the person's local time, without a zone: send it as UTC.
  function moment(value) {
    var when = new Date(value);
    return isNaN(when.getTime()) ? value : when.toISOString();
  }

  L.ready.then(function () {
    if (!L.session()) {
      form.querySelectorAll("input, textarea, select, button").forEach(function (el) { el.disabled = true; });
      return;
    }
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var body = { area: form.area.value, question: form.question.value, brief: form.brief.value,
                   opens_at: moment(form.opens_at.value), closes_at: moment(form.closes_at.value) };
      status.textContent = gettext("Opening…");
      var result = await L.api("POST", "/consultations", body);
      if (!result.ok) {
        var fields = result.data && result.data.error && result.data.error.details && result.data.error.details.fields;
        status.textContent = L.messageOf(result) + (fields ? " " + Object.keys(fields).map(function (f) {
          return f + ": " + fields[f];
        }).join("; ") : "");
        return;
      }
      window.location.assign("/consultations/" + encodeURIComponent(result.data.id));
    });
  });
})();
