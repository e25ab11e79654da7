"""The shard counters follow the supports' stream (issue 30): exactly once however often Lambda
delivers a batch, a support that met the close on its way counted or removed by when it was made,
a withdrawal after the close kept as an anonymous support, and a support by someone whose erasure
started removed. The request reads none of these (one call on a warm container): the stream owns
each race, and the rate limit across containers too."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from tests.api.campaign_helpers import CONSENT, CONSENT_VERSION, counted_total, open_campaign, support_stored
from tests.conftest import deliver_until_quiet


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(), "moderator": make_user("moderators")}


def _count(api, campaign_id: str) -> int:
    return json.loads(api.get(f"/campaigns/{campaign_id}").body)["support_count"]


def _items(campaign_id: str) -> int:
    """The supports stored on every shard of the campaign, anonymised ones too (the truth)."""
    from chalicelib.domain.shards import SHARDS, shard_key
    from chalicelib.store.tables.supports import SupportRecord

    return sum(1 for shard in range(SHARDS)
               for _ in SupportRecord.query(shard_key(campaign_id, shard), consistent_read=True))


@pytest.fixture
def batches(app, monkeypatch):
    """Every event the supports' stream handler is given, as Lambda gave it."""
    seen: list[dict] = []
    handler = app.handler_map["tally_supports"]

    class Recording:
        def __init__(self):
            self.handler = handler

        def __getattr__(self, name):
            return getattr(handler, name)

        def __call__(self, event, context):
            seen.append(json.loads(json.dumps(event)))
            return handler(event, context)

    monkeypatch.setitem(app.handler_map, "tally_supports", Recording())
    return seen


def test_batches_delivered_twice_and_replayed_from_earlier_are_counted_once(api, people, runner, batches, app):
    from chalicelib.store import supports
    from devstack.event_runner import LambdaContext

    campaign_id = open_campaign(api, people["owner"], people["moderator"], area="health")["id"]
    first = [f"tally-{uuid.uuid4()}" for _ in range(40)]
    for person in first:
        supports.support(campaign_id, person, consent_version=CONSENT_VERSION, region="wales")
    deliver_until_quiet(runner)
    later = [f"tally-{uuid.uuid4()}" for _ in range(30)]
    for person in later:
        supports.support(campaign_id, person, consent_version=CONSENT_VERSION)
    for person in first[:10]:
        assert supports.withdraw(campaign_id, person) is True
    deliver_until_quiet(runner)
    assert counted_total(campaign_id) == 60 == _items(campaign_id)
    assert len(batches) >= 2

    handler = app.handler_map["tally_supports"].handler  # not recording what it is given again
    context = LambdaContext("tally_supports", "eu-west-2")
    delivered = list(batches)
    for event in delivered:  # each batch again, as a retry after a timeout would send it
        handler(event, context)
    # A replay from an earlier point: every record, in order, as one batch.
    handler({"Records": [r for event in delivered for r in event["Records"]]}, context)
    deliver_until_quiet(runner)
    total, by_region = supports.counted(campaign_id)
    assert (total, by_region["wales"]) == (60, 30)
    assert _count(api, campaign_id) == 60


def test_a_support_made_before_the_close_counts_and_one_made_after_is_removed(api, people, runner, monkeypatch):
    """Closing freezes the counters and keeps when. A support made before counts, however late its
    stream record arrives; one made after the freeze (a container whose two-second status copy still
    said open) is answered, then removed by the stream, so the shard holds one item per count."""
    from chalicelib.logic.support import record_support
    from chalicelib.store import campaigns, supports

    campaign = open_campaign(api, people["owner"], people["moderator"], area="housing")
    campaign_id = campaign["id"]
    for n in range(5):
        supports.support(campaign_id, f"early-{n}-{uuid.uuid4()}", consent_version=CONSENT_VERSION)
    deliver_until_quiet(runner)
    in_flight = f"in-flight-{uuid.uuid4()}"
    assert record_support(campaign_id, in_flight, CONSENT_VERSION) is True  # its record not delivered yet
    campaigns.close(campaigns.get_campaign(campaign_id), "test")
    late = f"late-{uuid.uuid4()}"  # what a request whose status copy still said open writes
    assert record_support(campaign_id, late, CONSENT_VERSION) is True  # answered: the request reads no counter

    deliver_until_quiet(runner)
    assert support_stored(campaign_id, in_flight) and not support_stored(campaign_id, late)
    assert counted_total(campaign_id) == 6 == _items(campaign_id) == _count(api, campaign_id)


