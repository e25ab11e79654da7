// A minister's inbox: every open campaign in their portfolio, what needs an answer first. Those past
// the response threshold come first (overdue, then longest waiting); then, area by area, the other
// open campaigns not yet answered, most supported first, and the answered ones last, each area paged
// with "More". Built with textContent only.
(function () {
  "use strict";
  var L = window.Labourspace;
  var el = L.el;
  var waiting = document.getElementById("list");
  var openAreas = document.getElementById("open-areas");
  var state = document.getElementById("inbox-state");
  var areaNames = JSON.parse(state.getAttribute("data-area-names"));
  var sections = {};

  function supporters(n) {
    return ngettext("%(number)s supporter", "%(number)s supporters", n, { number: n.toLocaleString(pageLocale) });
  }

  function card(title, href, lines, linkText) {
    var li = el("li", null, { "class": "card" });
    li.appendChild(el("h3")).appendChild(el("a", title, { href: href }));
    lines.forEach(function (text) { li.appendChild(el("p", text, { "class": "meta" })); });
    if (linkText) li.appendChild(el("p")).appendChild(el("a", linkText, { href: href }));
    return li;
  }

  function waitingCard(c) {
    var parts = [areaNames[c.area] || c.area, supporters(c.support_count),
                 ngettext("waiting %(count)s day", "waiting %(count)s days", c.days_waiting)];
    if (c.overdue) parts.push(gettext("overdue"));
    return card(c.title, "/c/" + encodeURIComponent(c.slug) + "#respond", [parts.join(" · ")], gettext("Answer it"));
  }

  function openCard(c) {
    var href = "/c/" + encodeURIComponent(c.slug) + (c.answered ? "#response-heading" : "#respond");
    var parts = [supporters(c.support_count)];
    parts.push(c.answered ? gettext("answered: %(stance)s", { stance: wordFor("stance", c.stance) })
                          : gettext("not answered yet"));
    return card(c.title, href, [parts.join(" · ")], c.answered ? null : gettext("Answer it"));
  }

  // One area's part of "Open in your portfolio", made on first use.
  function section(area) {
    if (!sections[area]) {
      var box = openAreas.appendChild(el("section", null, { "aria-labelledby": "open-" + area }));
      box.appendChild(el("h3", areaNames[area] || area, { id: "open-" + area }));
      var list = box.appendChild(el("ul", null, { "class": "cards" }));
      var more = box.appendChild(el("p")).appendChild(el("button", gettext("More in %(area)s", { area: areaNames[area] || area }),
                                                          { type: "button", hidden: "" }));
      sections[area] = { list: list, more: more, cursor: null };
      more.addEventListener("click", async function () {
        more.disabled = true;
        var r = await L.api("GET", "/ministers/me/inbox?area=" + encodeURIComponent(area) +
                                   "&cursor=" + encodeURIComponent(sections[area].cursor));
        more.disabled = false;
        if (!r.ok) { state.textContent = L.messageOf(r); return; }
        showOpen(r.data.open, r.data.open_more);
      });
    }
    return sections[area];
  }

  function showOpen(items, cursors) {
    items.forEach(function (c) { section(c.area).list.appendChild(openCard(c)); });
    Object.keys(cursors || {}).forEach(function (area) {
      var s = section(area);
      s.cursor = cursors[area];
      s.more.hidden = !s.cursor;
    });
  }

  async function load() {
    state.textContent = gettext("Loading…");
    var r = await L.api("GET", "/ministers/me/inbox");
    if (!r.ok) { state.textContent = L.messageOf(r); return; }
    state.textContent = "";
    if (!r.data.items.length) waiting.appendChild(el("li", gettext("Nothing past the threshold is waiting for an answer.")));
    r.data.items.forEach(function (c) { waiting.appendChild(waitingCard(c)); });
    (r.data.portfolio || []).forEach(section);
    showOpen(r.data.open || [], r.data.open_more);
    Object.keys(sections).forEach(function (area) {
      if (!sections[area].list.children.length) sections[area].list.appendChild(el("li", gettext("No other open campaign here.")));
    });
    if (!Object.keys(sections).length) openAreas.appendChild(el("p", gettext("Your portfolio holds no policy area yet: an admin gives you one.")));
  }

  L.ready.then(function (s) { if (s) load(); });
})();
