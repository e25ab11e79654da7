// Choosing an area to canvass: the areas this person steers (GET /me/tools), the others put away.
(function () {
  "use strict";
  var L = window.Labourspace;
  L.ready.then(async function (s) {
    if (!s) return;
    var found = await L.tools();
    if (!found) return;
    var mine = found.canvass_areas || [];
    document.querySelectorAll("#canvass-areas [data-area]").forEach(function (li) {
      li.hidden = mine.indexOf(li.getAttribute("data-area")) < 0;
    });
    document.getElementById("canvass-none").hidden = mine.length > 0;
  });
})();
