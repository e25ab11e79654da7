"""What reaches people: their choices, their phones, their feed, and (locally) ministers' mail."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class NotificationSettingsRecord(BaseRecord):
    """One item per person who chose anything.
    Access patterns: GetItem on `person_id` (their settings page, each fan-out recipient)."""

    Meta = meta_for("notification-settings")
    person_id = UnicodeAttribute(hash_key=True)
    # kind of update -> channels ("feed", "push", "email") for supporters' updates
    channels = MapAttribute(default=dict)
    # ministers: which alert kinds their email subscription carries, and where it is
    alert_kinds = ListAttribute(of=UnicodeAttribute, default=list)
    email = UnicodeAttribute(null=True)  # only what the person gave for alerts or updates
    subscription_arn = UnicodeAttribute(null=True)
    mailbox_subscription_arn = UnicodeAttribute(null=True)  # local stage: the /dev/mailbox mirror
    # Set when a phone is registered: a fan-out looks for devices only for these people.
    has_devices = BooleanAttribute(null=True)
    updated_at = UnicodeAttribute()


class DeviceRecord(BaseRecord):
    """Phones registered for push, each an SNS platform endpoint.
    Access patterns: a person's devices: Query on `person_id`."""

    Meta = meta_for("devices")
    person_id = UnicodeAttribute(hash_key=True)
    device_id = UnicodeAttribute(range_key=True)  # hash of the token: a token is registered once
    platform = UnicodeAttribute()
    endpoint_arn = UnicodeAttribute()
    created_at = UnicodeAttribute()


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
    created_at = UnicodeAttribute()
    expires_at = NumberAttribute()  # DynamoDB TTL: feed items go after 90 days


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
