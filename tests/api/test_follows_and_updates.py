"""Following a campaign without supporting it, and the owner's updates that reach its people."""

from __future__ import annotations

import json

import pytest

from tests.api.campaign_helpers import create, open_campaign
from tests.conftest import assert_error

UPDATE = {"headline": "We met the council", "body": "They agreed to put our plan on the agenda in March."}


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(), "moderator": make_user("moderators"), "reader": make_user(),
            "stranger": make_user()}


def _ids(page) -> list[str]:
    return [c["id"] for c in json.loads(page.body)["items"]]


def test_following_is_idempotent_private_and_undone(api, people, make_user):
    # Its own reader and stranger: another test of this module leaves the module's pair following.
    reader, stranger = make_user(), make_user()
    campaign = open_campaign(api, people["owner"], people["moderator"], area="housing")
    path = f"/campaigns/{campaign['id']}/follow"
    for _ in range(2):  # a double tap follows once
        followed = api.put(path, user=reader)
        assert (followed.status_code, json.loads(followed.body)) == (200, {"following": True})
    assert _ids(api.get("/me/campaigns?relation=followed", user=reader)) == [campaign["id"]]
    assert _ids(api.get("/me/campaigns?relation=followed", user=stranger)) == []
    assert _ids(api.get("/me/campaigns?relation=supported", user=reader)) == []  # following is not support

    for _ in range(2):
        unfollowed = api.delete(path, user=reader)
        assert (unfollowed.status_code, json.loads(unfollowed.body)) == (200, {"following": False})
    assert _ids(api.get("/me/campaigns?relation=followed", user=reader)) == []


def test_only_public_campaigns_can_be_followed(api, people):
    draft = create(api, people["owner"], area="housing")
    assert_error(api.put(f"/campaigns/{draft['id']}/follow", user=people["reader"]), 404, "campaign_not_found")
    assert_error(api.put(f"/campaigns/{draft['id']}/follow", user=people["owner"]), 409, "campaign_not_public")
    assert_error(api.put("/campaigns/no-such-campaign/follow", user=people["reader"]), 404)
    assert_error(api.put(f"/campaigns/{draft['id']}/follow"), 401)


def test_owner_updates_are_listed_newest_first_and_only_owners_post_them(api, people):
    campaign = open_campaign(api, people["owner"], people["moderator"], area="housing")
    path = f"/campaigns/{campaign['id']}/updates"
    assert_error(api.post(path, user=people["stranger"], json_body=UPDATE), 403, "forbidden")
    first = api.post(path, user=people["owner"], json_body=UPDATE)
    assert first.status_code == 201, first.body
    second = api.post(path, user=people["owner"], json_body={**UPDATE, "headline": "The council said yes"})
    listed = json.loads(api.get(path).body)["items"]
    assert [u["headline"] for u in listed] == ["The council said yes", "We met the council"]
    assert listed[0]["id"] == json.loads(second.body)["id"]


@pytest.mark.parametrize("body, field", [
    ({"headline": "Hi", "body": "Too short a headline."}, "headline"),
    ({"headline": "A fine headline", "body": ""}, "body"),
    ({"headline": "A fine headline", "body": "x" * 5001}, "body"),
    ({"headline": "A fine headline", "body": "Fine.", "send_to": "everyone"}, "send_to"),
    ({"headline": 42, "body": "Fine."}, "headline"),
])
def test_a_bad_update_is_refused_field_by_field(api, people, body, field):
    campaign = open_campaign(api, people["owner"], people["moderator"], area="housing")
    error = assert_error(api.post(f"/campaigns/{campaign['id']}/updates", user=people["owner"], json_body=body),
                         400)
    assert field in json.dumps(error["details"])
    assert json.loads(api.get(f"/campaigns/{campaign['id']}/updates").body)["items"] == []


def test_updates_are_rate_limited_per_campaign_and_a_double_submit_posts_once(api, people):
    campaign = open_campaign(api, people["owner"], people["moderator"], area="housing")
    path = f"/campaigns/{campaign['id']}/updates"
    key = {"Idempotency-Key": "update-once-1"}
    first = api.post(path, user=people["owner"], json_body=UPDATE, headers=key)
    again = api.post(path, user=people["owner"], json_body=UPDATE, headers=key)
    assert first.status_code == again.status_code == 201
    assert json.loads(first.body)["id"] == json.loads(again.body)["id"]
    for n in range(2):
        assert api.post(path, user=people["owner"], json_body={**UPDATE, "headline": f"News {n}"}).status_code == 201
    limited = api.post(path, user=people["owner"], json_body={**UPDATE, "headline": "One too many"})
    assert_error(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) > 0
    assert len(json.loads(api.get(path).body)["items"]) == 3


def test_an_unpublished_campaign_sends_no_updates(api, people):
    draft = create(api, people["owner"], area="housing")
    assert_error(api.post(f"/campaigns/{draft['id']}/updates", user=people["owner"], json_body=UPDATE), 409,
                 "campaign_not_public")


def test_an_owner_update_reaches_followers_and_supporters_feeds_once(api, people, runner):
    campaign = open_campaign(api, people["owner"], people["moderator"], area="housing",
                             title="Rent caps for students in halls")
    api.put(f"/campaigns/{campaign['id']}/follow", user=people["reader"])
    api.put(f"/campaigns/{campaign['id']}/support", user=people["stranger"])
    api.put(f"/campaigns/{campaign['id']}/follow", user=people["stranger"])  # supports and follows: one item
    assert api.post(f"/campaigns/{campaign['id']}/updates", user=people["owner"], json_body=UPDATE).status_code == 201
    for _ in range(500):  # until quiet: the fan-out queue is shared, other tests' pages may be ahead
        if runner.run_once() == 0:
            break
    for person in ("reader", "stranger"):
        items = [i for i in json.loads(api.get("/me/feed", user=people[person]).body)["items"]
                 if i["campaign_id"] == campaign["id"]]
        assert [(i["kind"], i["title"]) for i in items] == [("owner_update", "Update: Rent caps for students in halls")]
        assert "We met the council" in items[0]["text"]
