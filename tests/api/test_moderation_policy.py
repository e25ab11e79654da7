"""The moderation policy over HTTP: brigades of fresh accounts only queue, a moderator's restore
holds, reports are limited per person, and moderators never decide their own content."""

from __future__ import annotations

import json

import pytest

from tests.api.campaign_helpers import create, decide, open_campaign, submit
from tests.api.people_helpers import established
from tests.conftest import assert_error


@pytest.fixture(scope="module")
def staff(make_user):
    return {"owner": make_user(name="owner"), "moderator": make_user("moderators", name="mod"),
            "other_moderator": make_user("moderators", name="mod2")}


def _report(api, user, target_type, target_id):
    response = api.post("/reports", user=user, json_body={"target_type": target_type, "target_id": target_id,
                                                          "reason": "Brigaded, apparently."})
    assert response.status_code == 201, response.body
    return json.loads(response.body)


def _queued(api, moderator, target_id):
    queue = json.loads(api.get("/moderation/queue", user=moderator).body)["reported"]
    return [q for q in queue if q["target_id"] == target_id]


def test_a_restored_campaign_stays_up_when_reported_again(api, staff, make_user):
    campaign = open_campaign(api, staff["owner"], staff["moderator"], area="housing")
    reporters = [established(api, make_user(name=f"old{n}")) for n in range(6)]
    assert [_report(api, r, "campaign", campaign["id"])["hidden"] for r in reporters[:3]] == [False, False, True]
    assert_error(api.get(f"/campaigns/{campaign['id']}"), 404, "campaign_not_found")

    restore = {"action": "restore", "reason": "Reports not upheld."}
    restored = api.post(f"/moderation/campaign/{campaign['id']}", user=staff["moderator"], json_body=restore)
    assert restored.status_code == 200, restored.body
    assert _queued(api, staff["moderator"], campaign["id"]) == []

    fourth = _report(api, reporters[3], "campaign", campaign["id"])
    assert (fourth["reports"], fourth["hidden"]) == (4, False)  # hid it again before: a 404
    assert api.get(f"/campaigns/{campaign['id']}").status_code == 200
    assert _queued(api, staff["moderator"], campaign["id"])[0]["reports"] == 4  # a moderator hears of it
    assert_error(api.post("/reports", user=reporters[0], json_body={
        "target_type": "campaign", "target_id": campaign["id"], "reason": "Again and again."}), 409, "already_reported")
    # A fresh set of three established accounts, all reporting after the decision, hides it again.
    assert [_report(api, r, "campaign", campaign["id"])["hidden"] for r in reporters[4:]] == [False, True]
    assert_error(api.get(f"/campaigns/{campaign['id']}"), 404, "campaign_not_found")


def test_reports_from_fresh_accounts_queue_but_never_hide(api, staff, make_user):
    campaign = open_campaign(api, staff["owner"], staff["moderator"], area="housing")
    fresh = [make_user(name=f"fresh{n}") for n in range(4)]
    assert [_report(api, r, "campaign", campaign["id"])["hidden"] for r in fresh] == [False] * 4
    assert api.get(f"/campaigns/{campaign['id']}").status_code == 200
    queued = _queued(api, staff["moderator"], campaign["id"])
    assert [(q["target_type"], q["reports"]) for q in queued] == [("campaign", 4)]


def test_reports_past_the_hourly_limit_answer_429_with_retry_after(api, staff, make_user, monkeypatch):
    import dataclasses

    from chalicelib.domain import limits

    # the rule as at 20, without 21 things to report
    monkeypatch.setattr(limits, "REPORTS", dataclasses.replace(limits.REPORTS, count=2))
    campaign = open_campaign(api, staff["owner"], staff["moderator"], area="housing")
    replies = [json.loads(api.post(f"/campaigns/{campaign['id']}/replies", user=staff["owner"],
                                   json_body={"body": f"Reply {n}"}).body)["id"] for n in range(3)]
    reporter = make_user(name="eager")
    for reply_id in replies[:2]:
        _report(api, reporter, "reply", reply_id)
    refused = api.post("/reports", user=reporter, json_body={"target_type": "reply", "target_id": replies[2],
                                                             "reason": "One too many."})
    assert_error(refused, 429, "rate_limited")
    assert 1 <= int(refused.headers["Retry-After"]) <= 3600
    assert _queued(api, staff["moderator"], replies[2]) == []  # refused before it was written


def test_a_moderator_cannot_decide_hide_or_restore_their_own(api, staff):
    mine = create(api, staff["moderator"], area="housing")
    submit(api, staff["moderator"], mine)
    own = api.post(f"/campaigns/{mine['id']}/decision", user=staff["moderator"],
                   json_body={"decision": "approve", "reason": "My own idea is fine."})
    assert_error(own, 403, "own_campaign")
    decide(api, staff["other_moderator"], mine, "approve")
    reply = json.loads(api.post(f"/campaigns/{mine['id']}/replies", user=staff["moderator"],
                                json_body={"body": "My own words."}).body)
    for action in ("hide", "restore"):
        for path in (f"/moderation/campaign/{mine['id']}", f"/moderation/reply/{reply['id']}"):
            refused = api.post(path, user=staff["moderator"], json_body={"action": action, "reason": "My own call."})
            assert_error(refused, 403, "own_content")
    hidden = api.post(f"/moderation/reply/{reply['id']}", user=staff["other_moderator"],
                      json_body={"action": "hide", "reason": "Another moderator's call."})
    assert hidden.status_code == 200 and json.loads(hidden.body)["hidden"] is True


def test_a_hide_for_reports_yields_to_a_decision_made_meanwhile(api, staff):
    """The store's half of a restore holding: the hide checks the summary in one transaction."""
    from chalicelib.store import reports
    from chalicelib.store.tables.campaigns import CampaignRecord

    campaign = open_campaign(api, staff["owner"], staff["moderator"], area="housing")
    target = f"campaign#{campaign['id']}"
    version = CampaignRecord.get(campaign["id"]).version
    tally = reports.report(target, "someone-old", "Reported.", counts=True)
    assert (tally.total, tally.counting, tally.decided_at) == (1, 1, None)
    reports.reviewed(target)  # a moderator decided after the report was read
    assert reports.hide_unless_decided(target, tally.decided_at) is False
    assert not CampaignRecord.get(campaign["id"]).hidden

    later = reports.report(target, "someone-else", "Reported again.", counts=True)
    assert (later.total, later.counting) == (2, 1) and later.decided_at is not None  # counting began again
    assert reports.hide_unless_decided(target, later.decided_at) is True
    hidden = CampaignRecord.get(campaign["id"])
    assert hidden.hidden and hidden.version == version  # a system flag: an editor's copy stays fresh
