"""Support by region: each support counted in the region its supporter gave, with the total, on the
same shard and in the same transaction; exact under concurrency, through withdrawal, erasure and
anonymisation; shown from the hourly snapshot, rounded, with every count below ten suppressed
(the attacks on what is shown: tests/api/test_region_attacks.py)."""

from __future__ import annotations

import json
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from tests.api.campaign_helpers import CONSENT, CONSENT_VERSION, open_campaign
from tests.conftest import assert_error, deliver_until_quiet


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(), "moderator": make_user("moderators")}


def _campaign(api, campaign_id: str) -> dict:
    response = api.get(f"/campaigns/{campaign_id}")
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def _live_split(campaign_id: str) -> dict[str, int]:
    """The exact split the count handler writes onto the campaign (never shown: the snapshot is)."""
    from chalicelib.store.tables.campaigns import CampaignRecord

    return {r: int(n) for r, n in CampaignRecord.get(campaign_id).support_by_region.as_dict().items()}


def _with_region(api, make_user, region: str | None):
    user = make_user(name="regional")
    response = api.patch("/me", user=user, json_body={"region": region})
    assert response.status_code == 200, response.body
    return user


def test_a_profile_takes_one_of_the_twelve_nations_and_regions_or_none(api, make_user):
    listed = json.loads(api.get("/regions").body)
    assert len(listed) == 12
    assert {"id": "yorkshire-humber", "name": "Yorkshire and The Humber"} in listed
    user = make_user()
    assert json.loads(api.get("/me", user=user).body)["region"] is None
    chosen = api.patch("/me", user=user, json_body={"region": "scotland"})
    assert chosen.status_code == 200 and json.loads(chosen.body)["region"] == "scotland"
    assert json.loads(api.patch("/me", user=user, json_body={"bio": "Glasgow"}).body)["region"] == "scotland"
    error = assert_error(api.patch("/me", user=user, json_body={"region": "atlantis"}), 400, "invalid_input")
    assert "north-east" in json.dumps(error)  # the message names the ids to choose from
    assert json.loads(api.get("/me", user=user).body)["region"] == "scotland"
    unset = api.patch("/me", user=user, json_body={"region": None})
    assert unset.status_code == 200 and json.loads(unset.body)["region"] is None
    assert json.loads(api.get("/me", user=user).body)["region"] is None


def test_region_counts_stay_exact_with_the_total_under_concurrent_supports_and_withdrawals(api, people, runner):
    from chalicelib.domain.regional_figures import RegionalStanding
    from chalicelib.events.trending import recompute_trending
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import supports

    campaign_id = open_campaign(api, people["owner"], people["moderator"], area="health")["id"]
    joining = {"london": 120, "scotland": 60, "wales": 12, "north-east": 5, None: 63}
    leaving = {"london": 30, "scotland": 10, "wales": 4, "north-east": 0, None: 10}
    everyone = [(f"regional-{uuid.uuid4()}", region, n < leaving[region])
                for region, count in joining.items() for n in range(count)]
    done = threading.Event()

    def count_meanwhile():  # the counts are written while supports arrive, as the stream does in AWS
        while not done.is_set():
            refresh_count(campaign_id)

    def join_then_maybe_leave(person: tuple[str, str | None, bool]) -> None:
        person_id, region, leaves = person
        assert supports.support(campaign_id, person_id, consent_version=CONSENT_VERSION,
                                standing=RegionalStanding(region)) is True  # long-standing members
        if leaves:
            assert supports.withdraw(campaign_id, person_id) is True
            assert supports.withdraw(campaign_id, person_id) is False  # twice takes off nothing more

    counter = threading.Thread(target=count_meanwhile)
    counter.start()
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(join_then_maybe_leave, everyone))
    done.set()
    counter.join()
    deliver_until_quiet(runner)  # the supports' stream moves the counters, then they are counted

    total, by_region = supports.counted(campaign_id)
    assert total == 260 - 54
    assert by_region == {**dict.fromkeys(by_region, 0), "london": 90, "scotland": 50, "wales": 8,
                         "north-east": 5, "unknown": 53}
    recompute_trending()  # the hourly snapshot
    shown = _campaign(api, campaign_id)
    assert shown["support_count"] == 206
    assert shown["support_by_region"] == {
        "north-east": "<10", "north-west": "<10", "yorkshire-humber": "<10", "east-midlands": "<10",
        "west-midlands": "<10", "east": "<10", "london": 90, "south-east": "<10", "south-west": "<10",
        "wales": "<10", "scotland": 50, "northern-ireland": "<10", "unknown": 55}  # 53, rounded to 5
    page = api.get(f"/c/{shown['slug']}", headers={"Accept": "text/html"}).body.decode()
    assert "<th scope=\"row\">London</th><td>90</td>" in page
    assert "<th scope=\"row\">Wales</th><td>fewer than 10</td>" in page
    assert "<th scope=\"row\">Region not given</th><td>55</td>" in page


def test_a_support_stays_in_the_region_given_when_it_was_made(api, make_user, people, runner):
    from chalicelib.store import supports

    campaign_id = open_campaign(api, people["owner"], people["moderator"], area="health")["id"]
    fan = _with_region(api, make_user, "wales")
    assert api.put(f"/campaigns/{campaign_id}/support", user=fan, json_body=CONSENT).status_code == 200
    assert api.patch("/me", user=fan, json_body={"region": "london"}).status_code == 200
    deliver_until_quiet(runner)
    _, by_region = supports.counted(campaign_id)
    assert (by_region["wales"], by_region["london"]) == (1, 0)  # the move does not carry past supports
    assert api.delete(f"/campaigns/{campaign_id}/support", user=fan).status_code == 200
    deliver_until_quiet(runner)
    total, by_region = supports.counted(campaign_id)
    assert total == 0 and set(by_region.values()) == {0}  # taken off Wales, where it was counted


