"""What reaches a person, and how: their channel settings, ministers' alert subscriptions,
phones for push, their feed, and one-click unsubscribing."""

from __future__ import annotations

from typing import Any

from chalicelib.domain import limits
from chalicelib.domain.errors import DependencyUnavailable
from chalicelib.domain.identity import Caller, Role
from chalicelib.logic.ports import stores
from chalicelib.notify import subscriptions
from chalicelib.notify.clients import client
from chalicelib.notify.email import read_unsubscribe_token
from chalicelib.settings import get_settings
from chalicelib.store import notifications as store
from chalicelib.store import profiles


def settings_of(caller: Caller) -> Any:
    return store.settings_of(caller.id)


def choose(caller: Caller, *, updates: dict[str, list[str]] | None, alerts: list[str] | None,
           email: str | None) -> Any:
    """Channels per kind of update; ministers choose alert kinds and their email subscription
    follows (its filter policy is their portfolio's areas and those kinds)."""
    record = store.settings_of(caller.id)
    if updates is not None:
        record.channels = {**store.channels_for_all(record), **updates}
    email_changed = email is not None and email != record.email
    if email is not None:
        record.email = email
    elif record.email is None and caller.email:
        record.email = caller.email
    if alerts is not None:
        record.alert_kinds = alerts if caller.has(Role.MINISTER) else []
    if caller.has(Role.MINISTER):
        subscriptions.sync(record, list(profiles.ensure_person(caller).portfolio), email_changed)
    store.save_settings(record)
    return record


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


def feed(caller: Caller, limit: int, cursor: str | None) -> tuple[list[Any], str | None]:
    return store.feed(caller.id, limit, cursor)


def unsubscribe(token: str) -> str:
    """One click from an email, no sign-in: the signed token names the person and the kind."""
    person_id, kind = read_unsubscribe_token(token)
    record = store.settings_of(person_id)
    record.channels = {**store.channels_for_all(record),
                       kind: [c for c in store.channels_for(record, kind) if c != "email"]}
    store.save_settings(record)
    return kind
