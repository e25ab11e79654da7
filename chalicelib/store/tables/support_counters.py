"""The support-counters table: one counter per campaign shard."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.domain.regions import REGION_IDS
from chalicelib.store.base import BaseRecord, meta_for


class SupportCounterRecord(BaseRecord):
    """One counter per campaign shard, changed in the same transaction as the support (or follow).
    Access patterns:
    - all of a campaign's counters: BatchGetItem on `counter_id` for every shard
    Each support by someone who gave a region also moves that region's counter (`region_*`,
    domain.regions); the rest of `count` is "region not given", so old supports need no backfill.
    `frozen` is set on every shard when the campaign closes: the count is final from then on.
    """

    Meta = meta_for("support-counters")
    counter_id = UnicodeAttribute(hash_key=True)
    campaign_id = UnicodeAttribute()
    count = NumberAttribute(default=0)
    frozen = BooleanAttribute(null=True)
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


def _name(region_id: str) -> str:
    return "region_" + region_id.replace("-", "_")


def region_counter(region_id: str) -> NumberAttribute:
    """The counter attribute of one of domain.regions.REGION_IDS."""
    return getattr(SupportCounterRecord, _name(region_id))


def region_counts(counter: SupportCounterRecord) -> dict[str, int]:
    """This shard's supporters in each region given (not those who gave none)."""
    return {region: int(getattr(counter, _name(region)) or 0) for region in REGION_IDS}
