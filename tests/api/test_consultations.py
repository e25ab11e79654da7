"""Consultations: the policy team of an area asks; people answer with campaigns; the team closes
it with a summary. Lifecycle, permissions and bad input here; listing and the fan-out on close in
test_consultation_lists_and_fanout.py."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.api.campaign_helpers import CONSENT, campaign_body, create, open_campaign
from tests.api.consultation_helpers import SUMMARY, consultation_body, open_consultation, policy_team, when
from tests.conftest import assert_error


@pytest.fixture(scope="module")
def team(api, make_user):
    return policy_team(api, make_user, {"health": ["health"], "transport": ["transport"]})


def test_a_consultation_is_opened_answered_shown_and_closed_once(api, team):
    consultation = open_consultation(api, team["health"])
    assert consultation["status"] == "open" and consultation["summary"] is None
    assert consultation["answer_url"].endswith(f"/start?consultation={consultation['id']}")
    cid = consultation["id"]

    draft = create(api, team["citizen"], area="health", consultation_id=cid)
    assert draft["consultation_id"] == cid
    answered = open_campaign(api, team["citizen"], team["moderator"], area="health", consultation_id=cid)
    other = open_campaign(api, team["citizen"], team["moderator"], area="health")
    assert other["consultation_id"] is None
    api.put(f"/campaigns/{answered['id']}/support", user=team["citizen"], json_body=CONSENT)

    shown = json.loads(api.get(f"/consultations/{cid}").body)
    assert [i["id"] for i in shown["ideas"]] == [answered["id"]]  # the draft is not listed
    assert shown["idea_count"] == 1 and shown["question"] == consultation["question"]

    closed = api.post(f"/consultations/{cid}/close", user=team["health"], json_body={"summary": SUMMARY})
    assert closed.status_code == 200, closed.body
    closed = json.loads(closed.body)
    assert (closed["status"], closed["summary"]) == ("closed", SUMMARY) and closed["closed_at"]
    assert json.loads(api.get(f"/consultations/{cid}").body)["summary"] == SUMMARY

    assert_error(api.post(f"/consultations/{cid}/close", user=team["health"], json_body={"summary": SUMMARY}),
                 409, "consultation_closed")
    late = api.post("/campaigns", user=team["citizen"], json_body=campaign_body(area="health", consultation_id=cid))
    assert_error(late, 400, "consultation_not_open")


def test_only_the_policy_team_of_the_area_or_an_admin_opens_and_closes(api, team):
    assert_error(api.post("/consultations", user=team["transport"], json_body=consultation_body()),
                 403, "not_policy_of_area")
    assert_error(api.post("/consultations", user=team["citizen"], json_body=consultation_body()), 403)
    assert_error(api.post("/consultations", json_body=consultation_body()), 401)
    by_admin = open_consultation(api, team["admin"])
    path = f"/consultations/{by_admin['id']}/close"
    assert_error(api.post(path, user=team["transport"], json_body={"summary": SUMMARY}), 403, "not_policy_of_area")
    assert_error(api.post(path, user=team["citizen"], json_body={"summary": SUMMARY}), 403)
    assert_error(api.post(path, json_body={"summary": SUMMARY}), 401)
    assert json.loads(api.get(f"/consultations/{by_admin['id']}").body)["status"] == "open"  # nothing changed
    assert api.post(path, user=team["health"], json_body={"summary": SUMMARY}).status_code == 200
    assert_error(api.post("/consultations/no-such-one/close", user=team["health"], json_body={"summary": SUMMARY}),
                 404, "consultation_not_found")


@pytest.mark.parametrize("change, field, code", [
    ({"closes_at": when(minutes=-10)}, "closes_at", "invalid_dates"),  # before it opens
    ({"opens_at": when(days=-40), "closes_at": when(minutes=-1)}, "closes_at", "invalid_dates"),  # in the past
    ({"closes_at": when(days=400)}, "closes_at", "invalid_dates"),  # too long
    ({"opens_at": when(days=400), "closes_at": when(days=401)}, "opens_at", "invalid_dates"),  # too far ahead
    ({"opens_at": "2026-12-01T10:00:00"}, "opens_at", "invalid_input"),  # no time zone
    ({"closes_at": "next tuesday"}, "closes_at", "invalid_input"),
    ({"area": "atlantis"}, "area", "invalid_input"),
    ({"question": "Why?"}, "question", "invalid_input"),
    ({"brief": ""}, "brief", "invalid_input"),
    ({"status": "open"}, "status", "invalid_input"),  # an unknown field
])
def test_a_bad_consultation_is_refused_field_by_field(api, team, change, field, code):
    error = assert_error(api.post("/consultations", user=team["health"], json_body=consultation_body(**change)),
                         400, code)
    assert field in error["details"]["fields"], error


def test_a_bad_close_or_an_unknown_consultation_is_clear(api, team):
    cid = open_consultation(api, team["health"])["id"]
    for body in ({}, {"summary": "Too short."}, {"summary": SUMMARY, "extra": 1}, {"summary": 42}):
        assert_error(api.post(f"/consultations/{cid}/close", user=team["health"], json_body=body), 400,
                     "invalid_input")
    assert_error(api.get(f"/consultations/{uuid.uuid4()}"), 404, "consultation_not_found")
    assert_error(api.get("/consultations/" + "x" * 3000), 404, "consultation_not_found")


def test_a_campaign_answers_only_an_open_consultation_in_its_own_area(api, team):
    cid = open_consultation(api, team["health"])["id"]
    upcoming = open_consultation(api, team["health"], opens_at=when(days=2), closes_at=when(days=9))
    assert upcoming["status"] == "upcoming"

    def start(**extra):
        return api.post("/campaigns", user=team["citizen"], json_body=campaign_body(**extra))

    assert_error(start(area="transport", consultation_id=cid), 400, "consultation_other_area")
    assert_error(start(area="health", consultation_id=upcoming["id"]), 400, "consultation_not_open")
    assert_error(start(area="health", consultation_id=str(uuid.uuid4())), 400, "consultation_not_open")
    assert_error(start(area="health", consultation_id=""), 400, "invalid_input")
    assert_error(start(area="health", consultation_id="x" * 65), 400, "invalid_input")


def test_a_draft_answering_a_consultation_keeps_its_area(api, team):
    cid = open_consultation(api, team["health"])["id"]
    draft = create(api, team["citizen"], area="health", consultation_id=cid)
    moved = api.patch(f"/campaigns/{draft['id']}", user=team["citizen"], json_body={"area": "transport"},
                      headers={"If-Match": str(draft["version"])})
    assert_error(moved, 400, "consultation_other_area")
    kept = api.patch(f"/campaigns/{draft['id']}", user=team["citizen"], json_body={"title": "A clearer title here"},
                     headers={"If-Match": str(draft["version"])})
    assert kept.status_code == 200, kept.body


def test_two_closes_from_the_same_reading_one_wins(api, team):
    """Two policy members read the consultation open and both close it: the condition on
    `closed_at` lets one summary through; the other is 409 and changes nothing."""
    from datetime import UTC, datetime

    from chalicelib.domain.errors import Conflict
    from chalicelib.logic.consultations import closed_as_read
    from chalicelib.store import consultations as store

    cid = open_consultation(api, team["health"])["id"]
    first_copy, second_copy = store.get_consultation(cid), store.get_consultation(cid)
    closed_as_read(first_copy, summary=SUMMARY, actor_id="policy-a", now=datetime.now(UTC))
    with pytest.raises(Conflict) as raised:
        closed_as_read(second_copy, summary="A different summary, written at the same moment.", actor_id="policy-b",
                       now=datetime.now(UTC))
    assert raised.value.code == "consultation_closed"
    shown = json.loads(api.get(f"/consultations/{cid}").body)
    assert (shown["status"], shown["summary"]) == ("closed", SUMMARY)
