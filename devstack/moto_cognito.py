"""The embedded Cognito made to behave like AWS's for the account journey (moto 5.2.5 does not):

1. Codes. SignUp, ResendConfirmationCode and ForgotPassword make a random 6-digit code, keep it on
   the user and mail it through SES from the pool's EmailConfiguration sender (moto_mail mirrors
   it to /dev/mailbox). ConfirmSignUp and ConfirmForgotPassword refuse any other code
   (CodeMismatchException) and a stale one (ExpiredCodeException: sign-up codes last 24 hours,
   reset codes one). moto accepts any code, sends nothing, and hands forgot-password codes out
   in a response header.
2. Nobody learns who has an account, when the client says PreventUserExistenceErrors: unknown
   addresses get the answers known ones get (sign-in: "Incorrect username or password.").
3. RevokeToken, which moto lacks: the refresh token stops working, and so do the access tokens
   issued from it. GlobalSignOut ends every refresh token of the user (moto's does, but looks
   for the token only in us-east-1: the call is unsigned, so it names no region).
4. TOTP codes pass in the time step before or after the current one, as Cognito tolerates clock
   drift; moto takes the current step alone, so a code read at :29.9 would fail at :30.0.
5. ID tokens carry the user's attributes (email_verified, name) when the client does not limit
   them with ReadAttributes, as Cognito's do; moto's carry only the ReadAttributes.
6. A pool that admits only admin-created users (AdminCreateUserConfig.AllowAdminCreateUserOnly)
   refuses SignUp, the same way for every address: moto lets anyone sign up, and tells them when
   the address is taken.
7. A sign-out everywhere (AdminUserGlobalSignOut, GlobalSignOut) ends the person's sessions however
   they signed in: moto compares the name given with the name each session signed in with, so an
   AdminUserGlobalSignOut naming the user's `sub` ended none of the sessions signed in by email.
8. Tokens from a refresh keep their sign-in's `auth_time`, as Cognito's do; moto stamps the refresh's
   own time, so an old session's refreshed token looked like a new sign-in.

Changing an email (UpdateUserAttributes and what confirms it) is in devstack/moto_cognito_attributes.py.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
from collections.abc import Iterator
from typing import Any

from moto.cognitoidp import models as idp
from moto.cognitoidp.exceptions import (
    CodeMismatchException,
    ExpiredCodeException,
    InvalidParameterException,
    NotAuthorizedError,
    ResourceNotFoundError,
    UserNotFoundError,
)
from moto.cognitoidp.models import (
    CognitoIdpBackend,
    CognitoIdpUser,
    CognitoIdpUserPool,
    CognitoIdpUserPoolClient,
    UserStatus,
    cognitoidp_backends,
)
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult
from moto.ses.exceptions import MessageRejectedError

from devstack import moto_mail

CODE_SECONDS = {"sign_up": 24 * 3600, "reset": 3600, "email": 24 * 3600}
COGNITO_DEFAULT_SENDER = "no-reply@verificationemail.com"  # Cognito's own, when SES is not set
WRONG_CODE = "Invalid verification code provided, please try again."
STALE_CODE = "Invalid code provided, please request a code again."
_installed = False


class UnsupportedOperationException(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("UnsupportedOperationException", message)


class UnsupportedTokenTypeException(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("UnsupportedTokenTypeException", message)


class UnauthorizedException(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("UnauthorizedException", message)


def _now() -> float:
    return time.time()  # one place, so a test can move the clock


def _every_pool() -> Iterator[tuple[CognitoIdpBackend, CognitoIdpUserPool]]:
    """Across accounts and regions: unsigned calls (GetUser, SignUp...) name no region."""
    for account_backends in cognitoidp_backends.values():
        for region, backend in account_backends.items():
            if region != "global":
                yield from ((backend, pool) for pool in backend.user_pools.values())


def _find_client(client_id: str) -> tuple[CognitoIdpBackend, CognitoIdpUserPool, CognitoIdpUserPoolClient]:
    for backend, pool in _every_pool():
        if client_id in pool.clients:
            return backend, pool, pool.clients[client_id]
    raise ResourceNotFoundError(client_id)


def _hides_existence(client: CognitoIdpUserPoolClient) -> bool:
    return client.extended_config.get("PreventUserExistenceErrors") == "ENABLED"


def _masked(address: str) -> dict[str, str]:
    local, _, domain = address.partition("@")
    return {"Destination": f"{local[:1]}***@{domain[:1]}***", "DeliveryMedium": "EMAIL",
            "AttributeName": "email"}


def _unknown(client: CognitoIdpUserPoolClient) -> Exception:
    """What a code for an unknown username gets: a wrong code, when the client hides existence."""
    return CodeMismatchException(WRONG_CODE) if _hides_existence(client) else _not_found()


def _not_found() -> Exception:
    return UserNotFoundError("Username/client id combination not found.")


# --- codes ------------------------------------------------------------------------------------

def _codes(user: CognitoIdpUser) -> dict[str, tuple[str, float]]:
    if not hasattr(user, "devstack_codes"):
        user.devstack_codes = {}  # type: ignore[attr-defined]
    return user.devstack_codes  # type: ignore[attr-defined]


def _mail_code(pool: CognitoIdpUserPool, user: CognitoIdpUser, purpose: str, to: str | None = None) -> dict[str, str]:
    """A fresh code replaces any earlier one of its purpose, and is mailed to the user (or to `to`)."""
    address = to or user.attribute_lookup.get("email")
    if not address:
        raise InvalidParameterException("Cannot send a code: the user has no email address")
    code = f"{secrets.randbelow(10**6):06d}"
    _codes(user)[purpose] = (code, _now())
    config = pool.extended_config
    subject = config.get("EmailVerificationSubject") or "Your verification code"
    text = (config.get("EmailVerificationMessage") or "Your verification code is {####}. ").replace("{####}", code)
    sending = config.get("EmailConfiguration") or {}
    if sending.get("EmailSendingAccount") == "DEVELOPER" and sending.get("SourceArn"):
        # arn:aws:ses:<region>:<account>:identity/<identity>
        _, _, _, region, account, identity = sending["SourceArn"].split(":", 5)
        sender = sending.get("From") or identity.removeprefix("identity/")
        try:
            moto_mail.send(account, region, sender, address, subject, text)
        except MessageRejectedError as refused:
            raise InvalidParameterException(f"Cognito could not send email through SES: {refused.message}") from None
    else:
        moto_mail.mirror(pool.account_id, pool.region, COGNITO_DEFAULT_SENDER, [address], subject, text)
    return _masked(address)


def _take_code(user: CognitoIdpUser, purpose: str, given: str, *, keep: bool = False) -> None:
    held = _codes(user).get(purpose)
    if held is None or not secrets.compare_digest(held[0], str(given or "")):
        raise CodeMismatchException(WRONG_CODE)
    if _now() - held[1] > CODE_SECONDS[purpose]:
        raise ExpiredCodeException(STALE_CODE)
    if not keep:
        del _codes(user)[purpose]


def _wrap_sign_up(original: Any) -> Any:
    def sign_up(self: CognitoIdpBackend, client_id: str, username: str, password: str,
                attributes: list[dict[str, str]]) -> tuple[CognitoIdpUser, Any]:
        _, admitting, _ = _find_client(client_id)
        if (admitting.extended_config.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly"):
            raise NotAuthorizedError("SignUp is not permitted for this user pool")  # before any look at the name
        user, details = original(self, client_id, username, password, attributes)
        pool = self.user_pools[user.user_pool_id]
        if "email" in pool.extended_config.get("AutoVerifiedAttributes", []) and "email" in user.attribute_lookup:
            details = _mail_code(pool, user, "sign_up")
        return user, details
    return sign_up


def confirm_sign_up(self: CognitoIdpResponse) -> EmptyResult:
    _, pool, client = _find_client(self._get_param("ClientId"))
    user = pool._get_user(self._get_param("Username"))
    if user is None:
        raise _unknown(client)
    if user.status == UserStatus.CONFIRMED:
        raise NotAuthorizedError("User cannot be confirmed. Current status is CONFIRMED")
    _take_code(user, "sign_up", self._get_param("ConfirmationCode"))
    user.status = UserStatus.CONFIRMED
    if "email" in pool.extended_config.get("AutoVerifiedAttributes", []):
        user.update_attributes([{"Name": "email_verified", "Value": "true"}])  # the code proved it
    return EmptyResult()


def resend_confirmation_code(self: CognitoIdpResponse) -> ActionResult:
    username = self._get_param("Username")
    _, pool, client = _find_client(self._get_param("ClientId"))
    user = pool._get_user(username)
    if user is None:
        if _hides_existence(client):
            return ActionResult({"CodeDeliveryDetails": _masked(username)})
        raise _not_found()
    if user.status == UserStatus.CONFIRMED:
        raise InvalidParameterException("User is already confirmed.")
    return ActionResult({"CodeDeliveryDetails": _mail_code(pool, user, "sign_up")})


def forgot_password(self: CognitoIdpResponse) -> ActionResult:
    username = self._get_param("Username")
    backend, pool, client = _find_client(self._get_param("ClientId"))
    user = pool._get_user(username)
    recovery = pool.extended_config.get("AccountRecoverySetting")
    backend._get_code_delivery_details(recovery, user, username)  # refuses when recovery is admin_only
    if user is None:
        if _hides_existence(client):
            return ActionResult({"CodeDeliveryDetails": _masked(username)})
        raise _not_found()
    if user.attribute_lookup.get("email_verified") != "true":
        raise InvalidParameterException(
            "Cannot reset password for the user as there is no registered/verified email or phone_number")
    return ActionResult({"CodeDeliveryDetails": _mail_code(pool, user, "reset")})


def confirm_forgot_password(self: CognitoIdpResponse) -> EmptyResult:
    backend, pool, client = _find_client(self._get_param("ClientId"))
    user = pool._get_user(self._get_param("Username"))
    if user is None:
        raise _unknown(client)
    code, password = self._get_param("ConfirmationCode"), self._get_param("Password")
    _take_code(user, "reset", code, keep=True)
    backend._validate_password(pool.id, password)  # a refused password leaves the code usable
    _take_code(user, "reset", code)
    user.password = password
    if user.status in (UserStatus.RESET_REQUIRED, UserStatus.FORCE_CHANGE_PASSWORD):
        user.status = UserStatus.CONFIRMED
    return EmptyResult()


def _wrap_initiate_auth(original: Any) -> Any:
    def initiate_auth(self: CognitoIdpBackend, client_id: str, auth_flow: str,
                      auth_parameters: dict[str, str]) -> dict[str, Any]:
        try:
            return original(self, client_id, auth_flow, auth_parameters)
        except UserNotFoundError:
            _, _, client = _find_client(client_id)
            if _hides_existence(client):
                raise NotAuthorizedError("Incorrect username or password.") from None
            raise
    return initiate_auth


# --- revocation -------------------------------------------------------------------------------

def _revoked(pool: CognitoIdpUserPool) -> set[str]:
    if not hasattr(pool, "devstack_revoked"):
        pool.devstack_revoked = set()  # type: ignore[attr-defined]
    return pool.devstack_revoked  # type: ignore[attr-defined]


def _origin_jti(token: str) -> str | None:
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))).get("origin_jti")
    except (IndexError, ValueError):
        return None


def revoke_token(self: CognitoIdpResponse) -> EmptyResult:
    token, client_id = self._get_param("Token"), self._get_param("ClientId")
    _, pool, client = _find_client(client_id)
    if client.generate_secret and self._get_param("ClientSecret") != client.secret:
        raise NotAuthorizedError(f"Client {client_id} is configured with secret but SECRET_HASH was not received")
    if not client.extended_config.get("EnableTokenRevocation", True):
        raise UnsupportedOperationException("Token revocation is not enabled for this app client.")
    if token in pool.access_tokens or token in pool.id_tokens:
        raise UnsupportedTokenTypeException("Only refresh tokens can be revoked.")
    held = pool.refresh_tokens.get(token)
    if held is None:
        return EmptyResult()  # unknown, or revoked already: there is nothing left to end
    issued_to, _, origin_jti = held
    if issued_to != client_id:
        raise UnauthorizedException("The token was not issued to this client.")
    pool.refresh_tokens[token] = None  # moto's mark: REFRESH_TOKEN_AUTH says it was revoked
    for access in [t for t in pool.access_tokens if _origin_jti(t) == origin_jti]:
        del pool.access_tokens[access]
        _revoked(pool).add(access)
    return EmptyResult()


def global_sign_out(self: CognitoIdpResponse) -> EmptyResult:
    access_token = self._get_param("AccessToken")
    for backend, pool in _every_pool():
        if access_token in pool.access_tokens:
            backend.global_sign_out(access_token)
            return EmptyResult()
    if any(access_token in _revoked(pool) for _, pool in _every_pool()):
        raise NotAuthorizedError("Access Token has been revoked")
    raise NotAuthorizedError("Invalid Access Token")


def sign_out(self: CognitoIdpUserPool, username: str) -> None:
    """Every session of the user: moto keeps each under the name it signed in with (an email, the
    sub), so the names that mean this user are gathered first, not compared with the one given."""
    user = self._get_user(username)
    names = {username} if user is None else {username, user.username, user.id, user.attribute_lookup.get("email")}
    for token, held in list(self.refresh_tokens.items()):
        if held is not None and held[1] in names:
            self.refresh_tokens[token] = None
    for access, (_, signed_in_as) in list(self.access_tokens.items()):
        if signed_in_as in names:
            del self.access_tokens[access]
            _revoked(self).add(access)


def _sign_in_times(pool: CognitoIdpUserPool) -> dict[str, int]:
    if not hasattr(pool, "devstack_sign_in_times"):
        pool.devstack_sign_in_times = {}  # type: ignore[attr-defined]
    return pool.devstack_sign_in_times  # type: ignore[attr-defined]


def _wrap_refresh_token(original: Any) -> Any:
    def create_refresh_token(self: CognitoIdpUserPool, client_id: str, username: str) -> tuple[str, str]:
        refresh_token, origin_jti = original(self, client_id, username)
        _sign_in_times(self)[origin_jti] = int(_now())  # a sign-in: the session's auth_time
        return refresh_token, origin_jti
    return create_refresh_token


def _wrap_jwt(original: Any) -> Any:
    def create_jwt(self: CognitoIdpUserPool, client_id: str, username: str, token_use: str,
                   expires_in: int = 3600, extra_data: dict[str, Any] | None = None) -> tuple[str, int]:
        signed_in_at = _sign_in_times(self).get((extra_data or {}).get("origin_jti", ""))
        if signed_in_at is not None:
            extra_data = {**(extra_data or {}), "auth_time": signed_in_at}
        return original(self, client_id, username, token_use, expires_in, extra_data)
    return create_jwt


def _wrap_get_user(original: Any) -> Any:
    def get_user(self: CognitoIdpBackend, access_token: str) -> CognitoIdpUser:
        if any(access_token in _revoked(pool) for _, pool in _every_pool()):
            raise NotAuthorizedError("Access Token has been revoked")
        return original(self, access_token)
    return get_user


def _wrap_token_attributes(original: Any) -> Any:
    def extra_data(self: CognitoIdpUserPool, client_id: str, username: str) -> dict[str, Any]:
        client = self.clients.get(client_id)
        if client is None or client.get_readable_fields():
            return original(self, client_id, username)
        attributes = self._get_user(username).attribute_lookup
        return {name: value == "true" if name.endswith("_verified") else value  # JSON booleans, as AWS's
                for name, value in attributes.items() if name != "sub" and not name.startswith("custom:")}
    return extra_data


def _drift_tolerant(verify: Any) -> Any:
    def verify_totp(totp: Any, code: bytes, valid_window: int = 1) -> None:
        verify(totp, code, valid_window=max(valid_window, 1))
    return verify_totp


def install() -> None:
    global _installed
    if _installed:
        return
    CognitoIdpBackend.sign_up = _wrap_sign_up(CognitoIdpBackend.sign_up)  # type: ignore[method-assign]
    CognitoIdpBackend.initiate_auth = _wrap_initiate_auth(CognitoIdpBackend.initiate_auth)  # type: ignore[method-assign]
    CognitoIdpBackend.get_user = _wrap_get_user(CognitoIdpBackend.get_user)  # type: ignore[method-assign]
    CognitoIdpUserPool.sign_out = sign_out  # type: ignore[method-assign]
    CognitoIdpUserPool.create_refresh_token = _wrap_refresh_token(  # type: ignore[method-assign]
        CognitoIdpUserPool.create_refresh_token)
    CognitoIdpUserPool.create_jwt = _wrap_jwt(CognitoIdpUserPool.create_jwt)  # type: ignore[method-assign]
    idp.verify_totp = _drift_tolerant(idp.verify_totp)
    CognitoIdpUserPool.get_user_extra_data_by_client_id = _wrap_token_attributes(  # type: ignore[method-assign]
        CognitoIdpUserPool.get_user_extra_data_by_client_id)
    # moto's server answers an action with the response class's method of the same name.
    for action in (confirm_sign_up, resend_confirmation_code, forgot_password, confirm_forgot_password,
                   revoke_token, global_sign_out):
        setattr(CognitoIdpResponse, action.__name__, action)
    _installed = True
