"""Reading and writing notification settings, devices, feed items and (locally) mail."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, UpdateError

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import DEFAULT_CHANNELS
from chalicelib.domain.notifications import Device, FeedItem, Settings, SupporterUpdate, address_hash
from chalicelib.domain.shards import shard_of
from chalicelib.store import to_domain
from chalicelib.store.base import Transaction, is_condition_failure, iso, system_update, utcnow
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.tables.dev_mailbox import DevMailRecord
from chalicelib.store.tables.devices import DeviceRecord
from chalicelib.store.tables.feed import FeedItemRecord
from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

FEED_DAYS = 90


def settings_of(person_id: str, consistent: bool = False) -> Settings:
    """The person's settings, or the defaults for someone who chose nothing yet (`consistent`: as just
    written)."""
    try:
        return to_domain.settings(NotificationSettingsRecord.get(person_id, consistent_read=consistent))
    except DoesNotExist:
        return Settings(person_id=person_id, channels={k: tuple(v) for k, v in DEFAULT_CHANNELS.items()},
                        updated_at=iso(utcnow()))


def reachable_among(person_ids: list[str]) -> dict[str, NotificationSettingsRecord]:
    """The settings of those of these people who may get a push or an email; most people have
    neither, and need no read at all. One Query of the sparse `reachable` index per shard the
    people are in, between their first and last id there. The index is
    eventually consistent: a phone registered a moment before an update may miss that push."""
    wanted, found = set(person_ids), {}
    by_shard: dict[int, list[str]] = {}
    for person_id in wanted:
        by_shard.setdefault(shard_of(person_id), []).append(person_id)
    for shard, people in by_shard.items():
        condition = NotificationSettingsRecord.person_id.between(min(people), max(people))
        for record in NotificationSettingsRecord.reachable.query(shard, condition):
            if record.person_id in wanted:
                found[record.person_id] = record
    return found


def keep_sign_in_email(person_id: str, email: str) -> bool:
    """A new member's sign-in email (Cognito verified it) is where their email goes until they give
    another, so what reaches people by email by default (domain/events) reaches them. One UpdateItem,
    only where no address is on record: never over an address they chose. True if it was written."""
    record = NotificationSettingsRecord
    try:
        system_update(record, person_id, actions=[
            record.email.set(email.strip()), record.reach_shard.set(shard_of(person_id)),
            record.updated_at.set(record.updated_at | iso(utcnow())),  # only if the record is new
        ], condition=record.email.does_not_exist())
        return True
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise


def _language_actions(language: str | None) -> list:
    record = NotificationSettingsRecord
    return [record.language.set(language) if language else record.language.remove(),
            record.updated_at.set(record.updated_at | iso(utcnow()))]  # updated_at only if the record is new


def keep_language_in(tx: Transaction, person_id: str, language: str | None) -> None:
    """keep_language's write as one item of another (PATCH /me's profile), so both are written or neither."""
    tx.system_update(NotificationSettingsRecord, person_id, _language_actions(language), "settings")


def keep_language(person_id: str, language: str | None) -> Settings:
    """The person's language, copied from their profile (PATCH /me) so that what is sent to them
    reads it with their settings, and a fan-out from its index. One UpdateItem (made if there was
    no record); returns the settings as they now are."""
    attributes = system_update(NotificationSettingsRecord, person_id, actions=_language_actions(language))
    return to_domain.settings(NotificationSettingsRecord.from_raw_data(attributes["Attributes"]))


def mark_reachable(record: NotificationSettingsRecord) -> int:
    """Settings written before the `reachable` index existed have no `reach_shard`: give it (1 if
    written). Conditional, so an address or a phone removed meanwhile is never put back in reach."""
    if record.reach_shard is not None or not (record.has_devices or record.email):
        return 0
    settings = NotificationSettingsRecord
    try:
        record.update(actions=[settings.reach_shard.set(shard_of(record.person_id))],
                      condition=settings.reach_shard.does_not_exist()
                      & (settings.email.exists() | (settings.has_devices == True)))  # noqa: E712 - a condition
        return 1
    except UpdateError as exc:
        if is_condition_failure(exc):
            return 0
        raise


def channels_for(record: NotificationSettingsRecord | None, kind: str) -> list[str]:
    chosen = (record.channels.as_dict() if record is not None and hasattr(record.channels, "as_dict")
              else (record.channels if record is not None else None))
    if not chosen or kind not in chosen:
        return list(DEFAULT_CHANNELS.get(kind, ["feed"]))
    return list(chosen[kind])


def save_settings(settings: Settings) -> None:
    """The whole item, as chosen (a put: the settings form and the confirmation link write it all)."""
    NotificationSettingsRecord(
        person_id=settings.person_id, channels={k: list(v) for k, v in settings.channels.items()},
        alert_kinds=list(settings.alert_kinds), email=settings.email, pending_email=settings.pending_email,
        subscription_arn=settings.subscription_arn, mailbox_subscription_arn=settings.mailbox_subscription_arn,
        has_devices=settings.has_devices, feed_seen_key=settings.feed_seen_key, updated_at=iso(utcnow()),
        alerts_chosen_at=settings.alerts_chosen_at, language=settings.language,
    ).save()


def stop_emails(person_id: str, kind: str) -> bool:
    """An unsubscribe link: no more email of this kind. Only an existing record is changed (without
    one there is no address, so no email was sent): a link from before an erasure must not make a
    record for nobody, so the write is conditional on the record still being there. True if a
    record was changed."""
    try:
        record = NotificationSettingsRecord.get(person_id, consistent_read=True)
    except DoesNotExist:
        return False
    record.channels = {**channels_for_all(record), kind: [c for c in channels_for(record, kind) if c != "email"]}
    record.updated_at = iso(utcnow())
    try:
        record.save(condition=NotificationSettingsRecord.person_id.exists())
        return True
    except PutError as exc:
        if is_condition_failure(exc):  # erased meanwhile
            return False
        raise


def confirm_email(person_id: str, hashed: str) -> tuple[Settings, bool]:
    """The pending address named by a confirmation link becomes the one mail goes to: (the settings,
    whether they changed). Following the link again is harmless; a link for an address since replaced,
    or of an account since erased, is ConditionFailed "superseded" (and makes no record)."""
    superseded = ConditionFailed("superseded")
    try:
        record = NotificationSettingsRecord.get(person_id, consistent_read=True)
    except DoesNotExist as exc:
        raise superseded from exc
    pending = record.pending_email
    if pending and hmac.compare_digest(address_hash(pending), hashed):
        record.email, record.pending_email = pending, None
        record.updated_at = iso(utcnow())
        try:  # only if the pending address is still the one the link names
            record.save(condition=NotificationSettingsRecord.pending_email == pending)
        except PutError as exc:
            if is_condition_failure(exc):
                raise superseded from exc
            raise
        return to_domain.settings(record), True
    if record.email and hmac.compare_digest(address_hash(record.email), hashed):
        return to_domain.settings(record), False
    raise superseded


DEVICE_ID_LENGTH = 32


def register_device(person_id: str, platform: str, token: str, endpoint_arn: str) -> Device:
    device = DeviceRecord(person_id=person_id, device_id=hashlib.sha256(token.encode()).hexdigest()[:DEVICE_ID_LENGTH],
                          platform=platform, endpoint_arn=endpoint_arn, created_at=iso(utcnow()))
    device.save()
    return to_domain.device(device)


def devices_of(person_id: str) -> list[Device]:
    return [to_domain.device(d) for d in DeviceRecord.query(person_id)]


def device_of(person_id: str, device_id: str) -> Device | None:
    """One of this person's phones: keyed by the person, so another's device is simply not found.
    What cannot be a device id is not looked up (a key over DynamoDB's size limit would be a 500)."""
    if len(device_id) != DEVICE_ID_LENGTH or not all(c in "0123456789abcdef" for c in device_id):
        return None
    try:
        return to_domain.device(DeviceRecord.get(person_id, device_id, consistent_read=True))
    except DoesNotExist:
        return None


def forget_device(device: Device) -> bool:
    """The device's record goes; False if it had gone already (two taps, two tabs)."""
    try:
        DeviceRecord(person_id=device.person_id, device_id=device.device_id).delete(
            condition=DeviceRecord.device_id.exists())
        return True
    except DeleteError as exc:
        if is_condition_failure(exc):
            return False
        raise


def _feed_record(person_id: str, item: SupporterUpdate) -> FeedItemRecord:
    expires = utcnow() + timedelta(days=FEED_DAYS)
    return FeedItemRecord(person_id=person_id, item_key=f"{item.created_at}#{item.campaign_id}#{item.event_key}",
                          campaign_id=item.campaign_id, kind=item.kind, title=item.title, text=item.text,
                          url=item.url, created_at=item.created_at, expires_at=int(expires.timestamp()),
                          translations={language: {"title": title, "text": text}
                                        for language, title, text in item.translations} or None)


def add_feed_item(person_id: str, item: SupporterUpdate) -> bool:
    """True if the item is new; False if this person already has this update (a resumed page)."""
    try:
        _feed_record(person_id, item).save(condition=FeedItemRecord.item_key.does_not_exist())
        return True
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise


def put_feed_items(person_ids: list[str], item: SupporterUpdate) -> None:
    """The same update into many feeds, 25 to a request. Idempotent: the key is the event's,
    so writing it again replaces it with itself. PynamoDB retries unprocessed items."""
    with FeedItemRecord.batch_write() as batch:
        for person_id in person_ids:
            batch.save(_feed_record(person_id, item))


def feed(person_id: str, limit: int, cursor: str | None) -> tuple[list[FeedItem], str | None]:
    scope = f"feed:{person_id}"
    results = FeedItemRecord.query(person_id, scan_index_forward=False, limit=limit,
                                   last_evaluated_key=decode_cursor(scope, cursor))
    items = [to_domain.feed_item(i) for i in results]
    return items, encode_cursor(scope, results.last_evaluated_key)


def newest_feed_key(person_id: str) -> str | None:
    """The key of the newest item in a person's feed: one Query of one key."""
    newest = list(FeedItemRecord.query(person_id, scan_index_forward=False, limit=1,
                                       attributes_to_get=["item_key"]))
    return newest[0].item_key if newest else None


def mark_feed_seen(person_id: str, up_to_key: str) -> None:
    """Everything up to this feed item is read. One UpdateItem that only moves forward (two tabs may
    race), leaving the rest of the settings as they are; it makes the record if there was none. A
    settings save that read the record just before may put the older key back: the badge then
    counts a few items again until the feed is next opened, nothing worse."""
    record = NotificationSettingsRecord
    try:
        system_update(record, person_id, actions=[
            record.feed_seen_key.set(up_to_key),
            record.updated_at.set(record.updated_at | iso(utcnow())),  # only if the record is new
        ], condition=record.feed_seen_key.does_not_exist() | (record.feed_seen_key < up_to_key))
    except UpdateError as exc:
        if not is_condition_failure(exc):  # already marked as far, or further
            raise


def unread_count(person_id: str, seen_key: str | None, read_at_most: int) -> int:
    """How many feed items are newer than `seen_key`, counting at most `read_at_most` of them: one
    Query page with Select COUNT and Limit (PynamoDB's `count` would read on, page after page)."""
    condition = FeedItemRecord.item_key > seen_key if seen_key else None
    answer = FeedItemRecord._get_connection().query(person_id, range_key_condition=condition,
                                                   select="COUNT", limit=read_at_most)
    return int(answer.get("Count", 0))


def keep_dev_mail(person_id: str, message_id: str, subject: str, text: str, area: str, kind: str,
                  language: str | None = None) -> None:
    DevMailRecord(person_id=person_id, received_key=f"{iso(utcnow())}#{message_id}", subject=subject, text=text,
                  area=area, kind=kind, language=language).save()


def dev_mail(person_id: str) -> list[DevMailRecord]:
    return list(DevMailRecord.query(person_id))


ALL_DEV_EMAIL = "mail#all"


def _dev_email_partition(to: str | None) -> str:
    return f"mail#to#{to.strip().lower()}" if to else ALL_DEV_EMAIL


def keep_dev_email(message_id: str, to: str, sender: str, subject: str, text: str, sent_at: str,
                   list_unsubscribe: str | None = None, language: str | None = None) -> None:
    """Kept twice, under every email and under its recipient's, so either list is one Query.
    The key is the message's: keeping a redelivered message again changes nothing."""
    key = f"{sent_at}#{message_id}"
    with DevMailRecord.batch_write() as batch:
        for partition in (ALL_DEV_EMAIL, _dev_email_partition(to)):
            batch.save(DevMailRecord(person_id=partition, received_key=key, subject=subject, text=text,
                                     area="", kind="email", recipient=to, sender=sender,
                                     list_unsubscribe=list_unsubscribe, language=language))


def dev_emails(to: str | None, limit: int) -> list[DevMailRecord]:
    """The newest emails, to one address or to anyone."""
    return list(DevMailRecord.query(_dev_email_partition(to), scan_index_forward=False, limit=limit))


def channels_for_all(record: NotificationSettingsRecord) -> dict[str, list[str]]:
    return {kind: channels_for(record, kind) for kind in DEFAULT_CHANNELS}
