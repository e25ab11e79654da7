// The canvass page: GET /areas/{id}/canvass with the signed-in person's token, a table built with
// textContent only. The CSV comes from the API too (it needs the token, so it is fetched, not linked).
(function () {
  "use strict";
  var L = window.Labourspace;
  var root = document.getElementById("canvass");
  var area = root.getAttribute("data-area");
  var body = document.querySelector("#canvass-table tbody");
  var state = document.getElementById("canvass-state");
  var more = document.getElementById("canvass-more");
  var statusSelect = document.getElementById("canvass-status");
  var cursor = null;
  var el = L.el;
  var regionNames = JSON.parse(state.getAttribute("data-region-names"));

  function number(n) { return n === null || n === undefined ? gettext("not known yet") : n.toLocaleString(pageLocale); }

  // Each figure as the API gives it: a number (exact), "~15" (rounded), "<10", or "10+" (withheld).
  function figure(value) {
    if (typeof value === "number") return number(value);
    if (value === "10+") return gettext("10 or more (withheld)");
    return value.charAt(0) === "~" ? gettext("about %(number)s", { number: value.slice(1) }) : value;
  }

  function regions(byRegion, asOf) {
    var shown = Object.keys(byRegion).filter(function (r) { return byRegion[r] !== "<10"; })
      .map(function (r) { return (regionNames[r] || r) + ": " + figure(byRegion[r]); });
    var text = shown.length ? shown.join(", ") : gettext("fewer than 10 in every region");
    return asOf ? gettext("%(figures)s (as of %(time)s UTC)", { figures: text, time: asOf.slice(0, 16).replace("T", " ") })
      : text;
  }

  // The consultation an idea answers, by its question, linked.
  function consultation(idea) {
    var td = el("td");
    var c = idea.consultation;
    if (c) td.appendChild(el("a", c.question, { href: "/consultations/" + encodeURIComponent(c.id) }));
    else if (idea.consultation_id) td.textContent = gettext("a consultation");
    return td;
  }

  function row(idea) {
    var tr = el("tr");
    var title = el("th", null, { scope: "row" });
    title.appendChild(el("a", idea.title, { href: "/c/" + idea.slug }));
    tr.appendChild(title);
    [number(idea.support_count), number(idea.growth_7_days), number(idea.growth_30_days),
     idea.minister_stance ? wordFor("stance", idea.minister_stance) : gettext("no response yet"),
     number(idea.replies)].forEach(function (text) { tr.appendChild(el("td", text)); });
    tr.appendChild(consultation(idea));
    tr.appendChild(el("td", idea.manifesto_stage ? wordFor("stage", idea.manifesto_stage) : gettext("not yet")));
    tr.appendChild(el("td", regions(idea.support_by_region, idea.support_by_region_as_of)));
    return tr;
  }

  async function load(again) {
    if (!again) { body.textContent = ""; cursor = null; }
    var path = "/areas/" + encodeURIComponent(area) + "/canvass?status=" + statusSelect.value +
      (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    state.textContent = gettext("Loading…");
    var r = await L.api("GET", path);
    if (!r.ok) { state.textContent = L.messageOf(r); return; }
    r.data.items.forEach(function (idea) { body.appendChild(row(idea)); });
    cursor = r.data.next_cursor;
    more.hidden = !cursor;
    var shown = body.children.length;
    state.textContent = shown ? ngettext("%(count)s idea shown.", "%(count)s ideas shown.", shown)
                              : gettext("No ideas here yet.");
  }

  async function downloadCsv() {
    var s = await L.fresh();
    if (!s) return;
    var response = await fetch("/areas/" + encodeURIComponent(area) + "/canvass.csv",
                               { headers: { Authorization: "Bearer " + s.token }, credentials: "omit" });
    if (!response.ok) {
      state.textContent = gettext("The CSV could not be made (%(status)s).", { status: response.status });
      return;
    }
    var link = el("a", null, { href: URL.createObjectURL(await response.blob()), download: "canvass-" + area + ".csv" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  statusSelect.addEventListener("change", function () { load(false); });
  more.addEventListener("click", function () { load(true); });
  document.getElementById("canvass-csv").addEventListener("click", downloadCsv);
  L.ready.then(function (s) { if (s) load(false); });
})();
