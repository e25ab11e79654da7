"""Consultations listed by area and state without a Scan, and the close heard by everyone linked
to one of its ideas (owner, supporters, followers) through the existing fan-out, once per idea."""

from __future__ import annotations

import json

import pytest

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.api.consultation_helpers import SUMMARY, open_consultation, policy_team, when
from tests.conftest import assert_error

AREA = "science"  # this module's own area: other modules open their consultations in health


@pytest.fixture(scope="module")
def science_team(api, make_user):
    return policy_team(api, make_user, {"health": ["health", AREA]})


def _listed(api, query: str) -> list[dict]:
    """Every page of a list, following its cursors."""
    found, cursor = [], None
    while True:
        page = api.get(f"/consultations?{query}&limit=2" + (f"&cursor={cursor}" if cursor else ""))
        assert page.status_code == 200, page.body
        body = json.loads(page.body)
        found += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return found


def test_open_upcoming_and_closed_are_listed_by_area_without_a_scan(api, science_team, dynamodb_calls):
    policy = science_team["health"]
    soon = open_consultation(api, policy, area=AREA, closes_at=when(days=3))
    later = open_consultation(api, policy, area=AREA, closes_at=when(days=20))
    upcoming = open_consultation(api, policy, area=AREA, opens_at=when(days=5), closes_at=when(days=10))
    ended = open_consultation(api, policy, area=AREA)
    closing = api.post(f"/consultations/{ended['id']}/close", user=policy, json_body={"summary": SUMMARY})
    assert closing.status_code == 200, closing.body
    mine = {soon["id"], later["id"], upcoming["id"], ended["id"]}

    dynamodb_calls.calls.clear()
    open_now = [c["id"] for c in _listed(api, f"area={AREA}&status=open") if c["id"] in mine]
    assert open_now == [soon["id"], later["id"]]  # closing soonest first
    assert [c["id"] for c in _listed(api, f"area={AREA}&status=upcoming") if c["id"] in mine] == [upcoming["id"]]
    closed = [c for c in _listed(api, f"area={AREA}&status=closed") if c["id"] in mine]
    assert [(c["id"], c["status"], c["summary"]) for c in closed] == [(ended["id"], "closed", SUMMARY)]
    every_area = {c["id"] for c in _listed(api, "status=open")}
    assert {soon["id"], later["id"]} <= every_area and ended["id"] not in every_area
    operations = dynamodb_calls.operations()
    assert "Scan" not in operations and "Query" in operations
    assert not any(c["id"] in mine for c in _listed(api, "area=transport&status=open"))


def test_a_bad_list_query_is_a_clear_400(api):
    assert_error(api.get("/consultations?status=maybe"), 400, "invalid_input")
    assert_error(api.get("/consultations?area=atlantis"), 400, "invalid_input")
    assert_error(api.get("/consultations?cursor=forged.cursor"), 400, "invalid_cursor")
    assert_error(api.get("/consultations?limit=0"), 400, "invalid_input")


def _until_quiet(runner) -> None:
    for _ in range(500):  # the fan-out queue is shared: other tests' pages may be ahead
        if runner.run_once() == 0:
            return


def _closing_items(api, user, campaign_ids: set[str]) -> list[tuple[str, str]]:
    items = json.loads(api.get("/me/feed?limit=100", user=user).body)["items"]
    return sorted((i["campaign_id"], i["title"]) for i in items
                  if i["kind"] == "consultation_closed" and i["campaign_id"] in campaign_ids)


