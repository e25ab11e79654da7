"""What reaches a person, and how: settings, phones, the feed, unsubscribing, and (locally)
the ministers' mailbox."""

from __future__ import annotations

from typing import Literal, cast

from chalice.app import Response
from pydantic import ConfigDict, Field, field_validator

from chalicelib import messages
from chalicelib.domain import notifications as domain_notifications
from chalicelib.domain.errors import InvalidValue, NotFound
from chalicelib.domain.events import ALERT_KINDS, CHANNELS, UPDATE_KINDS
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.domain.notifications import Settings, is_mailable_address
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, ListQuery, StrictModel
from chalicelib.logic import notifications as logic
from chalicelib.messages import text
from chalicelib.notify.mailbox import EMAILS_SHOWN, read_emails, read_mailboxes
from chalicelib.settings import get_settings


class NotificationSettings(ApiModel):
    updates: dict[str, list[str]] = Field(
        description="for each kind of update (response, owner_update, closed, manifesto): its channels")
    alerts: list[str] = Field(description="ministers: the kinds of email alert their subscription carries")
    email: str | None = Field(description="where update emails and alerts go: your sign-in email or one you confirmed")
    pending_email: str | None = Field(
        description="an address given but not yet confirmed through the link mailed to it: nothing is sent there")
    email_verification: Literal["none", "verified", "pending_confirmation"] = Field(
        description="of the address you gave last: pending until its link is followed")
    alert_subscription: Literal["none", "pending_confirmation", "subscribed"]


class NotificationSettingsUpdate(StrictModel):
    updates: dict[Literal[UPDATE_KINDS], list[Literal[CHANNELS]]] | None = None  # type: ignore[valid-type]
    alerts: list[Literal[ALERT_KINDS]] | None = None  # type: ignore[valid-type]
    email: str | None = Field(default=None, max_length=254, description="a plain ASCII address, e.g. ada@example.org")

    @field_validator("email")
    @classmethod
    def _mailable(cls, address: str | None) -> str | None:
        if address is not None and not is_mailable_address(address):
            raise InvalidValue("not_mailable")
        return address

    @field_validator("alerts")
    @classmethod
    def _unique(cls, kinds: list[str] | None) -> list[str] | None:
        return sorted(set(kinds)) if kinds is not None else None


Platform = Literal["apns", "fcm"]


class DeviceRegistration(StrictModel):
    platform: Platform
    token: str = Field(min_length=8, max_length=4096)


class DeviceRegistered(ApiModel):
    device_id: str
    platform: str


class Device(ApiModel):
    device_id: str = Field(description="names the phone here; a hash, never its push token")
    platform: Platform
    registered_at: str


class Devices(ApiModel):
    items: list[Device]


class FeedSeen(StrictModel):
    """No fields: the feed is read up to its newest item. A field sent is a mistake, and a 400."""


class FeedUnread(ApiModel):
    unread: int = Field(description="updates newer than when you last opened your feed, at most 99")
    more: bool = Field(description="there are more than `unread` (a badge shows 99+)")


class FeedItem(ApiModel):
    campaign_id: str
    kind: str
    title: str
    text: str
    url: str
    created_at: str


class FeedPage(ApiModel):
    items: list[FeedItem]
    next_cursor: str | None




def _shown(settings: Settings) -> NotificationSettings:
    arn = settings.subscription_arn
    state: Literal["none", "pending_confirmation", "subscribed"] = (
        "none" if not arn else ("subscribed" if arn.startswith("arn:") else "pending_confirmation"))
    updates = {kind: settings.channels_for(kind) for kind in UPDATE_KINDS}
    verification: Literal["none", "verified", "pending_confirmation"] = (
        "pending_confirmation" if settings.pending_email else ("verified" if settings.email else "none"))
    return NotificationSettings(updates=updates, alerts=list(settings.alert_kinds), email=settings.email,
                                pending_email=settings.pending_email, email_verification=verification,
                                alert_subscription=state)


@endpoint("GET", "/me/notifications", access=SIGNED_IN, response=NotificationSettings,
          tags=("notifications",), summary="Which updates reach you, and by which channel")
def get_settings_route(call: Call) -> NotificationSettings:
    return _shown(logic.settings_of(call.signed_in))


@endpoint("PUT", "/me/notifications", access=SIGNED_IN, body=NotificationSettingsUpdate,
          response=NotificationSettings, tags=("notifications",),
          errors=(429,),
          summary="Choose channels per kind; ministers choose alert kinds (their email subscription follows); "
          "an email other than your sign-in email is mailed a confirmation link, and used once confirmed")
def put_settings(call: Call) -> NotificationSettings:
    body = call.body
    return _shown(logic.choose(call.signed_in, updates=body.updates, alerts=body.alerts, email=body.email))


@endpoint("POST", "/me/devices", access=SIGNED_IN, body=DeviceRegistration,
          response=DeviceRegistered, status=201, tags=("notifications",), errors=(429, 503),
          summary="Register a phone for push (an SNS platform endpoint)")
def register_device(call: Call) -> DeviceRegistered:
    device = logic.register_device(call.signed_in, call.body.platform, call.body.token)
    return DeviceRegistered(device_id=device.device_id, platform=device.platform)


@endpoint("GET", "/me/devices", access=SIGNED_IN, response=Devices, tags=("notifications",),
          summary="The phones registered for your push notifications")
def my_devices(call: Call) -> Devices:
    return Devices(items=[Device(device_id=d.device_id, platform=cast(Platform, d.platform),
                                 registered_at=presenters.display_time(d.created_at) or "")
                          for d in logic.devices_of(call.signed_in)])


