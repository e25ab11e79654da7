// Joining, signing in, resetting a password and setting up an authenticator: the browser calls
// Cognito itself, with what GET /auth/config gives, exactly as the phone apps do (README,
// "Mobile apps"). The password goes to Cognito only; the API never sees it.
(function () {
  "use strict";
  var L = window.Labourspace;
  // Groups whose members must use an authenticator app (the API refuses them until they do).
  var NEEDS_AUTHENTICATOR = ["ministers", "moderators", "admins", "policy"];
  var NO_MATCH = gettext("That email address and password do not match an account.");
  var TOO_MANY = gettext("Too many tries. Please wait a few minutes and try again.");
  var FRIENDLY = {
    NotAuthorizedException: NO_MATCH,
    UserNotFoundException: NO_MATCH,
    UsernameExistsException: gettext("There is already an account with this email address. Sign in, or reset its password."),
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
    var result = await cognito("RespondToAuthChallenge", {
      ChallengeName: "SOFTWARE_TOKEN_MFA", Session: step.session,
      ChallengeResponses: { USERNAME: step.username, SOFTWARE_TOKEN_MFA_CODE: code } });
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

  async function finishAuthenticator(accessToken, code) {
    await withAccessToken("VerifySoftwareToken", accessToken, { UserCode: code, FriendlyDeviceName: "Authenticator app" });
    await withAccessToken("SetUserMFAPreference", accessToken,
                          { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  }

  async function signUp(email, password) {
    return cognito("SignUp", { Username: email, Password: password,
                               UserAttributes: [{ Name: "email", Value: email }] });
  }

  function confirmSignUp(email, code) {
    return cognito("ConfirmSignUp", { Username: email, ConfirmationCode: code });
  }

  function resendCode(email) {
    return cognito("ResendConfirmationCode", { Username: email });
  }

  function forgotPassword(email) {
    return cognito("ForgotPassword", { Username: email });
  }

  function confirmNewPassword(email, code, password) {
    return cognito("ConfirmForgotPassword", { Username: email, ConfirmationCode: code, Password: password });
  }

  async function signOutEverywhere() {
    var s = await L.fresh();
    if (s && s.accessToken) await withAccessToken("GlobalSignOut", s.accessToken);
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

  // A form whose work calls Cognito: one submission at a time, what went wrong said in `status`.
  function onSubmit(form, status, work, handled) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.textContent = gettext("Just a moment…");
      try {
        await work(form);
      } catch (e) {
        if (!(handled && handled(e))) status.textContent = e.message;
      } finally {
        button.disabled = false;
      }
    });
  }

  window.LabourspaceAccounts = {
    onSubmit: onSubmit,
    signIn: signIn, answerCode: answerCode, beginAuthenticator: beginAuthenticator,
    finishAuthenticator: finishAuthenticator, showAuthenticator: showAuthenticator,
    hasAuthenticator: hasAuthenticator, signUp: signUp,
    confirmSignUp: confirmSignUp, resendCode: resendCode, forgotPassword: forgotPassword,
    confirmNewPassword: confirmNewPassword, signOutEverywhere: signOutEverywhere, nextPage: nextPage
  };
})();
