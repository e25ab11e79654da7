"""A minister's record, moved the way it is in AWS: supports reach the counters' stream, the
event runner hands them to the app's count handler, which puts campaigns past the threshold in
the inbox; answers go on the record in the response's own transaction."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.conftest import assert_error

THRESHOLD = 2
# Areas no other test opens campaigns in; the figures are still read as changes, since the demo
# data may have campaigns waiting there too.
AREA, OTHER_AREA = "defence", "business"
ANSWER = {"stance": "considering", "body": "We are looking at this with the department."}


@pytest.fixture(autouse=True)
def low_threshold(response_threshold):
    response_threshold(THRESHOLD)


@pytest.fixture(scope="module")
def cast(api, make_user):
    return {"owner": make_user(name="owner"), "moderator": make_user("moderators", name="mod"),
            "admin": make_user("admins", name="admin"), "citizen": make_user(name="citizen"),
            "fans": [make_user(name=f"fan{i}") for i in range(THRESHOLD)]}


@pytest.fixture
def ministers(api, cast, make_user):
    """A minister of AREA and a successor, holding OTHER_AREA for now: fresh for each test."""
    for name, area in (("minister", AREA), ("successor", OTHER_AREA)):
        cast[name] = make_user("ministers", name=name)
        cast[f"{name}_id"] = json.loads(api.get("/me", user=cast[name]).body)["id"]
        set_portfolio(api, cast, name, [area])
    return cast


def set_portfolio(api, cast, who: str, areas: list[str]) -> None:
    response = api.put(f"/ministers/{cast[who + '_id']}/portfolio", user=cast["admin"], json_body={"areas": areas})
    assert response.status_code == 200, response.body


def record(api, cast, who: str) -> dict:
    response = api.get(f"/ministers/{cast[who + '_id']}/record")
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def figures(shown: dict) -> tuple:
    return shown["answered"], shown["waiting"], shown["overdue"], shown["median_days_to_answer"]


def past_threshold(api, cast, runner, monkeypatch, area: str = AREA, days_ago: float = 0) -> dict:
    """A campaign that reached the threshold `days_ago`: supported, then counted by the stream."""
    from chalicelib.logic import counting
    from chalicelib.store.base import utcnow

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area=area)
    for fan in cast["fans"]:
        assert api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT).status_code == 200
    with monkeypatch.context() as clock:
        reached = utcnow() - timedelta(days=days_ago, hours=1)
        clock.setattr(counting, "utcnow", lambda: reached)
        runner.run_once()
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["support_count"] == THRESHOLD
    return campaign


def answer(api, cast, who: str, campaign: dict) -> None:
    response = api.post(f"/campaigns/{campaign['id']}/response", user=cast[who], json_body=ANSWER)
    assert response.status_code == 201, response.body


def test_answers_waiting_and_overdue_move_with_the_streams(api, ministers, runner, monkeypatch):
    cast = ministers
    before = record(api, cast, "minister")
    assert before["answered"] == 0 and before["median_days_to_answer"] is None
    assert before["portfolio"] == [AREA] and before["response_threshold"] > 0
    waited, waiting = before["waiting"], before["overdue"]
    old = past_threshold(api, cast, runner, monkeypatch, days_ago=40)
    new = past_threshold(api, cast, runner, monkeypatch, days_ago=3)
    assert figures(record(api, cast, "minister")) == (0, waited + 2, waiting + 1, None)

    answer(api, cast, "minister", old)
    assert figures(record(api, cast, "minister")) == (1, waited + 1, waiting, 40.0)
    answer(api, cast, "minister", old)  # a correction: the campaign was counted once already
    assert figures(record(api, cast, "minister")) == (1, waited + 1, waiting, 40.0)
    answer(api, cast, "minister", new)
    assert figures(record(api, cast, "minister")) == (2, waited, waiting, 21.5)

    handle = json.loads(api.get("/me", user=cast["minister"]).body)["handle"]
    profile = json.loads(api.get(f"/people/{handle}").body)
    assert profile["is_minister"] and profile["record"] == record(api, cast, "minister")
    page = api.get(f"/people/{handle}", headers={"Accept": "text/html"}).body
    page = page.decode() if isinstance(page, bytes) else page
    assert '<dd id="record-answered">2</dd>' in page and '<dd id="record-median">21.5 days</dd>' in page


def test_thirty_and_a_half_days_waiting_is_overdue_nowhere_and_thirty_one_everywhere(api, ministers, runner,
                                                                                  monkeypatch):
    """The overdue alert, the minister's inbox and their record ask one rule: more than the
    deadline's 30 whole days since the threshold. (The alert counted from 30 days, so a campaign
    30.5 days in got the overdue email while the inbox and the record said it was not overdue.)"""
    from chalicelib.domain.areas import AREAS_BY_ID
    from chalicelib.events import alert_schedules
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    cast = ministers
    before = record(api, cast, "minister")
    waiting = past_threshold(api, cast, runner, monkeypatch, days_ago=30.5)
    late = past_threshold(api, cast, runner, monkeypatch, days_ago=31.5)
    monkeypatch.setattr(alert_schedules, "POLICY_AREAS", (AREAS_BY_ID[AREA],))  # no other test's campaigns
    alert_schedules.flag_overdue()

    def alerted(campaign: dict) -> bool:
        return "response_overdue" in [e.event_key for e in CampaignEventRecord.query(campaign["id"])]

    inbox = json.loads(api.get("/ministers/me/inbox", user=cast["minister"]).body)["items"]
    shown = {item["campaign_id"]: (item["days_waiting"], item["overdue"]) for item in inbox}
    assert (shown[waiting["id"]], alerted(waiting)) == ((30, False), False)
    assert (shown[late["id"]], alerted(late)) == ((31, True), True)
    assert figures(record(api, cast, "minister")) == (0, before["waiting"] + 2, before["overdue"] + 1, None)


def test_an_answer_before_the_threshold_is_not_on_the_record(api, ministers, runner, monkeypatch):
    cast = ministers
    before = record(api, cast, "minister")
    early = open_campaign(api, cast["owner"], cast["moderator"], area=AREA)
    answer(api, cast, "minister", early)
    for fan in cast["fans"]:
        api.put(f"/campaigns/{early['id']}/support", user=fan, json_body=CONSENT)
    runner.run_once()  # it crosses the threshold already answered: it waits for nobody
    assert json.loads(api.get(f"/campaigns/{early['id']}").body)["support_count"] == THRESHOLD
    assert figures(record(api, cast, "minister")) == figures(before)


def test_answers_stay_with_the_minister_and_waiting_follows_the_portfolio(api, ministers, runner, monkeypatch):
    cast = ministers
    left = past_threshold(api, cast, runner, monkeypatch, area=AREA, days_ago=35)
    mine, theirs = record(api, cast, "minister"), record(api, cast, "successor")
    set_portfolio(api, cast, "minister", [OTHER_AREA])
    set_portfolio(api, cast, "successor", [AREA])
    moved, took_over = record(api, cast, "minister"), record(api, cast, "successor")
    # What the minister answered stays theirs; what waits in the area now waits on the successor.
    assert (moved["answered"], moved["median_days_to_answer"]) == (mine["answered"], mine["median_days_to_answer"])
    assert (moved["waiting"], moved["overdue"]) == (theirs["waiting"], theirs["overdue"])
    assert (took_over["waiting"], took_over["overdue"]) == (mine["waiting"], mine["overdue"])
    assert took_over["portfolio"] == [AREA] and took_over["answered"] == 0

    answer(api, cast, "successor", left)
    assert figures(record(api, cast, "successor")) == (1, mine["waiting"] - 1, mine["overdue"] - 1, 35.0)
    assert figures(record(api, cast, "minister")) == figures(moved)


def test_only_ministers_have_a_record(api, ministers):
    cast = ministers
    citizen = json.loads(api.get("/me", user=cast["citizen"]).body)
    for someone in (citizen["id"], "no-such-person"):
        assert_error(api.get(f"/ministers/{someone}/record"), 404, "minister_not_found")
    assert_error(api.get(f"/ministers/{citizen['id']}/record", user=cast["minister"]), 404, "minister_not_found")
    profile = json.loads(api.get(f"/people/{citizen['handle']}").body)
    assert profile["is_minister"] is False and profile["record"] is None
    page = api.get(f"/people/{citizen['handle']}", headers={"Accept": "text/html"}).body
    assert b'id="record"' not in (page if isinstance(page, bytes) else page.encode())


def test_erasing_a_minister_takes_their_record_with_them(api, ministers, runner, monkeypatch):
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import run_erasure
    from tests.api.privacy_helpers import traces_of

    cast = ministers
    answer(api, cast, "minister", past_threshold(api, cast, runner, monkeypatch, days_ago=1))
    assert record(api, cast, "minister")["answered"] == 1
    assert api.delete("/me", user=cast["minister"]).status_code == 202
    run_erasure(erasure_id_for(cast["minister_id"]))
    assert_error(api.get(f"/ministers/{cast['minister_id']}/record"), 404, "minister_not_found")
    assert [table for table, _ in traces_of([cast["minister_id"]]) if table.endswith("minister-records")] == []
