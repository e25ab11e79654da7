"""Issue 27, section 4: people hear what happens to what they did. Authors, invitees and people
replied to get a feed item and an email at their verified sign-in email, each with a one-click
unsubscribe and a List-Unsubscribe header; supporters get an official response by email unless
they say otherwise; a minister given a portfolio is subscribed to its alerts. Local mail is read as
a developer reads it, from /dev/mailbox."""

from __future__ import annotations

import json
import re
import uuid
from urllib.parse import urlparse

import pytest

from tests.api.campaign_helpers import CONSENT, create, decide, open_campaign, submit
from tests.conftest import deliver_until_quiet


@pytest.fixture(scope="module")
def cast(api, make_user):
    people = {"owner": make_user(name="told-owner"), "moderator": make_user("moderators", name="told-mod"),
              "admin": make_user("admins", name="told-admin"), "minister": make_user("ministers", name="told-min")}
    for user in people.values():
        assert api.get("/me", user=user).status_code == 200  # profiles made, as at joining
    return people


def _me(api, user) -> dict:
    return json.loads(api.get("/me", user=user).body)


def _emails(api, user) -> list[dict]:
    """Every email sent to this person's address, newest first, as /dev/mailbox lists them."""
    got = api.get(f"/dev/mailbox?to={user.email}")
    assert got.status_code == 200, got.body
    return json.loads(got.body)["emails"]


def _feed(api, user) -> list[dict]:
    return json.loads(api.get("/me/feed?limit=50", user=user).body)["items"]


def _path(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.path}?{parsed.query}" if parsed.query else parsed.path


def _unsubscribe_links(mail: dict) -> tuple[str, str]:
    """(the link in the text, the List-Unsubscribe header's address): the same one-click link."""
    in_text = re.search(r"Stop these emails: (\S+)", mail["text"]).group(1)
    header = mail["list_unsubscribe"]
    assert header.startswith("<") and header.endswith(">"), header
    return in_text, header[1:-1]


def test_an_author_hears_their_campaign_rejected_with_the_reason_then_approved(api, cast, runner):
    owner, moderator = cast["owner"], cast["moderator"]
    campaign = create(api, owner, area="health", title=f"Dentists for every town {uuid.uuid4().hex[:6]}")
    submit(api, owner, campaign)
    reason = "Please say which towns have no NHS dentist, and what should change for them."
    decide(api, moderator, campaign, "reject", reason=reason)
    deliver_until_quiet(runner)

    rejected = [i for i in _feed(api, owner) if i["kind"] == "campaign_rejected"]
    assert len(rejected) == 1 and rejected[0]["campaign_id"] == campaign["id"]
    assert rejected[0]["title"] == f"Your campaign needs changes: {campaign['title']}"
    assert reason in rejected[0]["text"]
    assert rejected[0]["url"].endswith(f"/my/campaigns/{campaign['id']}/edit")  # no public page to send them to
    mail = next(m for m in _emails(api, owner) if m["subject"] == rejected[0]["title"])
    assert reason in mail["text"] and f"/my/campaigns/{campaign['id']}/edit" in mail["text"]
    in_text, header = _unsubscribe_links(mail)
    assert in_text == header and "/notifications/unsubscribe?token=" in header
    assert api.get("/dev/mailbox").status_code == 200  # the page lists it for a developer too

    submit(api, owner, campaign)
    opened = decide(api, moderator, campaign, "approve")
    deliver_until_quiet(runner)
    approved = [i for i in _feed(api, owner) if i["kind"] == "campaign_approved"]
    assert [i["url"] for i in approved] == [rejected[0]["url"].replace(f"/my/campaigns/{campaign['id']}/edit",
                                                                       f"/c/{opened['slug']}")]
    assert any(m["subject"] == f"Your campaign is open: {campaign['title']}" for m in _emails(api, owner))


