// The home page's "Popular in <your region>": only for someone signed in, filled in here so the
// page itself stays the same for everyone (and cacheable). Built with textContent only.
(function () {
  "use strict";
  var L = window.Labourspace;
  var section = document.getElementById("popular");
  var ask = document.getElementById("popular-ask");
  if (!L || !section) return;
  var el = L.el;

  function card(c, regionName) {
    var li = el("li", null, { "class": "card" });
    var h = el("h3");
    h.appendChild(el("a", c.title, { href: c.url }));
    li.appendChild(h);
    li.appendChild(el("p", c.summary));
    li.appendChild(el("p", ngettext("About %(number)s supporter in %(region)s · %(total)s in all",
                                    "About %(number)s supporters in %(region)s · %(total)s in all", c.region_supporters,
                                    { number: c.region_supporters.toLocaleString(pageLocale), region: regionName,
                                      total: c.support_count.toLocaleString(pageLocale) }), { "class": "meta" }));
    return li;
  }

  async function show() {
    var me = await L.api("GET", "/me");
    if (!me.ok) return;
    if (!me.data.region) { ask.hidden = false; return; }
    var popular = await L.api("GET", "/regions/" + encodeURIComponent(me.data.region) + "/popular");
    if (!popular.ok) return;
    var name = popular.data.region_name;
    document.getElementById("popular-heading").textContent = gettext("Popular in %(region)s", { region: name });
    var list = document.getElementById("popular-list");
    popular.data.items.forEach(function (c) { list.appendChild(card(c, name)); });
    list.hidden = !popular.data.items.length;
    document.getElementById("popular-state").textContent = popular.data.items.length ? "" :
      gettext("No campaign has 10 or more supporters in %(region)s yet.", { region: name });
    section.hidden = false;
  }

  L.ready.then(function (s) { if (s) show(); });
})();
