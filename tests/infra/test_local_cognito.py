"""The embedded Cognito behaves like AWS's for the account journey (devstack/moto_cognito.py and
moto_cognito_attributes.py): codes are mailed and only the mailed code works; RevokeToken and
GlobalSignOut end sessions, AdminUserGlobalSignOut however they signed in; a refreshed token keeps
its sign-in's time; TOTP codes are checked; nobody learns from an answer who has an account; a pool
admitting only admin-made accounts refuses SignUp alike for all; a changed email waits for its code.

The stack's pool lets nobody sign up or reset through the public client (the API runs both), so
Cognito's own code journeys are checked on a scratch pool that allows them, as the stack's did."""

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
from devstack.accounts import LOCAL_TOTP_SECRET, CognitoAccounts, totp_code
from tests.conftest import PASSWORD, REGION

NEW_PASSWORD = "Another-Horse-42"


@pytest.fixture(scope="module")
def idp(stack):
    return boto3.client("cognito-idp", endpoint_url=stack["aws"].endpoint, region_name=REGION)


@pytest.fixture(scope="module")
def client_id(stack) -> str:
    return stack["env"]["USER_POOL_CLIENT_ID"]


@pytest.fixture(scope="module")
def open_client_id(idp, stack) -> str:
    """A client of a scratch pool made as the stack's was before the API ran joins and resets:
    self-service sign-up, resets by verified email, the same sender and wording."""
    stacks = idp.describe_user_pool(UserPoolId=stack["env"]["USER_POOL_ID"])["UserPool"]
    pool = idp.create_user_pool(
        PoolName=f"open-{uuid.uuid4().hex[:8]}", UsernameAttributes=["email"], AutoVerifiedAttributes=["email"],
        VerificationMessageTemplate=stacks["VerificationMessageTemplate"],
        EmailConfiguration=stacks["EmailConfiguration"], Policies=stacks["Policies"],
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": False},
        AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}])["UserPool"]
    return idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="open", PreventUserExistenceErrors="ENABLED",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]


