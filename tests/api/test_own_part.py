"""GET /me/campaigns/{id}: a person's own part in a campaign, which the cached campaign page asks for
them alone, so it is never staler than their own act (README, "The campaign page")."""

from __future__ import annotations

import json

import pytest

from tests.api.campaign_helpers import CONSENT, CONSENT_VERSION, create, open_campaign
from tests.conftest import assert_error, deliver_until_quiet


@pytest.fixture(scope="module")
def cast(make_user):
    return {"owner": make_user(name="own-owner"), "moderator": make_user("moderators", name="own-mod"),
            "reader": make_user(name="own-reader"), "stranger": make_user(name="own-stranger")}


def _part(api, campaign_id: str, user) -> dict:
    response = api.get(f"/me/campaigns/{campaign_id}", user=user)
    assert response.status_code == 200, response.body
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.body)


def test_your_part_is_what_you_did_and_nothing_of_anyone_elses(api, cast, runner):
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="energy")
    path = f"/campaigns/{campaign['id']}"
    before = _part(api, campaign["id"], cast["reader"])
    assert (before["supported"], before["following"], before["replies"], before["yours"]) == (False, False, [], False)
    assert (before["status"], before["support_count"], before["answered"], before["manifesto_stage"]) == \
        ("open", 0, False, None)

    assert api.put(f"{path}/support", user=cast["reader"], json_body=CONSENT).status_code == 200
    assert api.put(f"{path}/follow", user=cast["reader"]).status_code == 200
    reply = api.post(f"{path}/replies", user=cast["reader"], json_body={"body": "Our school would save thousands."})
    assert reply.status_code == 201, reply.body

    # Before the count is summed (the counters' stream has not run), the supporter already sees theirs.
    mine = _part(api, campaign["id"], cast["reader"])
    assert (mine["supported"], mine["consent_version"], mine["following"]) == (True, CONSENT_VERSION, True)
    assert mine["supported_at"].endswith("Z")
    assert mine["support_count"] == 1
    assert [r["id"] for r in mine["replies"]] == [json.loads(reply.body)["id"]]
    assert mine["replies"][0]["removed"] is False
    theirs = _part(api, campaign["id"], cast["stranger"])  # everyone else sees the count as summed
    assert (theirs["supported"], theirs["following"], theirs["replies"], theirs["support_count"]) == \
        (False, False, [], 0)

    deliver_until_quiet(runner)  # summed now, with the support in it: it is not counted twice
    assert _part(api, campaign["id"], cast["reader"])["support_count"] == 1
    assert _part(api, campaign["id"], cast["stranger"])["support_count"] == 1
    assert _part(api, campaign["id"], cast["owner"])["yours"] is True

    assert api.delete(f"{path}/support", user=cast["reader"]).status_code == 200
    assert api.delete(f"{path}/follow", user=cast["reader"]).status_code == 200
    assert api.delete(f"{path}/replies/{mine['replies'][0]['id']}", user=cast["reader"]).status_code == 204
    after = _part(api, campaign["id"], cast["reader"])
    assert (after["supported"], after["supported_at"], after["following"]) == (False, None, False)
    assert after["replies"][0]["removed"] is True  # a tombstone: still theirs, no longer words


def test_a_campaign_nobody_may_see_has_no_part_to_show(api, cast):
    draft = create(api, cast["owner"], area="energy")
    assert_error(api.get(f"/me/campaigns/{draft['id']}", user=cast["reader"]), 404, "campaign_not_found")
    # Its page is a 404 for its owner too (they edit it from /my/campaigns): so is this.
    assert_error(api.get(f"/me/campaigns/{draft['id']}", user=cast["owner"]), 404, "campaign_not_found")
    assert_error(api.get("/me/campaigns/no-such-campaign", user=cast["reader"]), 404, "campaign_not_found")
    assert_error(api.get(f"/me/campaigns/{draft['id']}"), 401)


def test_a_hidden_campaign_has_no_part_to_show_even_to_its_supporters(api, cast):
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="energy")
    assert api.put(f"/campaigns/{campaign['id']}/support", user=cast["reader"], json_body=CONSENT).status_code == 200
    hide = {"action": "hide", "reason": "Breaks the house rules."}
    assert api.post(f"/moderation/campaign/{campaign['id']}", user=cast["moderator"], json_body=hide).status_code == 200
    assert_error(api.get(f"/me/campaigns/{campaign['id']}", user=cast["reader"]), 404, "campaign_not_found")
