// Signing in, the ID token, and calls to the JSON API. No cookies: the token lives in this
// tab's sessionStorage and goes out only as `Authorization: Bearer`, to this site's API.
(function () {
  "use strict";
  var KEY = "labourspace.idToken";

  function claimsOf(raw) {
    var part = raw.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  }

  function session() {
    var raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    try {
      var claims = claimsOf(raw);
      if (claims.exp * 1000 < Date.now()) throw new Error("expired");
      return { token: raw, claims: claims, groups: claims["cognito:groups"] || [] };
    } catch (e) {
      sessionStorage.removeItem(KEY);
      return null;
    }
  }

  async function api(method, path, body, headers) {
    var sent = Object.assign({ Accept: "application/json" }, headers || {});
    var s = session();
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
    return { status: response.status, ok: response.ok, data: data };
  }

  function messageOf(result) {
    if (result.data && result.data.error) return result.data.error.message;
    return "Something went wrong (" + result.status + "). Please try again.";
  }

  // USER_PASSWORD_AUTH straight against Cognito, as GET /auth/config describes it.
  async function signIn(email, password) {
    var config = (await api("GET", "/auth/config")).data;
    var endpoint = config.cognito_endpoint || ("https://cognito-idp." + config.region + ".amazonaws.com");
    var response = await fetch(endpoint.replace(/\/$/, "") + "/", {
      method: "POST", credentials: "omit",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth"
      },
      body: JSON.stringify({
        ClientId: config.client_id, AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: email, PASSWORD: password }
      })
    });
    var data = await response.json();
    if (!response.ok) throw new Error(data.message || data.Message || "Those details did not work.");
    if (!data.AuthenticationResult) throw new Error("This account needs a step this page cannot do yet.");
    sessionStorage.setItem(KEY, data.AuthenticationResult.IdToken);
    return session();
  }

  function signOut() {
    sessionStorage.removeItem(KEY);
  }

  function toSignIn() {
    window.location.assign("/sign-in?next=" + encodeURIComponent(window.location.pathname));
  }

  function showSession() {
    var s = session();
    document.querySelectorAll("[data-signed-out]").forEach(function (el) { el.hidden = !!s; });
    document.querySelectorAll("[data-sign-out]").forEach(function (el) {
      el.hidden = !s;
      el.addEventListener("click", function () { signOut(); window.location.reload(); });
    });
    document.querySelectorAll("[data-needs-sign-in]").forEach(function (el) { el.hidden = !!s; });
    var who = document.querySelector("[data-signed-in-as]");
    if (who && s) {
      who.textContent = "Signed in as " + (s.claims.email || "you");
      who.hidden = false;
    }
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  window.Labourspace = {
    session: session, api: api, signIn: signIn, signOut: signOut, toSignIn: toSignIn,
    messageOf: messageOf, el: el
  };
  showSession();
})();
