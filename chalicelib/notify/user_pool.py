"""The user pool as the app manages it (admin calls, on the stage's own pool): making an account
once a join's code comes back, setting a password once a reset's code does, changing a sign-in email
once the code mailed to it does, and signing a person out everywhere. Cognito's public client can do
none of the first three (infra/template.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.domain.errors import DependencyUnavailable, InvalidInput, field_words
from chalicelib.notify.clients import client
from chalicelib.settings import get_settings

UNCONFIRMED = "UNCONFIRMED"  # joined through Cognito's SignUp before the API ran joins, never confirmed


@dataclass(frozen=True)
class PoolAccount:
    username: str  # the pool's own name for the account
    sub: str       # the person's id in the app
    status: str

    @property
    def is_account(self) -> bool:
        """An account someone can sign in to. One left unconfirmed by the old self-service sign-up
        is not: nobody ever showed the address was theirs, so joining again replaces it."""
        return self.status != UNCONFIRMED


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _pool() -> str:
    return get_settings().user_pool_id


def account_of(address: str) -> PoolAccount | None:
    """The account signing in with this email, if any."""
    try:
        user = client("cognito-idp").admin_get_user(UserPoolId=_pool(), Username=address)
    except ClientError as exc:
        if _code(exc) == "UserNotFoundException":
            return None
        raise DependencyUnavailable(wording="accounts") from exc
    except BotoCoreError as exc:
        raise DependencyUnavailable(wording="accounts") from exc
    attributes = {a["Name"]: a["Value"] for a in user.get("UserAttributes", [])}
    return PoolAccount(username=user["Username"], sub=attributes.get("sub", user["Username"]),
                       status=user.get("UserStatus", ""))


def _refused_password(exc: ClientError) -> InvalidInput | None:
    if _code(exc) == "InvalidPasswordException":
        return InvalidInput(code="invalid_password", details={"fields": {"password": field_words("password_rules")}})
    return None


def create_account(address: str, password: str) -> str | None:
    """A confirmed account with this email, already verified (the code mailed to it came back), and
    this password; its `sub`, or None if the address has an account already (made a moment ago).
    An unconfirmed one left by the old sign-up is replaced. Nothing is mailed (SUPPRESS): the
    person signs in with what they chose."""
    idp = client("cognito-idp")
    try:
        old = account_of(address)
        if old is not None and not old.is_account:
            idp.admin_delete_user(UserPoolId=_pool(), Username=old.username)
        created = idp.admin_create_user(
            UserPoolId=_pool(), Username=address, MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": address}, {"Name": "email_verified", "Value": "true"}])
        username = created["User"]["Username"]
        try:
            idp.admin_set_user_password(UserPoolId=_pool(), Username=username, Password=password, Permanent=True)
        except ClientError:
            idp.admin_delete_user(UserPoolId=_pool(), Username=username)  # nothing half-made stays
            raise
    except ClientError as exc:
        if _code(exc) == "UsernameExistsException":
            return None
        refused = _refused_password(exc)
        if refused is not None:
            raise refused from exc
        raise DependencyUnavailable(wording="accounts") from exc
    except BotoCoreError as exc:
        raise DependencyUnavailable(wording="accounts") from exc
    attributes = {a["Name"]: a["Value"] for a in created["User"].get("Attributes", [])}
    return attributes.get("sub", username)


def set_password(username: str, password: str) -> None:
    try:
        client("cognito-idp").admin_set_user_password(UserPoolId=_pool(), Username=username,
                                                      Password=password, Permanent=True)
    except ClientError as exc:
        refused = _refused_password(exc)
        if refused is not None:
            raise refused from exc
        raise DependencyUnavailable(wording="accounts") from exc
    except BotoCoreError as exc:
        raise DependencyUnavailable(wording="accounts") from exc


def change_email(username: str, address: str) -> bool:
    """Make `address` the account's sign-in email, verified (the code mailed to it came back); False
    if another account signs in with it. Cognito mails nothing for an admin's change."""
    try:
        client("cognito-idp").admin_update_user_attributes(
            UserPoolId=_pool(), Username=username,
            UserAttributes=[{"Name": "email", "Value": address}, {"Name": "email_verified", "Value": "true"}])
    except ClientError as exc:
        if _code(exc) == "AliasExistsException":
            return False
        raise DependencyUnavailable(wording="accounts") from exc
    except BotoCoreError as exc:
        raise DependencyUnavailable(wording="accounts") from exc
    return True


def sign_out_everywhere(username: str) -> None:
    """AdminUserGlobalSignOut: every refresh token of the person stops working at Cognito, and so do
    the access tokens issued from them. ID tokens are the app's to refuse (the not-before time)."""
    try:
        client("cognito-idp").admin_user_global_sign_out(UserPoolId=_pool(), Username=username)
    except ClientError as exc:
        if _code(exc) != "UserNotFoundException":  # gone already: no session left to end
            raise DependencyUnavailable(wording="accounts") from exc
    except BotoCoreError as exc:
        raise DependencyUnavailable(wording="accounts") from exc
