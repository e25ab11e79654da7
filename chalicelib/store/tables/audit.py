"""The audit table: who decided what, when and why."""

from __future__ import annotations

from pynamodb.attributes import (
    UnicodeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for


class ActorIndex(GlobalSecondaryIndex["AuditRecord"]):
    class Meta:
        index_name = "by_actor"
        projection = KeysOnlyProjection()

    actor_id = UnicodeAttribute(hash_key=True)
    at_id = UnicodeAttribute(range_key=True)


class AuditRecord(BaseRecord):
    """Who decided what, when and why: moderation decisions and other privileged acts.
    Access patterns:
    - the history of one subject (`campaign#<id>`), oldest first: Query on `subject`
    - what one person did (erasing their account credits it to a former member): index `by_actor`
    """

    Meta = meta_for("audit")
    subject = UnicodeAttribute(hash_key=True)
    at_id = UnicodeAttribute(range_key=True)  # "<ISO time>#<uuid>": ordered, unique
    actor_id = UnicodeAttribute()
    action = UnicodeAttribute()
    reason = UnicodeAttribute(default="")
    # What the decision changed, as it was before (an amendment's clause: its words when decided).
    before = UnicodeAttribute(null=True)
    by_actor = ActorIndex()
