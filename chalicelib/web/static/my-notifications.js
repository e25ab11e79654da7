// Notifications: channels for each kind of update (and a minister's alert kinds) go to
// PUT /me/notifications; the email address, with its confirmation state; phones, each removable.
(function () {
  "use strict";
  var L = window.Labourspace;
  var M = window.MySpace;
  var channelsForm = document.getElementById("channels-form");
  var channelsStatus = document.getElementById("channels-status");
  var emailForm = document.getElementById("email-form");
  var emailStatus = document.getElementById("email-status");
  var alerts = document.getElementById("alerts");
  var devices = document.getElementById("devices");
  var PLATFORMS = { apns: gettext("An iPhone or iPad"), fcm: gettext("An Android phone") };

  // Until the saved choices arrive, nothing can be ticked or typed: a tick made before they
  // arrived would be overwritten by them, and a save would store boxes the person never saw.
  function settle(ready) {
    [channelsForm, emailForm].forEach(function (form) {
      form.querySelectorAll("fieldset, input, button").forEach(function (field) { field.disabled = !ready; });
      form.setAttribute("aria-busy", String(!ready));
    });
  }
  settle(false);

  function show(settings) {
    channelsForm.querySelectorAll("fieldset[data-kind]").forEach(function (set) {
      var chosen = settings.updates[set.getAttribute("data-kind")] || [];
      set.querySelectorAll("input").forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
    });
    alerts.querySelectorAll("input").forEach(function (box) { box.checked = settings.alerts.indexOf(box.value) >= 0; });
    var state = document.getElementById("email-state");
    if (settings.email_verification === "pending_confirmation") {
      state.textContent = gettext("We sent a link to %(address)s: nothing else goes there until you follow it.",
                                  { address: settings.pending_email }) + " " +
        (settings.email ? gettext("Until then, email goes to %(address)s (confirmed).", { address: settings.email })
                        : gettext("Until then, no email is sent."));
    } else if (settings.email) {
      state.textContent = gettext("Email goes to %(address)s (confirmed).", { address: settings.email });
    } else {
      state.textContent = gettext("No address yet, so no email is sent. Saving your choices above uses your sign-in email; " +
        "or give another address below.");
    }
    emailForm.email.value = settings.pending_email || settings.email || "";
  }

  channelsForm.addEventListener("submit", async function (event) {
    event.preventDefault();
    var body = { updates: {} };
    channelsForm.querySelectorAll("fieldset[data-kind]").forEach(function (set) {
      body.updates[set.getAttribute("data-kind")] = Array.prototype.filter.call(
        set.querySelectorAll("input"), function (box) { return box.checked; }).map(function (box) { return box.value; });
    });
    if (!alerts.hidden) {
      body.alerts = Array.prototype.filter.call(alerts.querySelectorAll("input"), function (box) { return box.checked; })
        .map(function (box) { return box.value; });
    }
    channelsStatus.textContent = gettext("Saving…");
    var result = await L.api("PUT", "/me/notifications", body);
    if (result.ok) show(result.data);
    channelsStatus.textContent = result.ok ? gettext("Saved.") : L.messageOf(result);
  });

  emailForm.addEventListener("submit", async function (event) {
    event.preventDefault();
    emailStatus.textContent = gettext("Saving…");
    var result = await L.api("PUT", "/me/notifications", { email: emailForm.email.value.trim() });
    M.fieldErrors(emailForm, result);
    if (result.ok) {
      show(result.data);
      emailStatus.textContent = result.data.email_verification === "pending_confirmation"
        ? gettext("Check that inbox: follow the link we sent to confirm the address.") : gettext("Saved.");
    } else {
      emailStatus.textContent = result.status === 400 ? gettext("Please correct the address marked above.")
                                                      : L.messageOf(result);
    }
  });

  function device(d) {
    var li = L.el("li", null, { "class": "card" });
    var what = gettext("%(phone)s, added %(when)s", { phone: PLATFORMS[d.platform] || d.platform,
                                                     when: M.when(d.registered_at) });
    li.appendChild(L.el("p", what, { id: "device-" + d.device_id }));
    var out = L.el("p", null, { role: "status" });
    var remove = M.button(gettext("Remove this phone"), async function () {
      remove.disabled = true;
      var result = await L.api("DELETE", "/me/devices/" + encodeURIComponent(d.device_id));
      if (result.ok || result.status === 404) {
        remove.remove();
        out.textContent = gettext("Removed: nothing more is pushed to it.");
      } else {
        remove.disabled = false;
        out.textContent = L.messageOf(result);
      }
    }, { "aria-describedby": "device-" + d.device_id });
    li.appendChild(remove);
    li.appendChild(out);
    return li;
  }

  async function loadDevices() {
    var result = await L.api("GET", "/me/devices");
    if (!result.ok) return devices.appendChild(L.el("li", L.messageOf(result)));
    if (!result.data.items.length) return devices.appendChild(L.el("li", gettext("No phones are registered for push.")));
    result.data.items.forEach(function (d) { devices.appendChild(device(d)); });
  }

  M.start(async function (session) {
    var result = await L.api("GET", "/me/notifications");
    if (result.ok) {
      show(result.data);
      alerts.hidden = session.groups.indexOf("ministers") < 0;
      settle(true);
    } else {
      channelsStatus.textContent = L.messageOf(result);
    }
    loadDevices();
  });
})();
