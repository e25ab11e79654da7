// Admins: GET /refusals with the signed-in person's token, page after page, built with textContent only.
(function () {
  "use strict";
  var L = window.Labourspace;
  var el = L.el;
  var list = document.getElementById("refusals");
  var state = document.getElementById("refusals-state");
  var more = document.getElementById("refusals-more");
  var cursor = null;

  var DECISIONS = {
    campaign_decision: gettext("decide whether it opens"), moderation: gettext("hide or restore it"),
    manifesto: gettext("move it through the manifesto"), official_response: gettext("answer it as its minister"),
    amendment: gettext("decide it")
  };
  var STAKES = {
    author: gettext("it is their own"), campaign_owner: gettext("it is on their own campaign"),
    hosting_organisation: gettext("they belong to the organisation hosting it")
  };

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleString(pageLocale, { day: "numeric", month: "long", year: "numeric",
                                                                     hour: "2-digit", minute: "2-digit" });
  }

  function item(r) {
    var li = el("li", null, { "class": "card" });
    var h = el("h2");
    var reply = r.target_type === "reply";
    if (r.target_type === "amendment") {
      h.appendChild(el("a", gettext("An amendment to a policy document"), { href: "/amendments/" + r.target_id }));
    } else if (r.campaign) {
      var link = el("a", r.campaign.title, { href: "/c/" + r.campaign.slug });
      h.appendChild(reply ? withNodes(gettext("A reply on %(campaign)s"), { campaign: link }) : link);
    } else {
      var gone = gettext("A campaign since removed");
      h.textContent = reply ? gettext("A reply on %(campaign)s", { campaign: gone }) : gone;
    }
    li.appendChild(h);
    var who = el("p");
    var person = r.person.handle ? el("a", r.person.display_name, { href: "/people/" + r.person.handle })
                                 : document.createTextNode(r.person.display_name);
    who.appendChild(withNodes(gettext("%(person)s asked to %(decision)s (%(requested)s). Refused: %(stake)s.",
                                      { decision: DECISIONS[r.decision] || r.decision, requested: r.requested,
                                        stake: STAKES[r.rule] || r.rule }), { person: person }));
    li.appendChild(who);
    var at = el("p", null, { "class": "meta" });
    at.appendChild(el("time", when(r.at), { datetime: r.at }));
    li.appendChild(at);
    return li;
  }

  async function load() {
    more.disabled = true;
    state.textContent = gettext("Loading…");
    var r = await L.api("GET", "/refusals" + (cursor ? "?cursor=" + encodeURIComponent(cursor) : ""));
    more.disabled = false;
    if (!r.ok) { state.textContent = L.messageOf(r); more.hidden = true; return; }
    r.data.items.forEach(function (refusal) { list.appendChild(item(refusal)); });
    cursor = r.data.next_cursor;
    more.hidden = !cursor;
    var n = list.children.length;
    state.textContent = n ? ngettext("%(count)s refusal shown.", "%(count)s refusals shown.", n)
                          : gettext("Nobody has been refused.");
  }

  more.addEventListener("click", load);
  L.ready.then(function (s) { if (s) load(); });
})();