def test_closing_tells_each_ideas_owner_supporters_and_followers_once_per_idea(api, science_team, make_user,
                                                                               runner):
    policy, moderator = science_team["health"], science_team["moderator"]
    owner, second_owner = make_user(name="cons-owner"), make_user(name="cons-owner2")
    supporter, follower, both, stranger = (make_user(name=n) for n in ("cons-sup", "cons-fol", "cons-both",
                                                                        "cons-stranger"))
    consultation = open_consultation(api, policy, area=AREA)
    cid = consultation["id"]
    first = open_campaign(api, owner, moderator, area=AREA, consultation_id=cid)
    second = open_campaign(api, second_owner, moderator, area=AREA, consultation_id=cid)
    unrelated = open_campaign(api, owner, moderator, area=AREA)
    for campaign in (first, second):
        assert api.put(f"/campaigns/{campaign['id']}/support", user=supporter, json_body=CONSENT).status_code == 200
    assert api.put(f"/campaigns/{first['id']}/follow", user=follower).status_code == 200
    assert api.put(f"/campaigns/{first['id']}/support", user=both, json_body=CONSENT).status_code == 200
    assert api.put(f"/campaigns/{first['id']}/follow", user=both).status_code == 200
    assert api.put(f"/campaigns/{unrelated['id']}/follow", user=stranger).status_code == 200
    _until_quiet(runner)  # the counts first, so the fan-out sees the supporters' shards

    assert api.post(f"/consultations/{cid}/close", user=policy, json_body={"summary": SUMMARY}).status_code == 200
    _until_quiet(runner)

    ids = {first["id"], second["id"], unrelated["id"]}
    title = f"Consultation closed: {consultation['question']}"
    assert _closing_items(api, owner, ids) == [(first["id"], title)]  # its owner; not for the unrelated one
    assert _closing_items(api, second_owner, ids) == [(second["id"], title)]
    assert _closing_items(api, supporter, ids) == sorted([(first["id"], title), (second["id"], title)])
    assert _closing_items(api, follower, ids) == [(first["id"], title)]
    assert _closing_items(api, both, ids) == [(first["id"], title)]  # supports and follows: once
    assert _closing_items(api, stranger, ids) == []
    item = next(i for i in json.loads(api.get("/me/feed?limit=100", user=follower).body)["items"]
                if i["kind"] == "consultation_closed" and i["campaign_id"] == first["id"])
    assert SUMMARY in item["text"] and item["url"].endswith(f"/consultations/{cid}")



def test_a_close_whose_telling_fails_halfway_is_retried_and_tells_each_person_once(api, science_team, make_user,
                                                                                   runner, monkeypatch):
    from chalicelib.logic import consultations
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    policy, moderator = science_team["health"], science_team["moderator"]
    owner, supporter = make_user(name="half-owner"), make_user(name="half-sup")
    consultation = open_consultation(api, policy, area=AREA)
    cid = consultation["id"]
    ideas = [open_campaign(api, owner, moderator, area=AREA, consultation_id=cid) for _ in range(3)]
    for idea in ideas:
        assert api.put(f"/campaigns/{idea['id']}/support", user=supporter, json_body=CONSENT).status_code == 200
    _until_quiet(runner)
    assert api.post(f"/consultations/{cid}/close", user=policy, json_body={"summary": SUMMARY}).status_code == 200
    promised = list(CampaignEventRecord.query(f"consultation#{cid}"))  # written by the close's transaction
    assert [(e.kind, e.consultation_id) for e in promised] == [("consultation_closing", cid)]

    real_save, saved = CampaignEventRecord.save, []

    def dies_after_the_first(record, *args, **kwargs):
        if len(saved) == 1:
            raise RuntimeError("the Lambda timed out")
        saved.append(record.campaign_id)
        return real_save(record, *args, **kwargs)

    with monkeypatch.context() as patched:  # as the stream's first delivery would fail, halfway
        patched.setattr(CampaignEventRecord, "save", dies_after_the_first)
        with pytest.raises(RuntimeError):
            consultations.announce(cid)
    assert len(saved) == 1
    _until_quiet(runner)  # the stream delivers the close's event (again): the rest are told

    ids = {idea["id"] for idea in ideas}
    title = f"Consultation closed: {consultation['question']}"
    assert _closing_items(api, supporter, ids) == sorted((i, title) for i in ids)  # each idea once
    assert _closing_items(api, owner, ids) == sorted((i, title) for i in ids)
    assert consultations.announce(cid) == 0  # a later retry finds every event there: nobody hears again
