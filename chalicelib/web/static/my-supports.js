// Supports and follows: two lists from GET /me/campaigns, each campaign with its way out
// (withdraw your support, stop following), page after page.
(function () {
  "use strict";
  var L = window.Labourspace;
  var M = window.MySpace;
  var ACTIONS = {
    supported: { label: gettext("Withdraw your support"), path: "/support", done: gettext("Your support is withdrawn."),
                 empty: gettext("You do not support any campaign.") },
    followed: { label: gettext("Stop following"), path: "/follow", done: gettext("You no longer follow it."),
                empty: gettext("You do not follow any campaign.") }
  };

  function item(campaign, action) {
    var li = L.el("li", null, { "class": "card" });
    var heading = L.el("h3");
    heading.appendChild(L.el("a", campaign.title, { href: "/c/" + encodeURIComponent(campaign.slug) }));
    li.appendChild(heading);
    li.appendChild(L.el("p", ngettext("%(number)s supporter · %(status)s", "%(number)s supporters · %(status)s",
                                      campaign.support_count, { number: campaign.support_count.toLocaleString(pageLocale),
                                                                status: wordFor("status", campaign.status) }),
                        { "class": "meta" }));
    var out = L.el("p", null, { role: "status" });
    var undo = M.button(action.label, async function () {
      undo.disabled = true;
      var result = await L.api("DELETE", "/campaigns/" + encodeURIComponent(campaign.id) + action.path);
      if (result.ok) {
        undo.remove();
        out.textContent = action.done;
      } else {
        undo.disabled = false;
        out.textContent = L.messageOf(result);
      }
    }, { "aria-describedby": "title-" + action.path.slice(1) + "-" + campaign.id });
    heading.setAttribute("id", "title-" + action.path.slice(1) + "-" + campaign.id);
    li.appendChild(undo);
    li.appendChild(out);
    return li;
  }

  function section(relation) {
    var list = document.getElementById(relation);
    var action = ACTIONS[relation];
    return M.pager(async function (cursor) {
      var path = "/me/campaigns?relation=" + relation + "&limit=20" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
      var result = await L.api("GET", path);
      if (!result.ok) {
        list.appendChild(L.el("li", L.messageOf(result)));
        return null;
      }
      result.data.items.forEach(function (c) { list.appendChild(item(c, action)); });
      if (!list.children.length) list.appendChild(L.el("li", action.empty));
      return result.data;
    }, document.querySelector("[data-more-for='" + relation + "']"));
  }

  M.start(function () {
    section("supported")();
    section("followed")();
  });
})();