def test_a_withdrawal_after_the_close_is_kept_anonymised_and_one_before_it_is_taken_off(api, people, runner):
    """The count is final once closed. A withdrawal that lands after the freeze (a status copy that
    still said open) is not taken off: the stream keeps it as an anonymous support, as a withdrawal
    from a closed campaign is. One made before the freeze, delivered after it, is taken off.
    Anonymising moves no count. Delivered twice, nothing moves twice."""
    from chalicelib.store import campaigns, supports

    campaign_id = open_campaign(api, people["owner"], people["moderator"], area="housing")["id"]
    everyone = [f"closing-{n}-{uuid.uuid4()}" for n in range(6)]
    for person in everyone:
        supports.support(campaign_id, person, consent_version=CONSENT_VERSION, region="london")
    deliver_until_quiet(runner)
    assert supports.withdraw(campaign_id, everyone[2]) is True  # before the close, delivered after it
    campaigns.close(campaigns.get_campaign(campaign_id), "test")
    time.sleep(1.1)  # a stream record's time is rounded down to the second: its own second is "before"
    assert supports.withdraw(campaign_id, everyone[0]) is True  # after it: answered as a withdrawal
    assert supports.anonymise(campaign_id, everyone[1]) is True  # withdrawing from a closed campaign
    deliver_until_quiet(runner)
    assert not support_stored(campaign_id, everyone[0]) and not support_stored(campaign_id, everyone[1])
    total, by_region = supports.counted(campaign_id)
    assert (total, by_region["london"]) == (5, 5) == (_items(campaign_id), _count(api, campaign_id))


def test_an_erasure_that_started_before_the_support_leaves_no_support(api, people, make_user, runner):
    """The support's request reads no erasure; the erasure started (and its sweep looked) before the
    put landed. The supports' stream finds the erasure and removes the support: nothing is left,
    and the count is back where it was."""
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import run_erasure
    from chalicelib.store import erasures, read_cache

    campaign_id = open_campaign(api, people["owner"], people["moderator"], area="health")["id"]
    fan = make_user(name="leaving")
    assert api.patch("/me", user=fan, json_body={"region": "wales"}).status_code == 200
    before = counted_total(campaign_id)
    erasures.start(fan.sub)  # the erasure starts (as DELETE /me does, on another container)
    run_erasure(erasure_id_for(fan.sub))  # and sweeps: the support is not there yet
    read_cache.erasures_started.clear()  # this container did not start it
    answer = api.put(f"/campaigns/{campaign_id}/support", user=fan, json_body=CONSENT)
    assert answer.status_code == 200, answer.body
    assert support_stored(campaign_id, fan.sub)  # left behind by the sweep, for now
    assert erasures.state_of(fan.sub) == "erased"

    deliver_until_quiet(runner)
    assert not support_stored(campaign_id, fan.sub)
    assert counted_total(campaign_id) == before == _items(campaign_id) == _count(api, campaign_id)


def test_a_person_past_the_limit_across_two_containers_is_held_to_it_by_the_stream(
        api, people, runner, batches, app, monkeypatch):
    """Each container decides from its own copy of the person's uses; two containers (two copies)
    let twice the limit through. The stream charges every change to the person's item, exactly
    once however often a batch comes, and removes the supports past the limit: counted, then taken off."""
    from dataclasses import replace

    from chalicelib.domain.errors import ConditionFailed
    from chalicelib.domain.limits import HOUR, Limit
    from chalicelib.store import rate_limits, read_cache, stream_tally, supports
    from chalicelib.store.tables.rate_limits import RateLimitRecord
    from devstack.event_runner import LambdaContext

    two = Limit("support_changes", 2, HOUR, "person", "a small limit, the real item")
    monkeypatch.setattr(stream_tally, "SUPPORTS", replace(stream_tally.SUPPORTS, limit=two))
    campaign_ids = [open_campaign(api, people["owner"], people["moderator"], area="health")["id"] for _ in range(4)]
    person = f"busy-{uuid.uuid4()}"
    copies = [{}, {}]  # each container's rate-limit copies

    def on_container(n: int, campaign_id: str) -> bool:
        read_cache.rate_limit_uses.clear()
        for key, value in copies[n].items():
            read_cache.rate_limit_uses.put(key, value)
        try:
            return supports.support(campaign_id, person, consent_version=CONSENT_VERSION, limit=two)
        finally:
            copies[n] = {k: read_cache.rate_limit_uses.get(k) for k in list(read_cache.rate_limit_uses._entries)}

    assert on_container(0, campaign_ids[0]) and on_container(0, campaign_ids[1])
    with pytest.raises(ConditionFailed):  # the same container refuses the third at once
        on_container(0, campaign_ids[2])
    assert on_container(1, campaign_ids[2]) and on_container(1, campaign_ids[3])  # the stream has not charged yet
    deliver_until_quiet(runner)
    kept = [c for c in campaign_ids if support_stored(c, person)]
    assert kept == campaign_ids[:2]  # the first two made; the later two removed
    assert [counted_total(c) for c in campaign_ids] == [1, 1, 0, 0]
    assert [_count(api, c) for c in campaign_ids] == [1, 1, 0, 0]
    uses = RateLimitRecord.get(rate_limits.key_of(two, person), consistent_read=True).uses
    assert len(uses) == 2

    handlers = {"tally_supports": app.handler_map["tally_supports"].handler,
                "settle_supports": app.handler_map["settle_supports"]}  # the stream's two readers
    for event in list(batches):  # delivered again: nothing charged twice, nothing more removed
        for name, handler in handlers.items():
            handler(event, LambdaContext(name, "eu-west-2"))
    deliver_until_quiet(runner)
    assert sorted(RateLimitRecord.get(rate_limits.key_of(two, person), consistent_read=True).uses) == sorted(uses)
    assert [c for c in campaign_ids if support_stored(c, person)] == campaign_ids[:2]
    assert [counted_total(c) for c in campaign_ids] == [1, 1, 0, 0]


