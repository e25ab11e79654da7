"""The embedded Cognito's attribute updates made to behave like AWS's (moto 5.2.5 does not):

1. UpdateUserAttributes (a person's own access token) may write only what the app client's
   WriteAttributes lists, when it lists any: anything else is NotAuthorizedException. moto writes
   whatever it is given.
2. A new email counts only once a code mailed to it comes back, when the pool says so
   (UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate): until then the old email
   stays, with its email_verified. Without that setting a new email is unverified until confirmed.
   moto changed the email at once and left email_verified "true", so a token carried a stranger's
   address marked verified.
3. GetUserAttributeVerificationCode and VerifyUserAttribute, which moto lacks: the code is mailed
   (the same local mail as every code: /dev/mailbox), only that code works, and it applies the
   waiting email.
"""

from __future__ import annotations

from moto.cognitoidp.exceptions import InvalidParameterException, NotAuthorizedError
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUser, CognitoIdpUserPool
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import ActionResult, EmptyResult

from devstack import moto_cognito

_installed = False


def _signed_in(access_token: str) -> tuple[CognitoIdpBackend, CognitoIdpUserPool, str, CognitoIdpUser]:
    """(backend, pool, the token's client id, user) for a live access token."""
    for backend, pool in moto_cognito._every_pool():
        if access_token in pool.access_tokens:
            client_id, username = pool.access_tokens[access_token]
            return backend, pool, client_id, pool._get_user(username)
    if any(access_token in moto_cognito._revoked(pool) for _, pool in moto_cognito._every_pool()):
        raise NotAuthorizedError("Access Token has been revoked")
    raise NotAuthorizedError("Invalid Access Token")


def _pending(user: CognitoIdpUser) -> dict[str, str]:
    if not hasattr(user, "devstack_pending"):
        user.devstack_pending = {}  # type: ignore[attr-defined]
    return user.devstack_pending  # type: ignore[attr-defined]


def _verified_first(pool: CognitoIdpUserPool) -> list[str]:
    settings = pool.extended_config.get("UserAttributeUpdateSettings") or {}
    return list(settings.get("AttributesRequireVerificationBeforeUpdate") or [])


def update_user_attributes(self: CognitoIdpResponse) -> ActionResult:
    backend, pool, client_id, user = _signed_in(self._get_param("AccessToken"))
    attributes = self._get_param("UserAttributes") or []
    writable = pool.clients[client_id].extended_config.get("WriteAttributes") if client_id in pool.clients else None
    if writable is not None and any(a["Name"] not in writable for a in attributes):
        raise NotAuthorizedError("A client attempted to write unauthorized attribute")
    delivered, now = [], []
    for attribute in attributes:
        name, value = attribute["Name"], attribute.get("Value", "")
        if name != "email" or value == user.attribute_lookup.get("email"):
            now.append(attribute)
            continue
        backend._verify_email_is_not_used(pool.id, value)  # AliasExistsException: another account's
        if "email" in _verified_first(pool):
            _pending(user)["email"] = value  # the old address stays until the code comes back
        else:
            now += [attribute, {"Name": "email_verified", "Value": "false"}]
        if "email" in (pool.extended_config.get("AutoVerifiedAttributes") or []):
            delivered.append(moto_cognito._mail_code(pool, user, "email", to=value))
    user.update_attributes(now)
    return ActionResult({"CodeDeliveryDetailsList": delivered})


def get_user_attribute_verification_code(self: CognitoIdpResponse) -> ActionResult:
    _, pool, _, user = _signed_in(self._get_param("AccessToken"))
    if self._get_param("AttributeName") != "email":
        raise InvalidParameterException("Only email can be verified here")
    to = _pending(user).get("email") or user.attribute_lookup.get("email")
    return ActionResult({"CodeDeliveryDetails": moto_cognito._mail_code(pool, user, "email", to=to)})


def verify_user_attribute(self: CognitoIdpResponse) -> EmptyResult:
    _, _, _, user = _signed_in(self._get_param("AccessToken"))
    if self._get_param("AttributeName") != "email":
        raise InvalidParameterException("Only email can be verified here")
    moto_cognito._take_code(user, "email", self._get_param("Code"))
    waiting = _pending(user).pop("email", None)
    applied = [{"Name": "email", "Value": waiting}] if waiting else []
    user.update_attributes([*applied, {"Name": "email_verified", "Value": "true"}])
    return EmptyResult()


def install() -> None:
    global _installed
    if _installed:
        return
    # moto's server answers an action with the response class's method of the same name.
    for action in (update_user_attributes, get_user_attribute_verification_code, verify_user_attribute):
        setattr(CognitoIdpResponse, action.__name__, action)
    _installed = True
