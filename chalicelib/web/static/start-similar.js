// Similar campaigns on the start form: as the title is written (GET /campaigns/similar, a moment
// after typing stops) and after each save (the API's `similar`), before the draft goes to the
// moderators. Built with textContent only.
(function () {
  "use strict";
  var L = window.Labourspace;
  var section = document.getElementById("similar");
  var list = document.getElementById("similar-list");
  var form = document.getElementById("campaign-form");
  if (!section || !form) return;
  var asked = "";
  var timer = null;

  function show(items) {
    list.textContent = "";
    (items || []).forEach(function (c) {
      var li = L.el("li");
      li.appendChild(L.el("a", c.title, { href: "/c/" + encodeURIComponent(c.slug) }));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(L.el("span", ngettext("%(number)s supporter", "%(number)s supporters", c.support_count,
                                           { number: c.support_count.toLocaleString(pageLocale) }), { "class": "meta" }));
      list.appendChild(li);
    });
    section.hidden = !list.children.length;
  }

  async function lookUp() {
    var title = form.title.value.trim();
    var key = title + "\n" + form.area.value;
    if (title.length < 10 || key === asked) return;
    asked = key;
    var result = await L.api("GET", "/campaigns/similar?title=" + encodeURIComponent(title) +
                                    "&area=" + encodeURIComponent(form.area.value));
    if (result.ok && asked === key) show(result.data.items);
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 600);
  }

  form.title.addEventListener("input", soon);
  form.title.addEventListener("change", lookUp);
  form.area.addEventListener("change", lookUp);
  window.StartSimilar = { show: show, lookUp: lookUp };
})();
