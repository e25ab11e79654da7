"""The nightly recount: every open campaign's shard counters checked against its supporters.

A batch job (Queries on each shard, never a Scan): it repairs any drift it finds, in the total
and in the region counts kept beside it, and says what it repaired. A counter is only
overwritten if it did not move while it was counted.

The counters follow the supports from the supports' stream (store/stream_tally.py), about a second
behind; a support written but not yet applied looks like drift. So a shard that differs is looked
at again after SETTLE_SECONDS: only if neither its items nor its counter's stream checkpoint moved
in between (nothing was applied, nothing was written) is the difference drift, and repaired, on
condition that the checkpoint is still the one read."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action

from chalicelib.domain.regions import REGION_IDS
from chalicelib.domain.shards import SHARDS, shard_key
from chalicelib.store.base import is_condition_failure
from chalicelib.store.tables.support_counters import SupportCounterRecord, region_counter, region_counts
from chalicelib.store.tables.supports import SupportRecord

PARALLEL_SHARDS = 8
SETTLE_SECONDS = 30.0  # far beyond the stream's lag (p95 about 2 s); a stream stalled longer raises IteratorAge


@dataclass(frozen=True)
class Repair:
    campaign_id: str
    shard: int
    counted: int
    truth: int
    regions: dict[str, tuple[int, int]] = field(default_factory=dict)  # region: (counted, truth), where they differ


def _counter(key: str) -> SupportCounterRecord | None:
    try:
        return SupportCounterRecord.get(key, consistent_read=True)
    except DoesNotExist:
        return None


def _supporters(key: str) -> tuple[int, dict[str, int]]:
    """The shard's supporters, and how many gave each region: one paged Query reading only the
    region (the same items a COUNT would read)."""
    total, regions = 0, Counter[str]()
    for support in SupportRecord.query(key, consistent_read=True, attributes_to_get=["supporter_id", "region"]):
        total += 1
        if support.region in REGION_IDS:
            regions[support.region] += 1
    return total, {region: regions[region] for region in REGION_IDS}


def _looked(key: str) -> tuple[SupportCounterRecord | None, int, dict[str, int]]:
    counter = _counter(key)
    truth, regions_truth = _supporters(key)
    return counter, truth, regions_truth


def _checkpoint(counter: SupportCounterRecord | None) -> str | None:
    return counter.applied_supports if counter is not None else None


def _recount_shard(campaign_id: str, shard: int) -> Repair | None:
    key = shard_key(campaign_id, shard)
    counter, truth, regions_truth = _looked(key)
    before = int(counter.count or 0) if counter is not None else 0
    regions_before = region_counts(counter) if counter is not None else dict.fromkeys(REGION_IDS, 0)
    drifted = {r: (regions_before[r], regions_truth[r]) for r in REGION_IDS if regions_before[r] != regions_truth[r]}
    if before == truth and not drifted:
        return None
    time.sleep(SETTLE_SECONDS)  # a support still in the stream looks like drift: look again
    again, truth_again, regions_again = _looked(key)
    if (truth_again, regions_again, _checkpoint(again)) != (truth, regions_truth, _checkpoint(counter)) or \
            (again is None) != (counter is None) or (again is not None and again.count != before):
        return None  # it moved: in flight, not drift
    condition: Condition
    if counter is None:
        condition = SupportCounterRecord.counter_id.does_not_exist()
    else:  # unmoved since it was read: the total, every region and the stream's checkpoint
        condition = SupportCounterRecord.count == counter.count
        checkpoint = _checkpoint(counter)
        condition &= (SupportCounterRecord.applied_supports == checkpoint) if checkpoint is not None \
            else SupportCounterRecord.applied_supports.does_not_exist()
        for region in drifted:
            attribute = region_counter(region)
            held = getattr(counter, attribute.attr_name)
            condition &= (attribute == held) if held is not None else attribute.does_not_exist()
    actions: list[Action] = [SupportCounterRecord.count.set(truth), SupportCounterRecord.campaign_id.set(campaign_id),
               *(region_counter(region).set(now) for region, (_, now) in drifted.items())]
    try:
        SupportCounterRecord(counter_id=key, campaign_id=campaign_id).update(actions=actions, condition=condition)
    except UpdateError as exc:
        if is_condition_failure(exc):  # supports moved it meanwhile: tonight's count is moot
            return None
        raise
    return Repair(campaign_id, shard, before, truth, drifted)


def recount_campaign(campaign_id: str) -> list[Repair]:
    with ThreadPoolExecutor(max_workers=PARALLEL_SHARDS) as pool:
        found = pool.map(lambda shard: _recount_shard(campaign_id, shard), range(SHARDS))
        return [repair for repair in found if repair is not None]
