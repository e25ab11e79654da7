"""What reaches a person, and how: settings, phones, the feed, unsubscribing, and (locally)
the ministers' mailbox."""

from __future__ import annotations

from typing import Literal

from chalice.app import Blueprint
from pydantic import BaseModel, Field, field_validator

from chalicelib.domain.errors import DependencyUnavailable, NotFound
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Role
from chalicelib.domain.notifications import ALERT_KINDS, CHANNELS, FANOUT_EVENTS
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ListQuery, StrictModel
from chalicelib.notify import subscriptions
from chalicelib.notify.clients import client
from chalicelib.notify.email import read_unsubscribe_token
from chalicelib.notify.mailbox import read_mailboxes
from chalicelib.settings import get_settings
from chalicelib.store import notifications as store
from chalicelib.store import profiles


class NotificationSettings(BaseModel):
    updates: dict[str, list[str]] = Field(
        description="for each kind of update (response, owner_update, closed): its channels")
    alerts: list[str] = Field(description="ministers: the kinds of email alert their subscription carries")
    email: str | None = Field(description="where update emails and alerts go, if chosen")
    alert_subscription: Literal["none", "pending_confirmation", "subscribed"]


class NotificationSettingsUpdate(StrictModel):
    updates: dict[Literal[FANOUT_EVENTS], list[Literal[CHANNELS]]] | None = None  # type: ignore[valid-type]
    alerts: list[Literal[ALERT_KINDS]] | None = None  # type: ignore[valid-type]
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

    @field_validator("alerts")
    @classmethod
    def _unique(cls, kinds: list[str] | None) -> list[str] | None:
        return sorted(set(kinds)) if kinds is not None else None


class DeviceRegistration(StrictModel):
    platform: Literal["apns", "fcm"]
    token: str = Field(min_length=8, max_length=4096)


class DeviceRegistered(BaseModel):
    device_id: str
    platform: str


class FeedItem(BaseModel):
    campaign_id: str
    kind: str
    title: str
    text: str
    url: str
    created_at: str


class FeedPage(BaseModel):
    items: list[FeedItem]
    next_cursor: str | None


notifications = Blueprint(__name__)


def _shown(record) -> NotificationSettings:
    arn = record.subscription_arn
    state = "none" if not arn else ("subscribed" if arn.startswith("arn:") else "pending_confirmation")
    updates = {kind: store.channels_for(record, kind) for kind in ("response", "closed")}
    return NotificationSettings(updates=updates, alerts=list(record.alert_kinds or []), email=record.email,
                                alert_subscription=state)


@endpoint(notifications, "GET", "/me/notifications", access=SIGNED_IN, response=NotificationSettings,
          tags=("notifications",), summary="Which updates reach you, and by which channel")
def get_settings_route(call: Call) -> NotificationSettings:
    return _shown(store.settings_of(call.signed_in.id))


@endpoint(notifications, "PUT", "/me/notifications", access=SIGNED_IN, body=NotificationSettingsUpdate,
          response=NotificationSettings, tags=("notifications",),
          summary="Choose channels per kind; ministers choose alert kinds (their email subscription follows)")
def put_settings(call: Call) -> NotificationSettings:
    caller, body = call.signed_in, call.body
    record = store.settings_of(caller.id)
    if body.updates is not None:
        record.channels = {**store.channels_for_all(record), **body.updates}
    email_changed = body.email is not None and body.email != record.email
    if body.email is not None:
        record.email = body.email
    elif record.email is None and caller.email:
        record.email = caller.email
    if body.alerts is not None:
        record.alert_kinds = body.alerts if caller.has(Role.MINISTER) else []
    if caller.has(Role.MINISTER):
        subscriptions.sync(record, list(profiles.ensure_person(caller).portfolio), email_changed)
    store.save_settings(record)
    return _shown(record)


@endpoint(notifications, "POST", "/me/devices", access=SIGNED_IN, body=DeviceRegistration,
          response=DeviceRegistered, status=201, tags=("notifications",), errors=(503,),
          summary="Register a phone for push (an SNS platform endpoint)")
def register_device(call: Call) -> DeviceRegistered:
    settings = get_settings()
    application = settings.apns_application_arn if call.body.platform == "apns" else settings.fcm_application_arn
    if not application:
        raise DependencyUnavailable("Push to this platform is not set up.", retry_after=3600)
    endpoint_arn = client("sns").create_platform_endpoint(PlatformApplicationArn=application,
                                                          Token=call.body.token)["EndpointArn"]
    device = store.register_device(call.signed_in.id, call.body.platform, call.body.token, endpoint_arn)
    record = store.settings_of(call.signed_in.id)
    if not record.has_devices:
        record.has_devices = True
        store.save_settings(record)
    return DeviceRegistered(device_id=device.device_id, platform=device.platform)


@endpoint(notifications, "GET", "/me/feed", access=SIGNED_IN, query=ListQuery, response=FeedPage,
          tags=("notifications",), summary="Updates from campaigns you support, newest first")
def feed(call: Call) -> FeedPage:
    items, cursor = store.feed(call.signed_in.id, call.query.limit, call.query.cursor)
    return FeedPage(items=[FeedItem(campaign_id=i.campaign_id, kind=i.kind, title=i.title, text=i.text, url=i.url,
                                    created_at=presenters.display_time(i.created_at) or "") for i in items],
                    next_cursor=cursor)


class UnsubscribeQuery(StrictModel):
    token: str


class Unsubscribed(BaseModel):
    unsubscribed: str


@endpoint(notifications, "GET", "/notifications/unsubscribe", access=ANYONE, query=UnsubscribeQuery,
          response=Unsubscribed, tags=("notifications",),
          summary="One-click unsubscribe from an email's link: no sign-in, a signed token")
def unsubscribe(call: Call) -> Unsubscribed:
    person_id, kind = read_unsubscribe_token(call.query.token)
    record = store.settings_of(person_id)
    record.channels = {**store.channels_for_all(record),
                       kind: [c for c in store.channels_for(record, kind) if c != "email"]}
    store.save_settings(record)
    return Unsubscribed(unsubscribed=f"email for {kind} updates")


class Mailbox(BaseModel):
    minister_id: str
    messages: list[dict]


class Mailboxes(BaseModel):
    mailboxes: list[Mailbox]


@endpoint(notifications, "GET", "/dev/mailbox", access=ANYONE, response=Mailboxes, tags=("local",), errors=(404,),
          summary="Local stage only: what each minister's email subscription would have received")
def dev_mailbox(call: Call) -> Mailboxes:
    if not get_settings().is_local:
        raise NotFound("Not here.", code="not_found")
    return Mailboxes(mailboxes=[Mailbox(minister_id=m, messages=msgs) for m, msgs in read_mailboxes().items()])
