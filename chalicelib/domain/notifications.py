"""What people are told, and where: feed counts, email addresses, the updates' and alerts' texts.
Which kinds of event reach whom, over which channels, is `domain/events`."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from chalicelib.domain.errors import Conflict
from chalicelib.domain.events import DEFAULT_CHANNELS
from chalicelib.messages import Words, label, plural_text, text

# The feed's unread count reads at most UNREAD_COUNTED items (one Query page, Select COUNT): the
# header's badge shows up to UNREAD_SHOWN, and "99+" beyond. Exact past that costs reads nobody needs.
UNREAD_SHOWN = 99
UNREAD_COUNTED = UNREAD_SHOWN + 1


def unread_shown(counted: int) -> tuple[int, bool]:
    """(the number to show, whether there are more than that) from what one bounded count found."""
    return min(counted, UNREAD_SHOWN), counted > UNREAD_SHOWN


# Double opt-in: an address other than the verified sign-in email gets a signed link first, and
# nothing else is sent to it until the link is followed. Otherwise anyone could have updates
# ("the campaign you support...") and ministers' alerts mailed to a stranger.
EMAIL_CONFIRMATION_HOURS = 48


# What mail can be sent to: a plain ASCII address (RFC 5321's dot-atom local part, a domain of
# letters, digits and hyphens with an alphabetic top level). SES refuses anything else, and an
# address a mail server cannot take is no address: it is a 400, never a failed send (a 500).
_LOCAL_PART = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
_ADDRESS = re.compile(rf"{_LOCAL_PART}@{_DOMAIN}")


def is_mailable_address(address: str) -> bool:
    local = address.rpartition("@")[0]
    return len(address) <= 254 and len(local) <= 64 and _ADDRESS.fullmatch(address) is not None


def address_hash(address: str) -> str:
    """What a confirmation link names instead of the address (links end up in logs)."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()[:24]


def needs_confirmation(address: str, sign_in_email: str | None) -> bool:
    """Whether an address must be confirmed before anything is sent to it: any but the sign-in
    email, and that one only when the token says Cognito verified it (`Caller.verified_email`)."""
    return not sign_in_email or address.strip().lower() != sign_in_email.strip().lower()


@dataclass(frozen=True)
class Settings:
    """What reaches a person, and how: one per person who chose anything (the defaults otherwise)."""

    person_id: str
    channels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # kind of update -> channels
    alert_kinds: tuple[str, ...] = ()  # a minister's email alerts
    # Where update emails and alerts go: only an address known to be the person's. Nothing is
    # sent to `pending_email` until its confirmation link is followed.
    email: str | None = None
    pending_email: str | None = None
    subscription_arn: str | None = None  # the alerts subscription (pending: not an ARN yet)
    mailbox_subscription_arn: str | None = None  # local stage: the /dev/mailbox mirror
    has_devices: bool | None = None
    feed_seen_key: str | None = None  # the newest feed item when they last opened it
    # When a minister last chose their alert kinds (none is a choice too); until then a portfolio
    # given subscribes them to the defaults (logic.people.set_portfolio).
    alerts_chosen_at: str | None = None
    language: str | None = None  # a copy of their profile's: what is sent to them is written in it
    updated_at: str = ""

    def channels_for(self, kind: str) -> list[str]:
        """The person's choice for `kind` (none at all is a choice too), or the default."""
        if kind not in self.channels:
            return list(DEFAULT_CHANNELS.get(kind, ["feed"]))
        return list(self.channels[kind])

    def every_channel(self) -> dict[str, list[str]]:
        return {kind: self.channels_for(kind) for kind in DEFAULT_CHANNELS}


@dataclass(frozen=True)
class Device:
    """A phone that gets pushes: its SNS platform endpoint."""

    person_id: str
    device_id: str  # a hash of its token, never the token
    platform: str
    endpoint_arn: str
    created_at: str


@dataclass(frozen=True)
class FeedItem:
    """One update in a person's feed: what happened to a campaign they support or follow."""

    person_id: str
    item_key: str
    campaign_id: str
    kind: str
    title: str
    text: str
    url: str
    created_at: str
    # The title and text in the site's other languages ({"cy": {"title": ..., "text": ...}}); None: written before.
    translations: Mapping[str, Mapping[str, str]] | None = None


def confirmation_superseded() -> Conflict:
    return Conflict(code="confirmation_superseded")


@dataclass(frozen=True)
class SupporterUpdate:
    """One update as it reaches every supporter and follower: the same item in each feed."""

    campaign_id: str
    event_key: str
    kind: str
    title: str
    text: str
    url: str
    created_at: str
    # The title and text in each other language the site speaks ((language, title, text), issue 29): a
    # feed item carries them all, and the feed shows the reader's, so no fan-out reads anyone's language.
    translations: tuple[tuple[str, str, str], ...] = ()

    def words_in(self, language: str) -> tuple[str, str]:
        return next(((t, x) for lang, t, x in self.translations if lang == language), (self.title, self.text))


