"""The follows table: people who want a campaign's updates without supporting it.

Laid out like supports (`<campaign>#<shard>`, the same hash of the person), so the fan-out
pages through followers exactly as it pages through supporters.
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for


class FollowerIndex(GlobalSecondaryIndex["FollowRecord"]):
    class Meta:
        index_name = "by_person"
        projection = KeysOnlyProjection()

    person_id = UnicodeAttribute(hash_key=True)
    followed_at = UnicodeAttribute(range_key=True)


class FollowRecord(BaseRecord):
    """One item per person following a campaign. Seen only by that person.
    Access patterns:
    - does this person follow this campaign: GetItem on (`campaign_shard`, `person_id`)
    - a campaign's followers, shard by shard (fan-out): Query on `campaign_shard`
    - what a person follows, newest first (their list, export, erasure): Query on index `by_person`
    """

    Meta = meta_for("follows")
    campaign_shard = UnicodeAttribute(hash_key=True)
    person_id = UnicodeAttribute(range_key=True)
    campaign_id = UnicodeAttribute()
    followed_at = UnicodeAttribute()
    # Made through a route that spends the person's `follows` limit: the follows' stream charges it,
    # and its unfollow, to the person's rate-limit item (store/stream_backstop.py).
    limited = BooleanAttribute(null=True)
    # Set by the follows' stream just before it removes a follow past the person's rate limit
    # (store/stream_backstop.py): its REMOVE takes the count off and is not a use of the limit.
    over_limit = BooleanAttribute(null=True)
    by_person = FollowerIndex()
