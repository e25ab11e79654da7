// An admin gives a minister their portfolio and a policy team member their areas: find the person
// by handle (GET /people/{handle}/roles), tick the areas, save (PUT /ministers/{id}/portfolio or
// PUT /policy-team/{id}/areas). The API decides who may, and who can hold areas at all.
(function () {
  "use strict";
  var L = window.Labourspace;
  var find = document.getElementById("find-form");
  var status = document.getElementById("find-status");
  var section = document.getElementById("person");
  var forms = {
    portfolio: { form: document.getElementById("portfolio-form"), status: document.getElementById("portfolio-status"),
                 role: "minister", field: "portfolio", path: function (id) { return "/ministers/" + id + "/portfolio"; },
                 saved: function (areas) { return gettext("Saved: the portfolio is %(areas)s.", { areas: areas }); },
                 none: gettext("Saved: the portfolio is empty.") },
    policy: { form: document.getElementById("policy-form"), status: document.getElementById("policy-status"),
              role: "policy", field: "policy_areas", path: function (id) { return "/policy-team/" + id + "/areas"; },
              saved: function (areas) { return gettext("Saved: they steer %(areas)s.", { areas: areas }); },
              none: gettext("Saved: they steer no area.") }
  };
  var person = null;

  function ticked(form) {
    return Array.prototype.filter.call(form.querySelectorAll("input[type=checkbox]"), function (b) { return b.checked; });
  }

  function show(found) {
    person = found;
    section.hidden = false;
    document.getElementById("person-name").textContent =
      gettext("%(name)s (@%(handle)s)", { name: found.person.display_name, handle: found.person.handle });
    var roles = found.roles.map(function (r) { return wordFor("role", r); });
    document.getElementById("person-roles").textContent = roles.length
      ? gettext("Roles: %(roles)s", { roles: roles.join(", ") }) : gettext("Roles: a member");
    var holds = false;
    Object.keys(forms).forEach(function (name) {
      var f = forms[name];
      var held = found[f.field] || [];
      f.form.hidden = found.roles.indexOf(f.role) < 0;
      holds = holds || !f.form.hidden;
      f.status.textContent = "";
      f.form.querySelectorAll("input[type=checkbox]").forEach(function (b) { b.checked = held.indexOf(b.value) >= 0; });
    });
    document.getElementById("no-areas").hidden = holds;
  }

  find.addEventListener("submit", async function (event) {
    event.preventDefault();
    var handle = find.handle.value.trim().replace(/^@/, "").toLowerCase();
    status.textContent = gettext("Looking…");
    var result = await L.api("GET", "/people/" + encodeURIComponent(handle) + "/roles");
    if (!result.ok) {
      section.hidden = true;
      status.textContent = L.messageOf(result);
      return;
    }
    status.textContent = "";
    show(result.data);
  });

  Object.keys(forms).forEach(function (name) {
    var f = forms[name];
    f.form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var boxes = ticked(f.form);
      var result = await L.api("PUT", f.path(person.person.id), { areas: boxes.map(function (b) { return b.value; }) });
      if (!result.ok) {
        f.status.textContent = L.messageOf(result);
        return;
      }
      var names = boxes.map(function (b) { return f.form.querySelector("label[for='" + b.id + "']").textContent; });
      f.status.textContent = names.length ? f.saved(names.join(", ")) : f.none;
    });
  });

  L.ready.then(function (s) { if (!s) find.querySelectorAll("input, button").forEach(function (x) { x.disabled = true; }); });
})();
