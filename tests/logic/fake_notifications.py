"""What reaches a person (`store.notifications`: settings, phones, the feed), an account's erasure
(`store.erasures`) and everything held about a person (`store.my_data`), in memory."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace
from typing import TYPE_CHECKING

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.dialogue import OwnerUpdate, Reply, Response
from chalicelib.domain.moderation import Report
from chalicelib.domain.notifications import DEFAULT_CHANNELS, Device, FeedItem, Settings, address_hash
from chalicelib.domain.people import Membership
from chalicelib.domain.privacy import Support
from tests.logic.fakes_base import Clock, ConditionFailed
from tests.logic.paging import page_of

if TYPE_CHECKING:
    from tests.logic.fake_dialogue import FakeReplies, FakeReports, FakeResponses
    from tests.logic.fake_people import FakePeople
    from tests.logic.fake_support import FakeSupports
    from tests.logic.fakes import FakeCampaigns, FakeOutbox

DEVICE_ID_LENGTH = 32  # store.notifications.DEVICE_ID_LENGTH


class FakeNotifications:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.settings: dict[str, Settings] = {}
        self.devices: dict[tuple[str, str], Device] = {}
        self.feeds: dict[str, dict[str, FeedItem]] = {}  # person -> item key -> item
        self.seen: dict[str, str] = {}  # person -> the feed key read up to

    def add_feed_item(self, item: FeedItem) -> None:
        """The fan-out's write: the test's scene."""
        self.feeds.setdefault(item.person_id, {})[item.item_key] = item

    def settings_of(self, person_id: str, consistent: bool = False) -> Settings:
        stored = self.settings.get(person_id)
        if stored is None:
            stored = Settings(person_id, channels={k: tuple(v) for k, v in DEFAULT_CHANNELS.items()},
                              updated_at=self.clock.iso())
        return replace(stored, feed_seen_key=self.seen.get(person_id, stored.feed_seen_key))

    def keep_sign_in_email(self, person_id: str, email: str) -> bool:
        stored = self.settings_of(person_id)
        if stored.email is not None:  # never over an address on record
            return False
        self.save_settings(replace(stored, email=email.strip()))
        return True

    def keep_language(self, person_id: str, language: str | None) -> Settings:
        self.save_settings(replace(self.settings_of(person_id), language=language))
        return self.settings[person_id]

    def save_settings(self, settings: Settings) -> None:
        self.settings[settings.person_id] = replace(settings, updated_at=self.clock.iso())

    def confirm_email(self, person_id: str, hashed: str) -> tuple[Settings, bool]:
        stored = self.settings.get(person_id)
        if stored is None:
            raise ConditionFailed("superseded")
        if stored.pending_email and hmac.compare_digest(address_hash(stored.pending_email), hashed):
            self.save_settings(replace(stored, email=stored.pending_email, pending_email=None))
            return self.settings[person_id], True
        if stored.email and hmac.compare_digest(address_hash(stored.email), hashed):
            return stored, False
        raise ConditionFailed("superseded")

    def stop_emails(self, person_id: str, kind: str) -> bool:
        stored = self.settings.get(person_id)
        if stored is None:
            return False
        channels = {k: tuple(v) for k, v in stored.every_channel().items()}
        channels[kind] = tuple(c for c in stored.channels_for(kind) if c != "email")
        self.save_settings(replace(stored, channels=channels))
        return True

    def register_device(self, person_id: str, platform: str, token: str, endpoint_arn: str) -> Device:
        device_id = hashlib.sha256(token.encode()).hexdigest()[:DEVICE_ID_LENGTH]
        device = self.devices[(person_id, device_id)] = Device(person_id, device_id, platform, endpoint_arn,
                                                                self.clock.iso())
        return device

    def devices_of(self, person_id: str) -> list[Device]:
        return [d for (p, _), d in sorted(self.devices.items()) if p == person_id]

    def device_of(self, person_id: str, device_id: str) -> Device | None:
        return self.devices.get((person_id, device_id))

    def forget_device(self, device: Device) -> bool:
        return self.devices.pop((device.person_id, device.device_id), None) is not None

    def feed(self, person_id: str, limit: int, cursor: str | None) -> tuple[list[FeedItem], str | None]:
        items = self.feeds.get(person_id, {})
        return page_of([items[k] for k in sorted(items, reverse=True)], f"feed:{person_id}", limit, cursor)

    def newest_feed_key(self, person_id: str) -> str | None:
        return max(self.feeds.get(person_id, {}), default=None)

    def mark_feed_seen(self, person_id: str, up_to_key: str) -> None:
        if self.seen.get(person_id, "") < up_to_key:  # only forward
            self.seen[person_id] = up_to_key

    def unread_count(self, person_id: str, seen_key: str | None, read_at_most: int) -> int:
        return min(read_at_most, sum(1 for k in self.feeds.get(person_id, {}) if seen_key is None or k > seen_key))


class FakeErasures:
    def __init__(self) -> None:
        self.states: dict[str, str] = {}  # person -> "erasing" or "erased"

    def state_of(self, person_id: str) -> str | None:
        return self.states.get(person_id)

    def start(self, person_id: str) -> None:
        if person_id in self.states:
            raise ConditionFailed("erasing")
        self.states[person_id] = "erasing"


class FakeMyData:
    """Everything held about one person, from the other fakes' tables."""

    def __init__(self, people: FakePeople, campaigns: FakeCampaigns, supports: FakeSupports, replies: FakeReplies,
                 responses: FakeResponses, outbox: FakeOutbox, reports: FakeReports,
                 notifications: FakeNotifications) -> None:
        self.people, self.campaigns, self.supports, self.replies = people, campaigns, supports, replies
        self.responses, self.outbox, self.reports, self.notifications = responses, outbox, reports, notifications

    def supports_of(self, person_id: str) -> list[Support]:
        return [Support(campaign_id, None, version, None) for campaign_id, people in self.supports.supporters.items()
                for person, version in people.items() if person == person_id]

    def replies_of(self, person_id: str) -> list[Reply]:
        return [r for r in self.replies.items.values() if r.author_id == person_id]

    def reports_of(self, person_id: str) -> list[Report]:
        return [Report(target, reason, None) for target, reporters in self.reports.reports.items()
                for reporter, reason in reporters.items() if reporter == person_id]

    def responses_of(self, person_id: str) -> list[Response]:
        return [r for r in self.responses.records if r.minister_id == person_id]

    def campaigns_owned(self, person_id: str) -> list[Campaign]:
        return [c for c in self.campaigns.items.values() if c.owner_id == person_id]

    def memberships_and_invitations(self, person_id: str) -> list[Membership]:
        return [m for (_, p), m in sorted(self.people.memberships.items()) if p == person_id]

    def feed_of(self, person_id: str) -> list[FeedItem]:
        return list(self.notifications.feeds.get(person_id, {}).values())

    def updates_by(self, campaign_ids: list[str], person_id: str) -> list[OwnerUpdate]:
        updates = sorted(self.outbox.updates.items())
        return [u for (c, _), u in updates if c in campaign_ids and u.author_id == person_id]

    def followed_campaign_ids(self, person_id: str) -> list[str]:
        return [c for c, people in self.supports.followers.items() if person_id in people]

    def hosted_campaign_ids(self, organisation_ids: list[str]) -> list[str]:
        return [c.id for c in self.campaigns.items.values() if c.organisation_id in organisation_ids]
