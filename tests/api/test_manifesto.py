"""The manifesto tracker through the API: who moves an idea, from which version, what the campaign
shows, the audit trail, the outbox event, a race between two policy members, and the public list."""

from __future__ import annotations

import json
import threading
import uuid

import pytest

from tests.api.campaign_helpers import audit_trail, create, open_campaign
from tests.conftest import assert_error


@pytest.fixture(scope="module")
def people(api, make_user):
    cast = {"owner": make_user(name="mf-owner"), "citizen": make_user(name="mf-citizen"),
            "moderator": make_user("moderators", name="mf-mod"), "admin": make_user("admins", name="mf-admin"),
            "minister": make_user("ministers", name="mf-minister"),
            "policy": make_user("policy", name="mf-policy"), "policy2": make_user("policy", name="mf-policy2"),
            "transport": make_user("policy", name="mf-transport")}
    for role, areas in (("policy", ["health"]), ("policy2", ["health", "housing"]), ("transport", ["transport"])):
        person_id = json.loads(api.get("/me", user=cast[role]).body)["id"]
        assert api.put(f"/policy-team/{person_id}/areas", user=cast["admin"],
                       json_body={"areas": areas}).status_code == 200
    minister_id = json.loads(api.get("/me", user=cast["minister"]).body)["id"]
    api.put(f"/ministers/{minister_id}/portfolio", user=cast["admin"], json_body={"areas": ["health"]})
    return cast


def _fresh(api, people, area: str = "health") -> dict:
    return open_campaign(api, people["owner"], people["moderator"], area=area,
                         title=f"Walk-in dentists in every town {uuid.uuid4().hex[:6]}")


def _move(api, who, campaign: dict, stage: str, note: str = "The policy team's note on it.", version=None):
    version = campaign["version"] if version is None else version
    return api.put(f"/campaigns/{campaign['id']}/manifesto", user=who, json_body={"stage": stage, "note": note},
                   headers={"If-Match": str(version)})


def test_an_idea_goes_from_the_shortlist_to_adopted_and_its_page_shows_how(api, people):
    campaign = _fresh(api, people)
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["manifesto"] is None
    moved = _move(api, people["policy"], campaign, "shortlisted", "We are costing this for the manifesto.")
    assert moved.status_code == 200, moved.body
    shown = json.loads(moved.body)
    assert shown["version"] == campaign["version"] + 1
    assert shown["manifesto"]["stage"] == "shortlisted"
    assert shown["manifesto"]["note"] == "We are costing this for the manifesto."
    drafted = _move(api, people["policy2"], shown, "in_draft", "It is in the draft we will put to members.")
    shown = json.loads(drafted.body)
    adopted = _move(api, people["admin"], shown, "adopted", "Adopted: page 12 of the manifesto.")
    assert adopted.status_code == 200, adopted.body

    public = json.loads(api.get(f"/campaigns/{campaign['id']}").body)["manifesto"]
    assert public["stage"] == "adopted" and public["note"] == "Adopted: page 12 of the manifesto."
    assert [(m["stage"], m["note"][:8]) for m in public["history"]] == [
        ("shortlisted", "We are c"), ("in_draft", "It is in"), ("adopted", "Adopted:")]
    assert public["updated_at"] == public["history"][-1]["at"] and public["updated_at"].endswith("Z")

    from chalicelib.store.tables.campaign_events import CampaignEventRecord
    trail = [(a.action, a.actor_id) for a in audit_trail(campaign["id"]) if a.action.startswith("manifesto")]
    assert trail == [("manifesto:shortlisted", people["policy"].sub), ("manifesto:in_draft", people["policy2"].sub),
                     ("manifesto:adopted", people["admin"].sub)]
    events = [(e.event_key, e.stage) for e in CampaignEventRecord.query(campaign["id"]) if e.kind == "manifesto"]
    assert sorted(events) == [("manifesto#adopted", "adopted"), ("manifesto#in_draft", "in_draft"),
                              ("manifesto#shortlisted", "shortlisted")]

    page = api.get(f"/c/{campaign['slug']}", headers={"Accept": "text/html"}).body.decode()
    assert "For the manifesto: Adopted" in page and "Adopted: page 12 of the manifesto." in page
    timeline = page[page.index('class="timeline"'):]  # the latest note leads the outcome; the timeline is in order
    assert timeline.index("We are costing this") < timeline.index("It is in the draft") < timeline.index("page 12")
    assert 'id="manifesto-form"' in page and ">Not taken forward</option>" in page  # all that is left
    assert ">In the draft manifesto</option>" not in page


