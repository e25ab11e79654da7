"""Sessions end everywhere (issue 25, items 2 and 6): enrolling an authenticator, a power role
granted, signing out everywhere, a password reset and erasure each end every earlier sign-in, in
Cognito (refresh tokens) and in the API (a token from before the person's not-before time is
refused: at once for a power role, within a minute for anyone else). Real tokens from the embedded
Cognito, an attacker's session kept from before each change."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tests.api.account_helpers import (
    address,
    bearer,
    claims,
    code_mailed_to,
    idp,
    password_sign_in,
    refresh_at_cognito,
    refused_by_cognito,
)
from tests.conftest import PASSWORD, assert_error

COOKIE = "labourspace_session"
NEW_PASSWORD = "Another-Horse-42"


def _cookie_for(api, refresh_token: str) -> dict[str, str]:
    started = api.post("/auth/session", json_body={"refresh_token": refresh_token})
    assert started.status_code == 201, started.body
    return {"Cookie": f"{COOKIE}={refresh_token}"}


def _enrol_at_cognito(access_token: str) -> None:
    """What an authenticator app's owner does, straight against Cognito."""
    from devstack.accounts import totp_code

    cognito = idp()
    cognito.associate_software_token(AccessToken=access_token)
    cognito.verify_software_token(AccessToken=access_token, UserCode=totp_code())
    cognito.set_user_mfa_preference(AccessToken=access_token,
                                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})


def _attacker_keeps_a_session(api, accounts, email: str) -> dict:
    """Someone who knows the password signs in before the change and keeps the refresh token."""
    stolen = password_sign_in(accounts.client_id, email, PASSWORD)["AuthenticationResult"]
    return {**stolen, "cookie": _cookie_for(api, stolen["RefreshToken"])}


