// Opening a consultation: the form goes to the JSON API with the ID token; the API decides who may.
// A policy member is offered only their own areas (from GET /me), an admin every area; the dates are
// days, as people think of them: opening today opens it now, and it closes as its last day ends.
(function () {
  "use strict";
  var L = window.Labourspace;
  var form = document.getElementById("consultation-form");
  var status = document.getElementById("form-status");
  var DAY = 24 * 60 * 60 * 1000;
  var DEFAULT_DAYS_OPEN = 42;
  // What each date field's refusal means, in the page's words (the API names the field).
  var DATE_PROBLEMS = {
    opens_at: gettext("Choose an opening day within the next year."),
    closes_at: gettext("Choose a closing day after the opening day, not in the past, and at most 366 days after it.")
  };

  function day(date) {  // a Date as the person's local YYYY-MM-DD, what a date field holds
    var local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return local.toISOString().slice(0, 10);
  }

  function startOf(value) {  // a YYYY-MM-DD as the start of that local day
    var parts = value.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]);
  }

  function opening(value) {
    return value === day(new Date()) ? new Date().toISOString() : startOf(value).toISOString();
  }

  function closing(value) {  // the last moment of that local day
    return new Date(startOf(value).getTime() + DAY - 1000).toISOString();
  }

  function showErrors(result) {
    form.querySelectorAll(".field-error").forEach(function (p) { p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    var error = result.data && result.data.error;
    var fields = (error && error.details && error.details.fields) || {};
    var first = null;
    Object.keys(fields).forEach(function (name) {
      var input = document.getElementById(name);
      var out = document.getElementById(name + "-error");
      if (!input || !out) return;
      out.textContent = DATE_PROBLEMS[name] || String(fields[name]).replace(/^Value error, /, "");
      input.setAttribute("aria-invalid", "true");
      first = first || input;
    });
    if (first) first.focus();
  }

  function offerOwnAreas(session, me) {
    if (session.groups.indexOf("admins") >= 0) return true;
    var own = (me && me.policy_areas) || [];
    Array.prototype.slice.call(form.area.options).forEach(function (option) {
      if (own.indexOf(option.value) < 0) option.remove();
    });
    return form.area.options.length > 0;
  }

  function disable() {
    form.querySelectorAll("input, textarea, select, button").forEach(function (el) { el.disabled = true; });
  }

  var today = new Date();
  form.opens_at.value = day(today);
  form.opens_at.min = day(today);
  form.opens_at.max = day(new Date(today.getTime() + 365 * DAY));
  form.closes_at.value = day(new Date(today.getTime() + DEFAULT_DAYS_OPEN * DAY));
  form.closes_at.min = day(today);
  form.opens_at.addEventListener("change", function () {
    if (!form.opens_at.value) return;
    form.closes_at.min = form.opens_at.value;
    form.closes_at.max = day(new Date(startOf(form.opens_at.value).getTime() + 366 * DAY));
  });

  L.ready.then(async function (session) {
    if (!session) return disable();
    var me = await L.api("GET", "/me");
    if (!offerOwnAreas(session, me.ok ? me.data : null)) {
      document.getElementById("no-areas").hidden = false;
      return disable();
    }
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var body = { area: form.area.value, question: form.question.value, brief: form.brief.value,
                   opens_at: opening(form.opens_at.value), closes_at: closing(form.closes_at.value) };
      status.textContent = gettext("Opening…");
      var result = await L.api("POST", "/consultations", body);
      if (!result.ok) {
        showErrors(result);
        status.textContent = L.messageOf(result);
        return;
      }
      window.location.assign("/consultations/" + encodeURIComponent(result.data.id));
    });
  });
})();
