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
    """Who decided what, when and why: moderation decisions and other privileged acts, and the
    decisions refused for a conflict of interest (store/refusals.py).
    Access patterns:
    - the history of one subject (`campaign#<id>`), oldest first: Query on `subject`
    - every refusal, newest first: Query on `subject` = `refusal`, descending
    - what one person did (erasing their account credits it to a former member): index `by_actor`
    """

    Meta = meta_for("audit")
    subject = UnicodeAttribute(hash_key=True)
    at_id = UnicodeAttribute(range_key=True)  # "<ISO time>#<uuid>": ordered, unique
    actor_id = UnicodeAttribute()
    action = UnicodeAttribute()
    reason = UnicodeAttribute(default="")
    # A refusal's: what the refused decision was about (`campaign#<id>`, `reply#<id>`), the campaign
    # it concerns, and what was asked for (a stage, a stance, hide or restore, approve or reject).
    target = UnicodeAttribute(null=True)
    campaign_id = UnicodeAttribute(null=True)
    requested = UnicodeAttribute(null=True)
    # What the decision changed, as it was before (an amendment's clause: its words when decided).
    before = UnicodeAttribute(null=True)
    by_actor = ActorIndex()
