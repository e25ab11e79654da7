"""A browser's session: the refresh token in an HttpOnly cookie only /auth reads, renewed and
revoked there. Real tokens from the embedded Cognito; what a browser would see at each step."""

from __future__ import annotations

import json
import uuid

import boto3
import pytest

from tests.conftest import PASSWORD, REGION, assert_error
from tests.token_forge import expired_copy

COOKIE = "labourspace_session"


@pytest.fixture
def person(accounts):
    email = f"session-{uuid.uuid4().hex[:10]}@example.org"
    accounts.create(email, PASSWORD)
    return email


def _cookie_of(response) -> tuple[str, dict[str, str]]:
    """The session cookie's value and its attributes, as the browser reads Set-Cookie."""
    raw = response.headers["Set-Cookie"]
    first, *attributes = [part.strip() for part in raw.split(";")]
    name, _, value = first.partition("=")
    assert name == COOKIE, raw
    return value, {k.lower(): v for k, _, v in (a.partition("=") for a in attributes)}


def _start(api, refresh_token: str, headers: dict | None = None):
    return api.post("/auth/session", json_body={"refresh_token": refresh_token}, headers=headers)


def _with_cookie(value: str, extra: dict | None = None) -> dict[str, str]:
    return {"Cookie": f"{COOKIE}={value}", **(extra or {})}


def _me(api, id_token: str):
    return api.get("/me", headers={"Authorization": f"Bearer {id_token}"})


def test_signing_in_keeps_the_refresh_token_where_no_script_can_read_it(api, accounts, person):
    tokens = accounts.sign_in(person, PASSWORD)
    response = _start(api, tokens["RefreshToken"])
    assert response.status_code == 201, response.body
    value, attributes = _cookie_of(response)
    assert value == tokens["RefreshToken"]
    assert "httponly" in attributes and attributes["samesite"] == "Strict"
    assert attributes["path"] == "/auth"  # no API route ever receives it
    assert int(attributes["max-age"]) == 30 * 24 * 3600
    body = json.loads(response.body)
    assert set(body) == {"id_token", "access_token", "expires_in"}
    assert "refresh" not in response.body.decode().lower()  # the body never hands it back
    assert _me(api, body["id_token"]).status_code == 200


def test_an_expired_id_token_is_refused_and_the_cookie_renews_it(api, accounts, person):
    tokens = accounts.sign_in(person, PASSWORD)
    cookie, _ = _cookie_of(_start(api, tokens["RefreshToken"]))
    assert_error(_me(api, expired_copy(tokens["IdToken"])), 401, "token_expired")

    renewed = api.post("/auth/refresh", headers=_with_cookie(cookie))
    assert renewed.status_code == 200, renewed.body
    fresh = json.loads(renewed.body)["id_token"]
    assert fresh != tokens["IdToken"]
    assert _me(api, fresh).status_code == 200
    written = api.patch("/me", json_body={"bio": "Renewed without signing in again"},
                        headers={"Authorization": f"Bearer {fresh}"})
    assert written.status_code == 200, written.body
    assert json.loads(written.body)["bio"] == "Renewed without signing in again"


def test_no_cookie_means_no_session(api):
    response = api.post("/auth/refresh")
    assert_error(response, 401, "no_session")
    assert _cookie_of(response)[1]["max-age"] == "0"


def test_a_made_up_refresh_token_gets_no_cookie(api):
    response = _start(api, "a" * 40)
    assert_error(response, 401, "session_ended")
    value, attributes = _cookie_of(response)
    assert value == "" and attributes["max-age"] == "0"


@pytest.mark.parametrize("body", [{}, {"refresh_token": 42}, {"refresh_token": "short"},
                                  {"refresh_token": "x" * 40, "extra": 1}, {"refresh_token": "has space" * 5}])
def test_a_bad_body_is_a_clear_400(api, body):
    assert_error(api.post("/auth/session", json_body=body), 400)


def test_not_json_is_a_clear_400(api):
    response = api.post("/auth/session", body="refresh_token=abc", headers={"Content-Type": "text/plain"})
    assert_error(response, 400, "unsupported_content_type")


@pytest.mark.parametrize("method,path", [("POST", "/auth/session"), ("POST", "/auth/refresh"),
                                         ("DELETE", "/auth/session")])
def test_another_sites_page_cannot_start_renew_or_end_a_session(api, accounts, person, method, path):
    tokens = accounts.sign_in(person, PASSWORD)
    cookie, _ = _cookie_of(_start(api, tokens["RefreshToken"]))
    response = api.request(method, path, json_body={"refresh_token": tokens["RefreshToken"]} if path.endswith(
        "session") and method == "POST" else None, headers=_with_cookie(cookie, {"Sec-Fetch-Site": "cross-site"}))
    assert_error(response, 403, "cross_site")
    # The session it aimed at is untouched.
    assert api.post("/auth/refresh", headers=_with_cookie(cookie, {"Sec-Fetch-Site": "same-origin"})
                    ).status_code == 200


def test_signing_out_revokes_the_refresh_token(api, accounts, person):
    tokens = accounts.sign_in(person, PASSWORD)
    cookie, _ = _cookie_of(_start(api, tokens["RefreshToken"]))
    out = api.delete("/auth/session", headers=_with_cookie(cookie))
    assert out.status_code == 204
    assert _cookie_of(out) == ("", _cookie_of(out)[1]) and _cookie_of(out)[1]["max-age"] == "0"
    # A copy of the cookie kept by someone else is worthless now, in the app and at Cognito itself.
    assert_error(api.post("/auth/refresh", headers=_with_cookie(cookie)), 401, "session_ended")
    idp = boto3.client("cognito-idp", region_name=REGION)
    with pytest.raises(idp.exceptions.NotAuthorizedException):
        idp.initiate_auth(ClientId=accounts.client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                          AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    # Signing out twice is harmless.
    assert api.delete("/auth/session", headers=_with_cookie(cookie)).status_code == 204


def test_signing_out_everywhere_ends_every_browsers_session(api, accounts, person):
    laptop = accounts.sign_in(person, PASSWORD)
    phone_browser = accounts.sign_in(person, PASSWORD)
    laptop_cookie, _ = _cookie_of(_start(api, laptop["RefreshToken"]))
    phone_cookie, _ = _cookie_of(_start(api, phone_browser["RefreshToken"]))
    boto3.client("cognito-idp", region_name=REGION).global_sign_out(AccessToken=laptop["AccessToken"])
    for cookie in (laptop_cookie, phone_cookie):
        assert_error(api.post("/auth/refresh", headers=_with_cookie(cookie)), 401, "session_ended")
    assert api.delete("/auth/session", headers=_with_cookie(laptop_cookie)).status_code == 204


def test_tokens_are_never_kept_by_a_cache(api, accounts, person):
    # Before: POST /auth/session and /auth/refresh handed out tokens with no Cache-Control at all.
    tokens = accounts.sign_in(person, PASSWORD)
    started = _start(api, tokens["RefreshToken"])
    cookie, _ = _cookie_of(started)
    renewed = api.post("/auth/refresh", headers=_with_cookie(cookie))
    refused = api.post("/auth/refresh")
    bad = api.post("/auth/session", json_body={})
    for answer in (started, renewed, refused, bad):
        assert answer.headers["Cache-Control"] == "no-store", (answer.status_code, answer.headers)
    assert (started.status_code, renewed.status_code, refused.status_code, bad.status_code) == (201, 200, 401, 400)
