"""A campaign's life: draft, moderation, open, closed; who sees and edits it on the way."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.api.campaign_helpers import (
    audit_trail,
    campaign_body,
    create,
    decide,
    moderation_queue,
    open_campaign,
    submit,
)
from tests.conftest import assert_error


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(name="owner"), "other": make_user(name="other"),
            "moderator": make_user("moderators", name="mod"), "admin": make_user("admins", name="admin")}


def test_from_draft_to_open_to_closed(api, people):
    owner, moderator = people["owner"], people["moderator"]
    draft = create(api, owner, area="transport")
    assert draft["status"] == "draft" and draft["version"] == 1
    assert draft["slug"].startswith("free-bus-travel-for-apprentices")
    assert draft["url"].endswith(f"/c/{draft['slug']}")
    assert_error(api.get(f"/campaigns/{draft['id']}"), 404, "campaign_not_found")
    assert_error(api.get(f"/campaigns/{draft['id']}", user=people["other"]), 404, "campaign_not_found")
    assert api.get(f"/campaigns/{draft['id']}", user=moderator).status_code == 200

    pending = submit(api, owner, draft)
    assert pending["status"] == "pending"
    assert draft["id"] in (c["id"] for c in moderation_queue(api, user=moderator))

    opened = decide(api, moderator, draft, "approve", "Within the rules.")
    assert opened["status"] == "open" and opened["published_at"]
    published = datetime.fromisoformat(opened["published_at"].replace("Z", "+00:00"))
    closes = datetime.fromisoformat(opened["closes_at"].replace("Z", "+00:00"))
    assert timedelta(days=182) < closes - published < timedelta(days=184)
    public = json.loads(api.get(f"/campaigns/{draft['id']}").body)
    assert public["status"] == "open" and public["moderation_reason"] is None

    assert_error(api.post(f"/campaigns/{draft['id']}/close", user=people["other"]), 403, "forbidden")
    closed = json.loads(api.post(f"/campaigns/{draft['id']}/close", user=owner).body)
    assert closed["status"] == "closed" and closed["closed_at"]
    assert_error(api.post(f"/campaigns/{draft['id']}/close", user=owner), 409, "invalid_transition")

    trail = [(a.action, a.actor_id, a.reason) for a in audit_trail(draft["id"])]
    assert [t[0] for t in trail] == ["submit", "approve", "close"]
    assert trail[1][1] == moderator.sub and trail[1][2] == "Within the rules."


def test_rejected_with_a_reason_then_edited_and_resubmitted(api, people):
    owner, moderator = people["owner"], people["moderator"]
    draft = create(api, owner)
    submit(api, owner, draft)
    rejected = decide(api, moderator, draft, "reject", "Please say what should change.")
    assert rejected["status"] == "rejected"
    mine = json.loads(api.get(f"/campaigns/{draft['id']}", user=owner).body)
    assert mine["moderation_reason"] == "Please say what should change."
    edited = api.patch(f"/campaigns/{draft['id']}", user=owner, headers={"If-Match": str(mine["version"])},
                       json_body={"summary": "Make buses free for every apprentice under 25, UK-wide."})
    assert edited.status_code == 200, edited.body
    assert submit(api, owner, draft)["status"] == "pending"


def test_no_other_moves_are_possible(api, people):
    owner, moderator = people["owner"], people["moderator"]
    draft = create(api, owner)
    base = f"/campaigns/{draft['id']}"
    assert_error(api.post(f"{base}/decision", user=moderator, json_body={"decision": "approve", "reason": "ok fine"}),
                 409, "invalid_transition")
    assert_error(api.post(f"{base}/close", user=owner), 409, "invalid_transition")
    submit(api, owner, draft)
    assert_error(api.post(f"{base}/submit", user=owner), 409, "invalid_transition")
    error = assert_error(api.post(f"{base}/decision", user=moderator, json_body={"decision": "approve"}), 400)
    assert "reason" in error["details"]["fields"]
    assert_error(api.post(f"{base}/decision", user=moderator, json_body={"decision": "maybe", "reason": "hmm ok"}),
                 400, "invalid_input")
    assert_error(api.post(f"{base}/decision", user=owner, json_body={"decision": "approve", "reason": "mine!"}),
                 403, "forbidden")


def test_open_text_is_frozen_and_edits_need_the_current_version(api, people):
    owner, moderator = people["owner"], people["moderator"]
    draft = create(api, owner)
    path = f"/campaigns/{draft['id']}"
    change = {"title": "A better title for the campaign"}
    assert_error(api.patch(path, user=owner, json_body=change), 400, "if_match_required")
    assert api.patch(path, user=owner, json_body=change, headers={"If-Match": "1"}).status_code == 200
    assert_error(api.patch(path, user=owner, json_body=change, headers={"If-Match": "1"}), 412, "stale_version")
    assert_error(api.patch(path, user=people["other"], json_body=change, headers={"If-Match": "2"}),
                 404, "campaign_not_found")
    submit(api, owner, draft)
    opened = decide(api, moderator, draft, "approve")
    assert_error(api.patch(path, user=owner, json_body=change, headers={"If-Match": str(opened["version"])}),
                 409, "campaign_frozen")
    assert_error(api.patch(path, user=people["other"], json_body=change, headers={"If-Match": "3"}), 403)


def test_two_moderators_racing_one_decision(people, api):
    from chalicelib.domain.errors import Conflict
    from chalicelib.logic.campaigns import moved
    from chalicelib.store import campaigns as store

    for _ in range(3):
        draft = create(api, people["owner"])
        submit(api, people["owner"], draft)
        stale = [store.get_campaign(draft["id"]) for _ in range(2)]
        barrier, outcomes = threading.Barrier(2), []

        def decide_now(record, approve, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:  # each from its own copy, as read: the store's condition lets one through
                moved(record, "approve" if approve else "reject",
                      lambda: store.decide(record, "racer", approve, "racing"))
                outcomes.append("decided")
            except Conflict as exc:
                outcomes.append(exc.code)

        threads = [threading.Thread(target=decide_now, args=(r, i == 0)) for i, r in enumerate(stale)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["decided", "invalid_transition"]
        assert len([a for a in audit_trail(draft["id"]) if a.action in ("approve", "reject")]) == 1


def test_organisation_members_edit_hosted_campaigns(api, people, make_user):
    founder, member, outsider = make_user(), make_user(), make_user()
    handle = f"org-{founder.sub[:8]}"
    assert api.post("/organisations", user=founder, json_body={"handle": handle, "name": "Branch"}).status_code == 201
    member_handle = json.loads(api.get("/me", user=member).body)["handle"]
    api.post(f"/organisations/{handle}/members", user=founder, json_body={"handle": member_handle})
    assert_error(api.post("/campaigns", user=outsider, json_body=campaign_body(organisation=handle)), 403)
    hosted = create(api, founder, organisation=handle)
    # Invited is not a member: no editing until the invitation is accepted.
    assert_error(api.patch(f"/campaigns/{hosted['id']}", user=member, headers={"If-Match": "1"},
                           json_body={"title": "Edited before accepting the invitation"}), 404)
    assert api.post(f"/organisations/{handle}/members/me/accept", user=member).status_code == 200
    assert hosted["organisation"]["handle"] == handle
    edited = api.patch(f"/campaigns/{hosted['id']}", user=member, headers={"If-Match": "1"},
                       json_body={"title": "Edited by a member of the branch"})
    assert edited.status_code == 200, edited.body
    assert_error(api.post("/campaigns", user=founder, json_body=campaign_body(organisation="no-such-org")), 404)


def test_bad_campaign_input(api, people):
    owner = people["owner"]
    for body, field in [
        (campaign_body(area="atlantis"), "area"),
        (campaign_body(title="short"), "title"),
        ({**campaign_body(), "summary": 42}, "summary"),
        ({k: v for k, v in campaign_body().items() if k != "body"}, "body"),
        ({**campaign_body(), "support_count": 1000000}, "support_count"),
    ]:
        error = assert_error(api.post("/campaigns", user=owner, json_body=body), 400)
        assert field in error["details"]["fields"], (field, error)
    assert_error(api.post("/campaigns", json_body=campaign_body()), 401, "not_signed_in")


def test_same_title_gets_its_own_slug(api, people):
    # Similar campaigns come from the search index: tests/api/test_search.py.
    # Not a demo campaign's title: on a worker that runs this before seeding, the demo's would lose its slug.
    owner, moderator = people["owner"], people["moderator"]
    title = f"Solar panels on every bus shelter {uuid.uuid4().hex[:6]}"
    first = open_campaign(api, owner, moderator, area="energy", title=title)
    second = create(api, owner, area="energy", title=title)
    assert second["slug"] != first["slug"] and second["slug"].startswith("solar-panels-on-every-bus-shelter")


def test_idempotency_key_replays_the_first_answer(api, people):
    owner, key = people["owner"], f"key-{people['owner'].sub}"
    body = campaign_body(area="culture")
    first = api.post("/campaigns", user=owner, json_body=body, headers={"Idempotency-Key": key})
    again = api.post("/campaigns", user=owner, json_body=body, headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert json.loads(first.body)["id"] == json.loads(again.body)["id"]
    mine = json.loads(api.get("/me/campaigns?limit=100", user=owner).body)["items"]
    assert [c["title"] for c in mine].count(body["title"]) == 1
    other_body = campaign_body(area="culture")
    assert_error(api.post("/campaigns", user=owner, json_body=other_body, headers={"Idempotency-Key": key}),
                 409, "idempotency_key_reused")


def test_campaigns_past_their_closing_date_are_closed_by_the_schedule(api, people):
    from chalicelib.events.lifecycle import close_due_campaigns
    from chalicelib.store.tables.campaigns import CampaignRecord

    opened = open_campaign(api, people["owner"], people["moderator"], area="justice")
    still_open = open_campaign(api, people["owner"], people["moderator"], area="justice")
    # This campaign's closing date passes, rather than the clock moving 200 days for every open
    # campaign in the worker (which closed all of them, other tests' included); the other keeps its own.
    record = CampaignRecord.get(opened["id"])
    past = datetime.now(UTC) - timedelta(minutes=1)
    record.update(actions=[CampaignRecord.closes_at.set(past.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))])
    assert close_due_campaigns() >= 1
    assert json.loads(api.get(f"/campaigns/{opened['id']}").body)["status"] == "closed"
    assert json.loads(api.get(f"/campaigns/{still_open['id']}").body)["status"] == "open"
