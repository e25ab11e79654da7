"""Support at scale: exact counts under concurrency, idempotent per person, milestones once.

Counts reach the campaign the way they do in AWS: the counters' stream, read by the local
event runner, delivered to the app's own stream handler."""

from __future__ import annotations

import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.api.campaign_helpers import CONSENT, CONSENT_VERSION, counted_total, create, open_campaign, support_stored
from tests.conftest import assert_error, deliver_until_quiet


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(), "moderator": make_user("moderators"), "fan": make_user()}


def _count(api, campaign_id: str) -> int:
    return json.loads(api.get(f"/campaigns/{campaign_id}").body)["support_count"]


def _events(campaign_id: str) -> list[str]:
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    return [e.event_key for e in CampaignEventRecord.query(campaign_id)]


def test_support_withdraw_and_support_again_through_the_api(api, people, runner):
    campaign = open_campaign(api, people["owner"], people["moderator"], area="environment")
    path = f"/campaigns/{campaign['id']}/support"
    first = api.put(path, user=people["fan"], json_body=CONSENT)
    assert first.status_code == 200 and json.loads(first.body)["supported"] is True
    assert api.put(path, user=people["fan"], json_body=CONSENT).status_code == 200
    runner.run_once()
    assert _count(api, campaign["id"]) == 1
    mine = json.loads(api.get("/me/campaigns?relation=supported", user=people["fan"]).body)["items"]
    assert [c["id"] for c in mine][:1] == [campaign["id"]]
    assert json.loads(api.delete(path, user=people["fan"]).body)["supported"] is False
    assert api.delete(path, user=people["fan"]).status_code == 200
    runner.run_once()
    assert _count(api, campaign["id"]) == 0
    api.put(path, user=people["fan"], json_body=CONSENT)
    runner.run_once()
    assert _count(api, campaign["id"]) == 1
    assert_error(api.put(path), 401, "not_signed_in")


def test_only_open_campaigns_take_support_and_closed_ones_keep_their_count(api, people, runner):
    draft = create(api, people["owner"])
    assert_error(api.put(f"/campaigns/{draft['id']}/support", user=people["fan"], json_body=CONSENT), 404,
                 "campaign_not_found")
    assert_error(api.put("/campaigns/nope/support", user=people["fan"], json_body=CONSENT), 404, "campaign_not_found")
    campaign = open_campaign(api, people["owner"], people["moderator"], area="environment")
    path = f"/campaigns/{campaign['id']}/support"
    api.put(path, user=people["fan"], json_body=CONSENT)
    api.post(f"/campaigns/{campaign['id']}/close", user=people["owner"])

    from chalicelib.logic.support import record_support
    from chalicelib.store import read_cache

    # A support made after the close (a container whose cache still says open) is answered, and the
    # supports' stream removes it, uncounted: the frozen counters keep when they froze.
    late_comer = f"late-comer-past-cache-{uuid.uuid4()}"
    assert record_support(campaign["id"], late_comer, CONSENT_VERSION) is True
    deliver_until_quiet(runner)
    assert not support_stored(campaign["id"], late_comer)
    assert _count(api, campaign["id"]) == 1
    read_cache.campaign_status.clear()  # as the cache would after its two seconds
    assert_error(api.put(path, user=people["fan"], json_body=CONSENT), 409, "campaign_not_open")
    listed = json.loads(api.get("/me/campaigns?relation=supported", user=people["fan"]).body)["items"]
    assert campaign["id"] in [c["id"] for c in listed]
    # Withdrawing is always possible (the consent says so): the support is anonymised, the count stays.
    withdrawn = api.delete(path, user=people["fan"])
    assert withdrawn.status_code == 200, withdrawn.body
    assert json.loads(withdrawn.body) == {"supported": False, "support_count": 1}
    assert not support_stored(campaign["id"], people["fan"].sub)
    assert counted_total(campaign["id"]) == 1
    assert api.delete(path, user=people["fan"]).status_code == 200  # twice is harmless
    mine = json.loads(api.get("/me/campaigns?relation=supported", user=people["fan"]).body)["items"]
    assert campaign["id"] not in [c["id"] for c in mine]
    runner.run_once()
    assert _count(api, campaign["id"]) == 1


def test_a_thousand_people_from_16_threads_while_200_withdraw(api, people, runner):
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import supports

    campaign = open_campaign(api, people["owner"], people["moderator"], area="work-pensions")
    campaign_id = campaign["id"]
    everyone = [f"person-{uuid.uuid4()}" for _ in range(1000)]
    leavers = set(everyone[:200])
    done = threading.Event()

    def count_meanwhile():  # the counts are written while supports arrive, as in AWS
        while not done.is_set():
            refresh_count(campaign_id)

    def join_then_maybe_leave(person):
        assert supports.support(campaign_id, person, consent_version=CONSENT_VERSION) is True
        if person in leavers:
            assert supports.withdraw(campaign_id, person) is True

    counter = threading.Thread(target=count_meanwhile)
    counter.start()
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(join_then_maybe_leave, everyone))
    done.set()
    counter.join()
    runner.run_once()
    assert _count(api, campaign_id) == 800 == counted_total(campaign_id)
    events = _events(campaign_id)
    assert events.count("milestone#0000000100") == 1
    assert set(events) - {"campaign_opened", "campaign_approved"} <= {"milestone#0000000100", "milestone#0000001000"}

    # Back over 1,000 after dipping below: the milestone is not raised a second time.
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda p: supports.support(campaign_id, p, consent_version=CONSENT_VERSION), sorted(leavers)))
    runner.run_once()
    assert _count(api, campaign_id) == 1000
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda p: supports.withdraw(campaign_id, p), sorted(leavers)[:50]))
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda p: supports.support(campaign_id, p, consent_version=CONSENT_VERSION),
                      sorted(leavers)[:50]))
    runner.run_once()
    events = _events(campaign_id)
    assert events.count("milestone#0000000100") == 1 and events.count("milestone#0000001000") == 1
    shown = json.loads(api.get(f"/campaigns/{campaign_id}").body)
    assert shown["support_count"] == 1000 and shown["milestones"] == [100, 1000]


