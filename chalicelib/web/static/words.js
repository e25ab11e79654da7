// What the scripts say, in the page's language. A script writes its English as gettext's msgid
// (`gettext("Saved.")`, `ngettext("%(count)s reply", "%(count)s replies", n, { count: n })`), and
// `make messages` extracts it into the catalogue with the templates' words. A page in another
// language carries that language's translations in <script id="script-words" type="application/json">
// (from chalicelib/messages); an English page carries none, and the English is shown as written.
// Placeholders are `%(name)s`, filled from the last argument; values go in as text.
(function () {
  "use strict";
  var block = document.getElementById("script-words");
  var translated = block ? JSON.parse(block.textContent) : {};

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  window.gettext = function (message, values) {
    var said = translated[message];
    return fill(typeof said === "string" && said ? said : message, values);
  };

  // English's rule: one is singular, everything else plural. A language with other plural forms
  // brings its rule here along with its catalogue (issue 29: Welsh has six).
  window.ngettext = function (singular, plural, count, values) {
    var said = translated[singular];
    var forms = Array.isArray(said) && said.length ? said : [singular, plural];
    var chosen = forms[count === 1 ? 0 : 1] || (count === 1 ? singular : plural);
    return fill(chosen, Object.assign({ count: count }, values || {}));
  };

  // Translated words with elements in them, wherever the language puts them:
  // withNodes(gettext("%(person)s asked to leave."), { person: link }) -> a fragment to append.
  window.withNodes = function (text, nodes) {
    var fragment = document.createDocumentFragment();
    text.split(/(%\(\w+\)s)/).forEach(function (part) {
      var name = /^%\((\w+)\)s$/.exec(part);
      if (part) fragment.appendChild(name && nodes[name[1]] ? nodes[name[1]] : document.createTextNode(part));
    });
    return fragment;
  };

  // Words for values the API returns as they are (a campaign's status, a minister's stance).
  var VALUES = {
    status: { draft: gettext("draft"), pending: gettext("pending"), rejected: gettext("rejected"),
              open: gettext("open"), closed: gettext("closed") },
    stance: { considering: gettext("considering"), accepted: gettext("accepted"), declined: gettext("declined") }
  };
  window.wordFor = function (kind, value) {
    return (VALUES[kind] && VALUES[kind][value]) || value;
  };

  // Numbers and dates as the page's language writes them (<html lang>).
  window.pageLocale = document.documentElement.lang || "en-GB";
})();