def test_erasure_and_anonymisation_keep_the_region_counts_with_the_total(api, make_user, people, runner):
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import run_erasure
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import retention, supports

    stays_open = open_campaign(api, people["owner"], people["moderator"], area="housing")["id"]
    closes = open_campaign(api, people["owner"], people["moderator"], area="housing")["id"]
    for campaign_id in (stays_open, closes):
        for _ in range(10):
            supports.support(campaign_id, f"neighbour-{uuid.uuid4()}", consent_version=CONSENT_VERSION,
                             region="north-west")
    leaver = _with_region(api, make_user, "north-west")
    for campaign_id in (stays_open, closes):
        assert api.put(f"/campaigns/{campaign_id}/support", user=leaver, json_body=CONSENT).status_code == 200
    deliver_until_quiet(runner)
    assert _live_split(stays_open)["north-west"] == 11  # the leaver's, settling, is in the live split
    assert api.post(f"/campaigns/{closes}/close", user=people["owner"]).status_code == 200

    assert api.delete("/me", user=leaver).status_code == 202
    run_erasure(erasure_id_for(leaver.sub))
    deliver_until_quiet(runner)

    total, by_region = supports.counted(stays_open)
    assert (total, by_region["north-west"], by_region["unknown"]) == (10, 10, 0)
    assert (_campaign(api, stays_open)["support_count"], _live_split(stays_open)["north-west"]) == (10, 10)
    # A closed campaign's count is final: the erased support is anonymised, still counted in its region.
    assert supports.counted(closes)[0] == 11 and supports.counted(closes)[1]["north-west"] == 11
    assert retention.anonymise_supports(closes) == 10  # the twelve months pass: the rest are anonymised
    deliver_until_quiet(runner)  # anonymising moves no count
    total, by_region = supports.counted(closes)
    assert (total, by_region["north-west"], by_region["unknown"]) == (11, 11, 0)
    refresh_count(closes)
    assert _live_split(closes)["north-west"] == 11


def _dynamodb_size(item: dict) -> int:
    """An item's size by DynamoDB's stated rules: each attribute's name in UTF-8, plus a string's
    UTF-8 length, a number's 1 byte per two significant digits and 1 more, a boolean's 1 byte."""
    size = 0
    for name, value in item.items():
        size += len(name.encode())
        if "S" in value:
            size += len(value["S"].encode())
        elif "N" in value:
            digits = value["N"].lstrip("-").replace(".", "").strip("0") or "0"
            size += (len(digits) + 1) // 2 + 1
        else:
            size += 1
    return size


def test_a_shard_with_every_cell_settling_on_four_days_stays_under_1_kb_and_days_gone_by_are_removed(
        api, people, runner):
    """The stream's counter write costs 1 write unit while the item is under 1 KB: the
    settling counters must keep it there, on a viral day too (most supporters new, from every cell,
    settling on any of the next four days). Counters of days gone by are removed by the count."""
    from chalicelib.domain.regional_figures import RegionalStanding
    from chalicelib.domain.regions import COUNTED_AS, UNKNOWN
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import supports
    from chalicelib.store.base import dynamodb_client, utcnow
    from chalicelib.store.tables.support_counters import SupportCounterRecord

    campaign_id = open_campaign(api, people["owner"], people["moderator"], area="health")["id"]
    on_shard_seven = (p for p in (f"viral-{uuid.uuid4()}" for _ in range(100_000)) if shard_of(p) == 7)
    today, now = utcnow().date(), utcnow()
    for days_ahead in range(1, 5):
        for cell in COUNTED_AS:
            standing = RegionalStanding(None if cell == UNKNOWN else cell, today + timedelta(days=days_ahead))
            supports.support(campaign_id, next(on_shard_seven), consent_version=CONSENT_VERSION, standing=standing)
    # One made two days ago, settling yesterday: its day has come.
    supports.support(campaign_id, next(on_shard_seven), consent_version=CONSENT_VERSION,
                     now=now - timedelta(days=2), standing=RegionalStanding("wales", today - timedelta(days=1)))
    tally = next(source for source in runner.sources if source.config.name == "tally_supports")
    while tally.poll():  # the supports' stream alone: the count (which removes days gone by) comes after
        pass

    def counter() -> dict:
        return dynamodb_client().get_item(TableName=SupportCounterRecord.Meta.table_name, ConsistentRead=True,
                                          Key={"counter_id": {"S": shard_key(campaign_id, 7)}})["Item"]

    settling_names = [n for n in counter() if re.fullmatch(r"s\d+[a-z]", n)]
    assert len(settling_names) == 4 * 13 + 1
    refresh_count(campaign_id)
    item = counter()
    assert len([n for n in item if re.fullmatch(r"s\d+[a-z]", n)]) == 4 * 13  # yesterday's went
    # As big as those numbers get on a viral day: 5,000 supports a second for a whole day on one
    # campaign is 3.4 million per shard; every count at 7 digits.
    busiest = {n: ({"N": "3375000"} if "N" in v else v) for n, v in item.items()}
    assert _dynamodb_size(busiest) < 1024, _dynamodb_size(busiest)
    snapshot_counts = json.loads(json.dumps(supports.counted(campaign_id)))
    assert snapshot_counts[0] == 53 and snapshot_counts[1]["wales"] == 5
