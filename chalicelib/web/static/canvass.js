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

  function number(n) { return n === null || n === undefined ? gettext("not known yet") : n.toLocaleString(pageLocale); }

  function regions(byRegion) {
    var shown = Object.keys(byRegion).filter(function (r) { return byRegion[r] !== "<10"; })
      .map(function (r) { return r + ": " + number(byRegion[r]); });
    return shown.length ? shown.join(", ") : gettext("fewer than 10 in every region");
  }

  function row(idea) {
    var tr = el("tr");
    var title = el("th", null, { scope: "row" });
    title.appendChild(el("a", idea.title, { href: "/c/" + idea.slug }));
    tr.appendChild(title);
    [number(idea.support_count), number(idea.growth_7_days), number(idea.growth_30_days),
     idea.minister_stance ? wordFor("stance", idea.minister_stance) : gettext("no response yet"),
     number(idea.replies), idea.consultation_id || "",
     regions(idea.support_by_region)].forEach(function (text) { tr.appendChild(el("td", text)); });
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
