// The signed-in lists: your campaigns, the moderation queue, a minister's inbox. Built with
// textContent only: nothing from the API is ever parsed as HTML.
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

  async function decide(campaign, decision, reasonInput, out) {
    var result = await L.api("POST", "/campaigns/" + campaign.id + "/decision",
                             { decision: decision, reason: reasonInput.value });
    out.textContent = result.ok ? (decision === "approve" ? gettext("Approved: it is open.") : gettext("Rejected."))
                                : L.messageOf(result);
  }

  function moderationItem(c) {
    var li = item(c.title, null, [c.summary, gettext("Area: %(area)s · by %(name)s",
                                                     { area: c.area, name: c.owner.display_name })]);
    var reasonId = "reason-" + c.id;
    li.appendChild(el("label", gettext("Reason, shown to its owner"), { "for": reasonId }));
    var reason = el("input", null, { id: reasonId, type: "text", minlength: "5", required: "" });
    li.appendChild(reason);
    var out = el("p", null, { role: "status" });
    ["approve", "reject"].forEach(function (decision) {
      var b = el("button", decision === "approve" ? gettext("Approve") : gettext("Reject"), { type: "button" });
      b.addEventListener("click", function () { decide(c, decision, reason, out); });
      li.appendChild(b);
    });
    li.appendChild(out);
    return li;
  }

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
    },
    moderate: async function () {
      var r = await L.api("GET", "/moderation/queue");
      if (!r.ok) return empty(L.messageOf(r));
      if (!r.data.items.length) empty(gettext("Nothing is waiting."));
      r.data.items.forEach(function (c) { list.appendChild(moderationItem(c)); });
      r.data.reported.forEach(function (x) {
        list.appendChild(item(gettext("Reported %(type)s %(id)s", { type: x.target_type, id: x.target_id }), null,
                              [ngettext("%(count)s report since %(when)s", "%(count)s reports since %(when)s", x.reports,
                                        { when: x.first_reported_at })]));
      });
    },
    inbox: async function () {
      var r = await L.api("GET", "/ministers/me/inbox");
      if (!r.ok) return empty(L.messageOf(r));
      if (!r.data.items.length) return empty(gettext("Nothing is waiting for your response."));
      r.data.items.forEach(function (c) {
        list.appendChild(item(c.title, "/c/" + c.slug + "#respond",
          [[ngettext("%(number)s supporter", "%(number)s supporters", c.support_count,
                     { number: c.support_count.toLocaleString(pageLocale) }),
            ngettext("waiting %(count)s day", "waiting %(count)s days", c.days_waiting)]
            .concat(c.overdue ? [gettext("overdue")] : []).join(" · ")]));
      });
    }
  };

  L.ready.then(function (s) { if (s) loaders[kind](); });
})();
