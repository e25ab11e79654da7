"""Verifying Cognito ID tokens inside the app (README: why not a Chalice authorizer).

The signature is checked against the user pool's JWKS, fetched once per process and cached.
An unknown `kid` refetches, but at most once a minute, so forged tokens cannot turn the app
into a JWKS hammer. A failed fetch is not tried again for a growing back-off (30 s, 60 s, ... up
to 5 min): meanwhile requests answer 503 with Retry-After at once, and a success resets it.
Then `iss`, `aud`, `token_use` and `exp` are checked, with a small leeway.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Mapping
from typing import Any

from chalice.app import Request

from chalicelib.domain.errors import DependencyUnavailable, Forbidden, InvalidToken, NotSignedIn
from chalicelib.domain.identity import Access, Caller, needs_second_factor, roles_from_groups
from chalicelib.settings import Settings, get_settings

REFETCH_INTERVAL_SECONDS = 60
JWKS_TIMEOUT_SECONDS = 3
# After a failed fetch, no other try for this long (doubling per failure, up to the cap): while
# Cognito is unreachable, requests answer 503 at once instead of each waiting out the timeout.
FAILURE_BACKOFF_SECONDS = 30
FAILURE_BACKOFF_MAX_SECONDS = 300


class JwksCache:
    def __init__(self, url: str):
        self._url = url
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._failures = 0
        self._retry_at = 0.0  # no fetch before this, after a failure
        self._fetching = threading.Lock()  # one fetch at a time; nobody queues behind it

    def _download(self) -> dict[str, Any]:
        # Imported here: urllib.request brings http.client, email and ssl (~15 ms), and a container
        # fetches the keys once, on its first request that carries a token.
        import urllib.request

        with urllib.request.urlopen(self._url, timeout=JWKS_TIMEOUT_SECONDS) as reply:  # noqa: S310 - the URL is a setting
            return json.load(reply)

    def _fetch(self) -> None:
        import urllib.error

        try:
            document = self._download()
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise DependencyUnavailable(wording="sign_in", retry_after=5) from exc
        import jwt  # see TokenVerifier.verify

        keys = {}
        for jwk in document.get("keys", []):
            if jwk.get("kty") == "RSA" and jwk.get("kid"):
                keys[jwk["kid"]] = jwt.PyJWK.from_dict(jwk, algorithm="RS256").key
        self._keys = keys
        self._fetched_at = time.monotonic()

    def _backing_off(self, now: float) -> DependencyUnavailable | None:
        if now < self._retry_at:
            return DependencyUnavailable(wording="sign_in", retry_after=max(1, math.ceil(self._retry_at - now)))
        return None

    def _refresh(self) -> None:
        """Fetch, unless a fetch failed lately (503 at once, with the time left) or another
        request is fetching right now (503 at once: it may take the whole timeout)."""
        refusal = self._backing_off(time.monotonic())
        if refusal:
            raise refusal
        if not self._fetching.acquire(blocking=False):
            raise DependencyUnavailable(wording="sign_in", retry_after=1)
        try:
            refusal = self._backing_off(time.monotonic())  # it failed while we came in
            if refusal:
                raise refusal
            try:
                self._fetch()
            except DependencyUnavailable:
                backoff = min(FAILURE_BACKOFF_SECONDS * 2**self._failures, FAILURE_BACKOFF_MAX_SECONDS)
                self._failures += 1
                self._retry_at = time.monotonic() + backoff
                raise DependencyUnavailable(wording="sign_in", retry_after=backoff) from None
            self._failures, self._retry_at = 0, 0.0
        finally:
            self._fetching.release()

    def key_for(self, kid: str) -> Any:
        key = self._keys.get(kid)  # known keys need no lock: the dict is replaced whole
        if key is None and (not self._fetched_at
                            or time.monotonic() - self._fetched_at > REFETCH_INTERVAL_SECONDS):
            self._refresh()
            key = self._keys.get(kid)
        if key is None:
            raise InvalidToken(wording="issuer")
        return key


class TokenVerifier:
    def __init__(self, settings: Settings):
        self._settings = settings
        self._jwks = JwksCache(settings.cognito_jwks_url)

    def verify(self, token: str) -> Caller:
        # Imported here, not at the top: PyJWT brings `cryptography`, and only a request that
        # carries a token needs it; an anonymous read's cold start skips it.
        import jwt

        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken(wording="malformed") from exc
        if header.get("alg") != "RS256" or not isinstance(header.get("kid"), str):
            raise InvalidToken(wording="algorithm")
        key = self._jwks.key_for(header["kid"])
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                issuer=self._settings.cognito_issuer,
                leeway=self._settings.token_leeway_seconds,
                # `aud` is checked below, after token_use: access tokens carry none, and the
                # client deserves to hear that it sent the wrong kind of token.
                options={"require": ["exp", "iat", "iss", "sub", "token_use"], "verify_aud": False},
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken(code="token_expired") from exc
        except jwt.PyJWTError as exc:
            raise InvalidToken() from exc
        if claims.get("token_use") != "id":
            raise InvalidToken(wording="access_token")
        if claims.get("aud") != self._settings.user_pool_client_id:
            raise InvalidToken(wording="audience")
        groups = claims.get("cognito:groups") or []
        signed_in_at = claims.get("auth_time", claims["iat"])
        return Caller(
            id=str(claims["sub"]),
            username=str(claims.get("cognito:username") or claims["sub"]),
            roles=roles_from_groups([str(g) for g in groups] if isinstance(groups, list) else []),
            email=claims.get("email"),
            email_verified=claims.get("email_verified") is True,  # Cognito's is a JSON boolean
            signed_in_at=int(signed_in_at) if isinstance(signed_in_at, int | float) else 0,
        )


_verifier: TokenVerifier | None = None


def verifier() -> TokenVerifier:
    global _verifier
    if _verifier is None:
        _verifier = TokenVerifier(get_settings())
    return _verifier


def bearer_token(request: Request) -> str | None:
    headers: Mapping[str, str] = request.headers or {}
    value = headers.get("authorization")
    if value is None:
        return None
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken(wording="header")
    return token.strip()


def _guarded(caller: Caller, access: Access, has_authenticator: bool | None) -> Caller | None:
    """A power account without its authenticator set up gets no power, nor anything signed in:
    where a route needs sign-in it is refused; elsewhere it is treated as anonymous."""
    if not needs_second_factor(caller.roles) or has_authenticator:
        return caller
    if access.sign_in:
        raise Forbidden(code="second_factor_required")
    return None


def caller_for(request: Request, access: Access, *, sign_in_change: bool = False) -> Caller | None:
    """A token, when sent, is always verified: a bad one is 401 even where none is needed, and so is
    one from a sign-in the person has since ended (logic.sign_ins). A route that records a change to
    how the person signs in (`sign_in_change`: an authenticator just set up) gets the caller before
    the second factor is asked for, and does its own looking."""
    token = bearer_token(request)
    caller = verifier().verify(token) if token else None
    if caller is not None:
        from chalicelib.logic import sign_ins  # the store and Cognito: only a request with a token needs them

        has_authenticator = sign_ins.admit(caller, look=not sign_in_change)
        if not sign_in_change:
            caller = _guarded(caller, access, has_authenticator)
    if access.sign_in and caller is None:
        raise NotSignedIn()
    if not access.allows(caller):
        raise Forbidden(wording="only", who=access.who_may())
    return caller
