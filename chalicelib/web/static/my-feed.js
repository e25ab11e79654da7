// Your feed: updates newest first, those that arrived since your last visit marked "New". Once
// shown, POST /me/feed/seen marks them read, and the header's badge is told so.
(function () {
  "use strict";
  var L = window.Labourspace;
  var M = window.MySpace;
  var list = document.getElementById("feed");
  var status = document.getElementById("feed-status");
  var KINDS = { response: gettext("Official response"), owner_update: gettext("News from the campaign"),
    closed: gettext("Closed"), consultation_closed: gettext("Consultation closed"), manifesto: gettext("The manifesto"),
    amendment_decided: gettext("An amendment decided"), clause_shaped: gettext("An idea in a policy document"),
    document_adopted: gettext("A policy document adopted"),
    campaign_approved: gettext("Your campaign"), campaign_rejected: gettext("Your campaign"),
    invited: gettext("An invitation"), reply_to_reply: gettext("An answer to your reply") };
  var unmarked = 0;  // how many of the next items shown arrived since the last visit

  function address(url) {
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : "/";
    } catch (e) { return "/"; }
  }

  function item(update) {
    var li = L.el("li", null, { "class": "card" });
    var meta = L.el("p", null, { "class": "meta" });
    if (unmarked > 0) {
      meta.appendChild(L.el("strong", gettext("New"), { "class": "new" }));
      meta.appendChild(document.createTextNode(" "));
      unmarked -= 1;
    }
    meta.appendChild(document.createTextNode((KINDS[update.kind] || update.kind) + " · "));
    meta.appendChild(L.el("time", M.when(update.created_at), { datetime: update.created_at }));
    var heading = L.el("h2");
    heading.appendChild(L.el("a", update.title, { href: address(update.url) }));
    li.appendChild(heading);
    li.appendChild(meta);
    li.appendChild(L.el("p", update.text));
    return li;
  }

  var more = M.pager(async function (cursor) {
    var result = await L.api("GET", "/me/feed?limit=20" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
    if (!result.ok) {
      status.textContent = L.messageOf(result);
      return null;
    }
    result.data.items.forEach(function (update) { list.appendChild(item(update)); });
    if (!list.children.length) {
      status.textContent = gettext("Nothing here yet. News from the campaigns you support or follow will appear here.");
    }
    return result.data;
  }, document.getElementById("older"));

  M.start(async function () {
    var unread = await L.api("GET", "/me/feed/unread");
    var count = unread.ok ? unread.data : { unread: 0, more: false };
    unmarked = count.unread;
    await more();
    if (count.unread) {
      status.textContent = count.more ? gettext("More than 99 new since you last looked.")
        : ngettext("%(count)s new since you last looked.", "%(count)s new since you last looked.", count.unread);
    }
    var seen = await L.api("POST", "/me/feed/seen");
    if (seen.ok) {
      document.dispatchEvent(new CustomEvent("labourspace:unread", { detail: { unread: 0, more: false } }));
    }
  });
})();
