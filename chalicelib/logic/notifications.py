"""What reaches a person, and how: their channel settings, ministers' alert subscriptions,
phones for push, their feed, and one-click unsubscribing."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.domain import limits
from chalicelib.domain.errors import DependencyUnavailable, NotFound
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.notifications import (
    EMAIL_CONFIRMATION_HOURS,
    UNREAD_COUNTED,
    needs_confirmation,
    unread_shown,
)
from chalicelib.logic.ports import stores
from chalicelib.notify import forget, subscriptions
from chalicelib.notify.clients import client
from chalicelib.notify.email import (
    confirmation_token,
    read_confirmation_token,
    read_unsubscribe_token,
    send_confirmation_email,
)
from chalicelib.settings import get_settings
from chalicelib.store import notifications as store
from chalicelib.store import profiles
from chalicelib.store.base import iso, utcnow


def settings_of(caller: Caller) -> Any:
    return store.settings_of(caller.id)


def choose(caller: Caller, *, updates: dict[str, list[str]] | None, alerts: list[str] | None,
           email: str | None) -> Any:
    """Channels per kind of update; ministers choose alert kinds and their email subscription
    follows (its filter policy is their portfolio's areas and those kinds). An address other than
    the sign-in email is only pending until confirmed through the link mailed to it."""
    record = store.settings_of(caller.id)
    if updates is not None:
        record.channels = {**store.channels_for_all(record), **updates}
    email_changed, confirm_to = False, None
    if record.email is None and caller.verified_email:
        record.email = caller.verified_email  # Cognito saw a code sent to it come back
        email_changed = True
    if email is not None:
        changed, confirm_to = _give_email(caller, record, email)
        email_changed = email_changed or changed
    if alerts is not None:
        record.alert_kinds = alerts if caller.has(Role.MINISTER) else []
        if caller.has(Role.MINISTER):  # theirs from now on: a portfolio given later keeps it
            record.alerts_chosen_at = iso(utcnow())
    if caller.has(Role.MINISTER):
        subscriptions.sync(record, list(profiles.ensure_person(caller).portfolio), email_changed)
    store.save_settings(record)
    if confirm_to:  # after the save, so the link finds its pending address
        send_confirmation_email(confirm_to, confirmation_token(caller.id, confirm_to, EMAIL_CONFIRMATION_HOURS * 3600))
    return record


def _give_email(caller: Caller, record: Any, email: str) -> tuple[bool, str | None]:
    """(whether the address mail goes to changed, the address to send a confirmation link to). Only
    a sign-in email the token says is verified needs no link: one changed and not yet confirmed
    with Cognito's code is anybody's (an attacker may type a stranger's)."""
    if not needs_confirmation(email, caller.verified_email):
        changed = email != record.email
        record.email, record.pending_email = email, None
        return changed, None
    if record.email and not needs_confirmation(email, record.email):  # confirmed already
        record.pending_email = None
        return False, None
    # Each link goes to an address not yet shown to be theirs: a few an hour, or it is a way to spam.
    stores().rate_limits.take(limits.CONFIRMATION_EMAILS, caller.id)
    record.pending_email = email
    return False, email


def confirm_email(token: str) -> None:
    """The link from the confirmation email, no sign-in: the address becomes the one mail goes to,
    and a minister's alert subscription moves to it."""
    person_id, hashed = read_confirmation_token(token)
    record, changed = store.confirm_email(person_id, hashed)
    if changed and record.alert_kinds:
        person = profiles.get_person(person_id)
        if person is not None:
            subscriptions.sync(record, list(person.portfolio), email_changed=True)
            store.save_settings(record)


def register_device(caller: Caller, platform: str, token: str) -> Any:
    """A phone for push: an SNS platform endpoint; the fan-out then looks for this person's devices."""
    settings = get_settings()
    application = settings.apns_application_arn if platform == "apns" else settings.fcm_application_arn
    if not application:
        raise DependencyUnavailable("Push to this platform is not set up.", retry_after=3600)
    stores().rate_limits.take(limits.DEVICES, caller.id)
    endpoint_arn = client("sns").create_platform_endpoint(PlatformApplicationArn=application,
                                                          Token=token)["EndpointArn"]
    device = store.register_device(caller.id, platform, token, endpoint_arn)
    record = store.settings_of(caller.id)
    if not record.has_devices:
        record.has_devices = True
        store.save_settings(record)
    return device


def devices_of(caller: Caller) -> list[Any]:
    return store.devices_of(caller.id)


def remove_device(caller: Caller, device_id: str) -> None:
    """A phone stops getting pushes: its SNS platform endpoint goes first, then its record, so a
    failure on the way leaves it listed, to remove again, never an endpoint nobody can find."""
    device = store.device_of(caller.id, device_id)
    if device is None:
        raise NotFound("You have no phone registered with that id.", code="device_not_found")
    try:
        forget.drop_endpoint(device.endpoint_arn)
    except (ClientError, BotoCoreError) as exc:
        raise DependencyUnavailable("The push service did not answer. Please try again shortly.") from exc
    store.forget_device(device)


def feed(caller: Caller, limit: int, cursor: str | None) -> tuple[list[Any], str | None]:
    return store.feed(caller.id, limit, cursor)


def mark_feed_seen(caller: Caller) -> None:
    """The person opened their feed: everything in it now is read."""
    newest = store.newest_feed_key(caller.id)
    if newest is not None:
        store.mark_feed_seen(caller.id, newest)


def unread(caller: Caller) -> tuple[int, bool]:
    """(unread updates to show, whether there are more): a GetItem and one bounded Query."""
    seen = store.settings_of(caller.id).feed_seen_key
    return unread_shown(store.unread_count(caller.id, seen, UNREAD_COUNTED))


def unsubscribe(token: str) -> str:
    """One click from an email, no sign-in: the signed token names the person and the kind."""
    person_id, kind = read_unsubscribe_token(token)
    store.stop_emails(person_id, kind)
    return kind
