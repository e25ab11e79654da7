"""The feed table: each person's updates, 90 days."""

from __future__ import annotations

from pynamodb.attributes import MapAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class FeedItemRecord(BaseRecord):
    """One update in one person's feed. Written once per person per event by a conditional
    put: the put succeeding is what lets the push and the email go, so a fan-out resumed after
    a crash sends nobody anything twice.
    Access patterns: a person's feed, newest first: Query on `person_id`."""

    Meta = meta_for("feed")
    person_id = UnicodeAttribute(hash_key=True)
    item_key = UnicodeAttribute(range_key=True)  # "<event time>#<campaign>#<event key>"
    campaign_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    title = UnicodeAttribute()
    text = UnicodeAttribute()
    url = UnicodeAttribute()
    # The title and text in the site's other languages, {"cy": {"title": ..., "text": ...}}: the feed
    # shows the reader's (issue 29); items written before it have none, and show `title` and `text`.
    translations: MapAttribute = MapAttribute(null=True)
    created_at = UnicodeAttribute()
    expires_at = NumberAttribute()  # DynamoDB TTL: feed items go after 90 days