def test_an_invitee_hears_of_the_invitation_and_the_outbox_keeps_nobodys_id(api, make_user, runner):
    from chalicelib.store.outbox import organisation_partition
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    admin, invitee = make_user(name="org-admin"), make_user(name="invitee")
    me = _me(api, invitee)
    handle = f"told-{uuid.uuid4().hex[:8]}"
    made = api.post("/organisations", user=admin, json_body={"handle": handle, "name": "Told Tenants Union"})
    assert made.status_code == 201, made.body
    invited = api.post(f"/organisations/{handle}/members", user=admin, json_body={"handle": me["handle"]})
    assert invited.status_code == 201, invited.body
    deliver_until_quiet(runner)

    item = next(i for i in _feed(api, invitee) if i["kind"] == "invited")
    assert item["title"] == "Told Tenants Union invited you to join" and item["url"].endswith("/my/organisations")
    assert any(m["subject"] == item["title"] for m in _emails(api, invitee))
    organisation_id = json.loads(made.body)["id"]
    assert list(CampaignEventRecord.query(organisation_partition(organisation_id))) == []  # told, then gone

    # Declined before it could be told: nobody is told of an invitation that no longer waits.
    other = make_user(name="declines")
    api.post(f"/organisations/{handle}/members", user=admin, json_body={"handle": _me(api, other)["handle"]})
    assert api.post(f"/organisations/{handle}/members/me/decline", user=other).status_code in (200, 204)
    deliver_until_quiet(runner)
    assert [i for i in _feed(api, other) if i["kind"] == "invited"] == []


def test_someone_answered_hears_once_an_hour_per_reply_and_never_of_their_own_answer(api, cast, make_user, runner):
    ada, ben, cat = make_user(name="ada"), make_user(name="ben"), make_user(name="cat")
    for user in (ada, ben, cat):
        _me(api, user)
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="transport",
                             title=f"Night buses in every city {uuid.uuid4().hex[:6]}")
    base = f"/campaigns/{campaign['id']}/replies"
    adas = json.loads(api.post(base, user=ada, json_body={"body": "And on Sundays too."}).body)
    bens = json.loads(api.post(base, user=ben, json_body={"body": "Yes.", "parent_id": adas["id"]}).body)
    api.post(base, user=cat, json_body={"body": "Agreed.", "parent_id": adas["id"]})  # the same hour
    api.post(base, user=ada, json_body={"body": "Thank you both.", "parent_id": bens["id"]})  # Ben hears of it
    api.post(base, user=ada, json_body={"body": "And me.", "parent_id": adas["id"]})  # her own: nothing
    deliver_until_quiet(runner)

    told = [i for i in _feed(api, ada) if i["kind"] == "reply_to_reply"]
    assert len(told) == 1
    assert told[0]["url"].endswith(f"/c/{campaign['slug']}#reply-{bens['id']}")
    assert len([m for m in _emails(api, ada) if m["subject"] == told[0]["title"]]) == 1
    assert [i["kind"] for i in _feed(api, ben)] == ["reply_to_reply"]
    assert [i for i in _feed(api, cat) if i["kind"] == "reply_to_reply"] == []


def test_a_hidden_campaign_tells_nobody_anything_new(api, cast, make_user, runner):
    from chalicelib.store import campaigns as campaign_store

    ada, ben = make_user(name="hid-ada"), make_user(name="hid-ben")
    for user in (ada, ben):
        _me(api, user)
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="housing",
                             title=f"Rent caps for students {uuid.uuid4().hex[:6]}")
    base = f"/campaigns/{campaign['id']}/replies"
    adas = json.loads(api.post(base, user=ada, json_body={"body": "Halls too."}).body)
    api.post(base, user=ben, json_body={"body": "Yes.", "parent_id": adas["id"]})
    campaign_store.set_hidden(campaign_store.get_campaign(campaign["id"]), True)  # a moderator hides it meanwhile
    deliver_until_quiet(runner)
    assert [i for i in _feed(api, ada) if i["kind"] == "reply_to_reply"] == []
    assert _emails(api, ada) == []


