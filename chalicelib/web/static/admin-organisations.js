// An admin verifies what an organisation is: find it by handle (GET /organisations/{handle}), choose its
// kind, verify (PUT /organisations/{handle}/verification). The API decides who may.
(function () {
  "use strict";
  var L = window.Labourspace;
  var find = document.getElementById("find-form");
  var status = document.getElementById("find-status");
  var section = document.getElementById("organisation");
  var verify = document.getElementById("verify-form");
  var handle = null;

  function kindWords(kind) {
    var option = verify.kind.querySelector("option[value='" + kind + "']");
    return option ? option.textContent : kind;
  }

  function show(found) {
    handle = found.handle;
    section.hidden = false;
    document.getElementById("organisation-name").textContent =
      gettext("%(name)s (@%(handle)s)", { name: found.name, handle: found.handle });
    document.getElementById("organisation-description").textContent = found.description;
    document.getElementById("organisation-state").textContent = found.verified
      ? gettext("Verified: %(kind)s", { kind: kindWords(found.kind) }) : gettext("Not verified yet");
    if (found.kind) verify.kind.value = found.kind;
    document.getElementById("verify-status").textContent = "";
  }

  find.addEventListener("submit", async function (event) {
    event.preventDefault();
    var wanted = find.handle.value.trim().replace(/^@/, "").toLowerCase();
    status.textContent = gettext("Looking…");
    var result = await L.api("GET", "/organisations/" + encodeURIComponent(wanted));
    if (!result.ok) {
      section.hidden = true;
      status.textContent = L.messageOf(result);
      return;
    }
    status.textContent = "";
    show(result.data);
  });

  verify.addEventListener("submit", async function (event) {
    event.preventDefault();
    var result = await L.api("PUT", "/organisations/" + encodeURIComponent(handle) + "/verification",
                             { kind: verify.kind.value });
    if (!result.ok) return (document.getElementById("verify-status").textContent = L.messageOf(result));
    show(result.data);
    document.getElementById("verify-status").textContent =
      gettext("Saved: it shows as %(kind)s.", { kind: kindWords(result.data.kind) });
  });

  L.ready.then(function (s) { if (!s) find.querySelectorAll("input, button").forEach(function (x) { x.disabled = true; }); });
})();
