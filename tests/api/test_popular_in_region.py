"""Popular in your region: the hourly schedule ranks each region's open campaigns by their
published regional figures (the snapshot, rounded), and GET /regions/{id}/popular shows them,
leaving out at once any hidden or closed since.

Other tests' campaigns share this worker's tables and may be in London's list too, so each test
asserts the order and presence of its own campaigns, and runs the schedule with room for every
qualifying campaign (`popular_per_region`), so others with more London supporters never crowd
these out of a top ten.
"""

from __future__ import annotations

import json
import uuid

import pytest

from tests.api.campaign_helpers import CONSENT_VERSION, open_campaign
from tests.conftest import assert_error, deliver_streams

ROOM_FOR_EVERY_CAMPAIGN = 10_000


@pytest.fixture(scope="module", autouse=True)
def _delivered(streams):  # first: the module's writes are its runner's to deliver (issue 30's counters)
    return streams


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(name="pop-owner"), "moderator": make_user("moderators", name="pop-mod")}


def _opened(api, people, name: str) -> dict:
    return open_campaign(api, people["owner"], people["moderator"], area="housing",
                         title=f"Popular {name} {uuid.uuid4().hex[:6]}")


def _supported(campaign: dict, region: str | None, how_many: int) -> None:
    """Members of long standing who gave `region` (made in the store: no accounts needed; they count
    in regional figures at once), then the exact count."""
    from chalicelib.domain.regional_figures import RegionalStanding
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import supports

    for _ in range(how_many):
        supports.support(campaign["id"], f"pop-{uuid.uuid4()}", consent_version=CONSENT_VERSION,
                         standing=RegionalStanding(region))
    deliver_streams()  # the supports' stream moves the counters
    refresh_count(campaign["id"])


def _spread(campaign: dict) -> None:
    """Ten supporters in small cells, so that they hide one another and no big figure needs withholding
    (with everyone in one region, its figure would be "10+")."""
    for region in ("east-midlands", "west-midlands", "south-east", "northern-ireland", None):
        _supported(campaign, region, 2)


def _run_the_schedule() -> None:
    from chalicelib.events.trending import recompute_trending

    recompute_trending(popular_per_region=ROOM_FOR_EVERY_CAMPAIGN)


def _popular(api, region: str = "london") -> list[dict]:
    response = api.get(f"/regions/{region}/popular")
    assert response.status_code == 200, response.body
    return json.loads(response.body)["items"]


def _ids(items: list[dict]) -> list[str]:
    return [i["id"] for i in items]


def test_ranked_by_the_regions_published_figure_and_under_ten_is_too_few_to_show(api, people):
    fifteen, more_in_london, ten, nine = (_opened(api, people, name) for name in ("fifteen", "more", "ten", "nine"))
    for campaign in (fifteen, more_in_london, ten, nine):
        _spread(campaign)
    _supported(fifteen, "london", 13)  # shown as 15
    _supported(fifteen, "scotland", 20)  # 43 in all
    _supported(more_in_london, "london", 17)  # shown as 15 too; 27 in all
    _supported(ten, "london", 11)  # shown as 10
    _supported(ten, "wales", 30)  # more in total, but London ranks by London's figure
    _supported(nine, "london", 9)
    _supported(nine, None, 50)
    _run_the_schedule()

    response = api.get("/regions/london/popular")
    assert response.status_code == 200, response.body
    assert response.headers["Cache-Control"] == "public, max-age=30"  # the same for everyone
    page = json.loads(response.body)
    assert (page["region"], page["region_name"]) == ("london", "London")
    ids = _ids(page["items"])
    assert ids.index(fifteen["id"]) < ids.index(more_in_london["id"]) < ids.index(ten["id"])
    # 17 Londoners rank below 13: both pages show 15, so the tie goes to the larger total. Ranking
    # by the exact count would tell what the rounding hides.
    assert nine["id"] not in ids  # "<10" on its page: no place in a ranking either
    shown = page["items"][ids.index(ten["id"])]
    assert shown == {"id": ten["id"], "slug": ten["slug"], "title": ten["title"],
                     "summary": ten["summary"], "area": "housing", "url": f"/c/{ten['slug']}",
                     "region_supporters": 10, "support_count": 51}
    assert ten["id"] in _ids(_popular(api, "wales")) and fifteen["id"] not in _ids(_popular(api, "wales"))


def test_hidden_or_closed_since_the_schedule_ran_drops_out_at_once(api, people):
    hidden, closed, kept = (_opened(api, people, name) for name in ("hidden", "closed", "kept"))
    for campaign in (hidden, closed, kept):
        _spread(campaign)
        _supported(campaign, "north-east", 15)
    _run_the_schedule()
    assert {hidden["id"], closed["id"], kept["id"]} <= set(_ids(_popular(api, "north-east")))

    hide = {"action": "hide", "reason": "Breaks the rules."}
    assert api.post(f"/moderation/campaign/{hidden['id']}", user=people["moderator"],
                    json_body=hide).status_code == 200
    assert api.post(f"/campaigns/{closed['id']}/close", user=people["owner"]).status_code == 200

    # The schedule has not run again: the list is read against the campaigns as they are now.
    ids = _ids(_popular(api, "north-east"))
    assert kept["id"] in ids and hidden["id"] not in ids and closed["id"] not in ids


def test_figures_and_order_move_only_with_the_hourly_snapshot(api, people):
    first, second = _opened(api, people, "first"), _opened(api, people, "second")
    for campaign in (first, second):
        _spread(campaign)
    _supported(first, "scotland", 14)  # 15
    _supported(second, "scotland", 12)  # 10
    _run_the_schedule()
    ids = _ids(_popular(api, "scotland"))
    assert ids.index(first["id"]) < ids.index(second["id"])

    _supported(second, "scotland", 5)  # 17 now, before the next run: nothing shows it yet
    items = _popular(api, "scotland")
    ids = _ids(items)
    assert ids.index(first["id"]) < ids.index(second["id"])
    assert items[ids.index(second["id"])]["region_supporters"] == 10

    _run_the_schedule()
    items = _popular(api, "scotland")
    ids = _ids(items)
    assert ids.index(second["id"]) < ids.index(first["id"])  # both 15 now; 27 in all against 24
    assert items[ids.index(second["id"])]["region_supporters"] == 15


def test_an_unknown_region_is_refused_naming_the_field(api):
    for wrong in ("atlantis", "London", "unknown"):
        error = assert_error(api.get(f"/regions/{wrong}/popular"), 400, "unknown_region")
        assert "region_id" in error["details"]["fields"]
        assert "london" in error["details"]["fields"]["region_id"]


def test_the_route_is_documented(api):
    document = json.loads(api.get("/openapi.json").body)
    operation = document["paths"]["/regions/{region_id}/popular"]["get"]
    assert "400" in operation["responses"]
    schema = json.dumps(operation["responses"]["200"])
    assert "PopularInRegion" in schema
    assert "region_supporters" in json.dumps(document["components"]["schemas"]["PopularCampaign"])