def _open_account(idp, open_client_id: str, email: str) -> None:
    """A confirmed account on the scratch pool, made as a person there would: sign up, give the code back."""
    idp.sign_up(ClientId=open_client_id, Username=email, Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": email}])
    idp.confirm_sign_up(ClientId=open_client_id, Username=email, ConfirmationCode=CognitoAccounts.latest_code(email))


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

def test_a_pool_of_admin_made_accounts_refuses_sign_up_the_same_way_for_every_address(idp, client_id, accounts):
    member, stranger = _address("member"), _address("stranger")
    accounts.create(member, PASSWORD)
    # Before: UsernameExistsException for the member; for the stranger a new account and a code.
    messages = {_refused(idp.sign_up, "NotAuthorizedException", ClientId=client_id, Username=email, Password=PASSWORD,
                         UserAttributes=[{"Name": "email", "Value": email}]) for email in (member, stranger)}
    assert messages == {"SignUp is not permitted for this user pool"}
    with pytest.raises(LookupError):
        accounts.latest_code(stranger)


def test_only_the_mailed_code_confirms_a_new_account(idp, open_client_id):
    email = _address("joiner")
    idp.sign_up(ClientId=open_client_id, Username=email, Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": email}, {"Name": "name", "Value": "Jo Iner"}])
    _refused(_password_sign_in, "UserNotConfirmedException", idp, open_client_id, email)
    code = CognitoAccounts.latest_code(email)
    message = _refused(idp.confirm_sign_up, "CodeMismatchException", ClientId=open_client_id, Username=email,
                       ConfirmationCode=_other_than(code))
    assert message == "Invalid verification code provided, please try again."

    idp.confirm_sign_up(ClientId=open_client_id, Username=email, ConfirmationCode=code)
    tokens = _password_sign_in(idp, open_client_id, email)["AuthenticationResult"]
    claims = _claims(tokens["IdToken"])
    assert claims["email"] == email and claims["email_verified"] is True and claims["name"] == "Jo Iner"
    _refused(idp.confirm_sign_up, "NotAuthorizedException", ClientId=open_client_id, Username=email,
             ConfirmationCode=code)  # confirmed already; a used code is no key


def test_a_resent_code_replaces_the_first(idp, open_client_id):
    email = _address("resender")
    idp.sign_up(ClientId=open_client_id, Username=email, Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": email}])
    first = CognitoAccounts.latest_code(email)
    second = first
    while second == first:  # one in a million draws the same six digits again
        sent = idp.resend_confirmation_code(ClientId=open_client_id, Username=email)
        second = CognitoAccounts.latest_code(email)
    assert sent["CodeDeliveryDetails"] == {"Destination": f"{email[0]}***@e***", "DeliveryMedium": "EMAIL",
                                           "AttributeName": "email"}
    _refused(idp.confirm_sign_up, "CodeMismatchException", ClientId=open_client_id, Username=email,
             ConfirmationCode=first)
    idp.confirm_sign_up(ClientId=open_client_id, Username=email, ConfirmationCode=second)
    _refused(idp.resend_confirmation_code, "InvalidParameterException", ClientId=open_client_id, Username=email)


def test_a_code_a_day_old_has_expired(idp, open_client_id, monkeypatch):
    email = _address("latecomer")
    idp.sign_up(ClientId=open_client_id, Username=email, Password=PASSWORD,
                UserAttributes=[{"Name": "email", "Value": email}])
    code = CognitoAccounts.latest_code(email)
    monkeypatch.setattr(moto_cognito, "_now", lambda: time.time() + 24 * 3600 + 60)
    _refused(idp.confirm_sign_up, "ExpiredCodeException", ClientId=open_client_id, Username=email,
             ConfirmationCode=code)


def test_unknown_addresses_are_answered_as_known_ones(idp, open_client_id):
    stranger = _address("nobody")
    _refused(idp.confirm_sign_up, "CodeMismatchException", ClientId=open_client_id, Username=stranger,
             ConfirmationCode="123456")
    resent = idp.resend_confirmation_code(ClientId=open_client_id, Username=stranger)["CodeDeliveryDetails"]
    assert resent["Destination"] == "n***@e***"
    message = _refused(_password_sign_in, "NotAuthorizedException", idp, open_client_id, stranger)
    assert message == "Incorrect username or password."


# --- forgetting ---------------------------------------------------------------------------------

def test_a_pool_whose_resets_are_the_admins_refuses_forgot_password_alike(idp, client_id, accounts):
    member, stranger = _address("member"), _address("stranger")
    accounts.create(member, PASSWORD)
    messages = {_refused(idp.forgot_password, "NotAuthorizedException", ClientId=client_id, Username=email)
                for email in (member, stranger)}
    assert messages == {"Contact administrator to reset password."}


def test_a_forgotten_password_is_reset_with_the_mailed_code_only(idp, open_client_id):
    email = _address("forgetful")
    _open_account(idp, open_client_id, email)
    asked = idp.forgot_password(ClientId=open_client_id, Username=email)
    assert "x-moto-forgot-password-confirmation-code" not in asked["ResponseMetadata"]["HTTPHeaders"]
    assert asked["CodeDeliveryDetails"]["Destination"] == "f***@e***"
    code = CognitoAccounts.latest_code(email)

    _refused(idp.confirm_forgot_password, "CodeMismatchException", ClientId=open_client_id, Username=email,
             ConfirmationCode=_other_than(code), Password=NEW_PASSWORD)
    _refused(idp.confirm_forgot_password, "InvalidPasswordException", ClientId=open_client_id, Username=email,
             ConfirmationCode=code, Password="short")  # the code stays usable after a weak password
    idp.confirm_forgot_password(ClientId=open_client_id, Username=email, ConfirmationCode=code, Password=NEW_PASSWORD)

    assert _password_sign_in(idp, open_client_id, email, NEW_PASSWORD)["AuthenticationResult"]["IdToken"]
    _refused(_password_sign_in, "NotAuthorizedException", idp, open_client_id, email, PASSWORD)
    _refused(idp.confirm_forgot_password, "CodeMismatchException", ClientId=open_client_id, Username=email,
             ConfirmationCode=code, Password=PASSWORD)  # used once, gone


def test_a_reset_code_lasts_an_hour(idp, open_client_id, monkeypatch):
    email = _address("slow-resetter")
    _open_account(idp, open_client_id, email)
    idp.forgot_password(ClientId=open_client_id, Username=email)
    code = CognitoAccounts.latest_code(email)
    monkeypatch.setattr(moto_cognito, "_now", lambda: time.time() + 3600 + 60)
    _refused(idp.confirm_forgot_password, "ExpiredCodeException", ClientId=open_client_id, Username=email,
             ConfirmationCode=code, Password=NEW_PASSWORD)


def test_forgot_password_for_an_unknown_address_sends_nothing_and_says_nothing(idp, open_client_id):
    stranger = _address("forgot-nobody")
    asked = idp.forgot_password(ClientId=open_client_id, Username=stranger)
    assert asked["CodeDeliveryDetails"] == {"Destination": "f***@e***", "DeliveryMedium": "EMAIL",
                                            "AttributeName": "email"}
    with pytest.raises(LookupError):
        CognitoAccounts.latest_code(stranger)
    _refused(idp.confirm_forgot_password, "CodeMismatchException", ClientId=open_client_id, Username=stranger,
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


def test_an_admin_sign_out_naming_the_sub_ends_sessions_signed_in_by_email(idp, client_id, accounts):
    # The app names a person by their sub (AdminUserGlobalSignOut). Before: moto compared that with the
    # email each session signed in with, ended none of them, and the refresh tokens kept working.
    email = _address("by-sub")
    account = accounts.create(email, PASSWORD)
    phone, laptop = accounts.sign_in(email, PASSWORD), accounts.sign_in(email, PASSWORD)
    idp.admin_user_global_sign_out(UserPoolId=accounts.user_pool_id, Username=account.sub)
    for session in (phone, laptop):
        _refused(idp.initiate_auth, "NotAuthorizedException", ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                 AuthParameters={"REFRESH_TOKEN": session["RefreshToken"]})
        assert _refused(idp.get_user, "NotAuthorizedException", AccessToken=session["AccessToken"]) == \
            "Access Token has been revoked"
    assert accounts.sign_in(email, PASSWORD)["IdToken"]  # a new sign-in is not affected


def test_a_refreshed_token_keeps_its_sign_ins_auth_time(idp, client_id, accounts, monkeypatch):
    email = _address("refresher")
    accounts.create(email, PASSWORD)
    session = accounts.sign_in(email, PASSWORD)
    signed_in_at = _claims(session["IdToken"])["auth_time"]
    later = time.time() + 600
    monkeypatch.setattr(moto_cognito, "_now", lambda: later)
    refreshed = idp.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                  AuthParameters={"REFRESH_TOKEN": session["RefreshToken"]})["AuthenticationResult"]
    # Before: auth_time was the refresh's own time, as if the person had just signed in.
    assert _claims(refreshed["IdToken"])["auth_time"] == signed_in_at
    assert _claims(refreshed["AccessToken"])["auth_time"] == signed_in_at
    new_sign_in = _claims(accounts.sign_in(email, PASSWORD)["IdToken"])["auth_time"]
    assert new_sign_in == int(later)


# --- attributes ---------------------------------------------------------------------------------

def test_the_client_may_write_only_its_write_attributes(idp, accounts):
    email = _address("writer")
    accounts.create(email, PASSWORD)
    access = accounts.sign_in(email, PASSWORD)["AccessToken"]
    for attribute in ({"Name": "name", "Value": "Someone Else"}, {"Name": "email_verified", "Value": "true"}):
        message = _refused(idp.update_user_attributes, "NotAuthorizedException", AccessToken=access,
                           UserAttributes=[attribute])
        assert message == "A client attempted to write unauthorized attribute"


def test_the_stack_s_client_may_not_change_a_sign_in_email(idp, accounts):
    """The app changes it (POST /me/sign-in-email), mailing the code in the person's language."""
    email = _address("stays")
    accounts.create(email, PASSWORD)
    access = accounts.sign_in(email, PASSWORD)["AccessToken"]
    elsewhere = _address("elsewhere")
    _refused(idp.update_user_attributes, "NotAuthorizedException", AccessToken=access,
             UserAttributes=[{"Name": "email", "Value": elsewhere}])
    with pytest.raises(LookupError):  # and Cognito mailed no code, in English, to the new address
        CognitoAccounts.latest_code(elsewhere)


@pytest.fixture(scope="module")
def email_writing_client_id(idp, stack) -> str:
    """A second client of the stack's pool that may write the email, as the stack's own did before the
    app changed sign-in emails itself: what the embedded Cognito's attribute patch is held to."""
    return idp.create_user_pool_client(UserPoolId=stack["env"]["USER_POOL_ID"], ClientName="writes-email",
                                       ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                                       WriteAttributes=["email"])["UserPoolClient"]["ClientId"]


def test_a_changed_email_waits_for_its_code(idp, email_writing_client_id, accounts):
    client_id = email_writing_client_id
    old, new, taken = _address("old"), _address("new"), _address("taken")
    accounts.create(old, PASSWORD)
    accounts.create(taken, PASSWORD)
    access = _password_sign_in(idp, client_id, old)["AuthenticationResult"]["AccessToken"]
    _refused(idp.update_user_attributes, "AliasExistsException", AccessToken=access,
             UserAttributes=[{"Name": "email", "Value": taken}])  # another account's address

    idp.update_user_attributes(AccessToken=access, UserAttributes=[{"Name": "email", "Value": new}])
    # Before: the email was the new one at once, still marked verified.
    held = {a["Name"]: a["Value"] for a in idp.get_user(AccessToken=access)["UserAttributes"]}
    assert (held["email"], held["email_verified"]) == (old, "true")
    first = CognitoAccounts.latest_code(new)
    sent = idp.get_user_attribute_verification_code(AccessToken=access, AttributeName="email")
    assert sent["CodeDeliveryDetails"]["Destination"] == "n***@e***"
    second = CognitoAccounts.latest_code(new)
    if second != first:  # the resent code replaced the first
        _refused(idp.verify_user_attribute, "CodeMismatchException", AccessToken=access, AttributeName="email",
                 Code=first)
    idp.verify_user_attribute(AccessToken=access, AttributeName="email", Code=second)
    signed_in = _password_sign_in(idp, client_id, new)["AuthenticationResult"]  # the new address signs in
    held = {a["Name"]: a["Value"] for a in idp.get_user(AccessToken=signed_in["AccessToken"])["UserAttributes"]}
    assert (held["email"], held["email_verified"]) == (new, "true")
    assert _claims(signed_in["IdToken"])["email"] == new


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
