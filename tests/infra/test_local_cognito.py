"""The embedded Cognito behaves like AWS's for the account journey (devstack/moto_cognito.py):
codes are mailed and only the mailed code works; RevokeToken and GlobalSignOut end sessions;
TOTP codes are checked; nobody learns from an answer who has an account."""

from __future__ import annotations

import base64
import json
import time
import uuid

import boto3
import pyotp
import pytest
from botocore.exceptions import ClientError

from devstack import moto_cognito
from devstack.accounts import LOCAL_TOTP_SECRET, totp_code
from tests.conftest import PASSWORD, REGION

NEW_PASSWORD = "Another-Horse-42"


@pytest.fixture(scope="module")
def idp(stack):
    return boto3.client("cognito-idp", endpoint_url=stack["aws"].endpoint, region_name=REGION)


@pytest.fixture(scope="module")
def client_id(stack) -> str:
    return stack["env"]["USER_POOL_CLIENT_ID"]


def _address(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:10]}@example.org"


def _refused(call, code: str, *args, **kwargs) -> str:
    """The error code Cognito answers with; its message returned for further checks."""
    with pytest.raises(ClientError) as raised:
        call(*args, **kwargs)
    assert raised.value.response["Error"]["Code"] == code, raised.value.response["Error"]
    return raised.value.response["Error"]["Message"]


