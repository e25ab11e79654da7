"""Every email the embedded AWS sends (the app's join and reset codes and notices, its other mail,
Cognito's own codes) can be read locally:
`GET /dev/mailbox` lists them newest first, for one address with `?to=`, and shows a browser a
page (devstack/moto_mail.py mirrors SES onto a queue the app drains)."""

from __future__ import annotations

import dataclasses
import json
import re
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.conftest import PASSWORD, REGION, assert_error


def _address(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:10]}@example.org"


def _emails(api, to: str) -> list[dict]:
    got = api.get(f"/dev/mailbox?to={to}")
    assert got.status_code == 200, got.body
    return json.loads(got.body)["emails"]


def _ask_to_join(api, email: str) -> None:
    asked = api.post("/auth/join", json_body={"email": email})
    assert asked.status_code == 202, asked.body


def test_a_join_code_arrives_from_the_stacks_sender(api, accounts, stack):
    email = _address("joiner")
    _ask_to_join(api, email)
    [sent] = _emails(api, email)
    assert sent["to"] == email
    assert sent["from"] == stack["env"]["MAIL_FROM"] == "Labourspace <no-reply@labourspace.example>"
    assert sent["subject"] == "Your Labourspace code"
    code = re.search(r"Your Labourspace code is (\d{6})\.", sent["text"]).group(1)
    assert accounts.latest_code(email) == code
    made = api.post("/auth/join/confirm", json_body={"email": email, "code": code, "password": PASSWORD})
    assert made.status_code == 201, made.body  # the mailed code is the one that works
    assert accounts.sign_in(email, PASSWORD)["IdToken"]


def test_emails_are_newest_first_and_only_the_addressees(api, accounts, stack):
    email, bystander = _address("twice"), _address("bystander")
    _ask_to_join(api, email)
    _ask_to_join(api, bystander)
    _ask_to_join(api, email)  # "send the code again"
    mine = _emails(api, email)
    assert [m["to"] for m in mine] == [email, email]
    assert mine[0]["sent_at"] > mine[1]["sent_at"]
    assert accounts.latest_code(email) in mine[0]["text"]
    everything = json.loads(api.get("/dev/mailbox").body)
    assert [m["to"] for m in everything["emails"][:3]] == [email, bystander, email]
    assert isinstance(everything["mailboxes"], list)  # the ministers' mailboxes are still there


def test_the_apps_own_mail_is_there_too(api, make_user):
    person, elsewhere = make_user(name="mail-elsewhere"), _address("elsewhere")
    chosen = api.put("/me/notifications", user=person, json_body={"email": elsewhere})
    assert chosen.status_code == 200, chosen.body
    [link] = _emails(api, elsewhere)
    assert link["subject"] == "Confirm your email for Labourspace notifications"
    assert "/notifications/confirm-email?token=" in link["text"]


def test_a_browser_gets_a_readable_page(api, accounts):
    email = _address("reader")
    _ask_to_join(api, email)
    code = accounts.latest_code(email)
    page = api.get(f"/dev/mailbox?to={email}", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    html = page.body.decode()
    assert "<h1>Local mailbox</h1>" in html and "Your Labourspace code" in html and code in html
    assert_error(api.get("/dev/mailbox?to=not-an-address"), 400)
    bad_page = api.get("/dev/mailbox?to=not-an-address", headers={"Accept": "text/html"})
    assert bad_page.status_code == 400 and bad_page.headers["Content-Type"].startswith("text/html")


def test_only_the_local_stage_has_a_mailbox(api, monkeypatch):
    from chalicelib.api import notifications
    from chalicelib.settings import get_settings
    from chalicelib.web import dev_mailbox

    deployed = dataclasses.replace(get_settings(), stage="prod")
    monkeypatch.setattr(notifications, "get_settings", lambda: deployed)
    monkeypatch.setattr(dev_mailbox, "get_settings", lambda: deployed)
    assert_error(api.get("/dev/mailbox"), 404, "not_found")
    assert api.get("/dev/mailbox", headers={"Accept": "text/html"}).status_code == 404


def test_ses_still_refuses_an_unverified_sender_and_mirrors_nothing(api, stack):
    ses = boto3.client("ses", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    to = _address("never")
    with pytest.raises(ClientError) as refused:
        ses.send_email(Source="someone@unverified.example", Destination={"ToAddresses": [to]},
                       Message={"Subject": {"Data": "hi"}, "Body": {"Text": {"Data": "hello"}}})
    assert refused.value.response["Error"]["Code"] == "MessageRejected"
    assert _emails(api, to) == []
