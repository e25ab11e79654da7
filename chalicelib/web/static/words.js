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

  // Which of a message's plural forms goes with `count`: CLDR's rule for the page's language (<html lang>),
  // its categories in CLDR's order, which is the order Babel numbers gettext's forms in (English: one,
  // other; Welsh: zero, one, two, few, many, other, six forms as the catalogue's Plural-Forms says).
  var ORDER = ["zero", "one", "two", "few", "many", "other"];
  var rules = null;
  try { rules = new Intl.PluralRules(document.documentElement.lang || "en"); } catch (e) { rules = null; }
  function formOf(count, forms) {
    if (!rules || forms.length <= 2) return count === 1 ? 0 : 1;
    var categories = rules.resolvedOptions().pluralCategories;
    var index = ORDER.filter(function (c) { return categories.indexOf(c) >= 0; }).indexOf(rules.select(count));
    return index < 0 ? forms.length - 1 : index;
  }

  window.ngettext = function (singular, plural, count, values) {
    var said = translated[singular];
    var forms = Array.isArray(said) && said.length ? said : [singular, plural];
    var chosen = forms[formOf(count, forms)] || (count === 1 ? singular : plural);
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
    stance: { considering: gettext("considering"), accepted: gettext("accepted"), declined: gettext("declined") },
    stage: { shortlisted: gettext("shortlisted"), in_draft: gettext("in the draft manifesto"),
             adopted: gettext("adopted"), not_taken_forward: gettext("not taken forward") },
    role: { citizen: gettext("member"), minister: gettext("minister"), moderator: gettext("moderator"), admin: gettext("admin"),
            policy: gettext("policy team") }
  };
  window.wordFor = function (kind, value) {
    return (VALUES[kind] && VALUES[kind][value]) || value;
  };

  // Numbers and dates as the page's language writes them (<html lang>).
  window.pageLocale = document.documentElement.lang || "en-GB";

  // A date in words, as the pages write it ("4 December 2026" in en-GB): UTC's date, as stored,
  // so a script and the server-rendered page never disagree about the day.
  window.dateInWords = function (iso) {
    var d = new Date(iso);
    if (!iso || isNaN(d.getTime())) return iso || "";
    return d.toLocaleDateString(window.pageLocale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  };
})();
