// Organisations: invitations to answer, the organisations you belong to (an admin sees its members
// and pending invitations, removes or withdraws them, and invites from here; anyone leaves), and a
// form to create one. Every action is one call to the API.
(function () {
  "use strict";
  var L = window.Labourspace;
  var M = window.MySpace;
  var invitations = document.getElementById("invitations");
  var organisations = document.getElementById("organisations");
  var createForm = document.getElementById("create-form");
  var createStatus = document.getElementById("create-status");

  function base(org) {
    return "/organisations/" + encodeURIComponent(org.handle);
  }

  function card(org, line) {
    var li = L.el("li", null, { "class": "card" });
    var heading = L.el("h3");
    heading.appendChild(L.el("a", org.name, { href: "/people/" + encodeURIComponent(org.handle) }));
    li.appendChild(heading);
    li.appendChild(L.el("p", line, { "class": "meta" }));
    return li;
  }

  // A button whose call, once it succeeds, leaves only what it says behind.
  function act(li, label, method, path, done, after) {
    var out = li.querySelector(":scope > [role=status]") || li.appendChild(L.el("p", null, { role: "status" }));
    var b = M.button(label, async function () {
      li.querySelectorAll("button").forEach(function (x) { x.disabled = true; });
      var result = await L.api(method, path);
      if (!result.ok) {
        li.querySelectorAll("button").forEach(function (x) { x.disabled = false; });
        out.textContent = L.messageOf(result);
        return;
      }
      li.querySelectorAll("button, form").forEach(function (x) { x.remove(); });
      out.textContent = done;
      if (after) after();
    });
    li.insertBefore(b, out);
  }

  function invitation(inv) {
    var org = inv.organisation;
    var li = card(org, inv.role === "admin" ? gettext("@%(handle)s invites you to join as an admin.", { handle: org.handle })
                                            : gettext("@%(handle)s invites you to join as a member.", { handle: org.handle }));
    act(li, gettext("Accept"), "POST", base(org) + "/members/me/accept",
        gettext("Accepted: you are a member of %(name)s.", { name: org.name }), loadOrganisations);
    act(li, gettext("Decline"), "POST", base(org) + "/members/me/decline", gettext("Declined: the invitation is deleted."));
    return li;
  }

  function inviteForm(org, invited) {
    var id = "invite-" + org.id;
    var form = L.el("form", null, { "class": "stack invite" });
    form.appendChild(L.el("label", gettext("Invite someone by their handle"), { "for": id }));
    var handle = form.appendChild(L.el("input", null, { type: "text", id: id, required: "", maxlength: "30",
                                                         autocomplete: "off", autocapitalize: "none", spellcheck: "false" }));
    form.appendChild(L.el("label", gettext("As"), { "for": id + "-role" }));
    var role = form.appendChild(L.el("select", null, { id: id + "-role" }));
    role.appendChild(L.el("option", gettext("a member"), { value: "member" }));
    role.appendChild(L.el("option", gettext("an admin, who can invite people too"), { value: "admin" }));
    form.appendChild(L.el("button", gettext("Send the invitation"), { type: "submit" }));
    var out = form.appendChild(L.el("p", null, { role: "status" }));
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var who = handle.value.trim().replace(/^@/, "");
      var result = await L.api("POST", base(org) + "/members", { handle: who, role: role.value });
      out.textContent = result.ok
        ? gettext("Invited @%(handle)s: they join when they accept.", { handle: result.data.person.handle })
        : (result.status === 400 ? gettext("That is not a handle: 3 to 30 lower-case letters, digits or hyphens.")
                                 : L.messageOf(result));
      if (result.ok) {
        handle.value = "";
        if (invited) invited();
      }
    });
    return form;
  }

  // An admin's view of who belongs and who is invited, each removable (after a second click).
  function people(org) {
    var box = L.el("section", null, { "class": "members", "aria-label": gettext("Members and invitations of %(name)s", { name: org.name }) });
    box.appendChild(L.el("h4", gettext("Members and invitations")));
    var list = box.appendChild(L.el("ul"));
    var me = null;
    async function load() {
      var result = await L.api("GET", base(org) + "/members");
      list.textContent = "";
      if (!result.ok) return list.appendChild(L.el("li", L.messageOf(result)));
      result.data.items.forEach(function (m) { list.appendChild(person(m)); });
    }
    function person(m) {
      var li = L.el("li");
      var invited = m.state === "invited";
      var what = invited ? (m.role === "admin" ? gettext("invited as an admin") : gettext("invited as a member"))
                         : (m.role === "admin" ? gettext("admin") : gettext("member"));
      li.appendChild(L.el("a", m.person.display_name, { href: "/people/" + encodeURIComponent(m.person.handle) }));
      li.appendChild(document.createTextNode(" · @" + m.person.handle + " · " + what + " "));
      if (me && m.person.id === me.id) return li;  // you leave, below, rather than remove yourself
      var label = invited ? gettext("Withdraw the invitation") : gettext("Remove %(name)s", { name: m.person.display_name });
      var ask = li.appendChild(M.button(label, function () {
        ask.hidden = true;
        var confirm = li.appendChild(L.el("span", null, { "class": "confirm-inline" }));
        confirm.appendChild(L.el("span", invited ? gettext("Withdraw it?") : gettext("Remove them from %(name)s?", { name: org.name })));
        var out = L.el("span", null, { role: "status" });
        confirm.appendChild(M.button(gettext("Yes"), async function () {
          var result = await L.api("DELETE", base(org) + "/members/" + encodeURIComponent(m.person.handle));
          if (!result.ok) { out.textContent = L.messageOf(result); return; }
          li.textContent = invited ? gettext("Invitation to @%(handle)s withdrawn.", { handle: m.person.handle })
                                   : gettext("@%(handle)s is no longer a member.", { handle: m.person.handle });
        }, { "class": "danger" }));
        confirm.appendChild(M.button(gettext("No"), function () { confirm.remove(); ask.hidden = false; ask.focus(); },
                                     { "class": "secondary" }));
        confirm.appendChild(out);
      }, { "class": "link" }));
      return li;
    }
    L.api("GET", "/me").then(function (r) { me = r.ok ? r.data : null; load(); });
    box.reload = load;
    return box;
  }

  function organisation(mine) {
    var org = mine.organisation;
    var admin = mine.role === "admin";
    var li = card(org, "@" + org.handle + " · " + (admin ? gettext("you are an admin") : gettext("you are a member")));
    if (admin) {
      var members = people(org);
      li.appendChild(members);
      li.appendChild(inviteForm(org, members.reload));
    }
    li.appendChild(L.el("p", null, { role: "status" }));
    act(li, gettext("Leave %(name)s", { name: org.name }), "DELETE", base(org) + "/members/me",
        gettext("You have left %(name)s.", { name: org.name }));
    return li;
  }

  async function fill(list, path, build, empty) {
    var result = await L.api("GET", path);
    list.textContent = "";
    if (!result.ok) return list.appendChild(L.el("li", L.messageOf(result)));
    if (!result.data.items.length) return list.appendChild(L.el("li", empty));
    result.data.items.forEach(function (x) { list.appendChild(build(x)); });
  }

  function loadOrganisations() {
    return fill(organisations, "/me/organisations", organisation, gettext("You do not belong to an organisation."));
  }

  createForm.addEventListener("submit", async function (event) {
    event.preventDefault();
    createStatus.textContent = gettext("Creating…");
    var value = function (id) { return document.getElementById(id).value.trim(); };
    var result = await L.api("POST", "/organisations", {
      handle: value("org-handle"), name: value("org-name"), description: value("org-description")
    });
    M.fieldErrors(createForm, result, "org-");
    if (!result.ok) {
      createStatus.textContent = result.status === 400 || result.status === 409
        ? gettext("Please correct what is marked above.") : L.messageOf(result);
      return;
    }
    createForm.reset();
    createStatus.textContent = gettext("Created %(name)s: you are its admin. Invite people from the list above.",
                                       { name: result.data.name });
    loadOrganisations();
  });

  M.start(function () {
    fill(invitations, "/me/invitations", invitation, gettext("No invitations are waiting for you."));
    loadOrganisations();
  });
})();
