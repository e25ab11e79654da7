// What the pages of "Your space" share: they show themselves once signed in, put the API's
// errors next to the fields they name, and show times. Everything from the API goes in as text.
(function () {
  "use strict";
  var L = window.Labourspace;

  function start(load) {
    L.ready.then(function (s) {
      if (!s) return;  // site.js shows the page's "sign in to see this"
      document.querySelectorAll("[data-mine]").forEach(function (el) { el.hidden = false; });
      load(s);
    });
  }

  function when(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    return d.toLocaleString(pageLocale, { day: "numeric", month: "long", year: "numeric", hour: "2-digit",
                                       minute: "2-digit" });
  }

  function readable(message) {
    return String(message).replace(/^Value error, /, "");
  }

  // Clears the form's field errors, then shows each one the answer names next to its field (the
  // 400's details.fields; a taken handle's 409). Returns whether one was shown.
  function fieldErrors(form, result, prefix) {
    form.querySelectorAll(".field-error").forEach(function (p) { p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    var error = result && result.data && result.data.error;
    if (!error) return false;
    var fields = (error.details && error.details.fields) || {};
    if (error.code === "handle_taken") fields = { handle: error.message + " " + gettext("Choose another.") };
    var shown = false;
    Object.keys(fields).forEach(function (name) {
      var input = document.getElementById((prefix || "") + name);
      var out = document.getElementById((prefix || "") + name + "-error");
      if (!input || !out) return;
      out.textContent = readable(fields[name]);
      input.setAttribute("aria-invalid", "true");
      if (!shown) input.focus();
      shown = true;
    });
    return shown;
  }

  function button(text, onClick, attrs) {
    var b = L.el("button", text, Object.assign({ type: "button" }, attrs || {}));
    b.addEventListener("click", onClick);
    return b;
  }

  // A list that loads page after page: `more` is shown while there is a next page.
  function pager(load, more) {
    var cursor = null;
    async function next() {
      more.disabled = true;
      var page = await load(cursor);
      more.disabled = false;
      cursor = page && page.next_cursor;
      more.hidden = !cursor;
    }
    more.addEventListener("click", next);
    return next;
  }

  window.MySpace = { start: start, when: when, fieldErrors: fieldErrors, button: button, pager: pager };
})();
