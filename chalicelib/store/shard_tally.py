"""One consistent read of a campaign's 128 shard counters: the total, every supporter by cell, and
those still settling by the day they settle (README, "Regions and the canvass"). Read raw, with the
low-level client: the settling counters' names hold their day, so the model does not know them.

The count handler reads this whenever the counters move (two BatchGetItem calls, as before), and
writes it onto the campaign; the hourly schedule makes the regional snapshot from that, reading no
counter itself. Settling counters of days gone by are removed here, shard by shard, once: readers
already ignore them, so this only keeps the items small.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import UpdateError

from chalicelib.domain.regions import COUNTED_AS, REGION_IDS, UNKNOWN
from chalicelib.domain.shards import SHARDS, shard_key
from chalicelib.settings import get_settings
from chalicelib.store.base import batch_get, is_condition_failure, system_update
from chalicelib.store.tables.support_counters import SupportCounterRecord, region_attribute_name, settling_of

BATCH_KEYS = 100  # BatchGetItem's limit


@dataclass
class ShardTally:
    total: int = 0
    by_region: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED_AS, 0))
    # {ISO day: {cell: n}} for days after the day read: supports that count in their region from then.
    settling: dict[str, dict[str, int]] = field(default_factory=dict)
    # counter id -> names of settling counters whose day has come (not on frozen counters: those never move again).
    gone_by: dict[str, list[str]] = field(default_factory=dict)


def _counters(campaign_id: str) -> Iterator[dict[str, Any]]:
    table = get_settings().table_name("support-counters")
    keys = [{"counter_id": {"S": shard_key(campaign_id, shard)}} for shard in range(SHARDS)]
    for start in range(0, len(keys), BATCH_KEYS):
        yield from batch_get({table: {"Keys": keys[start:start + BATCH_KEYS], "ConsistentRead": True}}).get(table, [])


def _number(item: dict[str, Any], name: str) -> int:
    value = item.get(name)
    return int(value["N"]) if value and "N" in value else 0


def tally(campaign_id: str, today: date) -> ShardTally:
    """The campaign's counters as they stand, read consistently."""
    found = ShardTally()
    for item in _counters(campaign_id):
        found.total += _number(item, "count")
        for region in REGION_IDS:
            found.by_region[region] += _number(item, region_attribute_name(region))
        for name in item:
            day_and_cell = settling_of(name)
            if day_and_cell is None:
                continue
            day, cell = day_and_cell
            if day > today:
                cells = found.settling.setdefault(day.isoformat(), {})
                cells[cell] = cells.get(cell, 0) + _number(item, name)
            elif "frozen" not in item:
                found.gone_by.setdefault(item["counter_id"]["S"], []).append(name)
    found.by_region[UNKNOWN] = found.total - sum(found.by_region[r] for r in REGION_IDS)
    found.settling = {day: {c: n for c, n in cells.items() if n} for day, cells in sorted(found.settling.items())
                      if any(cells.values())}
    return found


def remove_gone_by(gone_by: dict[str, list[str]]) -> int:
    """Remove settling counters whose day has come: one UpdateItem per such shard, about once a
    day. A withdrawal racing it may write one back as -1; it is ignored, and removed next time."""
    for counter_id, names in sorted(gone_by.items()):
        try:
            system_update(SupportCounterRecord, counter_id,
                          actions=[NumberAttribute(attr_name=name).remove() for name in names],
                          condition=SupportCounterRecord.counter_id.exists())
        except UpdateError as exc:
            if not is_condition_failure(exc):
                raise
    return len(gone_by)
