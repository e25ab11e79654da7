"""A browser's session: the refresh token kept in an HttpOnly cookie, renewed and revoked here.
Phones keep theirs in the Keychain or Keystore and call Cognito directly (README, "Mobile apps")."""

from __future__ import annotations

from chalice.app import Response
from pydantic import Field

from chalicelib import cognito
from chalicelib.domain.errors import InvalidToken, NotSignedIn
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.http import session_cookie
from chalicelib.http.auth import verifier
from chalicelib.http.errors import JSON_HEADERS, response_for
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, StrictModel
from chalicelib.logic import sign_ins


class SessionStart(StrictModel):
    refresh_token: str = Field(min_length=16, max_length=8192, pattern=r"^[A-Za-z0-9._~+/=-]+$",
                               description="the RefreshToken from Cognito's InitiateAuth or RespondToAuthChallenge")


class SessionTokens(ApiModel):
    id_token: str = Field(description="send as `Authorization: Bearer`; keep it in the tab, not on disk")
    access_token: str = Field(description="for the person's own Cognito calls (authenticator, sign out everywhere)")
    expires_in: int = Field(description="seconds the ID token lives; renew before then with POST /auth/refresh")




def _tokens(renewed: cognito.Renewed, cookie: str, status: int) -> Response:
    body = SessionTokens(id_token=renewed.id_token, access_token=renewed.access_token,
                         expires_in=renewed.expires_in).model_dump()
    return Response(body=body, status_code=status, headers={**JSON_HEADERS, "Set-Cookie": cookie})


def _still_counts(renewed: cognito.Renewed) -> None:
    """Fresh tokens only for a sign-in the person has not ended since (logic.sign_ins): Cognito's
    refresh tokens outlive a not-before time if its sign-out failed or was skipped."""
    sign_ins.admit(verifier().verify(renewed.id_token))


def _ended(exc: Exception) -> Response:
    """A refused refresh token also leaves the browser: the cookie is cleared with the 401."""
    response = response_for(exc)
    response.headers = {**(response.headers or {}), "Set-Cookie": session_cookie.clear_cookie()}
    return response


@endpoint("POST", "/auth/session", access=ANYONE, body=SessionStart, response=SessionTokens,
          status=201, tags=("auth",), errors=(401, 403, 503), private=True,
          summary="Browsers: hand over the refresh token once, at sign-in; it is kept in an HttpOnly, "
          "SameSite=Strict cookie only /auth reads, and fresh tokens come back")
def start_session(call: Call) -> Response:
    session_cookie.refuse_cross_site(call.request)
    token = call.body.refresh_token
    try:
        renewed = cognito.renew(token)  # proves the token is the pool's before a cookie keeps it
        _still_counts(renewed)
    except InvalidToken as exc:
        return _ended(exc)
    return _tokens(renewed, session_cookie.set_cookie(token), 201)


@endpoint("POST", "/auth/refresh", access=ANYONE, response=SessionTokens, tags=("auth",),
          errors=(401, 403, 503), private=True,
          summary="Browsers: new ID and access tokens from the session cookie (REFRESH_TOKEN_AUTH)")
def refresh(call: Call) -> Response:
    session_cookie.refuse_cross_site(call.request)
    token = session_cookie.refresh_token_of(call.request)
    if token is None:
        return _ended(NotSignedIn(code="no_session"))
    try:
        renewed = cognito.renew(token)
        _still_counts(renewed)
    except InvalidToken as exc:
        return _ended(exc)
    return _tokens(renewed, session_cookie.set_cookie(token), 200)  # Max-Age slides with use


@endpoint("DELETE", "/auth/session", access=ANYONE, status=204, tags=("auth",), errors=(403, 503),
          summary="Browsers: sign out: the refresh token is revoked (RevokeToken) and the cookie cleared; "
          "safe to repeat")
def end_session(call: Call) -> Response:
    session_cookie.refuse_cross_site(call.request)
    token = session_cookie.refresh_token_of(call.request)
    if token is not None:
        cognito.revoke(token)
    return Response(body="", status_code=204, headers={"Set-Cookie": session_cookie.clear_cookie()})


@endpoint("POST", "/auth/sign-out-everywhere", access=SIGNED_IN, status=204, tags=("auth",),
          errors=(401, 403, 503), private=True, sign_in_change=True,
          summary="Sign out everywhere: every sign-in of the person ends, in Cognito (AdminUserGlobalSignOut) "
          "and in the API (a token from before is refused), and this browser's cookie is cleared")
def sign_out_everywhere(call: Call) -> Response:
    session_cookie.refuse_cross_site(call.request)
    sign_ins.sign_out_everywhere(call.signed_in)
    return Response(body="", status_code=204, headers={"Set-Cookie": session_cookie.clear_cookie()})
