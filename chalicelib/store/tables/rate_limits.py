"""The rate-limits table: counts per person per window, expired by TTL."""

from __future__ import annotations

from pynamodb.attributes import (
    NumberAttribute,
    UnicodeAttribute,
)

from chalicelib.store.base import BaseRecord, meta_for


class RateLimitRecord(BaseRecord):
    """How many times a person did something in a window; expires with DynamoDB's TTL.
    Access patterns: a conditional ADD on `key` ("replies#<person>#<window start>")."""

    Meta = meta_for("rate-limits")
    key = UnicodeAttribute(hash_key=True)
    count = NumberAttribute(default=0)
    expires_at = NumberAttribute()