@endpoint("DELETE", "/me/devices/{device_id}", access=SIGNED_IN, status=204,
          tags=("notifications",), errors=(404, 503),
          summary="Stop pushing to a phone: its SNS platform endpoint and its record go")
def remove_device(call: Call, device_id: str) -> Response:
    logic.remove_device(call.signed_in, device_id)
    return Response(body="", status_code=204)


@endpoint("GET", "/me/feed", access=SIGNED_IN, query=ListQuery, response=FeedPage,
          tags=("notifications",), summary="Updates from campaigns you support or follow, newest first")
def feed(call: Call) -> FeedPage:
    items, cursor = logic.feed(call.signed_in, call.query.limit, call.query.cursor)
    return FeedPage(items=[FeedItem(campaign_id=i.campaign_id, kind=i.kind, **_words(i), url=i.url,
                                    created_at=presenters.display_time(i.created_at) or "") for i in items],
                    next_cursor=cursor)


def _words(item: domain_notifications.FeedItem) -> dict[str, str]:
    """The item's title and text in the reader's language, where the item has them (issue 29)."""
    words = (item.translations or {}).get(messages.active_language()) or {}
    return {"title": words.get("title") or item.title, "text": words.get("text") or item.text}


@endpoint("POST", "/me/feed/seen", access=SIGNED_IN, body=FeedSeen, status=204,
          tags=("notifications",), summary="You have read your feed: what is in it now no longer counts as unread")
def feed_seen(call: Call) -> Response:
    logic.mark_feed_seen(call.signed_in)
    return Response(body="", status_code=204)


@endpoint("GET", "/me/feed/unread", access=SIGNED_IN, response=FeedUnread, tags=("notifications",),
          summary="How many updates arrived since you last opened your feed (counted up to 100: one bounded read)")
def feed_unread(call: Call) -> FeedUnread:
    unread, more = logic.unread(call.signed_in)
    return FeedUnread(unread=unread, more=more)


class UnsubscribeQuery(StrictModel):
    token: str


class Unsubscribed(ApiModel):
    unsubscribed: str


@endpoint("GET", "/notifications/unsubscribe", access=ANYONE, query=UnsubscribeQuery,
          response=Unsubscribed, tags=("notifications",), html=True,
          summary="One-click unsubscribe from an email's link: no sign-in, a signed token")
def unsubscribe(call: Call) -> Unsubscribed:
    kind = logic.unsubscribe(call.query.token)
    return Unsubscribed(unsubscribed=text("unsubscribed", kind=kind))


@endpoint("POST", "/notifications/unsubscribe", access=ANYONE, query=UnsubscribeQuery, response=Unsubscribed,
          tags=("notifications",), errors=(400,),
          summary="One-click unsubscribe as mail clients do it (RFC 8058): the address in an email's "
          "List-Unsubscribe header, POSTed with List-Unsubscribe=One-Click; no sign-in, a signed token")
def unsubscribe_one_click(call: Call) -> Unsubscribed:
    # The form body a mail client sends says only "One-Click": the signed token is the whole request.
    kind = logic.unsubscribe(call.query.token)
    return Unsubscribed(unsubscribed=text("unsubscribed", kind=kind))


class ConfirmEmailQuery(StrictModel):
    token: str


class EmailConfirmed(ApiModel):
    email_confirmed: bool


@endpoint("GET", "/notifications/confirm-email", access=ANYONE, query=ConfirmEmailQuery,
          response=EmailConfirmed, tags=("notifications",), errors=(400, 409), html=True,
          summary="Confirm an email address from the link mailed to it (no sign-in; signed, expires); "
          "following it twice is harmless")
def confirm_email(call: Call) -> EmailConfirmed:
    logic.confirm_email(call.query.token)
    return EmailConfirmed(email_confirmed=True)


class Mailbox(ApiModel):
    minister_id: str
    messages: list[dict]


class DevEmail(ApiModel):
    model_config = ConfigDict(populate_by_name=True)

    to: str
    from_: str = Field(alias="from")
    subject: str
    text: str
    sent_at: str = Field(description="when the embedded SES sent it, UTC")
    list_unsubscribe: str | None = Field(default=None,
                                         description="its List-Unsubscribe header, as a mail client reads it")
    language: str | None = Field(default=None, description="its Content-Language (`cy-GB`), where it says one")


class Mailboxes(ApiModel):
    mailboxes: list[Mailbox] = Field(description="what each minister's email subscription would have received")
    emails: list[DevEmail] = Field(
        description=f"the {EMAILS_SHOWN} newest emails sent (Cognito's codes, confirmation links, updates), "
        "newest first")


class MailboxQuery(StrictModel):
    to: str | None = Field(default=None, max_length=254, description="only the emails sent to this address")

    @field_validator("to")
    @classmethod
    def _address(cls, address: str | None) -> str | None:
        if address is not None and not is_mailable_address(address):
            raise InvalidValue("not_mailable")
        return address


@endpoint("GET", "/dev/mailbox", access=ANYONE, query=MailboxQuery, response=Mailboxes,
          tags=("local",), errors=(400, 404), html=True,
          summary="Local stage only: every email sent (to one address with ?to=), and what each minister's "
          "email subscription would have received; a browser asking for text/html gets a page")
def dev_mailbox(call: Call) -> Mailboxes:
    if not get_settings().is_local:
        raise NotFound(wording="dev_only")
    return Mailboxes(mailboxes=[Mailbox(minister_id=m, messages=msgs) for m, msgs in read_mailboxes().items()],
                     emails=[DevEmail.model_validate(sent) for sent in read_emails(call.query.to)])
