"""A minister's inbox holds every open campaign of their portfolio, what needs an answer first, and the
canvass names what an idea answers and where it is in the manifesto (issue 27, section 6)."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.api.campaign_helpers import CONSENT_VERSION, open_campaign
from tests.api.consultation_helpers import open_consultation
from tests.conftest import assert_error, deliver_streams


@pytest.fixture(scope="module", autouse=True)
def _delivered(streams):  # first: the module's writes are its runner's to deliver (issue 30's counters)
    return streams


@pytest.fixture(scope="module")
def cast(api, make_user) -> dict:
    people = {"owner": make_user(name="inbox-owner"), "moderator": make_user("moderators", name="inbox-mod"),
              "admin": make_user("admins", name="inbox-admin"), "minister": make_user("ministers", name="inbox-min"),
              "other": make_user("ministers", name="inbox-other")}
    for who, areas in (("minister", ["culture", "justice"]), ("other", ["justice"])):
        minister_id = json.loads(api.get("/me", user=people[who]).body)["id"]
        assert api.put(f"/ministers/{minister_id}/portfolio", user=people["admin"],
                       json_body={"areas": areas}).status_code == 200
    return people


def _supported(campaign: dict, supporters: int) -> None:
    from chalicelib.logic import counting
    from chalicelib.store import supports

    for n in range(supporters):
        supports.support(campaign["id"], f"{campaign['id']}-{n}", consent_version=CONSENT_VERSION)
    deliver_streams()
    counting.refresh_count(campaign["id"])


def _every_open(api, minister, area: str) -> list[dict]:
    """Every page of one area's open campaigns, as the inbox's "More" reads them."""
    first = json.loads(api.get("/ministers/me/inbox?limit=100", user=minister).body)
    pages, cursor = [[c for c in first["open"] if c["area"] == area]], first["open_more"].get(area)
    while cursor:
        page = json.loads(api.get(f"/ministers/me/inbox?area={area}&limit=100&cursor={cursor}", user=minister).body)
        pages.append(page["open"])
        cursor = page["open_more"][area]
    return pages


def test_every_open_campaign_of_the_portfolio_is_there_not_answered_first(api, cast, response_threshold):
    response_threshold(3)
    tag = uuid.uuid4().hex[:6]
    made = {name: open_campaign(api, cast["owner"], cast["moderator"], area="culture",
                                title=f"Free museums {name} {tag} for everyone")
            for name in ("quiet", "growing", "answered", "waiting")}
    _supported(made["growing"], 2)
    _supported(made["answered"], 2)
    _supported(made["waiting"], 3)  # past this test's threshold of 3
    answer = {"stance": "considering", "body": "We are looking at free entry for every museum."}
    assert api.post(f"/campaigns/{made['answered']['id']}/response", user=cast["minister"],
                    json_body=answer).status_code == 201

    inbox = json.loads(api.get("/ministers/me/inbox", user=cast["minister"]).body)
    assert inbox["portfolio"] == ["culture", "justice"]
    assert made["waiting"]["id"] in [i["campaign_id"] for i in inbox["items"]]
    pages = _every_open(api, cast["minister"], "culture")
    shown = {c["campaign_id"]: c for page in pages for c in page}
    assert made["waiting"]["id"] not in shown  # shown once, above, as waiting
    assert {made[n]["id"] for n in ("quiet", "growing", "answered")} <= set(shown)
    answered = shown[made["answered"]["id"]]
    assert (answered["answered"], answered["stance"]) == (True, "considering")
    assert shown[made["growing"]["id"]]["answered"] is False
    for page in pages:  # on each page: the not answered first, then the answered, each most supported first
        answered = [c["answered"] for c in page]
        assert answered == sorted(answered), answered
        for group in (False, True):
            counts = [c["support_count"] for c in page if c["answered"] is group]
            assert counts == sorted(counts, reverse=True), counts
    assert all(c["area"] == "culture" for page in pages for c in page)


def test_another_ministers_portfolio_and_a_cursor_alone_are_refused(api, cast):
    assert_error(api.get("/ministers/me/inbox?area=health", user=cast["other"]), 403, "not_your_area")
    alone = assert_error(api.get("/ministers/me/inbox?cursor=abc", user=cast["other"]), 400)
    assert "area" in alone["details"]["fields"]
    own = json.loads(api.get("/ministers/me/inbox?area=justice", user=cast["other"]).body)
    assert set(own["open_more"]) == {"justice"} and all(c["area"] == "justice" for c in own["open"])


def test_the_canvass_names_the_consultation_and_the_manifesto_stage(api, make_user):
    from tests.api.consultation_helpers import policy_team

    team = policy_team(api, make_user, {"policy": ["energy"]})
    owner, moderator = make_user(name="canvass-owner"), make_user("moderators", name="canvass-mod")
    asked = open_consultation(api, team["policy"], area="energy",
                              question=f"How should schools cut their energy bills? {uuid.uuid4().hex[:6]}")
    idea = open_campaign(api, owner, moderator, area="energy", consultation_id=asked["id"],
                         title=f"Solar panels on every school roof {uuid.uuid4().hex[:6]}")
    moved = api.put(f"/campaigns/{idea['id']}/manifesto", user=team["policy"],
                    headers={"If-Match": str(idea["version"])},
                    json_body={"stage": "shortlisted", "note": "On the shortlist for the manifesto."})
    assert moved.status_code == 200, moved.body
    cursor, found = None, None
    while found is None:
        page = json.loads(api.get("/areas/energy/canvass?limit=100" + (f"&cursor={cursor}" if cursor else ""),
                                  user=team["policy"]).body)
        found = next((i for i in page["items"] if i["id"] == idea["id"]), None)
        cursor = page["next_cursor"]
        assert found or cursor, "the idea is not in the canvass"
    assert found["consultation"] == {"id": asked["id"], "question": asked["question"]}
    assert found["manifesto_stage"] == "shortlisted"