def _other_than(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def _password_sign_in(idp, client_id: str, email: str, password: str = PASSWORD) -> dict:
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": email, "PASSWORD": password})


def _claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


# --- joining ------------------------------------------------------------------------------------

def test_only_the_mailed_code_confirms_a_new_account(idp, client_id, accounts):
    email = _address("joiner")
    accounts.sign_up(email, PASSWORD, "Jo Iner")
    _refused(_password_sign_in, "UserNotConfirmedException", idp, client_id, email)
    code = accounts.latest_code(email)
    message = _refused(idp.confirm_sign_up, "CodeMismatchException", ClientId=client_id, Username=email,
                       ConfirmationCode=_other_than(code))
    assert message == "Invalid verification code provided, please try again."

    idp.confirm_sign_up(ClientId=client_id, Username=email, ConfirmationCode=code)
    tokens = _password_sign_in(idp, client_id, email)["AuthenticationResult"]
    claims = _claims(tokens["IdToken"])
    assert claims["email"] == email and claims["email_verified"] is True and claims["name"] == "Jo Iner"
    _refused(idp.confirm_sign_up, "NotAuthorizedException", ClientId=client_id, Username=email,
             ConfirmationCode=code)  # confirmed already; a used code is no key


def test_a_resent_code_replaces_the_first(idp, client_id, accounts):
    email = _address("resender")
    accounts.sign_up(email, PASSWORD)
    first = accounts.latest_code(email)
    second = first
    while second == first:  # one in a million draws the same six digits again
        sent = idp.resend_confirmation_code(ClientId=client_id, Username=email)
        second = accounts.latest_code(email)
    assert sent["CodeDeliveryDetails"] == {"Destination": f"{email[0]}***@e***", "DeliveryMedium": "EMAIL",
                                           "AttributeName": "email"}
    _refused(idp.confirm_sign_up, "CodeMismatchException", ClientId=client_id, Username=email,
             ConfirmationCode=first)
    idp.confirm_sign_up(ClientId=client_id, Username=email, ConfirmationCode=second)
    _refused(idp.resend_confirmation_code, "InvalidParameterException", ClientId=client_id, Username=email)


def test_a_code_a_day_old_has_expired(idp, client_id, accounts, monkeypatch):
    email = _address("latecomer")
    accounts.sign_up(email, PASSWORD)
    code = accounts.latest_code(email)
    monkeypatch.setattr(moto_cognito, "_now", lambda: time.time() + 24 * 3600 + 60)
    _refused(idp.confirm_sign_up, "ExpiredCodeException", ClientId=client_id, Username=email, ConfirmationCode=code)


def test_unknown_addresses_are_answered_as_known_ones(idp, client_id):
    stranger = _address("nobody")
    _refused(idp.confirm_sign_up, "CodeMismatchException", ClientId=client_id, Username=stranger,
             ConfirmationCode="123456")
    resent = idp.resend_confirmation_code(ClientId=client_id, Username=stranger)["CodeDeliveryDetails"]
    assert resent["Destination"] == "n***@e***"
    message = _refused(_password_sign_in, "NotAuthorizedException", idp, client_id, stranger)
    assert message == "Incorrect username or password."


# --- forgetting ---------------------------------------------------------------------------------

def test_a_forgotten_password_is_reset_with_the_mailed_code_only(idp, client_id, accounts):
    email = _address("forgetful")
    accounts.create(email, PASSWORD)
    asked = idp.forgot_password(ClientId=client_id, Username=email)
    assert "x-moto-forgot-password-confirmation-code" not in asked["ResponseMetadata"]["HTTPHeaders"]
    assert asked["CodeDeliveryDetails"]["Destination"] == "f***@e***"
    code = accounts.latest_code(email)

    _refused(idp.confirm_forgot_password, "CodeMismatchException", ClientId=client_id, Username=email,
             ConfirmationCode=_other_than(code), Password=NEW_PASSWORD)
    _refused(idp.confirm_forgot_password, "InvalidPasswordException", ClientId=client_id, Username=email,
             ConfirmationCode=code, Password="short")  # the code stays usable after a weak password
    idp.confirm_forgot_password(ClientId=client_id, Username=email, ConfirmationCode=code, Password=NEW_PASSWORD)

    assert _password_sign_in(idp, client_id, email, NEW_PASSWORD)["AuthenticationResult"]["IdToken"]
    _refused(_password_sign_in, "NotAuthorizedException", idp, client_id, email, PASSWORD)
    _refused(idp.confirm_forgot_password, "CodeMismatchException", ClientId=client_id, Username=email,
             ConfirmationCode=code, Password=PASSWORD)  # used once, gone


def test_a_reset_code_lasts_an_hour(idp, client_id, accounts, monkeypatch):
    email = _address("slow-resetter")
    accounts.create(email, PASSWORD)
    idp.forgot_password(ClientId=client_id, Username=email)
    code = accounts.latest_code(email)
    monkeypatch.setattr(moto_cognito, "_now", lambda: time.time() + 3600 + 60)
    _refused(idp.confirm_forgot_password, "ExpiredCodeException", ClientId=client_id, Username=email,
             ConfirmationCode=code, Password=NEW_PASSWORD)


def test_forgot_password_for_an_unknown_address_sends_nothing_and_says_nothing(idp, client_id, accounts):
    stranger = _address("forgot-nobody")
    asked = idp.forgot_password(ClientId=client_id, Username=stranger)
    assert asked["CodeDeliveryDetails"] == {"Destination": "f***@e***", "DeliveryMedium": "EMAIL",
                                            "AttributeName": "email"}
    with pytest.raises(LookupError):
        accounts.latest_code(stranger)
    _refused(idp.confirm_forgot_password, "CodeMismatchException", ClientId=client_id, Username=stranger,
             ConfirmationCode="123456", Password=NEW_PASSWORD)


# --- signing out --------------------------------------------------------------------------------

def test_a_revoked_refresh_token_and_its_access_tokens_stop_working(idp, client_id, accounts):
    email = _address("leaver")
    accounts.create(email, PASSWORD)
    session = accounts.sign_in(email, PASSWORD)
    other_session = accounts.sign_in(email, PASSWORD)  # another device stays signed in
    refreshed = idp.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": session["RefreshToken"]})["AuthenticationResult"]
    assert idp.get_user(AccessToken=refreshed["AccessToken"])["Username"]

    _refused(idp.revoke_token, "UnsupportedTokenTypeException", Token=session["AccessToken"], ClientId=client_id)
    idp.revoke_token(Token=session["RefreshToken"], ClientId=client_id)

    message = _refused(idp.initiate_auth, "NotAuthorizedException", ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                       AuthParameters={"REFRESH_TOKEN": session["RefreshToken"]})
    assert message == "Refresh Token has been revoked"
    for access in (session["AccessToken"], refreshed["AccessToken"]):
        assert _refused(idp.get_user, "NotAuthorizedException", AccessToken=access) == "Access Token has been revoked"
    assert idp.get_user(AccessToken=other_session["AccessToken"])["Username"]
    idp.revoke_token(Token=session["RefreshToken"], ClientId=client_id)  # again: nothing left to end


def test_global_sign_out_ends_every_session(idp, client_id, accounts):
    email = _address("everywhere")
    accounts.create(email, PASSWORD)
    phone, laptop = accounts.sign_in(email, PASSWORD), accounts.sign_in(email, PASSWORD)
    idp.global_sign_out(AccessToken=phone["AccessToken"])
    for session in (phone, laptop):
        _refused(idp.initiate_auth, "NotAuthorizedException", ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                 AuthParameters={"REFRESH_TOKEN": session["RefreshToken"]})
        assert _refused(idp.get_user, "NotAuthorizedException", AccessToken=session["AccessToken"]) == \
            "Access Token has been revoked"
    _refused(idp.global_sign_out, "NotAuthorizedException", AccessToken=phone["AccessToken"])


# --- TOTP ---------------------------------------------------------------------------------------

def _wrong_totp() -> str:
    """Six digits that are no code of the step before, this one or the next."""
    totp, now = pyotp.TOTP(LOCAL_TOTP_SECRET), time.time()
    valid = {totp.at(now + drift) for drift in (-30, 0, 30)}
    return next(f"{n:06d}" for n in range(10**6) if f"{n:06d}" not in valid)


def test_a_power_account_signs_in_with_a_checked_totp_code(idp, client_id, accounts):
    email = _address("moderator")
    account = accounts.create(email, PASSWORD, ("moderators",))
    assert account.totp
    challenge = _password_sign_in(idp, client_id, email)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA" and "AuthenticationResult" not in challenge

    _refused(idp.respond_to_auth_challenge, "CodeMismatchException", ClientId=client_id,
             ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
             ChallengeResponses={"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": _wrong_totp()})
    signed_in = idp.respond_to_auth_challenge(
        ClientId=client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": totp_code()})["AuthenticationResult"]
    assert _claims(signed_in["IdToken"])["cognito:groups"] == ["moderators"]
    assert _claims(accounts.id_token(account))["cognito:groups"] == ["moderators"]  # the helper answers it


def test_enrolling_refuses_a_wrong_code(idp, client_id, accounts):
    email = _address("new-minister")
    account = accounts.create(email, PASSWORD, ("ministers",), enrol_totp=False)
    assert not account.totp
    access = _password_sign_in(idp, client_id, email)["AuthenticationResult"]["AccessToken"]
    assert idp.associate_software_token(AccessToken=access)["SecretCode"] == LOCAL_TOTP_SECRET
    _refused(idp.verify_software_token, "CodeMismatchException", AccessToken=access, UserCode=_wrong_totp())
    _refused(idp.set_user_mfa_preference, "InvalidParameterException", AccessToken=access,
             SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    accounts.enrol_totp(access)
    assert _password_sign_in(idp, client_id, email)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_citizens_sign_in_with_a_password_alone(idp, client_id, accounts):
    email = _address("citizen")
    assert not accounts.create(email, PASSWORD).totp
    assert "AuthenticationResult" in _password_sign_in(idp, client_id, email)
