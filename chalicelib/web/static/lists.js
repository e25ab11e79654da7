// The signed-in list of your campaigns. Built with textContent only: nothing from the API is ever
// parsed as HTML. (The moderation queue and a minister's inbox have their own: moderate.js, inbox.js.)
(function () {
  "use strict";
  var L = window.Labourspace;
  var list = document.getElementById("list");
  var kind = list.getAttribute("data-list");
  var el = L.el;

  function item(title, href, lines) {
    var li = el("li", null, { "class": "card" });
    var h = el("h2");
    h.appendChild(href ? el("a", title, { href: href }) : document.createTextNode(title));
    li.appendChild(h);
    lines.forEach(function (line) { li.appendChild(el("p", line)); });
    return li;
  }

  function empty(text) { list.appendChild(el("li", text)); }

  var loaders = {
    mine: async function () {
      var r = await L.api("GET", "/me/campaigns");
      if (!r.ok) return empty(L.messageOf(r));
      if (!r.data.items.length) return empty(gettext("You have not started a campaign yet."));
      r.data.items.forEach(function (c) {
        var editable = c.status === "draft" || c.status === "rejected";
        var href = editable ? "/my/campaigns/" + c.id + "/edit" : (c.status === "pending" ? null : "/c/" + c.slug);
        var lines = [ngettext("Status: %(status)s · %(number)s supporter", "Status: %(status)s · %(number)s supporters",
                              c.support_count, { status: wordFor("status", c.status),
                                                 number: c.support_count.toLocaleString(pageLocale) })];
        if (c.moderation_reason) lines.push(gettext("Moderator: %(reason)s", { reason: c.moderation_reason }));
        list.appendChild(item(c.title, href, lines));
      });
    }
  };

  L.ready.then(function (s) { if (s) loaders[kind](); });
})();
