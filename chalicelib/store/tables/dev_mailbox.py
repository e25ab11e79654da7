"""The dev-mailbox table (local stage only)."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class DevMailRecord(BaseRecord):
    """Local stage only: what each minister's email subscription would have received.
    Access patterns: a minister's mail, oldest first: Query on `person_id`."""

    Meta = meta_for("dev-mailbox")
    person_id = UnicodeAttribute(hash_key=True)
    received_key = UnicodeAttribute(range_key=True)  # "<time>#<message id>"
    subject = UnicodeAttribute()
    text = UnicodeAttribute()
    area = UnicodeAttribute()
    kind = UnicodeAttribute()
