// The session and calls to the JSON API (README, "Where the tokens live").
// The ID and access tokens (an hour each) live in this tab's sessionStorage and go out only as
// `Authorization: Bearer`, to this site's API. The refresh token never reaches a script: it is an
// HttpOnly cookie only /auth reads. A token with under five minutes left is renewed before a call,
// and a call refused for an expired token is renewed and sent once more, so nobody is dropped
// mid-reply. A new tab restores the session from the cookie before any page script asks for it.
(function () {
  "use strict";
  var ID = "labourspace.idToken";
  var ACCESS = "labourspace.accessToken";
  // Not a secret: only whether this browser has a session cookie worth asking /auth/refresh about,
  // so a visitor who never signed in costs no request.
  var HAS_SESSION = "labourspace.hasSession";
  var RENEW_BEFORE_MS = 5 * 60 * 1000;

  function claimsOf(raw) {
    var part = raw.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  }

  // Your name and your tools (GET /me/tools), kept a minute per account in this tab, like the badge.
  var TOOLS = "labourspace.tools";
  var TOOLS_FOR_MS = 60 * 1000;

  function forget() {
    sessionStorage.removeItem(ID);
    sessionStorage.removeItem(ACCESS);
    sessionStorage.removeItem(TOOLS);
    localStorage.removeItem(HAS_SESSION);
  }

  function keep(tokens) {
    sessionStorage.setItem(ID, tokens.id_token);
    sessionStorage.setItem(ACCESS, tokens.access_token);
    localStorage.setItem(HAS_SESSION, "1");
  }

  // Who is signed in in this tab: their tokens may be near expiry, which `fresh` mends.
  function session() {
    var raw = sessionStorage.getItem(ID);
    if (!raw) return null;
    try {
      var claims = claimsOf(raw);
      return { token: raw, claims: claims, groups: claims["cognito:groups"] || [],
               accessToken: sessionStorage.getItem(ACCESS), expiresAt: claims.exp * 1000 };
    } catch (e) {
      forget();
      return null;
    }
  }

  var renewing = null;
  function renew() {  // one renewal at a time, however many calls want it
    if (!renewing) {
      renewing = fetch("/auth/refresh", { method: "POST", credentials: "same-origin",
                                          headers: { Accept: "application/json" } })
        .then(async function (response) {
          if (response.ok) { keep(await response.json()); return session(); }
          if (response.status === 401) forget();  // the session ended: signed out, revoked, expired
          return null;
        })
        .catch(function () { return null; })
        .finally(function () { renewing = null; });
    }
    return renewing;
  }

  async function fresh() {
    var s = session();
    if (s && s.expiresAt - Date.now() > RENEW_BEFORE_MS) return s;
    if (!s && !localStorage.getItem(HAS_SESSION)) return null;
    var renewed = await renew();
    if (renewed) return renewed;
    s = session();
    return s && s.expiresAt > Date.now() ? s : null;
  }

  async function send(method, path, body, headers, s) {
    // The API speaks the page's language: scripts send no cookies (credentials "omit"), so they say it.
    var sent = Object.assign({ Accept: "application/json", "Accept-Language": document.documentElement.lang || "en-GB" },
                             headers || {});
    if (s) sent.Authorization = "Bearer " + s.token;
    if (body !== undefined) sent["Content-Type"] = "application/json";
    var response = await fetch(path, {
      method: method, headers: sent, credentials: "omit",
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    var data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    return { status: response.status, ok: response.ok, data: data,
             retryAfter: Number(response.headers.get("Retry-After")) || 1,
             // The server's clock when it answered (whole seconds): what `acted` keeps.
             at: Math.floor((Date.parse(response.headers.get("Date")) || Date.now()) / 1000) };
  }

  function pause(seconds) {
    return new Promise(function (resolve) { setTimeout(resolve, Math.min(seconds, 3) * 1000); });
  }

  function tokenRefused(result) {
    var code = result.status === 401 && result.data && result.data.error && result.data.error.code;
    return code === "token_expired" || code === "invalid_token";
  }

  function sessionEnded(result) {
    return result.status === 401 && result.data && result.data.error && result.data.error.code === "session_ended";
  }

  async function api(method, path, body, headers) {
    var s = await fresh();
    var result = await send(method, path, body, headers, s);
    if (s && tokenRefused(result)) {
      // Refused before anything was written (the token is checked first), so sending again is safe.
      var renewed = await renew();
      if (renewed) result = await send(method, path, body, headers, renewed);
    } else if (s && sessionEnded(result)) {
      forget();  // signed out everywhere, a new password, a change to the account: sign in again
    } else if (result.status === 503 && method === "GET") {
      // Busy for a moment (a fresh server fetching its keys, a throttled table): reading again is safe.
      await pause(result.retryAfter);
      result = await send(method, path, body, headers, s);
    }
    return result;
  }

  // The browser's half of signing in: the refresh token goes to /auth once and is never kept here.
  async function startSession(authenticationResult) {
    var response = await fetch("/auth/session", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json",
                 "Accept-Language": document.documentElement.lang || "en-GB" },
      body: JSON.stringify({ refresh_token: authenticationResult.RefreshToken })
    });
    var data = await response.json().catch(function () { return null; });
    if (!response.ok) throw new Error(messageOf({ status: response.status, data: data }));
    keep(data);
    await keepLanguage();
    return session();
  }

  // The language is the person's once signed in (their profile), and the `lang` cookie is what pages
  // read (chalicelib/http/language.py). On signing in, the profile's choice comes to this browser; a
  // visitor's choice made before they had chosen in their profile goes there.
  function languageCookie() {
    var found = /(?:^|;\s*)lang=(\w+)/.exec(document.cookie);
    return found ? found[1] : null;
  }

  function setLanguageCookie(language) {
    document.cookie = "lang=" + language + "; Path=/; Max-Age=31536000; SameSite=Lax" +
      (window.location.protocol === "https:" ? "; Secure" : "");
  }

  async function keepLanguage() {
    var me = await api("GET", "/me");
    if (!me.ok) return;
    if (me.data.language) setLanguageCookie(me.data.language);
    else if (languageCookie()) await api("PATCH", "/me", { language: languageCookie() });
  }

  // The switch is a plain link (it sets the cookie itself); signed in, the choice is also their profile's.
  document.addEventListener("click", async function (event) {
    var link = event.target.closest && event.target.closest("a[data-language]");
    if (!link || !session()) return;
    event.preventDefault();
    await api("PATCH", "/me", { language: link.getAttribute("data-language") });
    window.location.assign(link.href);
  });

  async function signOut() {
    try {
      await fetch("/auth/session", { method: "DELETE", credentials: "same-origin" });
    } finally {
      forget();
    }
  }

  function messageOf(result) {
    if (result.data && result.data.error) return result.data.error.message;
    return gettext("Something went wrong (%(status)s). Please try again.", { status: result.status });
  }

  function toSignIn() {
    window.location.assign("/sign-in?next=" + encodeURIComponent(window.location.pathname));
  }

  function showSession() {
    var s = session();
    document.querySelectorAll("[data-signed-out]").forEach(function (el) { el.hidden = !!s; });
    document.querySelectorAll("[data-signed-in]").forEach(function (el) { el.hidden = !s; });
    document.querySelectorAll("[data-sign-out]").forEach(function (el) {
      el.hidden = !s;
      el.addEventListener("click", async function () { await signOut(); window.location.assign("/"); });
    });
    document.querySelectorAll("[data-needs-sign-in]").forEach(function (el) { el.hidden = !!s; });
    // Links for a role (any of the groups named): only a way there, the API decides who is let in.
    document.querySelectorAll("[data-for-group]").forEach(function (el) {
      el.hidden = !s || !el.getAttribute("data-for-group").split(" ").some(function (g) { return s.groups.indexOf(g) >= 0; });
    });
    document.querySelectorAll("[data-tools]").forEach(function (menu) {
      menu.hidden = !menu.querySelector("[data-for-group]:not([hidden])");
    });
    if (s) tools().then(showTools);
  }

  // Who you are, by name (never your email, which nobody else sees), and how much waits in each tool.
  async function tools(fresh) {
    var s = session();
    if (!s) return null;
    var kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(TOOLS) || "null"); } catch (e) { kept = null; }
    if (!fresh && kept && kept.sub === s.claims.sub && Date.now() - kept.at < TOOLS_FOR_MS) return kept.data;
    var result = await api("GET", "/me/tools");
    if (!result.ok) return null;
    sessionStorage.setItem(TOOLS, JSON.stringify({ sub: s.claims.sub, at: Date.now(), data: result.data }));
    return result.data;
  }

  function forgetTools() { sessionStorage.removeItem(TOOLS); }

  function showTools(found) {
    if (!found) return;
    var who = document.querySelector("[data-signed-in-as]");
    if (who) {
      who.textContent = gettext("Signed in as %(name)s", { name: found.display_name || "@" + found.handle });
      who.hidden = false;
    }
    found.tools.forEach(function (tool) {
      document.querySelectorAll("[data-waiting='" + tool.name + "']").forEach(function (badge) {
        badge.textContent = "";
        if (!tool.waiting) return;
        badge.appendChild(document.createTextNode(tool.waiting >= 100 ? "99+" : String(tool.waiting)));
        badge.appendChild(el("span", " " + (tool.overdue ? gettext("waiting, %(overdue)s overdue", { overdue: tool.overdue })
                                                         : gettext("waiting")), { "class": "visually-hidden" }));
      });
    });
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // The language something a person writes is in (a reply): the languages and their names are the page's own
  // switch's (chalicelib/http/language.py names them), each option marked with its language; it starts at
  // `chosen`, or the page's language.
  function languageChoice(id, chosen) {
    var select = el("select", null, { id: id, name: "language" });
    document.querySelectorAll("nav.languages [lang]").forEach(function (item) {
      var code = item.getAttribute("lang").slice(0, 2);
      select.appendChild(el("option", item.textContent, { value: code, lang: code }));
    });
    select.value = chosen || document.documentElement.lang.slice(0, 2);
    return select;
  }

  // Page scripts that need to know who is signed in wait for this: a new tab restores its session first.
  var ready = (session() ? Promise.resolve(session()) : fresh()).then(function (s) {
    showSession();
    return s;
  });

  // The signed-in person's profile if they steer ideas in `area` (its policy team, or an admin), else
  // null. Only spares others a form they cannot use: the API decides (domain.permissions).
  async function steerer(area) {
    var s = session();
    if (!s || (s.groups.indexOf("policy") < 0 && s.groups.indexOf("admins") < 0)) return null;
    var me = await api("GET", "/me");
    if (!me.ok) return null;
    var admin = (me.data.roles || []).indexOf("admin") >= 0;
    return admin || (me.data.policy_areas || []).indexOf(area) >= 0 ? me.data : null;
  }

  // Your own acts on a campaign, as the server's clock saw them, for this tab: its page, cached for
  // everyone, is fetched afresh while the copy at hand is older than your last act (campaign.js).
  var ACTED = "labourspace.acted.";
  var ACTED_FOR_S = 10 * 60;  // far longer than any cache keeps a page (routing.PUBLIC_MAX_AGE)

  function acted(campaignId, result) {
    sessionStorage.setItem(ACTED + campaignId, String(result && result.at || Math.floor(Date.now() / 1000)));
  }

  function actedOn(campaignId) {
    var at = Number(sessionStorage.getItem(ACTED + campaignId)) || 0;
    if (at && Date.now() / 1000 - at > ACTED_FOR_S) {
      sessionStorage.removeItem(ACTED + campaignId);
      return 0;
    }
    return at;
  }

  window.Labourspace = {
    claimsOf: claimsOf, session: session, ready: ready, fresh: fresh, api: api, startSession: startSession, signOut: signOut,
    toSignIn: toSignIn, messageOf: messageOf, el: el, steerer: steerer, acted: acted, actedOn: actedOn,
    tools: tools, forgetTools: forgetTools, languageChoice: languageChoice
  };
})();