def test_a_rate_limit_item_read_stale_on_a_new_container_lets_nothing_past_the_limit_stand(
        api, people, runner, monkeypatch):
    """A new container reads the person's rate-limit item eventually consistent (half the units).
    Read as it stands, it refuses a person past the limit at once; read a moment stale (a replica
    not yet at the stream's last put), it lets one more through, which the stream charges and
    removes: counted, then taken off, as across two containers."""
    from dataclasses import replace

    from chalicelib.domain.errors import ConditionFailed
    from chalicelib.domain.limits import HOUR, Limit
    from chalicelib.settings import get_settings
    from chalicelib.store import first_reads, read_cache, stream_tally, supports

    two = Limit("support_changes", 2, HOUR, "person", "a small limit, the real item")
    monkeypatch.setattr(stream_tally, "SUPPORTS", replace(stream_tally.SUPPORTS, limit=two))
    campaign_ids = [open_campaign(api, people["owner"], people["moderator"], area="housing")["id"] for _ in range(3)]
    person = f"hasty-{uuid.uuid4()}"

    def on_a_new_container(campaign_id: str) -> bool:
        read_cache.rate_limit_uses.clear()
        read_cache.campaign_status.clear()
        snapshot = supports.campaign_snapshot(campaign_id, person, two, region=True)  # as the route reads
        assert snapshot is not None and snapshot.status == "open"
        return supports.support(campaign_id, person, consent_version=CONSENT_VERSION, limit=two)

    assert on_a_new_container(campaign_ids[0]) and on_a_new_container(campaign_ids[1])
    deliver_until_quiet(runner)  # the stream has charged both uses to the item
    with pytest.raises(ConditionFailed):  # read as it stands: refused at once, nothing written
        on_a_new_container(campaign_ids[2])
    assert not support_stored(campaign_ids[2], person)

    limits_table = get_settings().table_name("rate-limits")
    fresh_batch_get = first_reads.batch_get
    monkeypatch.setattr(first_reads, "batch_get", lambda wanted: {
        table: items for table, items in fresh_batch_get(wanted).items() if table != limits_table})  # stale: none
    assert on_a_new_container(campaign_ids[2])  # answered yes from the stale copy
    assert support_stored(campaign_ids[2], person)
    deliver_until_quiet(runner)
    assert [support_stored(c, person) for c in campaign_ids] == [True, True, False]
    assert [counted_total(c) for c in campaign_ids] == [1, 1, 0]
    assert [_count(api, c) for c in campaign_ids] == [1, 1, 0]


def test_follows_past_the_limit_across_two_containers_are_removed_by_the_follows_stream(api, people, runner,
                                                                                         monkeypatch):
    """The same backstop on the follows' stream: its counters count only what stands."""
    from dataclasses import replace

    from chalicelib.domain.limits import HOUR, Limit
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.store import follows, read_cache, stream_tally
    from chalicelib.store.tables.follows import FollowRecord
    from chalicelib.store.tables.support_counters import SupportCounterRecord

    one = Limit("follows", 1, HOUR, "person", "a small limit, the real item")
    monkeypatch.setattr(stream_tally, "FOLLOWS", replace(stream_tally.FOLLOWS, limit=one))
    campaign_ids = [open_campaign(api, people["owner"], people["moderator"], area="transport")["id"] for _ in range(2)]
    person = f"reader-{uuid.uuid4()}"
    for campaign_id in campaign_ids:  # each on a container new to them
        read_cache.rate_limit_uses.clear()
        assert follows.follow(campaign_id, person, limit=one) is True
    deliver_until_quiet(runner)

    def followers(campaign_id: str) -> int:
        key = shard_key(campaign_id, shard_of(person))
        counter = SupportCounterRecord.get(key, consistent_read=True)
        return int(getattr(counter, "followers", 0) or 0)

    standing = [c for c in campaign_ids if list(FollowRecord.query(shard_key(c, shard_of(person)),
                                                                   FollowRecord.person_id == person))]
    assert standing == campaign_ids[:1]
    assert [followers(c) for c in campaign_ids] == [1, 0]
