"""Supporting and withdrawing: one transaction each, on the person's shard of the campaign.
Whether a campaign takes support is the domain's rule (`require_takes_support`), asked by
`logic.support`; here the frozen counters refuse any support once a campaign has closed (the
write's "counter" condition, reported as `ConditionFailed`).

Idempotent per person: the support item's conditional put (or delete) decides whether the
counter moves, in the same transaction, so the shards always sum to the number of supporters.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.domain.amendments import AMENDMENT_PREFIX
from chalicelib.domain.campaigns import Snapshot
from chalicelib.domain.errors import Busy, ConditionFailed
from chalicelib.domain.limits import Limit
from chalicelib.domain.privacy import anonymous_supporter_id
from chalicelib.domain.regional_figures import RegionalStanding, Tally
from chalicelib.domain.regions import counted_as, counted_region
from chalicelib.domain.shards import SHARDS, shard_key, shard_of
from chalicelib.store import shard_tally
from chalicelib.store.base import Transaction, iso, utcnow
from chalicelib.store.guards import Guards
from chalicelib.store.pagination import campaigns_of_person
from chalicelib.store.person_regions import known_region, region_known
from chalicelib.store.read_cache import campaign_status
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.support_counters import SupportCounterRecord, region_counter, settling_attribute
from chalicelib.store.tables.supports import SupportRecord

CONFLICT_RETRIES = 6
FREEZE_PARALLELISM = 16


def campaign_snapshot(campaign_id: str) -> Snapshot | None:
    """A campaign's status, hidden flag and shown count, kept two seconds per container
    (`read_cache.campaign_status` says why that is safe); None for no such campaign. Closing stays
    exact: it freezes the counters every support writes to."""
    cached = campaign_status.get(campaign_id)
    if cached is not None:
        return cached
    try:
        record = CampaignRecord.get(campaign_id, attributes_to_get=[
            "status", "hidden", "support_count", "owner_id", "organisation_id", "area",
            "official_response.created_at"])  # not the response's words: they can be long
    except DoesNotExist:
        return None
    return campaign_status.put(campaign_id, Snapshot(
        record.status, bool(record.hidden), int(record.support_count or 0), record.owner_id,
        record.organisation_id, record.area, record.official_response is not None))


def forget_snapshot(campaign_id: str) -> None:
    """This container changed the campaign's status, visibility or answer: its next request reads it."""
    campaign_status.forget(campaign_id)


def commit_changed(build: Callable[[], Transaction], guards: Guards | None = None) -> bool:
    """Commit a person's transaction on their shard (a support or a follow, labelled "person",
    with its shard's "counter"), with `guards` inside it: True if it moved the count, False if the
    person's item was already as asked (its condition failed). Retries when another transaction
    held one of the items (TransactionConflict), with jittered backoff, or a guard's copy was stale.
    ConditionFailed "counter": the counters are frozen (the campaign closed, whatever a cache said);
    or a guard's (store/guards.py). Busy: still held after CONFLICT_RETRIES."""
    for attempt in range(CONFLICT_RETRIES):
        tx = build()
        if guards is not None:
            guards.add_to(tx)
        try:
            tx.commit()
            return True
        except TransactWriteError:
            if guards is not None and guards.stale(tx):  # refused (raised), or reread: build again
                continue
            if "counter" in tx.failed:  # frozen: the campaign closed, whatever a cache said
                raise ConditionFailed("counter") from None
            if "person" in tx.failed:
                return False
            if not tx.conflicted:
                raise
            time.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311 - jitter, not security
    raise Busy()


def _counter(campaign_id: str, shard: int) -> SupportCounterRecord:
    return SupportCounterRecord(counter_id=shard_key(campaign_id, shard), campaign_id=campaign_id)


def _region_moves(standing: RegionalStanding, today: date, by: int) -> list:
    """The counter moves of one support in its region: the region's counter, and while it has not
    settled, the counter of its cell and the day it settles (never for a day already come: readers
    ignore those, and the count handler removes them)."""
    counted_in = counted_region(standing.region)
    moves = [region_counter(counted_in).add(by)] if counted_in else []
    if not standing.settled_on(today) and standing.counts_from is not None:
        moves.append(settling_attribute(standing.counts_from, counted_as(counted_in)).add(by))
    return moves


def _held(standing: RegionalStanding) -> tuple[str | None, str | None]:
    """What a support made with `standing` stores: its region, and the day it counts there from."""
    return counted_region(standing.region), standing.counts_from.isoformat() if standing.counts_from else None


def support(campaign_id: str, person_id: str, *, consent_version: str, now=None, region: str | None = None,
            standing: RegionalStanding | None = None, limit: Limit | None = None) -> bool:
    """Record a person's support with the consent they gave (its wording's version and time), and
    where it counts in regional figures, from when: `standing` (or `region`, counted at once: demo
    data, tests), else from the profile, checked in the same transaction. It is counted there for
    good. One use of `limit`, if given, and the erasure check go in the same transaction. True if
    it is new; False if they already supported."""
    shard = shard_of(person_id)
    moment = now or utcnow()
    at = iso(moment)
    given = standing or (RegionalStanding(region) if region else None)
    guards = Guards(person_id, limit, region=given is None)

    def build() -> Transaction:
        held = given or known_region(person_id).standing(moment.date())
        counted_in, counts_from = _held(held)
        tx = Transaction()
        tx.save(SupportRecord(campaign_shard=shard_key(campaign_id, shard), supporter_id=person_id,
                              campaign_id=campaign_id, supported_at=at, consent_version=consent_version,
                              consented_at=at, region=counted_in, region_counts_from=counts_from),
                "person", condition=SupportRecord.supporter_id.does_not_exist())
        tx.update(_counter(campaign_id, shard), [SupportCounterRecord.count.add(1),
                                                 *_region_moves(held, moment.date(), 1),
                                                 SupportCounterRecord.campaign_id.set(campaign_id)],
                  "counter", condition=SupportCounterRecord.frozen.does_not_exist())
        return tx

    return commit_changed(build, guards)