def test_backwards_skipped_and_repeated_moves_are_refused(api, people):
    campaign = _fresh(api, people)
    assert_error(_move(api, people["policy"], campaign, "adopted"), 409, "skipped_stage")
    shown = json.loads(_move(api, people["policy"], campaign, "shortlisted").body)
    assert_error(_move(api, people["policy"], shown, "shortlisted"), 409, "already_at_stage")
    assert_error(_move(api, people["policy"], shown, "adopted"), 409, "skipped_stage")
    shown = json.loads(_move(api, people["policy"], shown, "in_draft").body)
    shown = json.loads(_move(api, people["policy"], shown, "adopted").body)
    error = assert_error(_move(api, people["policy"], shown, "in_draft"), 409, "backwards_move")
    assert error["details"] == {"stage": "adopted", "requested": "in_draft"}
    ended = json.loads(_move(api, people["policy"], shown, "not_taken_forward", "Dropped after costing.").body)
    assert_error(_move(api, people["policy"], ended, "shortlisted"), 409, "backwards_move")
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["manifesto"]["stage"] == "not_taken_forward"


def test_only_the_policy_team_of_the_area_and_admins_move_ideas(api, people):
    campaign = _fresh(api, people)
    for role in ("citizen", "owner", "minister", "moderator", "transport"):
        assert_error(_move(api, people[role], campaign, "shortlisted"), 403, "forbidden")
    assert_error(api.put(f"/campaigns/{campaign['id']}/manifesto", json_body={"stage": "shortlisted", "note": "x" * 20},
                         headers={"If-Match": "3"}), 401)
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["manifesto"] is None
    draft = create(api, people["owner"], area="health")
    assert_error(_move(api, people["policy"], draft, "shortlisted"), 404, "campaign_not_found")
    own = open_campaign(api, people["policy"], people["moderator"], area="health",
                        title=f"Health visitors for every new parent {uuid.uuid4().hex[:6]}")
    assert_error(_move(api, people["policy"], own, "shortlisted"), 403, "own_idea")  # the verdict is not theirs
    assert json.loads(_move(api, people["policy2"], own, "shortlisted").body)["manifesto"]["stage"] == "shortlisted"
    assert_error(_move(api, people["policy"], {"id": str(uuid.uuid4()), "version": 1}, "shortlisted"), 404)


def test_if_match_is_required_and_a_stale_one_is_412(api, people):
    campaign = _fresh(api, people)
    path = f"/campaigns/{campaign['id']}/manifesto"
    body = {"stage": "shortlisted", "note": "On the shortlist."}
    assert_error(api.put(path, user=people["policy"], json_body=body), 400, "if_match_required")
    assert_error(api.put(path, user=people["policy"], json_body=body, headers={"If-Match": "soon"}),
                 400, "invalid_if_match")
    error = assert_error(_move(api, people["policy"], campaign, "shortlisted", version=campaign["version"] - 1),
                         412, "stale_version")
    assert error["details"] == {"version": campaign["version"]}
    for bad in ({"stage": "maybe", "note": "A note long enough."}, {"stage": "shortlisted", "note": "short"},
                {"stage": "shortlisted", "note": "n" * 2001}, {"stage": "shortlisted"},
                {"stage": "shortlisted", "note": "A note long enough.", "by": "me"}):
        assert_error(api.put(path, user=people["policy"], json_body=bad, headers={"If-Match": "3"}), 400)
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["manifesto"] is None


