"""The responses table: ministers' official responses."""

from __future__ import annotations

from pynamodb.attributes import (
    UnicodeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for


class MinisterIndex(GlobalSecondaryIndex["ResponseRecord"]):
    class Meta:
        index_name = "by_minister"
        projection = KeysOnlyProjection()

    minister_id = UnicodeAttribute(hash_key=True)
    response_key = UnicodeAttribute(range_key=True)


class ResponseRecord(BaseRecord):
    """Every official response ever given, the current one and those it superseded.
    Access patterns:
    - a campaign's responses, newest first: Query on `campaign_id`
    - a minister's responses (their data export, erasure): Query on index `by_minister`
    """

    Meta = meta_for("responses")
    campaign_id = UnicodeAttribute(hash_key=True)
    response_key = UnicodeAttribute(range_key=True)  # "<ISO time>#<id>"
    minister_id = UnicodeAttribute()
    area = UnicodeAttribute()
    stance = UnicodeAttribute()
    body = UnicodeAttribute()
    created_at = UnicodeAttribute()
    by_minister = MinisterIndex()
