"""The nightly recount: every open campaign's shard counters checked against its supporters.

A batch job (Queries on each shard, never a Scan): it repairs any drift it finds and says
what it repaired. A counter is only overwritten if it did not move while it was counted."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.domain.shards import SHARDS, shard_key
from chalicelib.store.base import is_condition_failure
from chalicelib.store.tables.support_counters import SupportCounterRecord
from chalicelib.store.tables.supports import SupportRecord

PARALLEL_SHARDS = 8


@dataclass(frozen=True)
class Repair:
    campaign_id: str
    shard: int
    counted: int
    truth: int


def _counter_value(key: str) -> int | None:
    try:
        return int(SupportCounterRecord.get(key, consistent_read=True).count or 0)
    except DoesNotExist:
        return None


def _recount_shard(campaign_id: str, shard: int) -> Repair | None:
    key = shard_key(campaign_id, shard)
    before = _counter_value(key)
    truth = SupportRecord.count(key, consistent_read=True)
    if (before or 0) == truth:
        return None
    condition = (SupportCounterRecord.count == before) if before is not None else \
        SupportCounterRecord.counter_id.does_not_exist()
    try:
        SupportCounterRecord(counter_id=key, campaign_id=campaign_id).update(
            actions=[SupportCounterRecord.count.set(truth), SupportCounterRecord.campaign_id.set(campaign_id)],
            condition=condition)
    except UpdateError as exc:
        if is_condition_failure(exc):  # supports moved it meanwhile: tonight's count is moot
            return None
        raise
    return Repair(campaign_id, shard, before or 0, truth)


def recount_campaign(campaign_id: str) -> list[Repair]:
    with ThreadPoolExecutor(max_workers=PARALLEL_SHARDS) as pool:
        found = pool.map(lambda shard: _recount_shard(campaign_id, shard), range(SHARDS))
        return [repair for repair in found if repair is not None]
