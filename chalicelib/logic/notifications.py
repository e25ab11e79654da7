"""What reaches a person, and how: their channel settings, ministers' alert subscriptions,
phones for push, their feed, and one-click unsubscribing."""

from __future__ import annotations

from dataclasses import replace

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.domain import limits
from chalicelib.domain.errors import ConditionFailed, DependencyUnavailable, NotFound
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.notifications import (
    EMAIL_CONFIRMATION_HOURS,
    UNREAD_COUNTED,
    Device,
    FeedItem,
    Settings,
    confirmation_superseded,
    needs_confirmation,
    unread_shown,
)
from chalicelib.domain.times import iso, utcnow
from chalicelib.logic.people import profile
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained, take
from chalicelib.notify import forget, subscriptions
from chalicelib.notify.clients import client
from chalicelib.notify.email import (
    confirmation_token,
    read_confirmation_token,
    read_unsubscribe_token,
    send_confirmation_email,
)
from chalicelib.settings import get_settings


def settings_of(caller: Caller) -> Settings:
    return stores().notifications.settings_of(caller.id)


def choose(caller: Caller, *, updates: dict[str, list[str]] | None, alerts: list[str] | None,
           email: str | None) -> Settings:
    """Channels per kind of update; ministers choose alert kinds and their email subscription
    follows (its filter policy is their portfolio's areas and those kinds). An address other than
    the sign-in email is only pending until confirmed through the link mailed to it."""
    store = stores().notifications
    settings = store.settings_of(caller.id)
    if updates is not None:
        settings = replace(settings, channels={**{k: tuple(v) for k, v in settings.every_channel().items()},
                                               **{k: tuple(v) for k, v in updates.items()}})
    email_changed, confirm_to = False, None
    if settings.email is None and caller.verified_email:
        settings = replace(settings, email=caller.verified_email)  # Cognito saw a code sent to it come back
        email_changed = True
    if email is not None:
        settings, changed, confirm_to = _give_email(caller, settings, email)
        email_changed = email_changed or changed
    if alerts is not None:
        settings = replace(settings, alert_kinds=tuple(alerts) if caller.has(Role.MINISTER) else ())
        if caller.has(Role.MINISTER):  # theirs from now on: a portfolio given later keeps it
            settings = replace(settings, alerts_chosen_at=iso(utcnow()))
    if caller.has(Role.MINISTER):
        settings = subscriptions.sync(settings, list(profile(caller).portfolio), email_changed)
    store.save_settings(settings)
    if confirm_to:  # after the save, so the link finds its pending address
        send_confirmation_email(confirm_to, confirmation_token(caller.id, confirm_to, EMAIL_CONFIRMATION_HOURS * 3600))
    return settings


def _give_email(caller: Caller, settings: Settings, email: str) -> tuple[Settings, bool, str | None]:
    """(the settings, whether the address mail goes to changed, the address to send a confirmation
    link to). Only a sign-in email the token says is verified needs no link: one changed and not yet
    confirmed with Cognito's code is anybody's (an attacker may type a stranger's)."""
    if not needs_confirmation(email, caller.verified_email):
        return replace(settings, email=email, pending_email=None), email != settings.email, None
    if settings.email and not needs_confirmation(email, settings.email):  # confirmed already
        return replace(settings, pending_email=None), False, None
    # Each link goes to an address not yet shown to be theirs: a few an hour, or it is a way to spam.
    take(limits.CONFIRMATION_EMAILS, caller.id)
    return replace(settings, pending_email=email), False, email


def confirm_email(token: str) -> None:
    """The link from the confirmation email, no sign-in: the address becomes the one mail goes to,
    and a minister's alert subscription moves to it."""
    s = stores()
    person_id, hashed = read_confirmation_token(token)
    try:
        settings, changed = s.notifications.confirm_email(person_id, hashed)
    except ConditionFailed as refused:  # an address since replaced, or an account since erased
        if "superseded" in refused.failed:
            raise confirmation_superseded() from refused
        raise
    if changed and settings.alert_kinds:
        person = s.people.get_person(person_id)
        if person is not None:
            s.notifications.save_settings(subscriptions.sync(settings, list(person.portfolio), email_changed=True))


def register_device(caller: Caller, platform: str, token: str) -> Device:
    """A phone for push: an SNS platform endpoint; the fan-out then looks for this person's devices."""
    config = get_settings()
    application = config.apns_application_arn if platform == "apns" else config.fcm_application_arn
    if not application:
        raise DependencyUnavailable(wording="push_platform", retry_after=3600)
    store = stores().notifications
    take(limits.DEVICES, caller.id)
    endpoint_arn = client("sns").create_platform_endpoint(PlatformApplicationArn=application,
                                                          Token=token)["EndpointArn"]
    device = store.register_device(caller.id, platform, token, endpoint_arn)
    settings = store.settings_of(caller.id)
    if not settings.has_devices:
        store.save_settings(replace(settings, has_devices=True))
    return device


def devices_of(caller: Caller) -> list[Device]:
    return stores().notifications.devices_of(caller.id)


def remove_device(caller: Caller, device_id: str) -> None:
    """A phone stops getting pushes: its SNS platform endpoint goes first, then its record, so a
    failure on the way leaves it listed, to remove again, never an endpoint nobody can find."""
    store = stores().notifications
    device = store.device_of(caller.id, device_id)
    if device is None:
        raise NotFound(code="device_not_found")
    try:
        forget.drop_endpoint(device.endpoint_arn)
    except (ClientError, BotoCoreError) as exc:
        raise DependencyUnavailable(wording="push_service") from exc
    store.forget_device(device)


def feed(caller: Caller, limit: int, cursor: str | None) -> tuple[list[FeedItem], str | None]:
    with explained():
        return stores().notifications.feed(caller.id, limit, cursor)


def mark_feed_seen(caller: Caller) -> None:
    """The person opened their feed: everything in it now is read."""
    store = stores().notifications
    newest = store.newest_feed_key(caller.id)
    if newest is not None:
        store.mark_feed_seen(caller.id, newest)


def unread(caller: Caller) -> tuple[int, bool]:
    """(unread updates to show, whether there are more): a GetItem and one bounded Query."""
    store = stores().notifications
    seen = store.settings_of(caller.id).feed_seen_key
    return unread_shown(store.unread_count(caller.id, seen, UNREAD_COUNTED))


def unsubscribe(token: str) -> str:
    """One click from an email, no sign-in: the signed token names the person and the kind."""
    person_id, kind = read_unsubscribe_token(token)
    stores().notifications.stop_emails(person_id, kind)
    return kind
