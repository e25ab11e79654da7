"""The notification-settings table: each person's choices."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import BooleanAttribute, ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection

from chalicelib.domain.shards import shard_of
from chalicelib.store.base import BaseRecord, meta_for


class ReachableIndex(GlobalSecondaryIndex["NotificationSettingsRecord"]):
    """Sparse: only people a fan-out may reach beyond their feed (a phone or an address), under the
    shard their supports and follows are in, so one Query covers a whole fan-out page's people.
    It projects their language too, so a push or an email goes in it with no read per person: a
    projection cannot change in place, so this is a new index beside the old `reachable` (README,
    "Notifications": how a deployment moves over)."""

    class Meta:
        index_name = "reachable-in-language"
        projection = IncludeProjection(["channels", "email", "has_devices", "language"])

    reach_shard = NumberAttribute(hash_key=True)
    person_id = UnicodeAttribute(range_key=True)


class ReachableBeforeLanguageIndex(GlobalSecondaryIndex["NotificationSettingsRecord"]):
    """The first `reachable`, without the language: nothing queries it; it stays in the template for
    the deployment that builds `reachable-in-language` (one index added or dropped per update) and
    goes in the next."""

    class Meta:
        index_name = "reachable"
        projection = IncludeProjection(["channels", "email", "has_devices"])

    reach_shard = NumberAttribute(hash_key=True)
    person_id = UnicodeAttribute(range_key=True)


class NotificationSettingsRecord(BaseRecord):
    """One item per person who chose anything.
    Access patterns:
    - GetItem on `person_id` (their settings page)
    - a fan-out page's people who may get a push or an email: Query on index `reachable-in-language`, the page's
      shard, person_id between the page's first and last (store.notifications.reachable_among)"""

    Meta = meta_for("notification-settings")
    person_id = UnicodeAttribute(hash_key=True)
    # kind of update -> channels ("feed", "push", "email") for supporters' updates
    channels: MapAttribute[str, list[str]] = MapAttribute(default=dict)
    # ministers: which alert kinds their email subscription carries, and where it is
    alert_kinds = ListAttribute(of=UnicodeAttribute, default=list)
    # When the minister last chose their alert kinds themselves (none is a choice too); until then a
    # portfolio given subscribes them to the defaults (logic.people.set_portfolio).
    alerts_chosen_at = UnicodeAttribute(null=True)
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
    # Derived, never set by hand: shard_of(person_id) while a phone or an address is on record.
    reach_shard = NumberAttribute(null=True)
    reachable = ReachableIndex()
    reachable_before_language = ReachableBeforeLanguageIndex()
    # The language their updates, notices and alerts are written in: a copy of their profile's
    # (PATCH /me writes both), kept here so a fan-out reads it from the index. Unset: English.
    language = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()

    def serialize(self, null_check: bool = True) -> dict[str, dict[str, Any]]:
        # Every whole-item write (save, batch write, transaction) serializes: the index stays true.
        self.reach_shard = shard_of(self.person_id) if (self.has_devices or self.email) else None
        return super().serialize(null_check=null_check)
