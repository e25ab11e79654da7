"""Only a token whose email_verified claim is true counts as a verified sign-in email (issue 25,
item 3). A new sign-in email counts only once the code the API mails to it comes back
(POST /me/sign-in-email), and the app client may write nothing about the person at Cognito."""

from __future__ import annotations

import json

from tests.api.account_helpers import (
    address,
    bearer,
    claims,
    code_mailed_to,
    emails_to,
    idp,
    join,
    password_sign_in,
    refused_by_cognito,
)
from tests.conftest import PASSWORD

CONFIRM_SUBJECT = "Confirm your email for Labourspace notifications"


def _notifications(api, token: str, body: dict | None = None) -> dict:
    answer = api.put("/me/notifications", headers=bearer(token), json_body=body) if body is not None else \
        api.get("/me/notifications", headers=bearer(token))
    assert answer.status_code == 200, answer.body
    return json.loads(answer.body)


def test_an_email_asked_for_as_a_strangers_is_not_taken_as_verified(api, accounts):
    mine, strangers = address("changer"), address("stranger")
    accounts.create(mine, PASSWORD)
    before = accounts.sign_in(mine, PASSWORD)
    # With their own access token, as the attacker did. Before: the email changed at once and
    # stayed "verified"; now the client may not write it at all (the API changes it, once its code comes back).
    refused_by_cognito(idp().update_user_attributes, "NotAuthorizedException", AccessToken=before["AccessToken"],
                       UserAttributes=[{"Name": "email", "Value": strangers}])
    asked = api.post("/me/sign-in-email", headers=bearer(before["IdToken"]), json_body={"email": strangers})
    assert asked.status_code == 202, asked.body  # a code to the stranger, which the attacker never sees
    again = password_sign_in(accounts.client_id, mine, PASSWORD)["AuthenticationResult"]
    assert (claims(again["IdToken"])["email"], claims(again["IdToken"])["email_verified"]) == (mine, True)

    chosen = _notifications(api, again["IdToken"], {"email": strangers})
    assert chosen["email_verification"] == "pending_confirmation" and chosen["pending_email"] == strangers
    assert [m["subject"] for m in emails_to(strangers)] == [CONFIRM_SUBJECT, "Your Labourspace code"]

    # The stranger's own join is not blocked by the address the attacker typed.
    join(api, strangers, PASSWORD)
    assert password_sign_in(accounts.client_id, strangers, PASSWORD)["AuthenticationResult"]["IdToken"]


def test_a_token_without_email_verified_true_is_no_verified_address(api, accounts):
    email = address("unverified")
    idp().admin_create_user(UserPoolId=accounts.user_pool_id, Username=email, MessageAction="SUPPRESS",
                            UserAttributes=[{"Name": "email", "Value": email}])
    idp().admin_set_user_password(UserPoolId=accounts.user_pool_id, Username=email, Password=PASSWORD, Permanent=True)
    token = password_sign_in(accounts.client_id, email, PASSWORD)["AuthenticationResult"]["IdToken"]
    assert claims(token)["email"] == email and claims(token).get("email_verified") is not True

    shown = _notifications(api, token)
    assert (shown["email"], shown["email_verification"]) == (None, "none")  # not taken up as the mail address
    chosen = _notifications(api, token, {"email": email})
    assert chosen["email_verification"] == "pending_confirmation"  # before: "verified"
    assert [m["subject"] for m in emails_to(email)] == [CONFIRM_SUBJECT]


def test_a_new_sign_in_email_counts_once_its_code_comes_back(api, accounts):
    old, new = address("mover"), address("moved")
    accounts.create(old, PASSWORD)
    session = accounts.sign_in(old, PASSWORD)
    asked = api.post("/me/sign-in-email", headers=bearer(session["IdToken"]), json_body={"email": new})
    assert asked.status_code == 202, asked.body
    wrong = "000000" if code_mailed_to(new) != "000000" else "111111"
    refused = api.post("/me/sign-in-email/confirm", headers=bearer(session["IdToken"]),
                       json_body={"email": new, "code": wrong})
    assert refused.status_code == 400, refused.body
    confirmed = api.post("/me/sign-in-email/confirm", headers=bearer(session["IdToken"]),
                         json_body={"email": new, "code": code_mailed_to(new)})
    assert confirmed.status_code == 204, confirmed.body
    token = password_sign_in(accounts.client_id, new, PASSWORD)["AuthenticationResult"]["IdToken"]
    assert (claims(token)["email"], claims(token)["email_verified"]) == (new, True)
    assert _notifications(api, token, {"email": new})["email_verification"] == "verified"