def test_the_same_person_supporting_100_times_at_once_counts_once(api, people, runner):
    from chalicelib.store import supports

    campaign = open_campaign(api, people["owner"], people["moderator"], area="foreign-affairs")
    barrier = threading.Barrier(16)

    def support_now(_):
        if _ < 16:
            barrier.wait()
        return supports.support(campaign["id"], "the-same-person", consent_version=CONSENT_VERSION)

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(support_now, range(100)))
    assert outcomes.count(True) == 1 and outcomes.count(False) == 99
    runner.run_once()
    assert _count(api, campaign["id"]) == 1 == counted_total(campaign["id"])


def test_the_recount_repairs_drift(api, people, runner, monkeypatch):
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.events.support_counts import count_campaigns
    from chalicelib.store import supports
    from chalicelib.store.recount import recount_campaign
    from chalicelib.store.tables.support_counters import SupportCounterRecord

    campaign = open_campaign(api, people["owner"], people["moderator"], area="treasury")
    monkeypatch.setattr("chalicelib.store.recount.SETTLE_SECONDS", 0.1)
    for person in ("p1", "p2", "p3"):
        supports.support(campaign["id"], person, consent_version=CONSENT_VERSION)
    deliver_until_quiet(runner)  # counted by the supports' stream
    drifted = SupportCounterRecord.get(shard_key(campaign["id"], shard_of("p1")))
    drifted.update(actions=[SupportCounterRecord.count.add(7)])
    runner.run_once()
    assert _count(api, campaign["id"]) == 10  # the drift shows until the recount
    repairs = recount_campaign(campaign["id"])
    assert [(r.counted, r.truth) for r in repairs] == [(8, 1)]
    assert recount_campaign(campaign["id"]) == []  # nothing left to repair
    count_campaigns({campaign["id"]})
    assert _count(api, campaign["id"]) == 3 == counted_total(campaign["id"])


def test_the_recount_repairs_a_region_count_that_drifted_from_its_total(api, people, runner, monkeypatch):
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.store import supports
    from chalicelib.store.recount import recount_campaign
    from chalicelib.store.tables.support_counters import SupportCounterRecord, region_counter, region_counts

    campaign = open_campaign(api, people["owner"], people["moderator"], area="treasury")
    supports.support(campaign["id"], "r1", consent_version=CONSENT_VERSION, region="wales")
    supports.support(campaign["id"], "r2", consent_version=CONSENT_VERSION)  # no region given
    monkeypatch.setattr("chalicelib.store.recount.SETTLE_SECONDS", 0.1)
    deliver_until_quiet(runner)  # counted by the supports' stream
    key = shard_key(campaign["id"], shard_of("r1"))
    SupportCounterRecord.get(key).update(actions=[region_counter("wales").add(4), region_counter("london").add(2)])
    repairs = recount_campaign(campaign["id"])
    assert [(r.counted, r.truth, r.regions) for r in repairs] == [(1, 1, {"wales": (5, 1), "london": (2, 0)})]
    repaired = region_counts(SupportCounterRecord.get(key))
    assert repaired["wales"] == 1 and sum(repaired.values()) == 1
    assert recount_campaign(campaign["id"]) == []  # nothing left to repair


def test_the_nightly_recount_stops_before_its_time_runs_out_and_carries_on(api, people):
    from chalicelib.events.recount import recount_open_campaigns

    # Two of its own, the newest open campaigns, so both pages are there without other tests' campaigns.
    for _ in range(2):
        open_campaign(api, people["owner"], people["moderator"], area="treasury")
    checked, cursor = recount_open_campaigns(remaining_millis=lambda: 0, page_size=1)
    assert checked == 1 and cursor is not None  # out of time after one page: a checkpoint
    checked_again, _ = recount_open_campaigns(remaining_millis=lambda: 0, cursor=cursor, page_size=1)
    assert checked_again == 1


def test_the_nightly_schedules_run_through_the_app(app):
    from chalicelib.events.recount import JOB, NIGHT_FINISHED
    from chalicelib.store.jobs import load_checkpoint, save_checkpoint
    from devstack.event_runner import LambdaContext

    event = {"version": "0", "id": "1", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-11-25T02:00:00Z", "region": "eu-west-2",
             "resources": [], "detail": {}}
    save_checkpoint(JOB, NIGHT_FINISHED)
    app.handler_map["recount_supports"](event, LambdaContext("recount_supports", "eu-west-2"))
    assert load_checkpoint(JOB) == NIGHT_FINISHED  # tonight's pass was done: nothing more to do
    app.handler_map["start_recount_night"](event, LambdaContext("start_recount_night", "eu-west-2"))
    assert load_checkpoint(JOB) == ""  # a new night starts from the first open campaign
