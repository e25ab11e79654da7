"""Supporting and withdrawing: one transaction each, on the person's shard of the campaign.

Idempotent per person: the support item's conditional put (or delete) decides whether the
counter moves, in the same transaction, so the shards always sum to the number of supporters.
"""

from __future__ import annotations

import random
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.domain.campaigns import Status
from chalicelib.domain.errors import Conflict, DependencyUnavailable, NotFound
from chalicelib.store.base import Transaction, iso, utcnow
from chalicelib.store.campaign_records import CampaignRecord
from chalicelib.store.pagination import campaigns_of_person
from chalicelib.store.support_records import (
    SHARDS,
    SupportCounterRecord,
    SupportRecord,
    shard_key,
    shard_of,
)

STATUS_CACHE_SECONDS = 2.0
STATUS_CACHE_SIZE = 2048
CONFLICT_RETRIES = 6
FREEZE_PARALLELISM = 16
_status_cache: OrderedDict[str, tuple[str, int, float]] = OrderedDict()


def campaign_snapshot(campaign_id: str) -> tuple[str, int]:
    """A campaign's status and shown count, cached for two seconds per process: at 5,000
    supports a second, a read of the campaign item per support would put 2,500 read units a
    second on one key. Closing stays exact: it freezes the counters every support writes to."""
    cached = _status_cache.get(campaign_id)
    if cached and time.monotonic() - cached[2] < STATUS_CACHE_SECONDS:
        return cached[0], cached[1]
    try:
        record = CampaignRecord.get(campaign_id, attributes_to_get=["status", "support_count"])
    except DoesNotExist as exc:
        raise NotFound("No such campaign.", code="campaign_not_found") from exc
    _status_cache[campaign_id] = (record.status, int(record.support_count or 0), time.monotonic())
    _status_cache.move_to_end(campaign_id)
    while len(_status_cache) > STATUS_CACHE_SIZE:
        _status_cache.popitem(last=False)
    return record.status, int(record.support_count or 0)


def forget_cached_snapshots() -> None:
    """Forget the statuses and counts this process cached (they would expire in two seconds)."""
    _status_cache.clear()


def campaign_status(campaign_id: str) -> str:
    return campaign_snapshot(campaign_id)[0]


def _check_open(status: str) -> None:
    if status in (Status.CLOSED.value,):
        raise _not_open(status)
    if status != Status.OPEN.value:  # drafts and the like: not visible, so not found
        raise NotFound("No such campaign.", code="campaign_not_found")


def _not_open(status: str) -> Conflict:
    return Conflict("Only open campaigns take support; a closed campaign keeps its final count.",
                    code="campaign_not_open", details={"status": status})


def commit_changed(build: Callable[[], Transaction]) -> bool:
    """Commit a person's transaction on their shard (a support or a follow, labelled "person",
    with its shard's "counter"): True if it moved the count, False if the person's item was
    already as asked (its condition failed). Retries when another transaction held one of the
    items (TransactionConflict), with jittered backoff."""
    for attempt in range(CONFLICT_RETRIES):
        tx = build()
        try:
            tx.commit()
            return True
        except TransactWriteError:
            if "counter" in tx.failed:
                raise _not_open(Status.CLOSED.value) from None
            if "person" in tx.failed:
                return False
            if not tx.conflicted:
                raise
            time.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311 - jitter, not security
    raise DependencyUnavailable("This campaign is very busy; please try again.", retry_after=1)


def _counter(campaign_id: str, shard: int) -> SupportCounterRecord:
    return SupportCounterRecord(counter_id=shard_key(campaign_id, shard), campaign_id=campaign_id)


def support(campaign_id: str, person_id: str, *, consent_version: str, now=None) -> bool:
    """Record a person's support with the consent they gave (its wording's version and time).
    True if it is new; False if they already supported."""
    _check_open(campaign_status(campaign_id))
    shard = shard_of(person_id)
    at = iso(now or utcnow())

    def build() -> Transaction:
        tx = Transaction()
        tx.save(SupportRecord(campaign_shard=shard_key(campaign_id, shard), supporter_id=person_id,
                              campaign_id=campaign_id, supported_at=at, consent_version=consent_version,
                              consented_at=at),
                "person", condition=SupportRecord.supporter_id.does_not_exist())
        tx.update(_counter(campaign_id, shard), [SupportCounterRecord.count.add(1),
                                                 SupportCounterRecord.campaign_id.set(campaign_id)],
                  "counter", condition=SupportCounterRecord.frozen.does_not_exist())
        return tx

    return commit_changed(build)


def withdraw(campaign_id: str, person_id: str) -> bool:
    """Withdraw a person's support. True if they had supported; False if not."""
    _check_open(campaign_status(campaign_id))
    shard = shard_of(person_id)

    def build() -> Transaction:
        tx = Transaction()
        tx.delete(SupportRecord(campaign_shard=shard_key(campaign_id, shard), supporter_id=person_id),
                  "person", condition=SupportRecord.supporter_id.exists())
        tx.update(_counter(campaign_id, shard), [SupportCounterRecord.count.add(-1)],
                  "counter", condition=SupportCounterRecord.frozen.does_not_exist())
        return tx

    return commit_changed(build)


def is_supporting(campaign_id: str, person_id: str) -> bool:
    try:
        SupportRecord.get(shard_key(campaign_id, shard_of(person_id)), person_id)
        return True
    except DoesNotExist:
        return False


def counted_total(campaign_id: str) -> int:
    """The exact count now: the sum of every shard's counter, read consistently."""
    keys = [shard_key(campaign_id, shard) for shard in range(SHARDS)]
    return sum(int(c.count or 0) for c in SupportCounterRecord.batch_get(keys, consistent_read=True))


def freeze_counters(campaign_id: str) -> None:
    """From now on no support or withdrawal can move the count (called when a campaign closes).
    Every shard, used or not: an absent counter would let a late support create it."""

    def freeze(shard: int) -> None:
        _counter(campaign_id, shard).update(actions=[SupportCounterRecord.frozen.set(True),
                                                     SupportCounterRecord.campaign_id.set(campaign_id)])

    with ThreadPoolExecutor(max_workers=FREEZE_PARALLELISM) as pool:
        list(pool.map(freeze, range(SHARDS)))


def supported_by(person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """The campaigns a person supports, newest support first."""
    return campaigns_of_person(SupportRecord.by_supporter, person_id, limit, cursor)
