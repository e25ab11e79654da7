"""The notification-settings table: each person's choices."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, MapAttribute, UnicodeAttribute

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
    # Where update emails and alerts go: only an address known to be the person's (their verified
    # sign-in email, or one confirmed through a signed link). Nothing is sent to `pending_email`.
    email = UnicodeAttribute(null=True)
    pending_email = UnicodeAttribute(null=True)  # given, its confirmation link sent, not yet followed
    subscription_arn = UnicodeAttribute(null=True)
    mailbox_subscription_arn = UnicodeAttribute(null=True)  # local stage: the /dev/mailbox mirror
    # Set when a phone is registered: a fan-out looks for devices only for these people.
    has_devices = BooleanAttribute(null=True)
    # The newest feed item's key when the person last opened their feed: newer ones are unread.
    # Written by UpdateItem alone (store.notifications.mark_feed_seen), never by the settings form.
    feed_seen_key = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()
