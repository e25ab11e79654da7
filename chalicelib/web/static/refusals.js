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
    campaign_decision: "decide whether it opens", moderation: "hide or restore it",
    manifesto: "move it through the manifesto", official_response: "answer it for the government",
    amendment: "decide it"
  };
  var STAKES = {
    author: "it is their own", campaign_owner: "it is on their own campaign",
    hosting_organisation: "they belong to the organisation hosting it"
  };

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric",
                                                                    hour: "2-digit", minute: "2-digit" });
  }

  function item(r) {
    var li = el("li", null, { "class": "card" });
    var h = el("h2");
    var what = r.target_type === "reply" ? "A reply on " : "";
    if (r.target_type === "amendment") {
      h.appendChild(el("a", "An amendment to a policy document", { href: "/amendments/" + r.target_id }));
    } else if (r.campaign) {
      h.appendChild(document.createTextNode(what));
      h.appendChild(el("a", r.campaign.title, { href: "/c/" + r.campaign.slug }));
    } else {
      h.textContent = what + "A campaign since removed";
    }
    li.appendChild(h);
    var who = el("p");
    if (r.person.handle) {
      who.appendChild(el("a", r.person.display_name, { href: "/people/" + r.person.handle }));
    } else {
      who.appendChild(document.createTextNode(r.person.display_name));
    }
    who.appendChild(document.createTextNode(" asked to " + (DECISIONS[r.decision] || r.decision) +
                                            " (" + r.requested + "). Refused: " + (STAKES[r.rule] || r.rule) + "."));
    li.appendChild(who);
    var at = el("p", null, { "class": "meta" });
    at.appendChild(el("time", when(r.at), { datetime: r.at }));
    li.appendChild(at);
    return li;
  }

  async function load() {
    more.disabled = true;
    state.textContent = "Loading…";
    var r = await L.api("GET", "/refusals" + (cursor ? "?cursor=" + encodeURIComponent(cursor) : ""));
    more.disabled = false;
    if (!r.ok) { state.textContent = L.messageOf(r); more.hidden = true; return; }
    r.data.items.forEach(function (refusal) { list.appendChild(item(refusal)); });
    cursor = r.data.next_cursor;
    more.hidden = !cursor;
    var n = list.children.length;
    state.textContent = n ? n + (n === 1 ? " refusal" : " refusals") + " shown." : "Nobody has been refused.";
  }

  more.addEventListener("click", load);
  L.ready.then(function (s) { if (s) load(); });
})();