class _NotSupporting:
    """What `_stored_standing` gives when there is no support to read."""


NOT_SUPPORTING = _NotSupporting()


def _stored_standing(shard_key_value: str, person_id: str) -> RegionalStanding | _NotSupporting:
    try:
        # The key is read with it: an item with no region would otherwise come back empty, as if absent.
        held = SupportRecord.get(shard_key_value, person_id, consistent_read=True,
                                 attributes_to_get=["supporter_id", "region", "region_counts_from"])
    except DoesNotExist:
        return NOT_SUPPORTING
    return RegionalStanding(held.region, date.fromisoformat(held.region_counts_from)
                            if held.region_counts_from else None)


def take_off(shard_key_value: str, person_id: str, new_transaction: Callable[[], Transaction] = Transaction,
             guards: Guards | None = None) -> bool:
    """Delete a person's support and take it off its shard's count and its region's (withdrawal,
    erasure). The delete is conditional on the region the support holds and the day it counts there
    from, so the count cannot come off a region (or a settling day) it was not counted in. With
    `guards` (a person's own request) both are guessed from the profile this container knows, as
    `support` stored them; a wrong guess fails the delete and the support is read then. Without,
    it is read first. True if there was one.
    `new_transaction`: the erasure's own, so its steps are interrupted and resumed as one."""
    guessed = guards is not None and region_known(person_id)
    stored: RegionalStanding | _NotSupporting
    if guessed:
        stored = known_region(person_id).standing(utcnow().date())
    else:
        stored = _stored_standing(shard_key_value, person_id)
    if not isinstance(stored, _NotSupporting) and _take_off_held(shard_key_value, person_id, stored,
                                                                 new_transaction, guards):
        return True
    if not guessed:
        return False
    stored = _stored_standing(shard_key_value, person_id)  # not supporting, or held another region
    return not isinstance(stored, _NotSupporting) and _take_off_held(shard_key_value, person_id, stored,
                                                                     new_transaction, guards)


def _take_off_held(shard_key_value: str, person_id: str, stored: RegionalStanding,
                   new_transaction: Callable[[], Transaction], guards: Guards | None) -> bool:
    region, counts_from = _held(stored)
    region_held = (SupportRecord.region == region) if region else SupportRecord.region.does_not_exist()
    from_held = (SupportRecord.region_counts_from == counts_from) if counts_from \
        else SupportRecord.region_counts_from.does_not_exist()

    def build() -> Transaction:
        tx = new_transaction()
        tx.delete(SupportRecord(campaign_shard=shard_key_value, supporter_id=person_id),
                  "person", condition=SupportRecord.supporter_id.exists() & region_held & from_held)
        tx.update(SupportCounterRecord(counter_id=shard_key_value),
                  [SupportCounterRecord.count.add(-1), *_region_moves(stored, utcnow().date(), -1)],
                  "counter", condition=SupportCounterRecord.frozen.does_not_exist())
        return tx

    return commit_changed(build, guards)


def withdraw(campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
    """Withdraw a person's support, with one use of `limit` (if given) in the same transaction.
    True if they had supported; False if not. (No erasure check: taking back is always allowed.)"""
    return take_off(shard_key(campaign_id, shard_of(person_id)), person_id,
                    guards=Guards(person_id, limit, not_erasing=False))


def anonymise_record(campaign_shard: str, supporter_id: str, campaign_id: str) -> bool:
    """Replace a person's support with one that stands only for "one supporter in this region": no
    time, no consent, no `by_supporter` key. The counters (total and region) are not touched, so
    the shard still holds one item per counted support. True if there was a support to anonymise."""
    try:
        region = SupportRecord.get(campaign_shard, supporter_id, consistent_read=True,
                                   attributes_to_get=["supporter_id", "region"]).region
    except DoesNotExist:
        return False
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
    """From now on no support or withdrawal can move the count (called when a campaign closes).
    Every shard, used or not: an absent counter would let a late support create it."""

    def freeze(shard: int) -> None:
        _counter(campaign_id, shard).update(actions=[SupportCounterRecord.frozen.set(True),
                                                     SupportCounterRecord.campaign_id.set(campaign_id)])

    with ThreadPoolExecutor(max_workers=FREEZE_PARALLELISM) as pool:
        list(pool.map(freeze, range(SHARDS)))


def supported_by(person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """The campaigns a person supports, newest support first (their supports of amendments, kept in
    the same table, are left out: a page may then hold fewer; follow the cursor)."""
    return campaigns_of_person(SupportRecord.by_supporter, person_id, limit, cursor,
                               ~SupportRecord.campaign_shard.startswith(AMENDMENT_PREFIX))
