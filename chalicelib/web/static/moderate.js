// The moderator's queue: each campaign waiting to open, whole (title, summary, case, area, owner and
// host, the open campaigns like it), to approve or reject with a reason; then what readers reported,
// with its words, where it is, the reasons given and whether reports hid it, to hide or restore.
// Built with textContent only: nothing from the API is parsed as HTML.
(function () {
  "use strict";
  var L = window.Labourspace;
  var el = L.el;
  var pending = document.getElementById("list");
  var reported = document.getElementById("reported");
  var state = document.getElementById("queue-state");
  var more = document.getElementById("pending-more");
  var areaNames = JSON.parse(state.getAttribute("data-area-names"));
  var cursor = null;

  function areaName(id) { return areaNames[id] || id; }

  function paragraphs(text, into) {
    text.split(/\r?\n/).forEach(function (line) { if (line.trim()) into.appendChild(el("p", line.trim())); });
  }

  function personLink(person) {
    return person.handle ? el("a", person.display_name, { href: "/people/" + encodeURIComponent(person.handle) })
                         : document.createTextNode(person.display_name);
  }

  function line(text, nodes) {
    var p = el("p", null, { "class": "meta" });
    p.appendChild(withNodes(text, nodes || {}));
    return p;
  }

  // A reason, then one button per decision; each posts the decision and says what happened.
  function decisions(li, key, label, choices) {
    var field = "reason-" + key;
    li.appendChild(el("label", label, { "for": field }));
    var reason = li.appendChild(el("input", null, { type: "text", id: field, minlength: "5", maxlength: "2000", required: "" }));
    var out = el("p", null, { role: "status" });
    choices.forEach(function (choice) {
      var b = li.appendChild(el("button", choice.label, { type: "button" }));
      b.addEventListener("click", async function () {
        if (reason.value.trim().length < 5) {
          out.textContent = gettext("Give a reason of at least 5 characters first.");
          reason.focus();
          return;
        }
        var result = await L.api("POST", choice.path, Object.assign({ reason: reason.value }, choice.body));
        if (!result.ok) {
          out.textContent = L.messageOf(result);
          return;
        }
        li.querySelectorAll("button, input").forEach(function (x) { x.disabled = true; });
        out.textContent = choice.done;
      });
    });
    li.appendChild(out);
  }

  function similarList(similar) {
    var box = el("div", null, { "class": "similar-found" });
    if (!similar.length) {
      box.appendChild(el("p", gettext("No open campaign in its area has a title like it."), { "class": "meta" }));
      return box;
    }
    box.appendChild(el("p", gettext("Open campaigns like it:")));
    var ul = box.appendChild(el("ul"));
    similar.forEach(function (s) {
      var item = ul.appendChild(el("li"));
      item.appendChild(el("a", s.title, { href: "/c/" + encodeURIComponent(s.slug) }));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", ngettext("%(number)s supporter", "%(number)s supporters", s.support_count,
                                           { number: s.support_count.toLocaleString(pageLocale) }), { "class": "meta" }));
    });
    return box;
  }

  function pendingCard(c) {
    var li = el("li", null, { "class": "card" });
    li.appendChild(el("h3", c.title));
    li.appendChild(el("p", c.summary, { "class": "lead" }));
    var owner = personLink(c.owner);
    li.appendChild(c.organisation
      ? line(gettext("%(area)s · by %(owner)s, hosted by %(host)s"),
             { area: document.createTextNode(areaName(c.area)), owner: owner,
               host: el("a", c.organisation.name, { href: "/people/" + encodeURIComponent(c.organisation.handle) }) })
      : line(gettext("%(area)s · by %(owner)s"), { area: document.createTextNode(areaName(c.area)), owner: owner }));
    if (c.consultation_id) {
      li.appendChild(line(gettext("Answers %(consultation)s"), {
        consultation: el("a", gettext("a consultation"), { href: "/consultations/" + encodeURIComponent(c.consultation_id) }) }));
    }
    var details = li.appendChild(el("details"));
    details.appendChild(el("summary", gettext("The case, in full")));
    paragraphs(c.body, details);
    li.appendChild(similarList(c.similar || []));
    decisions(li, c.id, gettext("Reason, shown to its owner"), [
      { label: gettext("Approve"), path: "/campaigns/" + c.id + "/decision", body: { decision: "approve" },
        done: gettext("Approved: it is open.") },
      { label: gettext("Reject"), path: "/campaigns/" + c.id + "/decision", body: { decision: "reject" },
        done: gettext("Rejected.") }]);
    return li;
  }

  function reportedCard(x) {
    var li = el("li", null, { "class": "card" });
    var content = x.content;
    var where = content ? el("a", content.campaign.title, {
      href: "/c/" + encodeURIComponent(content.campaign.slug) + (x.target_type === "reply" ? "#reply-" + x.target_id : "") })
      : document.createTextNode(gettext("something since deleted"));
    li.appendChild(el("h3")).appendChild(withNodes(
      x.target_type === "reply" ? gettext("A reply on %(campaign)s") : gettext("The campaign %(campaign)s"),
      { campaign: where }));
    if (content) {
      li.appendChild(line(gettext("%(area)s · by %(author)s"),
                          { area: document.createTextNode(areaName(content.campaign.area)), author: personLink(content.author) }));
      var words = li.appendChild(el("blockquote", null, { "class": "queue-text" }));
      if (content.summary) words.appendChild(el("p", content.summary, { "class": "lead" }));
      if (content.removed) words.appendChild(el("p", gettext("Its author has deleted it."), { "class": "removed" }));
      else paragraphs(content.body, words);
    }
    li.appendChild(el("p", [
      ngettext("%(count)s report since %(when)s", "%(count)s reports since %(when)s", x.reports,
               { when: new Date(x.first_reported_at).toLocaleDateString(pageLocale, { day: "numeric", month: "long", year: "numeric" }) }),
      x.hidden ? gettext("hidden by reports until a moderator decides") : gettext("still shown")].join(" · ")));
    if (x.reasons && x.reasons.length) {
      li.appendChild(el("p", gettext("What readers said:")));
      var ul = li.appendChild(el("ul"));
      x.reasons.forEach(function (r) { ul.appendChild(el("li", r)); });
    }
    var path = "/moderation/" + x.target_type + "/" + encodeURIComponent(x.target_id);
    decisions(li, x.target_type + "-" + x.target_id, gettext("Reason, kept in the audit record"), [
      { label: gettext("Hide"), path: path, body: { action: "hide" }, done: gettext("Hidden: only its author and moderators see it.") },
      { label: gettext("Restore"), path: path, body: { action: "restore" },
        done: gettext("Restored: everyone sees it again; only fresh reports can hide it.") }]);
    return li;
  }

  async function load(again) {
    state.textContent = gettext("Loading…");
    var r = await L.api("GET", "/moderation/queue" + (cursor ? "?cursor=" + encodeURIComponent(cursor) : ""));
    if (!r.ok) {
      state.textContent = L.messageOf(r);
      return;
    }
    state.textContent = "";
    r.data.items.forEach(function (c) { pending.appendChild(pendingCard(c)); });
    if (!again) {
      if (!r.data.items.length) pending.appendChild(el("li", gettext("No campaign is waiting.")));
      if (!r.data.reported.length) reported.appendChild(el("li", gettext("Nothing reported is waiting.")));
      r.data.reported.forEach(function (x) { reported.appendChild(reportedCard(x)); });
    }
    cursor = r.data.next_cursor;
    more.hidden = !cursor;
  }

  more.addEventListener("click", function () { load(true); });
  L.ready.then(function (s) { if (s) load(false); });
})();
