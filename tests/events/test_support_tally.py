"""The shard counters follow the supports' stream (issue 30): exactly once however often Lambda
delivers a batch, a support that met the close on its way counted or removed by when it was made,
and an erasure that starts between a support's read and its write still leaves nothing behind."""

from __future__ import annotations

import json
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
    """Closing freezes the counters and keeps when. A support whose read found the counter open
    counts, however late its stream record arrives; one made after the freeze (a clock a moment
    ahead, a request that read just before) is removed, so the shard holds one item per count."""
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.logic.support import record_support
    from chalicelib.store import campaigns, first_reads, supports
    from chalicelib.store.base import iso, utcnow
    from chalicelib.store.tables.supports import SupportRecord

    campaign = open_campaign(api, people["owner"], people["moderator"], area="housing")
    campaign_id = campaign["id"]
    for n in range(5):
        supports.support(campaign_id, f"early-{n}-{uuid.uuid4()}", consent_version=CONSENT_VERSION)
    deliver_until_quiet(runner)
    real_read = first_reads.read

    def read_then_close(*args, **kwargs):  # the close lands between this support's read and its put
        found = real_read(*args, **kwargs)
        campaigns.close(campaigns.get_campaign(campaign_id), "test")
        return found

    monkeypatch.setattr(first_reads, "read", read_then_close)
    in_flight = f"in-flight-{uuid.uuid4()}"
    assert record_support(campaign_id, in_flight, CONSENT_VERSION) is True  # answered yes: it counts
    monkeypatch.setattr(first_reads, "read", real_read)
    late = f"late-{uuid.uuid4()}"  # what a request that read before the freeze, with its clock after, writes
    SupportRecord(campaign_shard=shard_key(campaign_id, shard_of(late)), supporter_id=late, campaign_id=campaign_id,
                  supported_at=iso(utcnow()), consent_version=CONSENT_VERSION, consented_at=iso(utcnow())).save()
    with pytest.raises(Exception) as refused:  # the read sees the freeze now
        record_support(campaign_id, f"after-{uuid.uuid4()}", CONSENT_VERSION)
    assert getattr(refused.value, "code", None) == "campaign_not_open"

    deliver_until_quiet(runner)
    assert support_stored(campaign_id, in_flight) and not support_stored(campaign_id, late)
    assert counted_total(campaign_id) == 6 == _items(campaign_id) == _count(api, campaign_id)


def test_anonymising_after_the_close_moves_no_count_and_a_withdrawal_racing_the_close_is_taken_off(
        api, people, runner, monkeypatch):
    from chalicelib.store import campaigns, first_reads, supports

    campaign_id = open_campaign(api, people["owner"], people["moderator"], area="housing")["id"]
    everyone = [f"closing-{n}-{uuid.uuid4()}" for n in range(6)]
    for person in everyone:
        supports.support(campaign_id, person, consent_version=CONSENT_VERSION, region="london")
    deliver_until_quiet(runner)
    real_read = first_reads.read

    def read_then_close(*args, **kwargs):  # the withdrawal read the counter open; the close came next
        found = real_read(*args, **kwargs)
        campaigns.close(campaigns.get_campaign(campaign_id), "test")
        return found

    monkeypatch.setattr(first_reads, "read", read_then_close)
    assert supports.withdraw(campaign_id, everyone[0]) is True  # answered as a withdrawal: taken off
    monkeypatch.setattr(first_reads, "read", real_read)
    assert supports.anonymise(campaign_id, everyone[1]) is True  # withdrawing from a closed campaign
    deliver_until_quiet(runner)
    total, by_region = supports.counted(campaign_id)
    assert (total, by_region["london"]) == (5, 5) == (_items(campaign_id), _count(api, campaign_id))


def test_an_erasure_that_starts_between_the_read_and_the_put_leaves_no_support(
        api, people, make_user, runner, monkeypatch):
    """The support's read saw no erasure; the erasure started (and its sweep looked) before the
    put landed. The supports' stream finds the erasure and removes the support: nothing is left,
    and the count is back where it was."""
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import run_erasure
    from chalicelib.store import erasures, first_reads

    campaign_id = open_campaign(api, people["owner"], people["moderator"], area="health")["id"]
    fan = make_user(name="leaving")
    assert api.patch("/me", user=fan, json_body={"region": "wales"}).status_code == 200
    before = counted_total(campaign_id)
    real_read = first_reads.read

    def read_then_erase(person_id, **kwargs):
        found = real_read(person_id, **kwargs)
        erasures.start(person_id)  # the erasure starts (as DELETE /me does)
        run_erasure(erasure_id_for(person_id))  # and sweeps: the support is not there yet
        return found

    monkeypatch.setattr(first_reads, "read", read_then_erase)
    answer = api.put(f"/campaigns/{campaign_id}/support", user=fan, json_body=CONSENT)
    monkeypatch.setattr(first_reads, "read", real_read)
    assert answer.status_code == 200, answer.body
    assert support_stored(campaign_id, fan.sub)  # left behind by the sweep, for now
    assert erasures.state_of(fan.sub) == "erased"

    deliver_until_quiet(runner)
    assert not support_stored(campaign_id, fan.sub)
    assert counted_total(campaign_id) == before == _items(campaign_id) == _count(api, campaign_id)
