// Your replies, newest first (GET /me/replies), each with where it is and "Delete" (after a second
// click). Built with textContent only.
(function () {
  "use strict";
  var L = window.Labourspace;
  var M = window.MySpace;
  var list = document.getElementById("replies");
  var state = document.getElementById("replies-state");

  function paragraphs(text, into) {
    text.split(/\r?\n/).forEach(function (line) { if (line.trim()) into.appendChild(L.el("p", line.trim())); });
  }

  function card(r) {
    var li = L.el("li", null, { "class": "card" });
    var where = r.campaign ? L.el("a", r.campaign.title, { href: "/c/" + encodeURIComponent(r.campaign.slug) + "#reply-" + r.id })
                           : document.createTextNode(gettext("a campaign since removed"));
    li.appendChild(L.el("h2")).appendChild(withNodes(gettext("On %(campaign)s"), { campaign: where }));
    var meta = [M.when(r.created_at)];
    if (r.edited) meta.push(gettext("edited"));
    if (r.hidden) meta.push(gettext("hidden by moderation: only you and moderators see it"));
    li.appendChild(L.el("p", meta.join(" · "), { "class": "meta" }));
    if (r.removed) {
      li.appendChild(L.el("p", gettext("You deleted this reply."), { "class": "removed" }));
      return li;
    }
    // Marked with its own language when that is not the page's, so a screen reader pronounces it right.
    var foreign = r.language && r.language !== document.documentElement.lang.slice(0, 2);
    var words = li.appendChild(L.el("div", null, foreign ? { lang: r.language } : undefined));
    paragraphs(r.body, words);
    var out = L.el("p", null, { role: "status" });
    var ask = li.appendChild(M.button(gettext("Delete this reply"), function () {
      ask.hidden = true;
      var confirm = li.insertBefore(L.el("div", null, { "class": "confirm" }), out);
      confirm.appendChild(L.el("p", gettext("Delete it? Its words go for good; replies to it stay.")));
      confirm.appendChild(M.button(gettext("Yes, delete it"), async function () {
        var result = await L.api("DELETE", "/campaigns/" + encodeURIComponent(r.campaign_id) + "/replies/" +
                                           encodeURIComponent(r.id));
        if (!result.ok) { out.textContent = L.messageOf(result); return; }
        words.remove();
        confirm.remove();
        out.textContent = gettext("Deleted.");
      }, { "class": "danger" })).focus();
      confirm.appendChild(M.button(gettext("Keep it"), function () { confirm.remove(); ask.hidden = false; ask.focus(); },
                                   { "class": "secondary" }));
    }));
    li.appendChild(out);
    return li;
  }

  var next = M.pager(async function (cursor) {
    var result = await L.api("GET", "/me/replies" + (cursor ? "?cursor=" + encodeURIComponent(cursor) : ""));
    if (!result.ok) { state.textContent = L.messageOf(result); return null; }
    result.data.items.forEach(function (r) { list.appendChild(card(r)); });
    state.textContent = list.children.length ? "" : gettext("You have not replied to a campaign.");
    return result.data;
  }, document.getElementById("replies-more"));

  M.start(function () { next(); });
})();
