"""The notification email: only the verified sign-in email, or an address confirmed through a
signed link mailed to it, is ever sent anything (double opt-in). Local mail is SES in the
embedded AWS: what was sent is read from it, as the fan-out's tests read update emails."""

from __future__ import annotations

import json
import re
import uuid

import boto3
import pytest

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.conftest import REGION, assert_error, deliver_streams
from tests.sent_mail import sent_to


@pytest.fixture(scope="module", autouse=True)
def _delivered(streams):  # first: the module's writes are its runner's to deliver (issue 30's counters)
    return streams


@pytest.fixture(scope="module")
def cast(api, make_user):
    return {"owner": make_user(name="optin-owner"), "moderator": make_user("moderators", name="optin-mod"),
            "admin": make_user("admins", name="optin-admin")}


def _stranger() -> str:
    return f"stranger-{uuid.uuid4().hex[:10]}@example.org"


def _sent_to(address: str) -> list[dict]:
    """Every email the embedded SES sent to this address: its subject and text, headers too."""
    return sent_to(address)


def _link_token(mail: dict) -> str:
    return re.search(r"/notifications/confirm-email\?token=(\S+)", mail["text"]).group(1)


def _settings(api, user) -> dict:
    got = api.get("/me/notifications", user=user)
    assert got.status_code == 200, got.body
    return json.loads(got.body)


def _put(api, user, body: dict) -> dict:
    put = api.put("/me/notifications", user=user, json_body=body)
    assert put.status_code == 200, put.body
    return json.loads(put.body)


def _deliver_update(campaign_id: str, monkeypatch) -> None:
    """An owner's update fanned out to the campaign's supporters, page by page, as SQS would."""
    from chalicelib.notify import fanout

    deliver_streams()  # the supports' and follows' streams move the shards' counters
    queued: list[dict] = []
    monkeypatch.setattr(fanout, "enqueue", queued.extend)
    fanout.plan({"campaign_id": campaign_id, "kind": "owner_update", "created_at": "2026-11-25T10:00:00.000000Z",
                 "event_key": f"update#{uuid.uuid4().hex}", "headline": "We met the minister"})
    while queued:
        page = fanout.deliver_page(queued.pop())
        if page:
            queued.append(page)


def test_a_strangers_address_gets_one_confirmation_link_and_nothing_else_until_confirmed(api, make_user, cast,
                                                                                          monkeypatch):
    supporter, stranger = make_user(name="optin-fan"), _stranger()
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    assert api.put(f"/campaigns/{campaign['id']}/support", user=supporter, json_body=CONSENT).status_code == 200

    shown = _put(api, supporter, {"updates": {"owner_update": ["feed", "email"]}, "email": stranger})
    # Until the stranger's address is confirmed, email keeps going to the sign-in email kept at joining.
    assert (shown["email"], shown["pending_email"], shown["email_verification"]) == (
        supporter.email, stranger, "pending_confirmation")
    assert _settings(api, supporter)["pending_email"] == stranger
    [confirmation] = _sent_to(stranger)
    assert "confirm" in confirmation["subject"].lower() and "ignore this email" in confirmation["text"]
    assert stranger not in _link_token(confirmation)  # the link names a hash of the address, not the address

    _deliver_update(campaign["id"], monkeypatch)
    assert len(_sent_to(stranger)) == 1  # still only the confirmation: no "the campaign you support..."

    for _ in range(2):  # following the link twice is harmless
        confirmed = api.get(f"/notifications/confirm-email?token={_link_token(confirmation)}")
        assert (confirmed.status_code, json.loads(confirmed.body)) == (200, {"email_confirmed": True}), confirmed.body
    shown = _settings(api, supporter)
    assert (shown["email"], shown["pending_email"], shown["email_verification"]) == (stranger, None, "verified")
    _deliver_update(campaign["id"], monkeypatch)
    assert [m["subject"].split(":")[0] for m in _sent_to(stranger)[1:]] == ["Update"]  # now it is theirs


def test_the_sign_in_email_needs_no_confirmation(api, make_user):
    person = make_user(name="optin-own")
    shown = _put(api, person, {"email": person.email.upper()})
    assert (shown["email"], shown["pending_email"], shown["email_verification"]) == (
        person.email.upper(), None, "verified")
    assert _sent_to(person.email.upper()) == [] and _sent_to(person.email) == []


