"""Supports, their sharded counters, and the campaign events outbox.

Why shards (README, "Support at viral scale"): at 5,000 supports a second on one campaign, no
partition key may take more than 1,000 write units a second. A person's support lands on one
of SHARDS partitions (`<campaign>#<shard>`, by a hash of the person), together with that
shard's counter, in one transaction. The count shown is the sum of the shards, written onto
the campaign by the stream handler in `events/support_counts.py`.
"""

from __future__ import annotations

import hashlib

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for

SHARDS = 128


def shard_of(person_id: str) -> int:
    """Stable across processes (unlike hash()), and even across people."""
    return int.from_bytes(hashlib.blake2b(person_id.encode(), digest_size=4).digest(), "big") % SHARDS


def shard_key(campaign_id: str, shard: int) -> str:
    return f"{campaign_id}#{shard:03d}"


def campaign_of(shard_key_value: str) -> str:
    return shard_key_value.rsplit("#", 1)[0]


def shard_number(shard_key_value: str) -> int:
    return int(shard_key_value.rsplit("#", 1)[1])


class SupporterIndex(GlobalSecondaryIndex["SupportRecord"]):
    class Meta:
        index_name = "by_supporter"
        projection = KeysOnlyProjection()

    supporter_id = UnicodeAttribute(hash_key=True)
    supported_at = UnicodeAttribute(range_key=True)


class SupportRecord(BaseRecord):
    """One item per person supporting a campaign. Never shown to anyone but that person.
    Access patterns:
    - does this person support this campaign: GetItem on (`campaign_shard`, `supporter_id`)
    - a campaign's supporters, shard by shard (recount, fan-out): Query on `campaign_shard`
    - what a person supports, newest first: Query on index `by_supporter`
    Twelve months after a campaign closes its supports are anonymised: `supporter_id` becomes
    `anonymous#<random>` and the time and consent go, so the shards still sum to the count.
    """

    Meta = meta_for("supports")
    campaign_shard = UnicodeAttribute(hash_key=True)
    supporter_id = UnicodeAttribute(range_key=True)
    campaign_id = UnicodeAttribute()
    # Absent once anonymised (README, "Privacy"): the item then drops out of `by_supporter`.
    supported_at = UnicodeAttribute(null=True)
    consent_version = UnicodeAttribute(null=True)  # the wording the person agreed to (domain.consent)
    consented_at = UnicodeAttribute(null=True)
    by_supporter = SupporterIndex()


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


class CampaignEventRecord(BaseRecord):
    """The outbox: events that must not be lost (a milestone crossed, a response given), each
    written once by a conditional put in the same transaction as the change it reports.
    The table's stream feeds the publisher.
    Access patterns:
    - has this event happened: the conditional put on (`campaign_id`, `event_key`)
    - a campaign's events, in order of key: Query on `campaign_id`
    - a campaign's owner updates, newest first: Query on `campaign_id`, key begins with "update#"
    """

    Meta = meta_for("campaign-events")
    campaign_id = UnicodeAttribute(hash_key=True)
    event_key = UnicodeAttribute(range_key=True)  # "milestone#0000010000", ...
    kind = UnicodeAttribute()
    area = UnicodeAttribute()
    value = NumberAttribute(null=True)
    stance = UnicodeAttribute(null=True)  # responses: what the minister said, for the updates
    # owner updates: the event is the update itself (one write, so it cannot be lost)
    headline = UnicodeAttribute(null=True)
    body = UnicodeAttribute(null=True)
    author_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
