// Everything held about you, set out to read: GET /me/export as sections, lists and plain values,
// every value put in as text. The download is the same document, as a file.
(function () {
  "use strict";
  var L = window.Labourspace;
  var M = window.MySpace;
  var el = L.el;
  var out = document.getElementById("export");
  var status = document.getElementById("export-status");
  var held = null;
  // The export keeps ids; the page names them in its language (the region names and alert kinds come
  // with the page, from the catalogue).
  var regionNames = JSON.parse(out.getAttribute("data-region-names") || "{}");
  var alertNames = JSON.parse(out.getAttribute("data-alert-names") || "{}");
  var PLATFORMS = { apns: gettext("An iPhone or iPad"), fcm: gettext("An Android phone") };

  function named(names, id) { return id ? names[id] || id : id; }

  function membership(o) {
    var handle = o.handle || o.id;
    if (o.state === "invited") {
      return o.role === "admin" ? gettext("@%(handle)s: invited as an admin", { handle: handle })
                                : gettext("@%(handle)s: invited as a member", { handle: handle });
    }
    return o.role === "admin" ? gettext("@%(handle)s: an admin", { handle: handle })
                              : gettext("@%(handle)s: a member", { handle: handle });
  }

  function when(iso) { return iso ? M.when(iso) : gettext("never"); }

  function section(title, items, render, empty) {
    var s = el("section", null, { "class": "held" });
    s.appendChild(el("h2", title));
    if (!items.length) {
      s.appendChild(el("p", empty || gettext("Nothing.")));
    } else {
      var list = el("ul", null, { "class": "cards" });
      items.forEach(function (item) {
        var li = el("li", null, { "class": "card" });
        render(item).forEach(function (line) { if (line) li.appendChild(line); });
        list.appendChild(li);
      });
      s.appendChild(list);
    }
    out.appendChild(s);
  }

  function pairs(rows) {  // [label, value] -> a definition list; empty values say so
    var dl = el("dl", null, { "class": "record" });
    rows.forEach(function (row) {
      dl.appendChild(el("dt", row[0]));
      dl.appendChild(el("dd", row[1] === null || row[1] === undefined || row[1] === "" ? gettext("not given") : String(row[1])));
    });
    return dl;
  }

  function campaignLink(id, title) {
    return title || gettext("Campaign %(id)s", { id: id });
  }

  function show(data) {
    var p = data.profile;
    var profile = el("section", null, { "class": "held" });
    profile.appendChild(el("h2", gettext("Your profile")));
    profile.appendChild(pairs([[gettext("Handle"), "@" + p.handle], [gettext("Display name"), p.display_name],
                               [gettext("Bio"), p.bio], [gettext("Constituency"), p.constituency],
                               [gettext("Nation or region"), named(regionNames, p.region)],
                               [gettext("Roles"), (p.roles || []).map(function (r) { return wordFor("role", r); }).join(", ")],
                               [gettext("Joined"), when(p.created_at)]]));
    out.appendChild(profile);

    section(gettext("Your campaigns"), data.campaigns, function (c) {
      return [el("h3", c.title), el("p", gettext("Status: %(status)s · started %(date)s",
                                                 { status: wordFor("status", c.status), date: dateInWords(c.created_at) })),
              c.moderation_reason ? el("p", gettext("Moderator: %(reason)s", { reason: c.moderation_reason })) : null];
    });
    section(gettext("Your supports, with the consent you gave"), data.supports, function (s) {
      return [el("h3", campaignLink(s.campaign_id, s.campaign_title)),
              el("p", gettext("Supported %(date)s, agreeing to version %(version)s of the consent wording.",
                              { date: when(s.supported_at), version: s.consent.version || gettext("not recorded") }))];
    });
    section(gettext("Campaigns you follow"), data.follows, function (f) { return [el("p", campaignLink(f.campaign_id))]; });
    section(gettext("Your replies"), data.replies, function (r) {
      var lines = [el("p", gettext("On %(campaign)s, %(date)s", { campaign: campaignLink(r.campaign_id), date: when(r.created_at) }),
                      { "class": "meta" })];
      lines.push(r.deleted_at ? el("p", gettext("Deleted %(date)s.", { date: when(r.deleted_at) })) : el("p", r.body));
      if (r.earlier_versions.length) {
        lines.push(el("p", ngettext("%(count)s earlier version kept.", "%(count)s earlier versions kept.",
                                    r.earlier_versions.length), { "class": "meta" }));
      }
      return lines;
    });
    section(gettext("Official responses you gave"), data.official_responses, function (r) {
      return [el("p", gettext("On %(campaign)s, %(date)s: %(stance)s", { campaign: campaignLink(r.campaign_id),
                                                                          date: when(r.created_at),
                                                                          stance: wordFor("stance", r.stance) }),
                 { "class": "meta" }), el("p", r.body)];
    });
    section(gettext("Updates you posted"), data.campaign_updates, function (u) {
      return [el("h3", u.headline), el("p", when(u.created_at), { "class": "meta" }), el("p", u.body)];
    });
    section(gettext("Reports you made"), data.reports, function (r) {
      var words = r.target_type === "reply" ? gettext("A reply, reported %(date)s: %(reason)s")
                                            : gettext("A campaign, reported %(date)s: %(reason)s");
      return [el("p", words.replace("%(date)s", when(r.created_at)).replace("%(reason)s", r.reason || ""))];
    });
    section(gettext("Your organisations and invitations"), data.organisations, function (o) {
      return [el("p", membership(o))];
    });
    var n = data.notification_settings;
    var settings = el("section", null, { "class": "held" });
    settings.appendChild(el("h2", gettext("Your notification settings")));
    settings.appendChild(pairs([[gettext("Email in use"), n.email], [gettext("Email waiting for its link"), n.pending_email],
                                [gettext("Minister's alerts"), (n.alerts || []).map(function (a) { return named(alertNames, a); }).join("; ")],
                                [gettext("Feed read up to"), n.feed_read_up_to ? when(n.feed_read_up_to) : null]]));
    out.appendChild(settings);
    section(gettext("Your phones"), data.devices, function (d) {
      return [el("p", gettext("%(platform)s, added %(date)s", { platform: named(PLATFORMS, d.platform), date: when(d.registered_at) }))];
    });
    section(gettext("Your feed"), data.feed, function (f) {
      return [el("h3", f.title), el("p", when(f.created_at), { "class": "meta" }), el("p", f.text)];
    });
  }

  document.getElementById("download").addEventListener("click", function () {
    if (!held) return;
    var file = new Blob([JSON.stringify(held, null, 2)], { type: "application/json" });
    var link = el("a", null, { href: URL.createObjectURL(file), download: "labourspace-data-" + held.exported_at.slice(0, 10) + ".json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  M.start(async function () {
    var result = await L.api("GET", "/me/export");
    if (!result.ok) {
      status.textContent = L.messageOf(result);
      return;
    }
    held = result.data;
    status.textContent = gettext("As held on %(date)s.", { date: when(held.exported_at) });
    show(held);
  });
})();
