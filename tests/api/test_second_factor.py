"""Power needs a second factor: a minister, moderator or admin without an authenticator app gets
nothing signed in until they set one up, and then Cognito asks for its code at every sign-in.
Codes are made with pyotp from the secret Cognito hands out, as an authenticator app would."""

from __future__ import annotations

import json
import uuid

import boto3
import pyotp
import pytest

from tests.conftest import PASSWORD, REGION, assert_error


@pytest.fixture
def idp():
    return boto3.client("cognito-idp", region_name=REGION)


def _password_sign_in(idp, accounts, email: str) -> dict:
    return idp.initiate_auth(ClientId=accounts.client_id, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _enrol(idp, access_token: str) -> pyotp.TOTP:
    secret = idp.associate_software_token(AccessToken=access_token)["SecretCode"]
    authenticator = pyotp.TOTP(secret)
    with pytest.raises(idp.exceptions.ClientError):  # a wrong first code sets nothing up
        idp.verify_software_token(AccessToken=access_token, UserCode=_wrong(authenticator.now()))
    assert idp.verify_software_token(AccessToken=access_token, UserCode=authenticator.now())["Status"] == "SUCCESS"
    idp.set_user_mfa_preference(AccessToken=access_token,
                                SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    return authenticator


@pytest.mark.parametrize("group,power_route", [("ministers", "/ministers/me/inbox"),
                                               ("moderators", "/moderation/queue")])
def test_power_without_an_authenticator_is_refused_until_one_is_set_up(api, accounts, idp, group, power_route):
    email = f"needs-totp-{uuid.uuid4().hex[:10]}@example.org"
    accounts.create(email, PASSWORD, (group,), enrol_totp=False)
    first = _password_sign_in(idp, accounts, email)["AuthenticationResult"]

    # A password alone: refused everywhere a sign-in is needed, power or not, and saying why.
    for path in (power_route, "/me"):
        error = assert_error(api.get(path, headers=_bearer(first["IdToken"])), 403, "second_factor_required")
        assert "authenticator app" in error["message"]
    assert_error(api.patch("/me", json_body={"bio": "x"}, headers=_bearer(first["IdToken"])),
                 403, "second_factor_required")
    # Public reading still works, as for anyone: the token is not trusted for more.
    assert api.get("/campaigns", headers=_bearer(first["IdToken"])).status_code == 200

    authenticator = _enrol(idp, first["AccessToken"])
    # The client says so (as the sign-in page does): every sign-in before it ends, this one too.
    assert api.post("/me/authenticator", headers=_bearer(first["IdToken"])).status_code == 204
    assert_error(api.get("/me", headers=_bearer(first["IdToken"])), 401, "session_ended")

    # From now on the password is not enough: Cognito asks for the code, and a wrong one fails.
    challenge = _password_sign_in(idp, accounts, email)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    with pytest.raises(idp.exceptions.CodeMismatchException):
        idp.respond_to_auth_challenge(
            ClientId=accounts.client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
            ChallengeResponses={"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": _wrong(authenticator.now())})
    challenge = _password_sign_in(idp, accounts, email)
    signed_in = idp.respond_to_auth_challenge(
        ClientId=accounts.client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
        ChallengeResponses={"USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": authenticator.now()},
    )["AuthenticationResult"]
    assert api.get(power_route, headers=_bearer(signed_in["IdToken"])).status_code == 200
    me = api.get("/me", headers=_bearer(signed_in["IdToken"]))
    assert me.status_code == 200
    assert group.removesuffix("s") in json.loads(me.body)["roles"]


def test_a_citizen_needs_no_authenticator_and_may_choose_one(api, accounts, idp):
    email = f"opt-in-{uuid.uuid4().hex[:10]}@example.org"
    accounts.create(email, PASSWORD)
    first = _password_sign_in(idp, accounts, email)["AuthenticationResult"]
    assert api.get("/me", headers=_bearer(first["IdToken"])).status_code == 200

    _enrol(idp, first["AccessToken"])
    assert api.post("/me/authenticator", headers=_bearer(first["IdToken"])).status_code == 204
    assert _password_sign_in(idp, accounts, email)["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_saying_an_authenticator_is_set_up_before_it_is_is_refused(api, accounts, idp):
    email = f"not-yet-{uuid.uuid4().hex[:10]}@example.org"
    accounts.create(email, PASSWORD)
    first = _password_sign_in(idp, accounts, email)["AuthenticationResult"]
    assert_error(api.post("/me/authenticator", headers=_bearer(first["IdToken"])), 409, "no_authenticator")
    assert api.get("/me", headers=_bearer(first["IdToken"])).status_code == 200  # nothing ended
    assert_error(api.post("/me/authenticator"), 401, "not_signed_in")
