"""Nobody judges their own case, through the API (issue 25, item 5): the policy team's manifesto moves and
ministers' official responses refuse the campaign's owner and accepted members of its hosting organisation
(403 conflict_of_interest, nothing written); an invitation confers nothing; moderators keep off replies under
their own campaigns; and admins read every refusal at GET /refusals."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.api.campaign_helpers import create, decide, open_campaign, submit
from tests.conftest import assert_error

RESPONSE = {"stance": "considering", "body": "We are looking at this closely, with the Treasury."}


@pytest.fixture(scope="module")
def people(api, make_user):
    cast = {"owner": make_user(name="coi-owner"), "admin": make_user("admins", name="coi-admin"),
            "moderator": make_user("moderators", name="coi-mod"),
            "moderator2": make_user("moderators", name="coi-mod2"),
            "policy": make_user("policy", name="coi-policy"), "invited": make_user("policy", name="coi-invited"),
            "minister": make_user("ministers", name="coi-minister"),
            "minister2": make_user("ministers", name="coi-minister2")}
    ids = {role: json.loads(api.get("/me", user=user).body) for role, user in cast.items()}
    for role in ("policy", "invited"):
        assert api.put(f"/policy-team/{ids[role]['id']}/areas", user=cast["admin"],
                       json_body={"areas": ["health"]}).status_code == 200
    for role in ("minister", "minister2"):
        assert api.put(f"/ministers/{ids[role]['id']}/portfolio", user=cast["admin"],
                       json_body={"areas": ["health"]}).status_code == 200
    # The owner's organisation: the policy member and the minister accepted its invitation; "invited" did not.
    handle = f"nurses-{uuid.uuid4().hex[:6]}"
    assert api.post("/organisations", user=cast["owner"], json_body={"handle": handle, "name": "Nurses"}).status_code \
        == 201
    for role in ("policy", "minister", "invited"):
        invited = api.post(f"/organisations/{handle}/members", user=cast["owner"],
                           json_body={"handle": ids[role]["handle"]})
        assert invited.status_code == 201, invited.body
    for role in ("policy", "minister"):
        assert api.post(f"/organisations/{handle}/members/me/accept", user=cast[role]).status_code == 200
    cast["org"], cast["ids"] = handle, ids
    return cast


def _hosted(api, people) -> dict:
    return open_campaign(api, people["owner"], people["moderator"], area="health", organisation=people["org"],
                         title=f"Safe staffing on every ward {uuid.uuid4().hex[:6]}")


def _move(api, who, campaign: dict, stage: str = "shortlisted"):
    return api.put(f"/campaigns/{campaign['id']}/manifesto", user=who,
                   json_body={"stage": stage, "note": "On the shortlist for costing."},
                   headers={"If-Match": str(campaign["version"])})


def test_a_policy_member_of_the_hosting_organisation_cannot_move_its_idea_and_one_only_invited_can(api, people):
    campaign = _hosted(api, people)
    error = assert_error(_move(api, people["policy"], campaign), 403, "conflict_of_interest")
    assert error["details"] == {"rule": "hosting_organisation", "decision": "manifesto"}
    assert "organisation hosting this idea" in error["message"]
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["manifesto"] is None  # nothing written
    moved = _move(api, people["invited"], campaign)  # an invitation not accepted confers nothing
    assert moved.status_code == 200, moved.body
    assert json.loads(moved.body)["manifesto"]["stage"] == "shortlisted"


def test_a_minister_cannot_answer_their_own_campaign_nor_their_organisations(api, people):
    own = open_campaign(api, people["minister"], people["moderator"], area="health",
                        title=f"Free parking for NHS staff {uuid.uuid4().hex[:6]}")
    error = assert_error(api.post(f"/campaigns/{own['id']}/response", user=people["minister"], json_body=RESPONSE),
                         403, "conflict_of_interest")
    assert error["details"] == {"rule": "author", "decision": "official_response"}
    hosted = _hosted(api, people)
    error = assert_error(api.post(f"/campaigns/{hosted['id']}/response", user=people["minister"], json_body=RESPONSE),
                         403, "conflict_of_interest")
    assert error["details"]["rule"] == "hosting_organisation"
    for campaign in (own, hosted):
        assert json.loads(api.get(f"/campaigns/{campaign['id']}/responses").body)["items"] == []
        assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["official_response"] is None
    answered = api.post(f"/campaigns/{own['id']}/response", user=people["minister2"], json_body=RESPONSE)
    assert answered.status_code == 201, answered.body  # another minister of the area answers it


def test_a_moderator_cannot_hide_a_reply_under_their_own_campaign(api, people):
    own = open_campaign(api, people["moderator"], people["moderator2"], area="health",
                        title=f"Longer GP hours {uuid.uuid4().hex[:6]}")
    reply = api.post(f"/campaigns/{own['id']}/replies", user=people["owner"], json_body={"body": "It costs too much."})
    reply_id = json.loads(reply.body)["id"]
    error = assert_error(api.post(f"/moderation/reply/{reply_id}", user=people["moderator"],
                                  json_body={"action": "hide", "reason": "Off topic here."}), 403, "own_content")
    assert error["details"] == {"rule": "campaign_owner", "decision": "moderation"}
    assert api.post(f"/moderation/reply/{reply_id}", user=people["moderator2"],
                    json_body={"action": "hide", "reason": "Off topic here."}).status_code == 200


def test_admins_read_who_was_refused_what_when_and_why(api, people):
    campaign = _hosted(api, people)
    assert_error(_move(api, people["policy"], campaign, "shortlisted"), 403, "conflict_of_interest")
    assert_error(api.post(f"/campaigns/{campaign['id']}/response", user=people["minister"], json_body=RESPONSE), 403)
    pending = create(api, people["owner"], area="health")
    submit(api, people["owner"], pending)
    decide(api, people["moderator"], pending, "approve")  # no stake: decided, and no refusal kept

    listed = api.get("/refusals?limit=20", user=people["admin"])
    assert listed.status_code == 200, listed.body
    mine = [r for r in json.loads(listed.body)["items"] if r["campaign"] and r["campaign"]["id"] == campaign["id"]]
    assert [(r["person"]["handle"], r["decision"], r["requested"], r["rule"], r["target_type"]) for r in mine] == [
        (people["ids"]["minister"]["handle"], "official_response", "considering", "hosting_organisation", "campaign"),
        (people["ids"]["policy"]["handle"], "manifesto", "shortlisted", "hosting_organisation", "campaign")]
    assert mine[0]["at"] >= mine[1]["at"] and mine[0]["at"].endswith("Z")  # newest first
    assert mine[0]["campaign"] == {"id": campaign["id"], "slug": campaign["slug"], "title": campaign["title"],
                                   "area": campaign["area"], "status": "open"}
    assert not [r for r in json.loads(listed.body)["items"] if r["campaign"] and r["campaign"]["id"] == pending["id"]]
    for role in ("policy", "minister", "moderator", "owner"):
        assert_error(api.get("/refusals", user=people[role]), 403)
    assert_error(api.get("/refusals"), 401)
    assert_error(api.get("/refusals?cursor=forged.cursor", user=people["admin"]), 400, "invalid_cursor")
