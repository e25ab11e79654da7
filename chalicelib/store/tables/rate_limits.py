"""The rate-limits table: the last uses of a limited action, expired by TTL."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from chalicelib.store.base import BaseRecord, meta_for


class RateLimitRecord(BaseRecord):
    """The times of the last uses of one limited action by one person (or on one campaign),
    at most the limit's count of them (`domain.limits.decide`); expires with DynamoDB's TTL a
    window after the newest. Access patterns: a consistent read, then a put conditional on
    `revision` unchanged, on `key` ("<action>#<person or campaign id>")."""

    Meta = meta_for("rate-limits")
    key = UnicodeAttribute(hash_key=True)
    uses = ListAttribute(of=NumberAttribute, default=list)
    revision = NumberAttribute(default=0)
    expires_at = NumberAttribute()
