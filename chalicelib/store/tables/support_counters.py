"""The support-counters table: one counter per campaign shard."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class SupportCounterRecord(BaseRecord):
    """One counter per campaign shard, changed in the same transaction as the support (or follow).
    Access patterns:
    - all of a campaign's counters: BatchGetItem on `counter_id` for every shard
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
