"""The supports table: who supports what, on the campaign's shards."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for


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
    # The region the supporter gave when they supported (domain.regions.counted_region), kept when
    # anonymised: a withdrawal or erasure takes the count off this region, whatever the profile says later.
    region = UnicodeAttribute(null=True)
    # The first UTC day the support counts in its region's figures (ISO date; domain.regional_figures),
    # fixed when it is made; absent on supports made before settling existed: they count at once.
    region_counts_from = UnicodeAttribute(null=True)
    # Set just before the support is replaced by an anonymous one, so that its REMOVE in the stream
    # is known as that, and moves no count (store/stream_tally.py).
    anonymising = BooleanAttribute(null=True)
    # The region facts came from the request's container's copy of the profile, not a read made with
    # the support: the supports' stream checks them against the profile before counting it (and
    # corrects the item if they were stale), so a support still counts where the profile says.
    region_from_copy = BooleanAttribute(null=True)
    # Made through a route that spends the person's rate limit (`support_changes`): the supports'
    # stream charges it, and its withdrawal, to the person's rate-limit item (store/stream_backstop.py).
    # Absent on what seeds and jobs write: no use of anyone's limit.
    limited = BooleanAttribute(null=True)
    # Set by the supports' stream just before it removes a support past the person's rate limit
    # (store/stream_backstop.py): its REMOVE takes the count off and is not a use of the limit.
    over_limit = BooleanAttribute(null=True)
    by_supporter = SupporterIndex()
