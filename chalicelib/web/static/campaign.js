// A campaign page's actions, and what is yours on it. The page is the same for everyone and cached
// for 30 seconds; for someone signed in this script asks GET /me/campaigns/{id} (never cached) and
// shows their own state: you support this, you follow it, your replies, the count with your support
// in it. A copy older than your own last act here is swapped for a fresh one (README, "The campaign page").
// A minister's answer, the owner's tools, your own replies and reports have their own scripts
// (campaign-respond.js, campaign-owner.js, campaign-replies.js, campaign-report.js).
(function () {
  "use strict";
  var L = window.Labourspace;
  var page = document.querySelector("[data-campaign-id]");
  if (!page) return;
  var id = page.getAttribute("data-campaign-id");

  // This copy was made before something you did here: ask for one made after it. The query string
  // is part of every cache's key (the browser's, the CDN's), so `?seen=` reaches the app.
  var query = new URLSearchParams(window.location.search);
  var acted = L.actedOn(id);
  if (acted && Number(page.getAttribute("data-rendered-at")) <= acted && Number(query.get("seen") || 0) < acted) {
    query.set("seen", String(acted));
    window.location.replace(window.location.pathname + "?" + query.toString() + window.location.hash);
    return;
  }
  if (query.has("seen")) {  // the address people copy stays the campaign's own
    query.delete("seen");
    var rest = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
  }

  var shown = Number((document.querySelector("[data-count]") || {}).textContent.replace(/\D/g, "")) || 0;
  function setCount(n) {
    shown = n;
    document.querySelectorAll("[data-count]").forEach(function (el) { el.textContent = n.toLocaleString(pageLocale); });
    var bar = document.getElementById("progress");
    var label = document.querySelector("label[for=progress]");
    if (bar && n < Number(bar.getAttribute("max"))) {
      bar.value = n;
      label.textContent = gettext("%(number)s of %(target)s, the next milestone",
                                  { number: n.toLocaleString(pageLocale),
                                    target: Number(bar.getAttribute("max")).toLocaleString(pageLocale) });
    }
  }

  function status(elementId, text) { document.getElementById(elementId).textContent = text; }

  // --- What is yours ---------------------------------------------------------------------------
  var supportForm = document.getElementById("support-form");
  var yourSupport = document.getElementById("your-support");
  var followForm = document.getElementById("follow-form");
  var followButton = document.getElementById("follow-button");
  var following = false;

  function showSupported(supported, since) {
    if (yourSupport) yourSupport.hidden = !supported;
    if (supportForm) supportForm.hidden = supported;
    if (supported && since) {
      status("your-support-since", gettext("since %(date)s", { date: dateInWords(since) }));
    }
  }

  function showFollowing(now) {
    following = now;
    followButton.textContent = now ? gettext("Stop following") : gettext("Follow its updates");
    followButton.setAttribute("aria-pressed", now ? "true" : "false");
  }

  function showReplies(replies) {
    var line = document.getElementById("your-replies");
    var mine = replies.filter(function (r) { return !r.removed; });
    mine.forEach(function (r) {
      var article = document.querySelector("[data-reply-id='" + r.id + "'] .meta");
      if (article && !article.querySelector(".badge-you")) {
        article.appendChild(L.el("span", gettext("you"), { "class": "badge badge-you" }));
      }
    });
    line.textContent = "";
    if (!mine.length) { line.hidden = true; return; }
    line.appendChild(document.createTextNode(
      ngettext("You have replied here %(count)s time.", "You have replied here %(count)s times.", mine.length) + " "));
    var latest = mine[0];
    var onPage = document.getElementById("reply-" + latest.id);
    line.appendChild(L.el("a", gettext("Go to your latest reply"),
                          { href: onPage ? "#reply-" + latest.id : "#discussion-heading" }));
    line.hidden = false;
  }

  // A person may follow or support before their state has come back; an answer asked for before
  // their latest act is older than what that act's own answer showed, so it must not undo it.
  var acts = 0;

  async function loadYours() {
    var asked = acts;
    if (followForm) followForm.setAttribute("aria-busy", "true");
    var result = await L.api("GET", "/me/campaigns/" + id);
    if (followForm) followForm.setAttribute("aria-busy", "false");
    if (!result.ok) return null;
    var yours = result.data;
    if (asked !== acts) return yours;
    setCount(yours.support_count);
    showSupported(yours.supported, yours.supported_at);
    showFollowing(yours.following);
    showReplies(yours.replies);
    if (yours.version > Number(page.getAttribute("data-version"))) {
      // Changed since this copy was made (an answer, a move, a close): say so, with a fresh copy one tap away.
      document.getElementById("page-stale-link").setAttribute("href", window.location.pathname + "?v=" + yours.version);
      document.getElementById("page-stale").hidden = false;
    }
    return yours;
  }

  // --- Supporting ------------------------------------------------------------------------------
  if (supportForm) {
    supportForm.hidden = false;
    // The page shows the wording of this version; agreeing to it is what is sent.
    var consentVersion = supportForm.getAttribute("data-consent-version");
    // Someone not signed in goes to sign in first (before the browser asks for the tick).
    document.getElementById("support-button").addEventListener("click", function (event) {
      if (!L.session()) {
        event.preventDefault();
        L.toSignIn();
      }
    });
    supportForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      if (!L.session()) return L.toSignIn();
      if (!supportForm.consent.checked) {
        status("support-status", gettext("Tick the box to agree first."));
        return;
      }
      acts += 1;
      var result = await L.api("PUT", "/campaigns/" + id + "/support", { consent_version: consentVersion });
      if (result.ok) {
        L.acted(id, result);
        var yours = await loadYours();
        if (!yours) setCount(shown + 1);
        status("support-status", gettext("Thank you: your support is counted. The total everyone sees updates within seconds."));
        document.getElementById("withdraw-button").focus();
      } else if (result.status === 401) {
        L.toSignIn();
      } else {
        status("support-status", L.messageOf(result));
      }
    });
  }

  var withdrawButton = document.getElementById("withdraw-button");
  if (withdrawButton) {
    withdrawButton.addEventListener("click", async function () {
      acts += 1;
      var result = await L.api("DELETE", "/campaigns/" + id + "/support");
      if (result.ok) {
        L.acted(id, result);
        setCount(Math.max(0, shown - 1));
        showSupported(false);
        supportForm.consent.checked = false;
        status("support-status", gettext("Your support is withdrawn, and its record deleted."));
        document.getElementById("consent").focus();
      } else if (result.status === 401) {
        L.toSignIn();
      } else {
        status("support-status", L.messageOf(result));
      }
    });
  }

  // --- Following: updates in your feed without supporting; nobody else sees it -----------------
  if (followForm) {
    followForm.hidden = false;
    followForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      if (!L.session()) return L.toSignIn();
      acts += 1;
      var result = await L.api(following ? "DELETE" : "PUT", "/campaigns/" + id + "/follow");
      if (result.ok) {
        showFollowing(result.data.following);
        status("follow-status", following ? gettext("Following: its updates will reach your feed. Nobody else sees this.")
                                          : gettext("You no longer follow this campaign."));
      } else if (result.status === 401) {
        L.toSignIn();
      } else {
        status("follow-status", L.messageOf(result));
      }
    });
  }

  // --- Replying --------------------------------------------------------------------------------
  var replyForm = document.getElementById("reply-form");
  if (replyForm) {
    replyForm.hidden = false;
    var parent = document.getElementById("parent-id");
    var label = document.getElementById("reply-label");
    var cancel = document.getElementById("reply-cancel");
    // The language it is written in: the page's unless its author says.
    document.getElementById("reply-body").after(
      L.el("label", gettext("Reply written in"), { "for": "reply-language" }), L.languageChoice("reply-language"));
    document.querySelectorAll("[data-reply-to]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        parent.value = button.getAttribute("data-reply-to");
        label.textContent = gettext("Your reply to %(name)s", { name: button.getAttribute("data-reply-name") });
        cancel.hidden = false;
        document.getElementById("reply-body").focus();
      });
    });
    cancel.addEventListener("click", function () {
      parent.value = "";
      label.textContent = gettext("Your reply");
      cancel.hidden = true;
    });
    replyForm.addEventListener("submit", async function (event) {
      event.preventDefault();
      if (!L.session()) return L.toSignIn();
      var body = { body: replyForm.body.value, language: replyForm.language.value };
      if (parent.value) body.parent_id = parent.value;
      var result = await L.api("POST", "/campaigns/" + id + "/replies", body);
      if (result.ok) {
        L.acted(id, result);
        window.location.assign(window.location.pathname + "?replied=" + encodeURIComponent(result.data.id) +
                               "#reply-" + result.data.id);
      } else {
        status("reply-status", L.messageOf(result));
      }
    });
  }

  // The manifesto form shows only for the policy team of this campaign's area, and admins. It moves
  // the idea from the version read here (If-Match): if someone moved it meanwhile, it says so.
  async function offerManifestoMove() {
    var section = document.getElementById("steer");
    var me = section && await L.steerer(page.getAttribute("data-area"));
    if (!me) return;
    var read = await L.api("GET", "/campaigns/" + id);
    if (!read.ok || read.data.owner.id === me.id) return;  // nobody moves their own idea (403 own_idea)
    var version = read.data.version;
    section.hidden = false;
    document.getElementById("manifesto-form").addEventListener("submit", async function (event) {
      event.preventDefault();
      var form = event.target;
      var result = await L.api("PUT", "/campaigns/" + id + "/manifesto",
                               { stage: form.stage.value, note: form.note.value }, { "If-Match": String(version) });
      if (result.ok) {
        L.acted(id, result);
        window.location.assign(window.location.pathname + "?moved=" + encodeURIComponent(result.data.version) +
                               "#manifesto-heading");
      } else if (result.status === 412) {
        status("manifesto-status", gettext("Someone moved this idea since you opened the page. Reload it to see where it is now."));
        loadYours();  // offers the fresh copy
      } else {
        status("manifesto-status", L.messageOf(result));
      }
    });
  }

  L.ready.then(function (s) {
    if (!s) return;
    loadYours();
    offerManifestoMove();
  });
})();
