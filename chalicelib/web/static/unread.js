// The header's unread badge: how many updates reached your feed since you last opened it.
// Signed out, it asks nothing. Signed in, it asks the API at most once a minute per tab (the
// answer is kept in sessionStorage for this account), and the feed page tells it when all is read.
(function () {
  "use strict";
  var L = window.Labourspace;
  var badge = document.querySelector("[data-unread]");
  var KEY = "labourspace.unread";
  var FRESH_MS = 60 * 1000;
  if (!L || !badge) return;

  function show(count) {
    badge.querySelector("[data-unread-count]").textContent = count.more ? "99+" : String(count.unread);
    badge.hidden = !(count.unread > 0 || count.more);
  }

  function remember(who, count) {
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ who: who, at: Date.now(), unread: count.unread, more: count.more }));
    } catch (e) { /* storage full or refused: the next page asks again */ }
  }

  function remembered(who) {
    try {
      var kept = JSON.parse(sessionStorage.getItem(KEY) || "null");
      return kept && kept.who === who && Date.now() - kept.at < FRESH_MS ? kept : null;
    } catch (e) { return null; }
  }

  L.ready.then(function (s) {
    if (!s) return;
    var who = s.claims.sub;

    // The feed page marks everything read, then says so: no second call.
    document.addEventListener("labourspace:unread", function (event) {
      remember(who, event.detail);
      show(event.detail);
    });
    var kept = remembered(who);
    // The feed page keeps the count it came with until its own call has marked all read.
    if (document.getElementById("feed")) return kept && show(kept);

    function ask() {
      L.api("GET", "/me/feed/unread").then(function (result) {
        if (!result.ok) return;
        remember(who, result.data);
        show(result.data);
      });
    }

    if (kept) return show(kept);
    // After the page has loaded, so its own calls reach the API first: the badge matters least.
    if (document.readyState === "complete") ask();
    else window.addEventListener("load", function () { ask(); });
  });
})();
