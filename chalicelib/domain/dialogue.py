"""The dialogue's rules and shapes: replies, badges, official responses, reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.domain.errors import NotFound, StaleVersion
from chalicelib.domain.identity import Caller, Role

MAX_DEPTH = 3  # levels shown in a thread


# A response given this soon after the last one corrects it (a double click, a typo): it becomes
# the current response, but supporters, told moments ago, are not told again.
RESPONSE_CORRECTION_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class Badge:
    """Who wrote a reply, decided when it is written: the campaign's owner, a minister (with their
    portfolio then), a member of the hosting organisation."""

    kind: str  # owner | minister | organisation
    portfolio: tuple[str, ...] | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class Edit:
    """Words a reply's author replaced, kept in its history."""

    body: str
    replaced_at: str


@dataclass(frozen=True)
class Reply:
    """A reply under a campaign (or to another reply), with the badges that say who wrote it."""

    reply_id: str
    campaign_id: str
    author_id: str
    body: str
    created_at: str
    parent_id: str | None = None
    depth: int = 0
    badges: tuple[Badge, ...] = ()
    edited_at: str | None = None
    history: tuple[Edit, ...] = ()
    deleted_at: str | None = None  # a tombstone: the words went, the place in the thread stays
    hidden: bool = False
    version: int = 0
    language: str | None = None  # "en" or "cy"; None: from before replies had one, English (`written_in`)


@dataclass(frozen=True)
class Response:
    """One official response in a campaign's history (the campaign keeps the current one)."""

    campaign_id: str
    response_key: str  # "<time>#<id>": newest last
    minister_id: str
    area: str
    stance: str
    body: str
    created_at: str


@dataclass(frozen=True)
class OwnerUpdate:
    """News from a campaign's owner or organisation to its supporters and followers."""

    id: str
    campaign_id: str
    headline: str
    body: str
    author_id: str
    created_at: str


def no_such_reply() -> NotFound:
    return NotFound(code="reply_not_found")


def reply_changed(version: int | None = None) -> StaleVersion:
    return StaleVersion(wording="reply", details={"version": version} if version is not None else None)


def answered_meanwhile() -> StaleVersion:
    """Another response landed between reading the campaign and answering it."""
    return StaleVersion(wording="answered_meanwhile")


def announces_response(last_response_at: datetime | None, now: datetime) -> bool:
    """Whether a new response goes out to every supporter and follower."""
    return last_response_at is None or now - last_response_at >= RESPONSE_CORRECTION_WINDOW


def reply_badges(caller: Caller, *, owner_id: str, portfolio: list[str], organisation_handle: str | None,
                 member_of_host: bool) -> list[Badge]:
    """What a reply shows about who wrote it, decided when it is written."""
    badges: list[Badge] = []
    if caller.id == owner_id:
        badges.append(Badge("owner"))
    if caller.has(Role.MINISTER):
        badges.append(Badge("minister", portfolio=tuple(sorted(portfolio))))
    if member_of_host and organisation_handle:
        badges.append(Badge("organisation", organisation=organisation_handle))
    return badges


def days_waiting(since: datetime, now: datetime) -> int:
    return max(0, (now - since).days)


def overdue_before(now: datetime, deadline_days: int) -> datetime:
    """The overdue rule, the one copy: a campaign is overdue once it has waited more than
    `deadline_days` whole days since the response threshold, that is when it reached the threshold
    at or before this moment. The inbox, the minister's record (a range on the inbox index) and the
    overdue alert all ask it, so a campaign 30.5 days in is overdue in none of them."""
    return now - timedelta(days=deadline_days + 1)


def is_overdue(since: datetime, now: datetime, deadline_days: int) -> bool:
    return since <= overdue_before(now, deadline_days)


def reply_placement(parent_id: str | None, parent_depth: int | None,
                    grandparent_id: str | None) -> tuple[str | None, int]:
    """(the reply it hangs off, its depth). A thread shows MAX_DEPTH levels: an answer to the
    deepest level hangs off that level's parent, beside the reply it answers."""
    if parent_id is None or parent_depth is None:
        return None, 0
    if parent_depth < MAX_DEPTH - 1:
        return parent_id, parent_depth + 1
    return grandparent_id, MAX_DEPTH - 1
