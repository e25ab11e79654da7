"""Supporting and withdrawing: one conditional write each, on the person's shard of the campaign,
and on a warm container nothing else: no read, no other write (README, "What a support costs
against AWS's quotas"). Whether a campaign takes support is the domain's rule (`require_takes_support`),
asked by `logic.support` of the two-second status copy; what that copy, the person's region copy
or this container's rate-limit copy can let slip is put right by the supports' stream within a
second: a support made after a close, or by a person being erased, is removed; a withdrawal made
after a close is kept as an anonymous support (store/stream_tally.py); a region that was stale is
corrected before it is counted, and a change past the person's limit across containers is removed
(store/stream_backstop.py).

Idempotent per person: the support item's conditional put (or delete) is the one fact; the shard
counters follow it from the supports' stream, exactly once per item change (store/stream_tally.py),
so the shards sum to the number of supporters once the stream has applied them (about a second).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, TransactWriteError, UpdateError

from chalicelib.domain.campaigns import Snapshot
from chalicelib.domain.limits import Limit
from chalicelib.domain.privacy import anonymous_supporter_id
from chalicelib.domain.regional_figures import RegionalStanding, Tally
from chalicelib.domain.regions import counted_region
from chalicelib.domain.shards import SHARDS, shard_key, shard_of
from chalicelib.store import erasures, first_reads, person_regions, rate_limits, shard_tally
from chalicelib.store.base import Transaction, is_condition_failure, iso, utcnow
from chalicelib.store.pagination import campaigns_of_person
from chalicelib.store.read_cache import campaign_status
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.support_counters import SupportCounterRecord
from chalicelib.store.tables.supports import SupportRecord

FREEZE_PARALLELISM = 16


SNAPSHOT_ATTRIBUTES = ["id", "status", "hidden", "support_count", "owner_id", "organisation_id", "area",
                       "official_response.created_at"]  # not the response's words: they can be long


def campaign_snapshot(campaign_id: str, person_id: str | None = None, limit: Limit | None = None,
                      region: bool = False) -> Snapshot | None:
    """A campaign's status, hidden flag and shown count, kept two seconds per container
    (`read_cache.campaign_status` says why that is safe); None for no such campaign. Closing stays
    exact: it freezes the counters, and the supports' stream removes what lands after. Read for
    `person_id`, the same call brings their region facts (if `region`) and `limit` item if this container lacks
    them (store/first_reads.py): a new container's support is two calls, this and its put."""
    cached = campaign_status.get(campaign_id)
    if cached is not None:
        return cached
    if not campaign_id:
        return None
    raw = first_reads.read_missing(person_id, limit=limit, region=region,
                                   item=("campaigns", {"id": campaign_id}, SNAPSHOT_ATTRIBUTES))
    if raw is None:
        return None
    record = CampaignRecord.from_raw_data(raw)
    return campaign_status.put(campaign_id, Snapshot(
        record.status, bool(record.hidden), int(record.support_count or 0), record.owner_id,
        record.organisation_id, record.area, record.official_response is not None))


def forget_snapshot(campaign_id: str) -> None:
    """This container changed the campaign's status, visibility or answer: its next request reads it."""
    campaign_status.forget(campaign_id)


def _counter(campaign_id: str, shard: int) -> SupportCounterRecord:
    return SupportCounterRecord(counter_id=shard_key(campaign_id, shard), campaign_id=campaign_id)


def _held(standing: RegionalStanding) -> tuple[str | None, str | None]:
    """What a support made with `standing` stores: its region, and the day it counts there from."""
    return counted_region(standing.region), standing.counts_from.isoformat() if standing.counts_from else None


def support(campaign_id: str, person_id: str, *, consent_version: str, now=None, region: str | None = None,
            standing: RegionalStanding | None = None, limit: Limit | None = None) -> bool:
    """Record a person's support with the consent they gave (its wording's version and time), and
    where it counts in regional figures, from when: `standing` (or `region`, counted at once: demo
    data, tests), else from the profile as this container holds it (read first if it does not,
    with the `limit` item: store/first_reads.py), marked, if held from before, so that the
    supports' stream checks it.
    `limit`: decided from this container's copy (the stream charges the item). Then the support's
    conditional put, the one call on a warm container: 2 write units with its index entry. True if
    it is new; False if they already supported (no use of the limit kept). ConditionFailed "limit"."""
    key = shard_key(campaign_id, shard_of(person_id))
    moment = now or utcnow()
    at = iso(moment)
    given = standing or (RegionalStanding(region) if region else None)
    erasures.refuse_if_started_here(person_id)
    # A region this container held before can be stale, and the stream checks it; one read here
    # now, consistently, is the profile as it stands: no check, a profile read fewer on the stream.
    # (One read with the campaign's status just before counts as held: checked, never wrongly.)
    from_copy = given is None and person_regions.region_known(person_id)
    first_reads.read_missing(person_id, limit=limit, region=given is None)
    held = given or person_regions.known_region(person_id).standing(moment.date())
    counted_in, counts_from = _held(held)

    def put() -> bool:
        try:
            SupportRecord(campaign_shard=key, supporter_id=person_id, campaign_id=campaign_id, supported_at=at,
                          consent_version=consent_version, consented_at=at, region=counted_in,
                          region_counts_from=counts_from, region_from_copy=True if from_copy else None,
                          limited=True if limit is not None else None,
                          ).save(condition=SupportRecord.supporter_id.does_not_exist())
        except PutError as exc:
            if is_condition_failure(exc):  # already supporting: nothing written, no use spent
                return False
            raise
        return True

    return rate_limits.written_within_copy(limit, person_id, moment.timestamp(), put)