@pytest.mark.parametrize("stages", [("in_draft", "in_draft"), ("in_draft", "not_taken_forward")])
def test_two_policy_members_racing_one_wins_the_other_is_stale(api, people, stages):
    """Both read the same version; the conditional transaction lets one write, so one move, one
    audit record and one event; the other is told the campaign changed (412)."""
    from chalicelib.domain.errors import StaleVersion
    from chalicelib.logic.manifesto import moved_as_read
    from chalicelib.store.campaigns import get_campaign
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    for _ in range(3):
        campaign = _fresh(api, people)
        _move(api, people["policy"], campaign, "shortlisted")
        copies = [get_campaign(campaign["id"]) for _ in range(2)]
        barrier, outcomes = threading.Barrier(2), []

        def race(record, stage, who, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:
                moved_as_read(record, actor_id=who, stage=stage, note=f"Moved by {who}.")
                outcomes.append("moved")
            except StaleVersion:
                outcomes.append("stale")

        threads = [threading.Thread(target=race, args=(copy, stage, f"racer-{n}"))
                   for n, (copy, stage) in enumerate(zip(copies, stages, strict=True))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["moved", "stale"]
        history = json.loads(api.get(f"/campaigns/{campaign['id']}").body)["manifesto"]["history"]
        assert len(history) == 2
        moves = [a for a in audit_trail(campaign["id"]) if a.action.startswith("manifesto") and a.actor_id != people[
            "policy"].sub]
        assert len(moves) == 1 and history[-1]["note"] == f"Moved by {moves[0].actor_id}."
        assert len([e for e in CampaignEventRecord.query(campaign["id"]) if e.kind == "manifesto"]) == 2


def test_closed_ideas_enter_and_hidden_ones_do_not(api, people):
    campaign = _fresh(api, people)
    closed = json.loads(api.post(f"/campaigns/{campaign['id']}/close", user=people["owner"]).body)
    assert _move(api, people["policy"], closed, "shortlisted").status_code == 200
    hidden = _fresh(api, people)
    from chalicelib.store.campaigns import get_campaign, set_hidden
    set_hidden(get_campaign(hidden["id"]), True)
    assert_error(_move(api, people["policy"], hidden, "shortlisted"), 404, "campaign_not_found")


def test_the_tracker_lists_ideas_by_stage_and_area_newest_first_page_by_page(api, people):
    """Other tests' ideas may be in these lists too: only the order of this test's is checked."""
    ideas = [_fresh(api, people, area="housing") for _ in range(5)]
    for idea in ideas:
        idea.update(json.loads(_move(api, people["policy2"], idea, "shortlisted").body))
    for idea in ideas[:2]:
        idea.update(json.loads(_move(api, people["policy2"], idea, "in_draft").body))
    adopted = json.loads(_move(api, people["policy2"], ideas[0], "adopted").body)
    ids = [i["id"] for i in ideas]

    def listed(query: str) -> list[str]:
        found, cursor = [], None
        while True:
            response = api.get(f"/manifesto?{query}&limit=2" + (f"&cursor={cursor}" if cursor else ""))
            assert response.status_code == 200, response.body
            body = json.loads(response.body)
            assert len(body["items"]) <= 2
            found += [c["id"] for c in body["items"]]
            cursor = body["next_cursor"]
            if cursor is None:
                return [i for i in found if i in ids]

    # Every stage, adopted first, then in the draft, then the shortlist; newest move first within each.
    assert listed("area=housing") == [ids[0], ids[1], ids[4], ids[3], ids[2]]
    assert listed("area=housing&stage=shortlisted") == [ids[4], ids[3], ids[2]]
    assert listed("area=housing&stage=not_taken_forward") == []
    assert adopted["id"] in listed("stage=adopted")
    first = next(c for c in json.loads(api.get("/manifesto?area=housing&stage=adopted").body)["items"]
                 if c["id"] == ids[0])
    assert first["manifesto"]["stage"] == "adopted" and first["manifesto"]["history"][0]["stage"] == "shortlisted"
    assert_error(api.get("/manifesto?area=atlantis"), 400)
    assert_error(api.get("/manifesto?stage=maybe"), 400)
    cursor = json.loads(api.get("/manifesto?area=housing&limit=1").body)["next_cursor"]
    assert_error(api.get(f"/manifesto?area=health&limit=1&cursor={cursor}"), 400, "invalid_cursor")

    page = api.get("/manifesto?area=housing", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.body.decode()
    assert "You said, we did" in html and ideas[0]["title"] in html and ideas[4]["title"] in html
    assert html.index('id="stage-adopted"') < html.index(ideas[0]["title"]) < html.index('id="stage-in_draft"')

