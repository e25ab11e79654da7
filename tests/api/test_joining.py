"""Joining and resetting a password answer the same for every address (issue 25, item 4): through
the API the pages use, and through Cognito's public client, which can no longer do either. An
address with an account is told so by email; the asker only ever hears "check your email". Both
are limited per address and per client."""

from __future__ import annotations

import json

import pytest

from tests.api.account_helpers import (
    address,
    claims,
    code_mailed_to,
    emails_to,
    idp,
    password_sign_in,
    refused_by_cognito,
)
from tests.conftest import PASSWORD, assert_error

NEW_PASSWORD = "Another-Horse-42"


def _ask(api, path: str, email: str):
    return api.post(path, json_body={"email": email})


def _same_answer(first, second) -> None:
    assert (first.status_code, first.body) == (second.status_code, second.body)
    assert {k: v for k, v in first.headers.items() if k != "X-Correlation-Id"} == \
        {k: v for k, v in second.headers.items() if k != "X-Correlation-Id"}


def test_joining_answers_the_same_whether_or_not_the_address_has_an_account(api, accounts):
    member, newcomer = address("member"), address("newcomer")
    accounts.create(member, PASSWORD)
    for_member, for_newcomer = _ask(api, "/auth/join", member), _ask(api, "/auth/join", newcomer)
    # Before: Cognito's SignUp, which the page called, answered UsernameExistsException for the member,
    # and the page said "There is already an account with this email address".
    _same_answer(for_member, for_newcomer)
    assert for_member.status_code == 202 and "check your email" in json.loads(for_member.body)["message"].lower()
    assert for_member.headers["Cache-Control"] == "no-store"

    [notice] = emails_to(member)
    assert notice["subject"] == "You already have a Labourspace account" and "/reset-password" in notice["text"]
    [code_mail] = emails_to(newcomer)
    assert code_mail["subject"] == "Your Labourspace code"

    # A code for the member's address is never sent; any code is answered as a wrong one is.
    wrong_for_member = api.post("/auth/join/confirm", json_body={"email": member, "code": "123456",
                                                                "password": NEW_PASSWORD})
    code = code_mailed_to(newcomer)
    wrong = "123456" if code != "123456" else "654321"
    wrong_for_newcomer = api.post("/auth/join/confirm", json_body={"email": newcomer, "code": wrong,
                                                                  "password": NEW_PASSWORD})
    _same_answer(wrong_for_member, wrong_for_newcomer)
    assert_error(wrong_for_member, 400, "code_mismatch")
    refused_by_cognito(password_sign_in, "NotAuthorizedException", client_id=accounts.client_id, email=member,
                       password=NEW_PASSWORD)  # the member's password is untouched


def test_the_mailed_code_makes_a_verified_account_that_signs_in(api, accounts, make_user):
    email, name = address("Joiner").replace("Joiner", "joiner"), "joiner"
    assert _ask(api, "/auth/join", email.upper()).status_code == 202  # the address however it is typed
    code = code_mailed_to(email)
    weak = api.post("/auth/join/confirm", json_body={"email": email, "code": code, "password": "short"})
    assert_error(weak, 400, "invalid_password")  # the code is still good after a refused password
    made = api.post("/auth/join/confirm", json_body={"email": email, "code": code, "password": PASSWORD})
    assert made.status_code == 201, made.body

    tokens = password_sign_in(accounts.client_id, email, PASSWORD)["AuthenticationResult"]
    assert claims(tokens["IdToken"])["email"] == email and claims(tokens["IdToken"])["email_verified"] is True
    me = api.get("/me", headers={"Authorization": f"Bearer {tokens['IdToken']}"})
    assert me.status_code == 200, me.body
    assert name not in json.loads(me.body)["handle"]  # a random first handle, never from the email
    # The code worked once; the address now has an account, so asking again mails the notice.
    assert_error(api.post("/auth/join/confirm", json_body={"email": email, "code": code, "password": PASSWORD}),
                 400, "code_mismatch")
    assert _ask(api, "/auth/join", email).status_code == 202
    assert emails_to(email)[0]["subject"] == "You already have a Labourspace account"


def test_a_code_is_spent_after_five_wrong_tries_and_expires_after_a_day(api, monkeypatch):
    email = address("guesser")
    assert _ask(api, "/auth/join", email).status_code == 202
    code = code_mailed_to(email)
    wrong = [f"{(int(code) + n) % 10**6:06d}" for n in range(1, 6)]
    for guess in wrong:
        assert_error(api.post("/auth/join/confirm", json_body={"email": email, "code": guess, "password": PASSWORD}),
                     400, "code_mismatch")
    assert_error(api.post("/auth/join/confirm", json_body={"email": email, "code": code, "password": PASSWORD}),
                 400, "code_mismatch")  # the right one, too late

    import time

    from chalicelib.store import account_codes

    assert _ask(api, "/auth/join", email).status_code == 202
    fresh = code_mailed_to(email)
    monkeypatch.setattr(account_codes, "_now", lambda: time.time() + 24 * 3600 + 1)
    assert_error(api.post("/auth/join/confirm", json_body={"email": email, "code": fresh, "password": PASSWORD}),
                 400, "code_expired")