# The policy team's note, in the update's own words, as far as a feed line and a push can carry it.
NOTE_IN_UPDATE = 280


def update_text(kind: str, campaign_title: str, stance: str | None = None,
                headline: str | None = None, summary: str | None = None, stage: str | None = None,
                note: str | None = None) -> tuple[str, str]:
    """(title, text) of a supporter's update, in the reader's language (messages/notices.py)."""
    if kind == "consultation_closed":  # headline: the consultation's question
        return (text("update.consultation_closed.title", question=headline or campaign_title),
                text("update.consultation_closed.text", campaign=campaign_title, summary=summary or ""))
    if kind == "manifesto":
        said = note or ""
        said = said if len(said) <= NOTE_IN_UPDATE else said[:NOTE_IN_UPDATE - 3].rstrip() + "..."
        titled = label("manifesto.update_title", stage or "", otherwise=text("update.manifesto.no_stage"))
        return (text("update.manifesto.title", stage=titled, campaign=campaign_title),
                text("update.manifesto.text", note=said))
    if kind == "amendment_decided":  # stage: the verdict; headline: the clause's number; summary: the document
        said = note or ""
        said = said if len(said) <= NOTE_IN_UPDATE else said[:NOTE_IN_UPDATE - 3].rstrip() + "..."
        return (text("update.amendment_decided.title", verdict=label("verdict", stage or "",
                                                                     otherwise=text("update.amendment_decided.no_verdict")),
                     clause=headline or "?", document=summary or ""),
                text("update.amendment_decided.text", reason=said))
    if kind == "clause_shaped":  # headline: the clause's number; summary: the document's title
        return (text("update.clause_shaped.title", campaign=campaign_title),
                text("update.clause_shaped.text", campaign=campaign_title, clause=headline or "?",
                     document=summary or ""))
    if kind == "document_adopted":  # headline: the document's title
        return (text("update.document_adopted.title", document=headline or ""),
                text("update.document_adopted.text", document=headline or "", campaign=campaign_title))
    if kind == "response":
        return (text("update.response.title", campaign=campaign_title),
                text("update.response.text", stance=label("stance", stance) if stance else
                     Words("update.response.no_stance")))
    if kind == "owner_update":
        return (text("update.owner_update.title", campaign=campaign_title),
                text("update.owner_update.text", headline=headline or Words("update.owner_update.no_headline")))
    return text("update.closed.title", campaign=campaign_title), text("update.closed.text")


# A moderator's reason, as far as a feed line and an email's opening can carry it (the owner reads
# it in full on their campaigns' page).
REASON_IN_NOTICE = 500


def notice_text(kind: str, *, campaign: str = "", reason: str | None = None,
                organisation: str = "") -> tuple[str, str]:
    """(title, text) of a notice to one person (domain/events: campaign_approved, campaign_rejected,
    invited, reply_to_reply), in the reader's language (messages/notices.py)."""
    if kind == "campaign_rejected":
        said = reason or ""
        said = said if len(said) <= REASON_IN_NOTICE else said[:REASON_IN_NOTICE - 3].rstrip() + "..."
        return (text("notice.campaign_rejected.title", campaign=campaign),
                text("notice.campaign_rejected.text", reason=said))
    if kind == "invited":
        return (text("notice.invited.title", organisation=organisation),
                text("notice.invited.text", organisation=organisation))
    if kind == "reply_to_reply":
        return text("notice.reply_to_reply.title", campaign=campaign), text("notice.reply_to_reply.text")
    return text("notice.campaign_approved.title", campaign=campaign), text("notice.campaign_approved.text")


ALERT_SUBJECTS = {"campaign_opened": "alert.campaign_opened.subject",
                  "response_threshold": "alert.response_threshold.subject",
                  "response_overdue": "alert.response_overdue.subject",
                  "reply_on_answered": "alert.reply_on_answered.subject"}
ALERT_TEXTS = {"response_threshold": "alert.response_threshold.text", "response_overdue": "alert.response_overdue.text"}


def alert_text(kind: str, campaign_title: str, value: int | None, url: str) -> tuple[str, str]:
    """(subject, text) of a minister's email alert: short, readable, with the link."""
    if kind == "milestone":
        subject = (plural_text("alert.milestone.subject", value, count=f"{value:,}", campaign=campaign_title)
                   if value else text("alert.milestone.no_count.subject", campaign=campaign_title))
    elif kind in ALERT_SUBJECTS:
        subject = text(ALERT_SUBJECTS[kind], campaign=campaign_title)
    else:
        subject = campaign_title
    body = text(ALERT_TEXTS[kind], campaign=campaign_title, url=url) if kind in ALERT_TEXTS else f"{subject}\n\n{url}"
    return subject[:97] + "..." if len(subject) > 100 else subject, body