def test_supporters_get_an_official_response_by_email_unless_they_chose_otherwise(api, cast, make_user, runner):
    minister, admin = cast["minister"], cast["admin"]
    api.put(f"/ministers/{_me(api, minister)['id']}/portfolio", user=admin, json_body={"areas": ["energy"]})
    by_default, feed_only = make_user(name="fan-default"), make_user(name="fan-feed-only")
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="energy",
                             title=f"Heat pumps for every council home {uuid.uuid4().hex[:6]}")
    for fan in (by_default, feed_only):
        _me(api, fan)
        assert api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT).status_code == 200
    chosen = api.put("/me/notifications", user=feed_only, json_body={"updates": {"response": ["feed"]}})
    assert json.loads(chosen.body)["updates"]["response"] == ["feed"]
    assert json.loads(api.get("/me/notifications", user=by_default).body)["updates"]["response"] == [
        "feed", "push", "email"]
    deliver_until_quiet(runner)
    answered = api.post(f"/campaigns/{campaign['id']}/response", user=minister,
                        json_body={"stance": "considering", "body": "We are costing it for the spending review."})
    assert answered.status_code == 201, answered.body
    deliver_until_quiet(runner)

    assert [i["kind"] for i in _feed(api, feed_only)] == ["response"]  # the feed has it, whatever was chosen
    told = _feed(api, feed_only)[0]["title"]

    def responses(user) -> list[dict]:
        return [m for m in _emails(api, user) if m["subject"] == told]

    assert len(responses(by_default)) == 1 and responses(by_default)[0]["list_unsubscribe"]
    assert responses(feed_only) == []
    assert len(responses(cast["owner"])) == 1  # its owner hears too

    # One click from the mail client (RFC 8058): no more email of that kind, the feed unchanged.
    _, header = _unsubscribe_links(responses(by_default)[0])
    clicked = api.post(_path(header), body="List-Unsubscribe=One-Click",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert clicked.status_code == 200, clicked.body
    assert json.loads(api.get("/me/notifications", user=by_default).body)["updates"]["response"] == ["feed", "push"]
    assert api.post("/notifications/unsubscribe?token=forged.token").status_code == 400


def test_a_minister_given_a_portfolio_is_subscribed_at_their_sign_in_email_and_can_turn_it_off(
        api, cast, make_user, runner):
    from chalicelib.domain.events import EventKind
    from chalicelib.store.base import utcnow
    from chalicelib.store.outbox import raise_event

    minister, admin = make_user("ministers", name="new-minister"), cast["admin"]
    minister_id = _me(api, minister)["id"]
    before = json.loads(api.get("/me/notifications", user=minister).body)
    assert (before["alerts"], before["alert_subscription"], before["email"]) == ([], "none", minister.email)

    assert api.put(f"/ministers/{minister_id}/portfolio", user=admin,
                   json_body={"areas": ["culture"]}).status_code == 200
    given = json.loads(api.get("/me/notifications", user=minister).body)
    assert given["alerts"] == ["response_threshold", "response_overdue", "reply_on_answered", "digest"]
    assert given["email"] == minister.email and given["alert_subscription"] != "none"

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="culture",
                             title=f"Free museums on Sundays {uuid.uuid4().hex[:6]}")
    raise_event(campaign["id"], EventKind.RESPONSE_THRESHOLD, "culture", utcnow(), value=10_000)  # as the count does
    deliver_until_quiet(runner)
    boxes = json.loads(api.get("/dev/mailbox").body)["mailboxes"]
    mailbox = next(b["messages"] for b in boxes if b["minister_id"] == minister_id)
    assert [(m["kind"], m["area"]) for m in mailbox] == [("response_threshold", "culture")]

    # Turned off, and a reshuffle does not turn it back on.
    off = json.loads(api.put("/me/notifications", user=minister, json_body={"alerts": []}).body)
    assert (off["alerts"], off["alert_subscription"]) == ([], "none")
    api.put(f"/ministers/{minister_id}/portfolio", user=admin, json_body={"areas": ["culture", "justice"]})
    assert json.loads(api.get("/me/notifications", user=minister).body)["alerts"] == []


def test_an_account_made_before_addresses_were_kept_is_found_in_cognito_once(api, make_user, runner):
    """A profile with no settings record (made before the sign-in email was kept): its first notice
    reads the verified sign-in email from Cognito and keeps it."""
    from chalicelib.domain.identity import Caller
    from chalicelib.store import notifications, people

    older, admin = make_user(name="older"), make_user(name="older-org")
    person = people.ensure_person(Caller(id=older.sub, username=older.sub))  # no email claim: none kept
    assert notifications.settings_of(person.id).email is None
    handle = f"older-{uuid.uuid4().hex[:8]}"
    api.post("/organisations", user=admin, json_body={"handle": handle, "name": "Older Allotments"})
    api.post(f"/organisations/{handle}/members", user=admin, json_body={"handle": person.handle})
    deliver_until_quiet(runner)
    assert any(m["subject"] == "Older Allotments invited you to join" for m in _emails(api, older))
    assert notifications.settings_of(person.id).email == older.email