def test_a_reset_answers_the_same_for_any_address_and_sets_the_password(api, accounts):
    member, stranger = address("reset-member"), address("reset-stranger")
    accounts.create(member, PASSWORD)
    _same_answer(_ask(api, "/auth/password-reset", member), _ask(api, "/auth/password-reset", stranger))
    assert emails_to(stranger)[0]["subject"] == "Resetting a Labourspace password"
    assert "no account" in emails_to(stranger)[0]["text"]
    code = code_mailed_to(member)
    assert_error(api.post("/auth/password-reset/confirm", json_body={"email": stranger, "code": "123456",
                                                                     "password": NEW_PASSWORD}), 400, "code_mismatch")
    done = api.post("/auth/password-reset/confirm", json_body={"email": member, "code": code, "password": NEW_PASSWORD})
    assert done.status_code == 204, done.body
    assert password_sign_in(accounts.client_id, member, NEW_PASSWORD)["AuthenticationResult"]["IdToken"]


def test_the_public_client_can_neither_sign_up_nor_reset_for_any_address(accounts):
    """Cognito's SignUp told anyone whether an address was taken; with the pool admitting only the
    accounts the API makes, and resets run by the API, the public client gets one refusal for all."""
    member, stranger = address("pc-member"), address("pc-stranger")
    accounts.create(member, PASSWORD)
    answers = set()
    for email in (member, stranger):
        # Before: UsernameExistsException for the member; a new unconfirmed account for the stranger.
        answers.add(refused_by_cognito(idp().sign_up, "NotAuthorizedException", ClientId=accounts.client_id,
                                       Username=email, Password=PASSWORD,
                                       UserAttributes=[{"Name": "email", "Value": email}]))
        answers.add(refused_by_cognito(idp().forgot_password, "NotAuthorizedException",
                                       ClientId=accounts.client_id, Username=email))
    assert len(answers) == 2  # one for SignUp, one for ForgotPassword, whoever asks
    assert emails_to(member) == [] and emails_to(stranger) == []


def test_asking_is_limited_per_address_and_per_client(api, monkeypatch):
    from chalice.local import LambdaEventConverter

    from chalicelib.domain import limits

    target = address("flooded")
    for _ in range(limits.ACCOUNT_EMAILS.count):
        assert _ask(api, "/auth/join", target).status_code == 202
    monkeypatch.setattr(LambdaEventConverter, "LOCAL_SOURCE_IP", "10.99.0.1")  # another client: still the address
    error = assert_error(_ask(api, "/auth/password-reset", target), 429, "rate_limited")
    assert error["details"]["limit"] == limits.ACCOUNT_EMAILS.count

    for n in range(limits.ACCOUNT_EMAILS_FROM_CLIENT.count - 1):  # the refused one above counted too
        assert _ask(api, "/auth/join", address(f"spray-{n}")).status_code == 202
    refused = _ask(api, "/auth/join", address("one-too-many"))
    assert_error(refused, 429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0
    monkeypatch.setattr(LambdaEventConverter, "LOCAL_SOURCE_IP", "10.99.0.2")
    assert _ask(api, "/auth/join", address("elsewhere")).status_code == 202


def test_guessing_codes_is_limited_per_client(api, monkeypatch):
    from chalicelib.domain import limits

    for n in range(limits.CODE_TRIES_FROM_CLIENT.count):
        assert_error(api.post("/auth/join/confirm", json_body={"email": address(f"guess-{n}"), "code": "000000",
                                                              "password": PASSWORD}), 400, "code_mismatch")
    assert_error(api.post("/auth/join/confirm", json_body={"email": address("guess"), "code": "000000",
                                                          "password": PASSWORD}), 429, "rate_limited")


@pytest.mark.parametrize("path,body", [
    ("/auth/join", {}), ("/auth/join", {"email": "not-an-address"}), ("/auth/join", {"email": "a@b.c", "x": 1}),
    ("/auth/join/confirm", {"email": "a@example.org", "code": "12345", "password": PASSWORD}),
    ("/auth/join/confirm", {"email": "a@example.org", "code": "1234567", "password": PASSWORD}),
    ("/auth/password-reset/confirm", {"email": "a@example.org", "code": "123456"}),
])
def test_a_bad_body_is_a_clear_400(api, path, body):
    assert_error(api.post(path, json_body=body), 400)