def _session_is_over(api, accounts, session: dict) -> None:
    """Nothing from the session works any more: its ID token, its cookie, its refresh token."""
    assert_error(api.get("/me", headers=bearer(session["IdToken"])), 401, "session_ended")
    assert_error(api.post("/auth/refresh", headers=session["cookie"]), 401)
    refused_by_cognito(idp().initiate_auth, "NotAuthorizedException", ClientId=accounts.client_id,
                       AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": session["RefreshToken"]})


def test_a_minister_enrolling_ends_the_session_an_attacker_kept_from_before(api, accounts):
    email = address("new-minister")
    accounts.create(email, PASSWORD, ("ministers",), enrol_totp=False)
    attacker = _attacker_keeps_a_session(api, accounts, email)
    assert_error(api.get("/ministers/me/inbox", headers=bearer(attacker["IdToken"])), 403, "second_factor_required")

    minister = password_sign_in(accounts.client_id, email, PASSWORD)["AuthenticationResult"]
    _enrol_at_cognito(minister["AccessToken"])
    assert api.post("/me/authenticator", headers=bearer(minister["IdToken"])).status_code == 204  # as the page does

    # Before: the attacker's refresh token still issued tokens, and with them the inbox answered 200.
    _session_is_over(api, accounts, attacker)
    assert accounts.sign_in(email, PASSWORD)  # the minister signs in again, with a code
    fresh = accounts.sign_in(email, PASSWORD)["IdToken"]
    assert api.get("/ministers/me/inbox", headers=bearer(fresh)).status_code == 200


def test_an_authenticator_set_up_out_of_the_apps_sight_still_ends_older_sessions(api, accounts):
    email = address("quiet-minister")
    accounts.create(email, PASSWORD, ("ministers",), enrol_totp=False)
    stolen = password_sign_in(accounts.client_id, email, PASSWORD)["AuthenticationResult"]
    minister = password_sign_in(accounts.client_id, email, PASSWORD)["AuthenticationResult"]
    _enrol_at_cognito(minister["AccessToken"])  # nobody tells the API

    # The attacker's refresh token still works at Cognito, which has not been told either...
    refreshed = refresh_at_cognito(accounts.client_id, stolen["RefreshToken"])
    assert claims(refreshed["IdToken"])["auth_time"] == claims(stolen["IdToken"])["auth_time"]
    # ...but the first power request the API sees notices the new authenticator and ends every older
    # sign-in. Before: 200, minister powers with no code ever given.
    error = assert_error(api.get("/ministers/me/inbox", headers=bearer(refreshed["IdToken"])), 401, "session_ended")
    assert "authenticator" in error["message"]
    refused_by_cognito(idp().initiate_auth, "NotAuthorizedException", ClientId=accounts.client_id,
                       AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": stolen["RefreshToken"]})
    assert_error(api.get("/ministers/me/inbox", headers=bearer(minister["IdToken"])), 401, "session_ended")
    fresh = accounts.sign_in(email, PASSWORD)["IdToken"]  # a new sign-in, with a code, counts
    assert api.get("/ministers/me/inbox", headers=bearer(fresh)).status_code == 200


def test_a_power_role_granted_ends_sessions_from_before_it(api, accounts):
    email = address("promoted")
    accounts.create(email, PASSWORD, enrol_totp=True)  # a citizen with an authenticator
    stolen = accounts.sign_in(email, PASSWORD)
    idp().admin_add_user_to_group(UserPoolId=accounts.user_pool_id, Username=email, GroupName="ministers")

    refreshed = refresh_at_cognito(accounts.client_id, stolen["RefreshToken"])
    assert claims(refreshed["IdToken"])["cognito:groups"] == ["ministers"]
    # Before: 200. The grant was made straight in Cognito; the API notices it and ends older sign-ins.
    assert_error(api.get("/ministers/me/inbox", headers=bearer(refreshed["IdToken"])), 401, "session_ended")
    refused_by_cognito(idp().initiate_auth, "NotAuthorizedException", ClientId=accounts.client_id,
                       AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": stolen["RefreshToken"]})
    fresh = accounts.sign_in(email, PASSWORD)["IdToken"]
    assert api.get("/ministers/me/inbox", headers=bearer(fresh)).status_code == 200
    # Taken away and given back: noticed again.
    idp().admin_remove_user_from_group(UserPoolId=accounts.user_pool_id, Username=email, GroupName="ministers")
    citizen = accounts.sign_in(email, PASSWORD)
    assert api.get("/me", headers=bearer(citizen["IdToken"])).status_code == 200
    idp().admin_add_user_to_group(UserPoolId=accounts.user_pool_id, Username=email, GroupName="ministers")
    regranted = refresh_at_cognito(accounts.client_id, citizen["RefreshToken"])
    assert_error(api.get("/ministers/me/inbox", headers=bearer(regranted["IdToken"])), 401, "session_ended")


def test_signing_out_everywhere_ends_every_id_token_at_once(api, accounts):
    email = address("everywhere")
    accounts.create(email, PASSWORD)
    laptop = _attacker_keeps_a_session(api, accounts, email)
    phone = _attacker_keeps_a_session(api, accounts, email)
    assert api.get("/me", headers=bearer(phone["IdToken"])).status_code == 200

    out = api.post("/auth/sign-out-everywhere", headers={**bearer(laptop["IdToken"]), **laptop["cookie"]})
    assert out.status_code == 204, out.body
    assert "Max-Age=0" in out.headers["Set-Cookie"] and out.headers["Cache-Control"] == "no-store"
    # Before: the ID tokens still worked on GET /me and DELETE /me until they expired.
    for session in (laptop, phone):
        _session_is_over(api, accounts, session)
        assert_error(api.delete("/me", headers=bearer(session["IdToken"])), 401, "session_ended")
    assert api.get("/me", headers=bearer(accounts.sign_in(email, PASSWORD)["IdToken"])).status_code == 200


def test_other_containers_refuse_within_the_stated_minute_and_power_at_once(api, accounts, monkeypatch):
    """Another container's copy of a citizen's record is trusted for RECORD_CACHE_SECONDS; a token
    with a power role is checked against a fresh read on every request."""
    from chalicelib.domain.sign_ins import RECORD_CACHE_SECONDS, not_before_for
    from chalicelib.store import read_cache
    from chalicelib.store.tables.sign_ins import SignInRecord

    citizen_email, moderator_email = address("cached-citizen"), address("fresh-moderator")
    citizen_account = accounts.create(citizen_email, PASSWORD)
    moderator_account = accounts.create(moderator_email, PASSWORD, ("moderators",))
    citizen, moderator = accounts.id_token(citizen_account), accounts.id_token(moderator_account)
    assert api.get("/me", headers=bearer(citizen)).status_code == 200  # this container now holds a copy
    assert api.get("/moderation/queue", headers=bearer(moderator)).status_code == 200

    # Another container ends both people's sign-ins (it writes the table; this one's copy is not told).
    import time
    later = not_before_for(time.time()) + 1
    for account in (citizen_account, moderator_account):
        SignInRecord(person_id=account.sub).update(actions=[SignInRecord.not_before.set(later)])
    assert_error(api.get("/moderation/queue", headers=bearer(moderator)), 401, "session_ended")
    assert api.get("/me", headers=bearer(citizen)).status_code == 200  # within the minute

    a_minute_on = time.monotonic() + RECORD_CACHE_SECONDS + 1
    monkeypatch.setattr(read_cache, "time", SimpleNamespace(monotonic=lambda: a_minute_on))
    assert_error(api.get("/me", headers=bearer(citizen)), 401, "session_ended")


def test_a_password_reset_ends_every_earlier_session(api, accounts):
    email = address("resetter")
    accounts.create(email, PASSWORD)
    attacker = _attacker_keeps_a_session(api, accounts, email)

    assert api.post("/auth/password-reset", json_body={"email": email}).status_code == 202
    done = api.post("/auth/password-reset/confirm",
                    json_body={"email": email, "code": code_mailed_to(email), "password": NEW_PASSWORD})
    assert done.status_code == 204, done.body
    # Before: the old refresh token still issued tokens, and the old ID token still worked on /me.
    _session_is_over(api, accounts, attacker)
    refused_by_cognito(password_sign_in, "NotAuthorizedException", client_id=accounts.client_id, email=email,
                       password=PASSWORD)
    fresh = password_sign_in(accounts.client_id, email, NEW_PASSWORD)["AuthenticationResult"]["IdToken"]
    assert api.get("/me", headers=bearer(fresh)).status_code == 200


def test_erasing_the_account_ends_every_session_at_once(api, accounts):
    email = address("eraser")
    accounts.create(email, PASSWORD)
    other_device = _attacker_keeps_a_session(api, accounts, email)
    token = accounts.sign_in(email, PASSWORD)["IdToken"]
    erased = api.delete("/me", headers=bearer(token))
    assert erased.status_code == 202, erased.body
    assert json.loads(erased.body)["state"] == "erasing"
    for session in (token, other_device["IdToken"]):
        assert_error(api.get("/me/export", headers=bearer(session)), 401, "session_ended")
    refused_by_cognito(idp().initiate_auth, "NotAuthorizedException", ClientId=accounts.client_id,
                       AuthFlow="REFRESH_TOKEN_AUTH",
                       AuthParameters={"REFRESH_TOKEN": other_device["RefreshToken"]})


@pytest.mark.parametrize("route", ["/auth/sign-out-everywhere", "/me/authenticator"])
def test_a_token_from_an_ended_sign_in_cannot_end_them_again(api, accounts, route):
    email = address("twice")
    accounts.create(email, PASSWORD, enrol_totp=True)
    first, second = accounts.sign_in(email, PASSWORD), accounts.sign_in(email, PASSWORD)
    assert api.post("/auth/sign-out-everywhere", headers=bearer(first["IdToken"])).status_code == 204
    assert_error(api.post(route, headers=bearer(second["IdToken"])), 401, "session_ended")
