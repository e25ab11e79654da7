// Joining, signing in, resetting a password and setting up an authenticator. Signing in and the
// authenticator are Cognito's own calls, made by the browser with what GET /auth/config gives,
// exactly as the phone apps make them (README, "Mobile apps"). Joining and resetting a password go
// through the API, which answers the same for every address (README, "Joining and resetting").
(function () {
  "use strict";
  var L = window.Labourspace;
  // Groups whose members must use an authenticator app (the API refuses them until they do).
  var NEEDS_AUTHENTICATOR = ["ministers", "moderators", "admins", "policy"];
  var NO_MATCH = gettext("That email address and password do not match an account.");
  var TOO_MANY = gettext("Too many tries. Please wait a few minutes and try again.");
  var APP_CODE_MISMATCH = gettext("That code did not match your authenticator app. Check the time on your phone, and type the code the app shows now.");
  var FRIENDLY = {
    NotAuthorizedException: NO_MATCH,
    UserNotFoundException: NO_MATCH,
    InvalidPasswordException: gettext("That password does not meet the rules: at least 10 characters, with a capital letter, a small letter and a number."),
    CodeMismatchException: gettext("That code is not the one we sent. Check it and try again."),
    ExpiredCodeException: gettext("That code has expired. Ask for a new one."),
    EnableSoftwareTokenMFAException: gettext("That code is not right. Check the time on your phone and try again."),
    LimitExceededException: TOO_MANY,
    TooManyRequestsException: TOO_MANY,
    TooManyFailedAttemptsException: TOO_MANY
  };

  var config = null;
  async function authConfig() {
    if (!config) config = (await L.api("GET", "/auth/config")).data;
    return config;
  }

  // One Cognito call, as its JSON API takes it; Cognito's error names become plain words.
  async function call(action, body) {
    var c = await authConfig();
    var endpoint = c.cognito_endpoint || ("https://cognito-idp." + c.region + ".amazonaws.com");
    var response = await fetch(endpoint.replace(/\/$/, "") + "/", {
      method: "POST", credentials: "omit",
      headers: { "Content-Type": "application/x-amz-json-1.1",
                 "X-Amz-Target": "AWSCognitoIdentityProviderService." + action },
      body: JSON.stringify(body)
    });
    var data = await response.json().catch(function () { return {}; });
    if (!response.ok) {
      var code = String(data.__type || data.code || "").split("#").pop();
      var error = new Error(FRIENDLY[code] || data.message || data.Message || gettext("That did not work. Please try again."));
      error.code = code;
      throw error;
    }
    return data;
  }

  // The app client's calls, and those made with the person's own access token (no ClientId).
  async function cognito(action, body) {
    return call(action, Object.assign({ ClientId: (await authConfig()).client_id }, body));
  }

  function withAccessToken(action, accessToken, body) {
    return call(action, Object.assign({ AccessToken: accessToken }, body || {}));
  }

  async function hasAuthenticator(accessToken) {
    var user = await withAccessToken("GetUser", accessToken);
    return (user.UserMFASettingList || []).indexOf("SOFTWARE_TOKEN_MFA") >= 0;
  }

  // Where signing in stands: "code" (the authenticator's), "enrol" (set one up first) or "done".
  async function afterAuthentication(result, username) {
    if (result.ChallengeName === "SOFTWARE_TOKEN_MFA") {
      return { step: "code", session: result.Session, username: username };
    }
    if (result.ChallengeName) {
      throw new Error(gettext("This account needs a step this page cannot do (%(step)s).", { step: result.ChallengeName }));
    }
    var auth = result.AuthenticationResult;
    var powerful = (L.claimsOf(auth.IdToken)["cognito:groups"] || []).some(function (g) { return NEEDS_AUTHENTICATOR.indexOf(g) >= 0; });
    if (powerful && !(await hasAuthenticator(auth.AccessToken))) return { step: "enrol", auth: auth };
    await L.startSession(auth);
    return { step: "done" };
  }

  async function signIn(email, password) {
    var result = await cognito("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: password } });
    return afterAuthentication(result, email);
  }

  async function answerCode(step, code) {
    var result;
    try {
      result = await cognito("RespondToAuthChallenge", {
        ChallengeName: "SOFTWARE_TOKEN_MFA", Session: step.session,
        ChallengeResponses: { USERNAME: step.username, SOFTWARE_TOKEN_MFA_CODE: code } });
    } catch (error) {
      // Here the code is the authenticator app's, not one we sent.
      if (error.code === "CodeMismatchException") error.message = APP_CODE_MISMATCH;
      throw error;
    }
    return afterAuthentication(result, step.username);
  }

  // An authenticator app: the secret to add (typed, or as an otpauth:// link), then one code from it.
  async function beginAuthenticator(accessToken, email) {
    var secret = (await withAccessToken("AssociateSoftwareToken", accessToken)).SecretCode;
    var label = encodeURIComponent("Labourspace:" + (email || "account"));
    return { secret: secret, uri: "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Labourspace" };
  }

  // Fills the `authenticator_setup` macro's key and link for `prefix`.
  function showAuthenticator(prefix, setup) {
    document.getElementById(prefix + "-secret").textContent = setup.secret.replace(/(.{4})/g, "$1 ").trim();
    document.getElementById(prefix + "-link").setAttribute("href", setup.uri);
  }

  // The app is told at once (POST /me/authenticator): every sign-in before this one ends, this one
  // too, so the person signs in again, with a code. A 401 means an earlier change ended it already.
  async function finishAuthenticator(accessToken, code, idToken) {
    try {
      await withAccessToken("VerifySoftwareToken", accessToken, { UserCode: code, FriendlyDeviceName: "Authenticator app" });
    } catch (error) {
      if (error.code === "CodeMismatchException") error.message = APP_CODE_MISMATCH;
      throw error;
    }
    await withAccessToken("SetUserMFAPreference", accessToken,
                          { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    var told = await fetch("/me/authenticator", {
      method: "POST", credentials: "omit", headers: { Accept: "application/json", "Accept-Language": document.documentElement.lang || "en-GB",
                                               Authorization: "Bearer " + idToken } });
    if (!told.ok && told.status !== 401) {
      throw new Error(L.messageOf({ status: told.status, data: await told.json().catch(function () { return null; }) }));
    }
  }

  // The pool's password rules (_password_rules.html), checked before a code is asked for; the API checks again.
  function passwordProblem(password) {
    var fine = password.length >= 10 && /[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password);
    return fine ? null : FRIENDLY.InvalidPasswordException;
  }

  // Joining and resetting answer the same for every address: "check your email".
  async function viaApi(path, body) {
    var result = await L.api("POST", path, body);
    if (!result.ok) {
      var error = new Error(L.messageOf(result));
      error.code = result.data && result.data.error && result.data.error.code;  // so it is said by its field
      throw error;
    }
    return result.data;
  }

  function askToJoin(email) {
    return viaApi("/auth/join", { email: email });
  }

  function join(email, code, password) {
    return viaApi("/auth/join/confirm", { email: email, code: code, password: password });
  }

  function forgotPassword(email) {
    return viaApi("/auth/password-reset", { email: email });
  }

  // A new sign-in email: the API mails it a code in the page's language (or a note, where the address
  // has an account of its own: this page cannot tell which), and the code makes it the account's.
  function askForNewEmail(email) {
    return viaApi("/me/sign-in-email", { email: email });
  }

  function confirmNewEmail(email, code) {
    return viaApi("/me/sign-in-email/confirm", { email: email, code: code });
  }

  function confirmNewPassword(email, code, password) {
    return viaApi("/auth/password-reset/confirm", { email: email, code: code, password: password });
  }

  // Every sign-in of the person ends (the API refuses their older tokens, Cognito their refresh
  // tokens), and this browser's cookie goes with it.
  async function signOutEverywhere() {
    var s = await L.fresh();
    if (s) {
      var out = await fetch("/auth/sign-out-everywhere", {
        method: "POST", credentials: "same-origin", headers: { Accept: "application/json", "Accept-Language": document.documentElement.lang || "en-GB",
                   Authorization: "Bearer " + s.token } });
      if (!out.ok && out.status !== 401) {
        throw new Error(L.messageOf({ status: out.status, data: await out.json().catch(function () { return null; }) }));
      }
    }
    await L.signOut();
  }

  // Only this site's own pages after signing in (`/\host`, a tab in `//`, `javascript:` go elsewhere).
  function nextPage(fallback) {
    var next = new URLSearchParams(window.location.search).get("next") || fallback || "/";
    try {
      var target = new URL(next, window.location.origin);
      if (target.origin === window.location.origin) return target.href;
    } catch (e) { /* not a URL at all */ }
    return "/";
  }

  // The field a refusal is about, so it is said next to that field (an error may also name its own `field`).
  var FIELD_OF = {
    InvalidPasswordException: "password", UsernameExistsException: "email", InvalidParameterException: "email",
    CodeMismatchException: "code", ExpiredCodeException: "code", EnableSoftwareTokenMFAException: "code",
    code_mismatch: "code", code_expired: "code", invalid_password: "password",  // the API's, joining and resetting
    email_unchanged: "email"
  };

  function clearErrors(form) {
    form.querySelectorAll(".field-error, .form-error").forEach(function (p) { p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
  }

  // What went wrong, where it went wrong: under the field it is about, else under the form's button,
  // never at the foot of the page.
  function showError(form, e) {
    var name = e.field || FIELD_OF[e.code];
    var input = name ? form.querySelector("[name='" + name + "']") : null;
    var out;
    if (input && !input.closest("[hidden]")) {
      out = document.getElementById(input.id + "-error");
      if (!out) {
        out = L.el("p", null, { id: input.id + "-error", "class": "field-error" });
        input.insertAdjacentElement("afterend", out);
        input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + out.id).trim());
      }
      input.setAttribute("aria-invalid", "true");
      out.textContent = e.message;
      input.focus();
      return;
    }
    out = form.querySelector(".form-error");
    if (!out) {
      out = L.el("p", null, { "class": "form-error", role: "alert" });
      form.querySelector("button[type=submit]").insertAdjacentElement("afterend", out);
    }
    out.textContent = e.message;
  }

  // A form whose work calls Cognito: one submission at a time; `status` says it is working, and what
  // went wrong is said by the field or the button (showError).
  function onSubmit(form, status, work, handled) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      clearErrors(form);
      status.textContent = gettext("Just a moment…");
      try {
        await work(form);
      } catch (e) {
        if (!(handled && handled(e))) {
          status.textContent = "";
          showError(form, e);
        }
      } finally {
        button.disabled = false;
      }
    });
  }

  window.LabourspaceAccounts = {
    onSubmit: onSubmit,
    signIn: signIn, answerCode: answerCode, beginAuthenticator: beginAuthenticator,
    finishAuthenticator: finishAuthenticator, showAuthenticator: showAuthenticator,
    hasAuthenticator: hasAuthenticator, passwordProblem: passwordProblem, askToJoin: askToJoin, join: join,
    forgotPassword: forgotPassword, confirmNewPassword: confirmNewPassword, signOutEverywhere: signOutEverywhere,
    askForNewEmail: askForNewEmail, confirmNewEmail: confirmNewEmail,
    nextPage: nextPage
  };
})();
