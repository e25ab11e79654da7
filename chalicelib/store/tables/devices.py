"""The devices table: phones registered for push."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class DeviceRecord(BaseRecord):
    """Phones registered for push, each an SNS platform endpoint.
    Access patterns: a person's devices: Query on `person_id`."""

    Meta = meta_for("devices")
    person_id = UnicodeAttribute(hash_key=True)
    device_id = UnicodeAttribute(range_key=True)  # hash of the token: a token is registered once
    platform = UnicodeAttribute()
    endpoint_arn = UnicodeAttribute()
    created_at = UnicodeAttribute()
