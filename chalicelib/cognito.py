"""The app's own calls to the user pool: a browser's session (renewed and revoked with the
refresh token the app keeps in a cookie for it), and whether a person has set up a second factor.

Clients sign in and set up an authenticator with Cognito themselves; joining, resetting a password
and signing out everywhere are the app's admin calls (notify/user_pool.py)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.domain.errors import DependencyUnavailable, InvalidToken
from chalicelib.notify.clients import client
from chalicelib.settings import get_settings

# Cognito's answers that mean "this refresh token is no good": revoked, expired, signed out everywhere.
REFUSED = {"NotAuthorizedException", "InvalidParameterException", "UserNotFoundException",
           "ResourceNotFoundException"}
# A person who has set up their authenticator stays set up for this long in one container, so a
# minister's requests do not each cost a Cognito call. Only a "yes" is kept: a person who has just
# enrolled is believed at once on their next request.
SECOND_FACTOR_CACHE_SECONDS = 300


@dataclass(frozen=True)
class Renewed:
    id_token: str
    access_token: str
    expires_in: int


def _refused(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in REFUSED


def renew(refresh_token: str) -> Renewed:
    """New ID and access tokens from a refresh token (REFRESH_TOKEN_AUTH)."""
    try:
        result = client("cognito-idp").initiate_auth(
            ClientId=get_settings().user_pool_client_id, AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh_token})["AuthenticationResult"]
    except ClientError as exc:
        if _refused(exc):
            raise InvalidToken(code="session_ended") from exc
        raise DependencyUnavailable(wording="sign_in") from exc
    except BotoCoreError as exc:
        raise DependencyUnavailable(wording="sign_in") from exc
    return Renewed(result["IdToken"], result["AccessToken"], int(result.get("ExpiresIn", 3600)))


def revoke(refresh_token: str) -> None:
    """RevokeToken: the refresh token, and the access tokens made from it, stop working.
    A token already revoked, or ended by a sign-out everywhere, is already what we want."""
    try:
        client("cognito-idp").revoke_token(Token=refresh_token, ClientId=get_settings().user_pool_client_id)
    except ClientError as exc:
        if not _refused(exc) and exc.response.get("Error", {}).get("Code") != "UnsupportedTokenTypeException":
            raise DependencyUnavailable(wording="sign_in") from exc
    except BotoCoreError as exc:
        raise DependencyUnavailable(wording="sign_in") from exc


class SecondFactors:
    """Who has an authenticator app set up (AdminGetUser's UserMFASettingList), cached per container."""

    def __init__(self) -> None:
        self._confirmed_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def has_authenticator(self, username: str) -> bool:
        now = time.monotonic()
        with self._lock:
            if self._confirmed_until.get(username, 0.0) > now:
                return True
        try:
            user = client("cognito-idp").admin_get_user(UserPoolId=get_settings().user_pool_id, Username=username)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "UserNotFoundException":
                return False
            raise DependencyUnavailable(wording="sign_in") from exc
        except BotoCoreError as exc:
            raise DependencyUnavailable(wording="sign_in") from exc
        enrolled = "SOFTWARE_TOKEN_MFA" in (user.get("UserMFASettingList") or [])
        if enrolled:
            with self._lock:
                self._confirmed_until[username] = now + SECOND_FACTOR_CACHE_SECONDS
        return enrolled

    def forget(self) -> None:
        with self._lock:
            self._confirmed_until.clear()


second_factors = SecondFactors()