def take_off(shard_key_value: str, person_id: str,
             new_transaction: Callable[[], Transaction] | None = None) -> bool:
    """Delete a person's support (withdrawn, or erased from an open campaign); the supports' stream
    takes it off the count where its old image says it was counted. True if there was one.
    `new_transaction`: the erasure's own, so its steps are interrupted and resumed as one (a
    one-item transaction: an erasure is rare, its 2 write units do not matter)."""
    if new_transaction is not None:
        tx = new_transaction()
        tx.delete(SupportRecord(campaign_shard=shard_key_value, supporter_id=person_id), "person",
                  condition=SupportRecord.supporter_id.exists())
        try:
            tx.commit()
            return True
        except TransactWriteError:
            if "person" not in tx.failed:
                raise
            return False
    try:
        SupportRecord(campaign_shard=shard_key_value, supporter_id=person_id).delete(
            condition=SupportRecord.supporter_id.exists())
        return True
    except DeleteError as exc:
        if is_condition_failure(exc):
            return False
        raise


def counters_frozen(shard_key_value: str) -> bool:
    """Whether the shard's counter is frozen (its campaign closed), read consistently."""
    try:
        return bool(SupportCounterRecord.get(shard_key_value, consistent_read=True,
                                             attributes_to_get=["counter_id", "frozen"]).frozen)
    except DoesNotExist:
        return False


def withdraw(campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
    """Withdraw a person's support: `limit` decided from this container's copy (read first if it
    holds none), then the conditional delete, the one call on a warm container (2 write units with
    its index entry). True if they had supported; False if not (no use of the limit kept). A
    withdrawal that lands after a close is kept by the supports' stream as an anonymous support (the
    count is final once closed). (No erasure check: taking back is always allowed.)"""
    key = shard_key(campaign_id, shard_of(person_id))
    first_reads.read_missing(person_id, limit=limit)
    return rate_limits.written_within_copy(limit, person_id, time.time(), lambda: take_off(key, person_id))


def anonymise_record(campaign_shard: str, supporter_id: str, campaign_id: str) -> bool:
    """Replace a person's support with one that stands only for "one supporter in this region": no
    time, no consent, no `by_supporter` key. The counters (total and region) are not touched, so
    the shard still holds one item per counted support. True if there was a support to anonymise."""
    try:
        region = SupportRecord.get(campaign_shard, supporter_id, consistent_read=True,
                                   attributes_to_get=["supporter_id", "region"]).region
    except DoesNotExist:
        return False
    try:  # marked first: its REMOVE in the stream is an anonymising, which moves no count
        SupportRecord(campaign_shard=campaign_shard, supporter_id=supporter_id).update(
            actions=[SupportRecord.anonymising.set(True)], condition=SupportRecord.supporter_id.exists())
    except UpdateError as exc:
        if is_condition_failure(exc):  # withdrawn, erased or anonymised already: nothing to do
            return False
        raise
    tx = Transaction()
    tx.delete(SupportRecord(campaign_shard=campaign_shard, supporter_id=supporter_id), "support",
              condition=SupportRecord.supporter_id.exists())
    tx.save(SupportRecord(campaign_shard=campaign_shard, supporter_id=anonymous_supporter_id(),
                          campaign_id=campaign_id, region=region), "anonymous")
    try:
        tx.commit()
        return True
    except TransactWriteError:
        if "support" not in tx.failed:  # withdrawn, erased or anonymised already: nothing to do
            raise
        return False


def anonymise(campaign_id: str, person_id: str) -> bool:
    """Withdrawing from (or erasing after) a closed campaign: its frozen count stays as published."""
    return anonymise_record(shard_key(campaign_id, shard_of(person_id)), person_id, campaign_id)


def counted(campaign_id: str) -> tuple[int, dict[str, int]]:
    """The exact count now and its split by region (UNKNOWN: those who gave none), from one
    consistent read of every shard."""
    found = shard_tally.tally(campaign_id, utcnow().date())
    return found.total, found.by_region


def tally(campaign_id: str, today: date) -> Tally:
    """The campaign's counters as they stand, read consistently (store/shard_tally.py)."""
    found = shard_tally.tally(campaign_id, today)
    return Tally(found.total, found.by_region, found.settling,
                 {counter: tuple(names) for counter, names in found.gone_by.items()})


def remove_gone_by(gone_by: Mapping[str, Sequence[str]]) -> int:
    """Remove settling counters whose day has come (store/shard_tally.remove_gone_by)."""
    return shard_tally.remove_gone_by({counter: list(names) for counter, names in gone_by.items()})


def freeze_counters(campaign_id: str) -> None:
    """From now on no support or withdrawal can move the count (called when a campaign closes),
    but those made before the freeze that the supports' stream has still to bring (about a second):
    each counter keeps when it froze, once. Every shard, used or not: an absent counter would let
    a late support create it."""
    at = iso(utcnow())

    def freeze(shard: int) -> None:
        frozen_at = SupportCounterRecord.frozen_at
        _counter(campaign_id, shard).update(actions=[SupportCounterRecord.frozen.set(True),
                                                     frozen_at.set(frozen_at | at),  # if_not_exists: once
                                                     SupportCounterRecord.campaign_id.set(campaign_id)])

    with ThreadPoolExecutor(max_workers=FREEZE_PARALLELISM) as pool:
        list(pool.map(freeze, range(SHARDS)))


def supported_by(person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """The campaigns a person supports, newest support first (their supports of amendments, kept in
    the same table, are left out: a page may then hold fewer; follow the cursor)."""
    # Here, not at the top: the amendments' rules (~3 ms to import) would ride on every first support.
    from chalicelib.domain.amendments import AMENDMENT_PREFIX

    return campaigns_of_person(SupportRecord.by_supporter, person_id, limit, cursor,
                               ~SupportRecord.campaign_shard.startswith(AMENDMENT_PREFIX))
