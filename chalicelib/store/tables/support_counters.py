"""The support-counters table: one counter per campaign shard."""

from __future__ import annotations

import re
from datetime import date

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.domain.regions import COUNTED_AS, REGION_IDS
from chalicelib.store.base import BaseRecord, meta_for


class SupportCounterRecord(BaseRecord):
    """One counter per campaign shard, moved by the supports' (and follows') stream, not the write.
    Access patterns:
    - all of a campaign's counters: BatchGetItem on `counter_id` for every shard
    Each support by someone who gave a region also moves that region's counter (`region_*`,
    domain.regions); the rest of `count` is "region not given", so old supports need no backfill.
    `frozen` is set on every shard when the campaign closes: the count is final from then on.
    Supports not yet settled (domain.regional_figures) are also counted by the day they settle and
    their cell, in attributes named by `settling_attribute` (`s<day><cell code>`, short, so that even
    a viral day's four days of 13 cells keep the item under 1 KB: the stream's write stays 1 write
    unit). Readers ignore days gone by; the count handler removes them.
    """

    Meta = meta_for("support-counters")
    counter_id = UnicodeAttribute(hash_key=True)
    campaign_id = UnicodeAttribute()
    count = NumberAttribute(default=0)  # type: ignore[assignment]  # shadows Model.count, never used on this table
    frozen = BooleanAttribute(null=True)
    # When this counter froze (ISO time, set once): a support made before it still counts when the
    # stream brings it after; one made after is removed (store/stream_tally.py). Absent on counters
    # frozen before the stream moved them: nothing moves them.
    frozen_at = UnicodeAttribute(null=True)
    # The last record applied from the supports' and the follows' streams (zero-padded sequence
    # numbers): each stream moves a counter exactly once per record (store/stream_tally.py).
    applied_supports = UnicodeAttribute(null=True)
    applied_follows = UnicodeAttribute(null=True)
    # Followers on this shard, moved with each follow: the fan-out pages only shards with people.
    # Not frozen at close: a closed campaign can still be followed.
    followers = NumberAttribute(null=True)
    # Supporters on this shard by the region they gave (domain.regions.COUNTED_AS).
    region_north_east = NumberAttribute(null=True)
    region_north_west = NumberAttribute(null=True)
    region_yorkshire_humber = NumberAttribute(null=True)
    region_east_midlands = NumberAttribute(null=True)
    region_west_midlands = NumberAttribute(null=True)
    region_east = NumberAttribute(null=True)
    region_london = NumberAttribute(null=True)
    region_south_east = NumberAttribute(null=True)
    region_south_west = NumberAttribute(null=True)
    region_wales = NumberAttribute(null=True)
    region_scotland = NumberAttribute(null=True)
    region_northern_ireland = NumberAttribute(null=True)


def region_attribute_name(region_id: str) -> str:
    return "region_" + region_id.replace("-", "_")


def region_counter(region_id: str) -> NumberAttribute:
    """The counter attribute of one of domain.regions.REGION_IDS."""
    return getattr(SupportCounterRecord, region_attribute_name(region_id))


def region_counts(counter: SupportCounterRecord) -> dict[str, int]:
    """This shard's supporters in each region given (not those who gave none)."""
    return {region: int(getattr(counter, region_attribute_name(region)) or 0) for region in REGION_IDS}


# One letter per cell, for good: stored in attribute names (append new cells; never reorder).
CELL_CODES: dict[str, str] = {
    "north-east": "a", "north-west": "b", "yorkshire-humber": "c", "east-midlands": "d", "west-midlands": "e",
    "east": "f", "london": "g", "south-east": "h", "south-west": "i", "wales": "j", "scotland": "k",
    "northern-ireland": "l", "unknown": "u"}
CELLS_BY_CODE = {code: cell for cell, code in CELL_CODES.items()}
assert set(CELL_CODES) == set(COUNTED_AS)
DAY_ZERO = date(2024, 1, 1)
_SETTLING_NAME = re.compile(r"^s(\d+)([a-z])$")


def settling_attribute(day: date, cell: str) -> NumberAttribute:
    """The counter of `cell`'s supporters on this shard who settle on `day` (not a model attribute:
    its name holds the day)."""
    return NumberAttribute(attr_name=f"s{(day - DAY_ZERO).days}{CELL_CODES[cell]}")


def settling_of(name: str) -> tuple[date, str] | None:
    """(day, cell) of a settling attribute's name; None for any other attribute."""
    found = _SETTLING_NAME.match(name)
    if not found or found.group(2) not in CELLS_BY_CODE:
        return None
    return date.fromordinal(DAY_ZERO.toordinal() + int(found.group(1))), CELLS_BY_CODE[found.group(2)]