def test_a_link_that_is_forged_expired_or_superseded_confirms_nothing(api, make_user):
    from chalicelib.notify.email import confirmation_token

    person, first, second = make_user(name="optin-change"), _stranger(), _stranger()
    person_id = json.loads(api.get("/me", user=person).body)["id"]
    _put(api, person, {"email": first})
    first_token = _link_token(_sent_to(first)[0])
    assert_error(api.get(f"/notifications/confirm-email?token={first_token[:-3]}xyz"), 400, "invalid_token_link")
    assert_error(api.get("/notifications/confirm-email?token=nonsense"), 400, "invalid_token_link")
    expired = confirmation_token(person_id, first, valid_seconds=60, now=1_700_000_000)
    assert_error(api.get(f"/notifications/confirm-email?token={expired}"), 400, "invalid_token_link")
    assert_error(api.get("/notifications/confirm-email"), 400)

    _put(api, person, {"email": second})  # changed their mind: the first link is no longer current
    assert_error(api.get(f"/notifications/confirm-email?token={first_token}"), 409, "confirmation_superseded")
    shown = _settings(api, person)
    assert (shown["email"], shown["pending_email"]) == (person.email, second)


def test_confirmation_links_are_limited_to_a_few_an_hour(api, make_user):
    from chalicelib.domain.limits import CONFIRMATION_EMAILS

    person = make_user(name="optin-spam")
    addresses = [_stranger() for _ in range(CONFIRMATION_EMAILS.count + 1)]
    for address in addresses[:-1]:
        _put(api, person, {"email": address})
    refused = api.put("/me/notifications", user=person, json_body={"email": addresses[-1]})
    assert_error(refused, 429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0
    assert _sent_to(addresses[-1]) == []


def test_a_ministers_alerts_go_to_an_address_only_once_it_is_confirmed(api, make_user, cast):
    from chalicelib.settings import get_settings

    minister, stranger = make_user("ministers", name="optin-minister"), _stranger()
    minister_id = json.loads(api.get("/me", user=minister).body)["id"]
    portfolio = api.put(f"/ministers/{minister_id}/portfolio", user=cast["admin"], json_body={"areas": ["health"]})
    assert portfolio.status_code == 200, portfolio.body
    sns = boto3.client("sns", region_name=REGION, endpoint_url=get_settings().aws_endpoint_url)

    def email_endpoints() -> set[str]:
        pages = sns.get_paginator("list_subscriptions_by_topic").paginate(TopicArn=get_settings().alerts_topic_arn)
        return {s["Endpoint"] for page in pages for s in page["Subscriptions"] if s["Protocol"] == "email"}

    _put(api, minister, {"alerts": ["milestone"], "email": stranger})
    assert stranger not in email_endpoints()
    api.get(f"/notifications/confirm-email?token={_link_token(_sent_to(stranger)[0])}")
    assert stranger in email_endpoints()


@pytest.mark.parametrize("address", [
    # What `make fuzz` sent (it passed the old `[^@\s]+@[^@\s]+\.[^@\s]+` pattern, and SES then
    # refused it: "Missing domain", answered 500).
    "\u00e5\U0001f60d<>0@\u00fbLLD\u00fc\u0016\U00055696\u00f4\u00b4\u0001|.m",
    "ada@example",
    "ada..lovelace@example.org",
    "ada@exa mple.org",
])
def test_an_address_mail_cannot_go_to_is_a_400_naming_the_field(api, make_user, address):
    person = make_user(name="typo")
    refused = api.put("/me/notifications", user=person, json_body={"email": address})
    error = assert_error(refused, 400, "invalid_input")
    assert "email" in error["details"]["fields"]
    assert json.loads(api.get("/me/notifications", user=person).body)["pending_email"] is None


def test_the_links_in_emails_answer_a_browser_with_a_page(api):
    """A person clicking a link in an email sees a page, in the API's error words when it is wrong."""
    for path in ("/notifications/confirm-email?token=forged.token", "/notifications/unsubscribe?token=forged.token"):
        response = api.get(path, headers={"Accept": "text/html,application/xhtml+xml"})
        assert response.status_code == 400, (path, response.body[:200])
        assert response.headers["Content-Type"].startswith("text/html")
        assert b"<h1>" in response.body
