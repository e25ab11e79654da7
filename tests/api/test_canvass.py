"""The canvass: an area's ideas ranked by supporters, for its policy team and admins, as JSON and
CSV, with growth from the hourly schedule's daily history, the minister's stance, replies, and
support by region from the public snapshot, exact where that stays safe and suppressed below ten.
Nobody else sees it; no row names a supporter."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import timedelta

import pytest

from tests.api.campaign_helpers import CONSENT_VERSION, open_campaign
from tests.conftest import assert_error, deliver_until_quiet

AREA = "culture"


@pytest.fixture(scope="module")
def cast(api, make_user):
    admin = make_user("admins", name="cv-admin")
    people = {"admin": admin, "owner": make_user(name="cv-owner"), "moderator": make_user("moderators", name="cv-mod"),
              "minister": make_user("ministers", name="cv-minister"), "policy": make_user("policy", name="cv-policy"),
              "other": make_user("policy", name="cv-other"), "citizen": make_user(name="cv-citizen")}
    for role, url, area in (("minister", "/ministers/{}/portfolio", AREA), ("policy", "/policy-team/{}/areas", AREA),
                            ("other", "/policy-team/{}/areas", "transport")):
        person_id = json.loads(api.get("/me", user=people[role]).body)["id"]
        assert api.put(url.format(person_id), user=admin, json_body={"areas": [area]}).status_code == 200
    return people


def _support(campaign_id: str, region: str | None, how_many: int) -> None:
    """Members of long standing: they count in regional figures at once."""
    from chalicelib.domain.regional_figures import RegionalStanding
    from chalicelib.store import supports

    for _ in range(how_many):
        supports.support(campaign_id, f"cv-{uuid.uuid4()}", consent_version=CONSENT_VERSION,
                         standing=RegionalStanding(region))


@pytest.fixture(scope="module")
def ideas(api, cast, runner):
    from chalicelib.events.trending import recompute_trending
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store.base import utcnow

    made = {name: open_campaign(api, cast["owner"], cast["moderator"], area=AREA, title=title)
            for name, title in (("big", f"=HYPERLINK(\"x\") Free museums {uuid.uuid4().hex[:6]}"),
                                ("small", f"Community theatres {uuid.uuid4().hex[:6]}"))}
    _support(made["big"]["id"], "london", 12)
    _support(made["big"]["id"], "scotland", 30)
    _support(made["small"]["id"], "scotland", 3)
    reply = api.post(f"/campaigns/{made['big']['id']}/replies", user=cast["citizen"], json_body={"body": "Yes please."})
    assert reply.status_code == 201, reply.body
    deliver_until_quiet(runner)  # the supports' stream moves the counters; the count follows
    for c in made.values():
        refresh_count(c["id"])
    recompute_trending(today=utcnow().date() - timedelta(days=8))  # the history as it stood eight days ago
    _support(made["big"]["id"], None, 7)
    deliver_until_quiet(runner)
    refresh_count(made["big"]["id"])
    recompute_trending()  # today's reading, and the regional snapshot
    answer = {"stance": "considering", "body": "We are looking at free museum entry closely."}
    assert api.post(f"/campaigns/{made['big']['id']}/response", user=cast["minister"],
                    json_body=answer).status_code == 201
    return made


def test_the_policy_team_of_the_area_sees_its_ideas_ranked_with_growth_stance_and_regions(api, cast, ideas):
    for role in ("policy", "admin"):
        response = api.get(f"/areas/{AREA}/canvass?limit=100", user=cast[role])
        assert response.status_code == 200, response.body
        page = json.loads(response.body)
        assert page["area"] == AREA and page["status"] == "open"
        ids = [i["id"] for i in page["items"]]
        assert ids.index(ideas["big"]["id"]) < ids.index(ideas["small"]["id"])  # most supported first
        counts = [i["support_count"] for i in page["items"]]
        assert counts == sorted(counts, reverse=True)
        big = page["items"][ids.index(ideas["big"]["id"])]
        assert big["support_count"] == 49
        assert (big["growth_7_days"], big["growth_30_days"]) == (7, 49)  # 42 by eight days ago; new this month
        assert big["minister_stance"] == "considering" and big["replies"] == 1 and big["consultation_id"] is None
        # Scotland exactly; London exactly too would leave the 7 "<10" at most 7 (49 - 12 - 30): rounded.
        assert {r: big["support_by_region"][r] for r in ("london", "scotland", "unknown", "wales")} == {
            "london": "~10", "scotland": 30, "unknown": "<10", "wales": "<10"}
        assert big["support_by_region_as_of"].endswith("Z")
        public = json.loads(api.get(f"/campaigns/{ideas['big']['id']}").body)["support_by_region"]
        assert (public["london"], public["scotland"]) == (10, 30)  # the same snapshot, rounded
        small = page["items"][ids.index(ideas["small"]["id"])]
        assert small["support_by_region"]["scotland"] == "<10" and small["minister_stance"] is None
        assert not any(isinstance(v, int) and v < 10 for i in page["items"] for v in i["support_by_region"].values())
    closed = json.loads(api.get(f"/areas/{AREA}/canvass?status=closed", user=cast["policy"]).body)
    assert ideas["big"]["id"] not in [i["id"] for i in closed["items"]]


def test_the_canvass_as_csv_is_safe_in_a_spreadsheet_and_kept_by_no_cache(api, cast, ideas):
    response = api.get(f"/areas/{AREA}/canvass.csv", user=cast["policy"])
    assert response.status_code == 200, response.body
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Link"] == f'</areas/{AREA}/canvass.csv?cursor=closed:>; rel="next"'
    rows = list(csv.DictReader(io.StringIO(response.body.decode())))
    big = next(r for r in rows if r["id"] == ideas["big"]["id"])
    assert big["title"].startswith("'=HYPERLINK")  # shown as text, never evaluated
    assert (big["support_count"], big["growth_7_days"], big["minister_stance"]) == ("49", "7", "considering")
    assert (big["region_london"], big["region_scotland"], big["region_wales"], big["region_unknown"]) == (
        "~10", "30", "<10", "<10")
    assert big["regions_as_of"].endswith("Z")
    following = api.get(f"/areas/{AREA}/canvass.csv?cursor=closed:", user=cast["policy"])
    assert following.status_code == 200 and "Link" not in following.headers
    assert not following.body.decode().startswith("id,")  # the header row comes once, on the first page


def test_only_the_policy_team_of_that_area_and_admins_see_it(api, cast, ideas):
    assert_error(api.get(f"/areas/{AREA}/canvass", user=cast["other"]), 403, "not_your_area")
    assert_error(api.get(f"/areas/{AREA}/canvass.csv", user=cast["other"]), 403, "not_your_area")
    for role in ("citizen", "minister", "owner", "moderator"):
        assert_error(api.get(f"/areas/{AREA}/canvass", user=cast[role]), 403, "forbidden")
    assert_error(api.get(f"/areas/{AREA}/canvass"), 401)
    assert_error(api.get("/areas/atlantis/canvass", user=cast["admin"]), 404, "area_not_found")
    assert_error(api.get(f"/areas/{AREA}/canvass.csv?cursor=sideways:", user=cast["admin"]), 400, "invalid_cursor")
    assert_error(api.get(f"/areas/{AREA}/canvass?status=pending", user=cast["admin"]), 400, "invalid_input")


def test_the_canvass_page_is_a_shell_its_script_fills(api):
    page = api.get(f"/canvass/{AREA}", headers={"Accept": "text/html"})
    assert page.status_code == 200
    text = page.body.decode()
    assert "Culture, media and sport" in text and 'data-area="culture"' in text and "/static/canvass.js" in text
    assert api.get("/static/canvass.js").status_code == 200
