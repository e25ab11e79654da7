"""Every kind of event, and who hears of it: the one table (README, "Notifications").

An event is written once into the outbox (`store/outbox`) by the change it reports. The outbox's
stream feeds `events/publishing`, which puts every event on the events topic and then does what its
kind's row below says: an email alert to the ministers of its area, an update fanned out to every
supporter and follower (and the idea's owner), over the channels each person chose.

A kind has one name, the same everywhere: the outbox item's `kind`, the `kind` attribute on the
events and alerts topics (ministers' filter policies match it), the alert kinds a minister picks
and the update kinds a person sets channels for (`PUT /me/notifications`). Adding a kind is adding
a member and its row (and the write that raises it). The words people read are not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EventKind(StrEnum):
    CAMPAIGN_OPENED = "campaign_opened"
    MILESTONE = "milestone"
    RESPONSE_THRESHOLD = "response_threshold"
    RESPONSE_OVERDUE = "response_overdue"
    REPLY_ON_ANSWERED = "reply_on_answered"
    RESPONSE = "response"
    OWNER_UPDATE = "owner_update"
    CLOSED = "closed"
    CONSULTATION_CLOSED = "consultation_closed"  # one per idea that answered it
    CONSULTATION_CLOSING = "consultation_closing"  # one per consultation, written by its close
    MANIFESTO = "manifesto"
    # Policy documents (README, "The manifesto as a document"). An amendment's decision is an event in
    # the amendment's own partition (its id): its supporters are its own shards, its proposer its "owner".
    AMENDMENT_DECIDED = "amendment_decided"
    CLAUSE_SHAPED = "clause_shaped"  # on an idea, once per clause the policy team links it to
    DOCUMENT_ADOPTED = "document_adopted"  # one per idea an adopted document's clauses came from
    DOCUMENT_ADOPTING = "document_adopting"  # one per document, written by its adoption
    # Notices: each told to one person.
    CAMPAIGN_APPROVED = "campaign_approved"  # told to its owner; CAMPAIGN_OPENED tells the ministers
    CAMPAIGN_REJECTED = "campaign_rejected"
    INVITED = "invited"  # to an organisation: told to the person invited
    REPLY_TO_REPLY = "reply_to_reply"  # told to the author of the reply answered


# How people other than ministers can hear of something; the feed always has it.
CHANNELS = ("feed", "push", "email")


class Addressee(StrEnum):
    """The one person a notice is for, found when it is delivered (so the outbox keeps no one's id
    where it can be helped)."""

    OWNER = "owner"  # the campaign's owner
    REPLIED_TO = "replied_to"  # the author of the reply answered (`parent_id` in the event)
    INVITEE = "invitee"  # the person invited (`person_id` in the event)


@dataclass(frozen=True)
class Hearing:
    """Who hears of an event of one kind, and how."""

    # An email alert to the ministers whose portfolio holds the event's area, if they chose its kind.
    ministers: bool = False
    # Fanned out to every supporter and follower, over these channels unless they chose others
    # (`PUT /me/notifications`); () for none.
    supporters: tuple[str, ...] = ()
    # The idea's owner hears of it too, over the same channels (supporter or not).
    owner: bool = False
    # Not published itself: the publisher writes one event of this kind per idea it concerns,
    # which come back through the stream (so a crash cannot leave ideas untold).
    expands_into: EventKind | None = None
    # A notice: told to one person (`to`), over these channels unless they chose others; their own
    # business, so never put on the events topic.
    notice: tuple[str, ...] = ()
    to: Addressee | None = None
    # Ministers given a portfolio are subscribed to this alert from then on (they can turn it off).
    alert_by_default: bool = False


# What someone hears of something done to what they did: in their feed, and by email to their
# verified sign-in email (the petitions site writes to every creator and signer the same way).
TOLD = ("feed", "email")

EVENTS: dict[EventKind, Hearing] = {
    EventKind.CAMPAIGN_OPENED: Hearing(ministers=True),
    EventKind.MILESTONE: Hearing(ministers=True),
    EventKind.RESPONSE_THRESHOLD: Hearing(ministers=True, alert_by_default=True),
    EventKind.RESPONSE_OVERDUE: Hearing(ministers=True, alert_by_default=True),
    EventKind.REPLY_ON_ANSWERED: Hearing(ministers=True, alert_by_default=True),
    # The outcomes people supported a campaign for: by email too unless they say otherwise.
    EventKind.RESPONSE: Hearing(supporters=("feed", "push", "email"), owner=True),
    EventKind.OWNER_UPDATE: Hearing(supporters=("feed",)),
    EventKind.CLOSED: Hearing(supporters=("feed",)),
    # The party's summary of the consultation the idea answered.
    EventKind.CONSULTATION_CLOSED: Hearing(supporters=("feed",), owner=True),
    EventKind.CONSULTATION_CLOSING: Hearing(expands_into=EventKind.CONSULTATION_CLOSED),
    EventKind.MANIFESTO: Hearing(supporters=("feed", "push", "email"), owner=True),
    # What became of an amendment or an idea in a policy document: its proposer (or owner) hears too.
    EventKind.AMENDMENT_DECIDED: Hearing(supporters=("feed", "push"), owner=True),
    EventKind.CLAUSE_SHAPED: Hearing(supporters=("feed", "push"), owner=True),
    EventKind.DOCUMENT_ADOPTED: Hearing(supporters=("feed", "push"), owner=True),
    EventKind.DOCUMENT_ADOPTING: Hearing(expands_into=EventKind.DOCUMENT_ADOPTED),
    EventKind.CAMPAIGN_APPROVED: Hearing(notice=TOLD, to=Addressee.OWNER),
    EventKind.CAMPAIGN_REJECTED: Hearing(notice=TOLD, to=Addressee.OWNER),  # with the moderator's reason
    EventKind.INVITED: Hearing(notice=TOLD, to=Addressee.INVITEE),
    EventKind.REPLY_TO_REPLY: Hearing(notice=TOLD, to=Addressee.REPLIED_TO),  # at most one an hour per reply
}

# Ministers' alerts that no event brings: the schedule's daily digest of each area.
DIGEST = "digest"

# What a minister may choose to be emailed about, and what a person sets channels for.
ALERT_KINDS: tuple[str, ...] = (*(kind.value for kind, hearing in EVENTS.items() if hearing.ministers), DIGEST)
# What a minister is subscribed to when given a portfolio, until they choose: what waits on them,
# and each area's daily digest (which names the newest and rising campaigns, so not each of those).
DEFAULT_ALERT_KINDS: tuple[str, ...] = (
    *(kind.value for kind, hearing in EVENTS.items() if hearing.alert_by_default), DIGEST)
UPDATE_KINDS: tuple[str, ...] = tuple(kind.value for kind, hearing in EVENTS.items()
                                      if hearing.supporters or hearing.notice)
DEFAULT_CHANNELS: dict[str, list[str]] = {kind.value: list(hearing.supporters or hearing.notice)
                                          for kind, hearing in EVENTS.items() if hearing.supporters or hearing.notice}

# Outbox items written before every kind had one name, read as the kind they were: until then a
# campaign's opening was stored and published as "opened" (and alerted as "campaign_opened").
_FORMER_NAMES = {"opened": EventKind.CAMPAIGN_OPENED}


def kind_named(name: str) -> EventKind:
    """The kind an outbox item's `kind` names, a former name included; ValueError for none."""
    return _FORMER_NAMES.get(name) or EventKind(name)


def hearing(kind: str) -> Hearing:
    return EVENTS[kind_named(kind)]


# Decisions about a campaign that its owner hears of whatever has happened to it since.
_ABOUT_THE_OWNERS_OWN = frozenset({EventKind.CAMPAIGN_APPROVED, EventKind.CAMPAIGN_REJECTED})


def still_told(kind: str, *, status: str, hidden: bool | None) -> bool:
    """Whether an event about a campaign is told to anyone when it is delivered. A hidden campaign
    tells nobody anything new (it has disappeared for everyone but its author and moderators), except
    its owner of a decision on it; a thread that has closed since brings no more reply notices."""
    named = kind_named(kind)
    if named in _ABOUT_THE_OWNERS_OWN:
        return True
    if hidden:
        return False
    return not (named is EventKind.REPLY_TO_REPLY and status != "open")
