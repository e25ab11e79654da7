"""A campaign's lifecycle and what may be written into one. No AWS here: storage enforces the
same transitions with conditional writes (`store.campaigns`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from chalicelib.domain.errors import Conflict, DependencyUnavailable, InvalidInput, NotFound, StaleVersion, field_words

if TYPE_CHECKING:
    from chalicelib.domain.manifesto import Tracked


class Status(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    OPEN = "open"
    REJECTED = "rejected"
    CLOSED = "closed"


# The only moves a campaign can make; everything else is a 409.
TRANSITIONS: dict[str, tuple[frozenset[Status], Status]] = {
    "submit": (frozenset({Status.DRAFT, Status.REJECTED}), Status.PENDING),
    "approve": (frozenset({Status.PENDING}), Status.OPEN),
    "reject": (frozenset({Status.PENDING}), Status.REJECTED),
    "close": (frozenset({Status.OPEN}), Status.CLOSED),
}


EDITABLE = frozenset({Status.DRAFT, Status.REJECTED})


@dataclass(frozen=True)
class Answer:
    """The campaign's current official response, as the campaign keeps it."""

    minister_id: str
    stance: str
    body: str
    created_at: str


@dataclass(frozen=True)
class SlugClaim:
    """Which campaign a slug names, with what its claim noted when the campaign was made: its owner,
    host, title and language, so a page can ask for their names and its title's terms together with
    the campaign. Hints only: a page checks them against the campaign it reads (a draft's title may
    have been edited since), and reads again what they missed."""

    campaign_id: str
    owner_id: str | None = None
    organisation_id: str | None = None
    title: str | None = None
    language: str | None = None
    # Its related campaigns' ids, best first, as last found (by the search index's stream handler, or a
    # page that found them stale), and when; None before the first (README, "A cold container's first pages").
    related: tuple[str, ...] | None = None
    related_at: str | None = None


# How long a campaign's stored related campaigns are shown before a page finds them again: campaigns
# opened since that share its words join them within it (their own are found when they open).
RELATED_LIFE = timedelta(days=1)


def related_fresh(claim: SlugClaim, now: datetime) -> bool:
    """Whether the claim's stored related campaigns may be shown as they are (found within RELATED_LIFE)."""
    if claim.related is None or not claim.related_at:
        return False
    return now - datetime.fromisoformat(claim.related_at.replace("Z", "+00:00")) < RELATED_LIFE


@dataclass(frozen=True)
class Campaign:
    """A campaign as the logic and everything above it see it. A list reads only what it shows
    (a projection): what it did not read keeps the default. Times are stored times (`times.iso`)."""

    id: str
    slug: str = ""
    title: str = ""
    summary: str = ""
    body: str = ""
    area: str = ""
    status: str = Status.DRAFT.value
    owner_id: str = ""
    organisation_id: str | None = None
    support_count: int = 0
    # Supporters by the region they gave ({region id: n}), exact, from the same read as the count.
    support_by_region: Mapping[str, int] | None = None
    created_at: str = ""
    listed_at: str = ""  # when it entered its current status's list (submitted, published, closed)
    submitted_at: str | None = None
    published_at: str | None = None
    closes_at: str | None = None
    closed_at: str | None = None
    moderation_reason: str | None = None
    milestones: tuple[int, ...] = ()
    hidden: bool = False  # by moderation
    version: int = 0  # moves with each edit people make, never with a count
    official_response: Answer | None = None
    consultation_id: str | None = None
    manifesto: Tracked | None = None
    manifesto_stage: str | None = None  # the tracker's stage alone, where a list reads no more of it
    inbox_area: str | None = None  # waiting in this area's ministers' inbox
    threshold_reached_at: str | None = None
    hourly_counts: tuple[int, ...] = ()  # the count at each of the last 24 hours (trending)
    daily_counts: tuple[int, ...] | None = None  # the count at the end of each of the last 31 days
    daily_counts_day: str | None = None
    reply_count: int | None = None  # counted hourly while open; None until then
    count_read_at: str | None = None  # when the count shown was read
    # Supporters still settling, by the day they count in their region ({ISO day: {cell: n}}).
    regions_settling: Mapping[str, Mapping[str, int]] | None = None
    # The hourly regional snapshot (domain.regional_figures): settled supporters by cell, and when.
    regional_snapshot: Mapping[str, int] | None = None
    regional_snapshot_at: str | None = None
    updates_posted: int = 0  # how many updates its owner sent: its page reads them only if some
    # The language it is written in ("en", "cy"; None: from before languages, English), and its title and
    # summary in the other language if its author gave them.
    language: str | None = None
    translated_title: str | None = None
    translated_summary: str | None = None
    # Policy documents' trail, noted on the item (store.clause_origins): the clauses it shaped, by
    # "<document>#<clause>", and the documents adopted with them, by document id.
    shaped_clauses: Mapping[str, Mapping[str, Any]] | None = None
    adopted_in: Mapping[str, Mapping[str, Any]] | None = None


@dataclass(frozen=True)
class Snapshot:
    """What a support, a follow or a reply needs of a campaign: kept two seconds per container."""

    status: str
    hidden: bool
    support_count: int
    # Fixed once a campaign is open, except `answered`.
    owner_id: str = ""
    organisation_id: str | None = None
    area: str = ""
    answered: bool = False  # it has an official response: a reply alerts the area's ministers


def not_found() -> NotFound:
    """A campaign that does not exist, or that the caller may not know exists."""
    return NotFound(code="campaign_not_found")


def slug_taken() -> Conflict:
    """Every slug tried for the title was taken."""
    return Conflict(code="slug_taken")


def very_busy() -> DependencyUnavailable:
    """Supports on the campaign kept taking the same shard's items through every retry."""
    return DependencyUnavailable(wording="busy_campaign", retry_after=1)


PUBLIC = frozenset({Status.OPEN, Status.CLOSED})


def transition(action: str, current: str) -> Status:
    """The status `action` leads to from `current`, or a Conflict saying why not."""
    allowed_from, target = TRANSITIONS[action]
    if Status(current) not in allowed_from:
        raise Conflict(code="invalid_transition", status=current, action=action,
                       details={"status": current, "action": action})
    return target


def closing_date(published_at: datetime, open_days: int) -> datetime:
    return published_at + timedelta(days=open_days)


# Letters that Unicode does not split into a base letter and an accent.
TRANSLITERATIONS = str.maketrans({"ß": "ss", "ẞ": "SS", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae",
                                  "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                                  "þ": "th", "Þ": "Th", "\u0131": "i"})  # the last: dotless i


def slugify(title: str, max_length: int = 60) -> str:
    """`Free bus travel for apprentices!` -> `free-bus-travel-for-apprentices`; `Łódź—now` -> `lodz-now`.
    Accents are dropped; any other character outside ASCII separates words, as a space would."""
    decomposed = unicodedata.normalize("NFKD", title.translate(TRANSLITERATIONS))
    folded = "".join(c if c.isascii() else ("" if unicodedata.combining(c) else " ") for c in decomposed)
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "campaign"


def is_public(status: str, hidden: bool | None) -> bool:
    """Open or closed, and not hidden by moderation: what anyone may see, list, follow or answer."""
    return Status(status) in PUBLIC and not hidden


def require_takes_support(status: str, hidden: bool | None) -> None:
    """Only an open, shown campaign takes (or gives back) support. A campaign nobody may see is not
    found, so a refusal never tells a stranger that a draft or a hidden campaign exists."""
    if not is_public(status, hidden):
        raise not_found()
    if Status(status) != Status.OPEN:
        raise Conflict(code="campaign_not_open", details={"status": status})


def require_takes_back(status: str) -> None:
    """What a person gave a campaign they may always take back: their support (the consent promises
    it at any time), a follow, their own reply; on a campaign hidden by moderation or closed too.
    Drafts and the like never had any of these: not found."""
    if Status(status) not in PUBLIC:
        raise not_found()


def withdrawal_keeps_count(status: str) -> bool:
    """A closed campaign's count is final and published (pages, the CSV): withdrawing or erasing
    then anonymises the support (it stays one supporter, nobody's) rather than taking it away, so
    comparing counts before and after cannot tell whose support it was."""
    return Status(status) == Status.CLOSED


def require_takes_replies(status: str) -> None:
    """A closed campaign's thread is read-only; drafts and pending campaigns have no thread yet."""
    if Status(status) != Status.OPEN:
        raise Conflict(code="campaign_read_only", details={"status": status})


def require_followable(status: str, hidden: bool | None) -> None:
    if not is_public(status, hidden):
        raise Conflict(code="campaign_not_public", wording="follow")


def require_editable(campaign: Campaign, expected_version: int) -> None:
    """Owners edit drafts and rejected campaigns only (supporters signed what they read), and only
    from the version they read."""
    if Status(campaign.status) not in EDITABLE:
        raise Conflict(code="campaign_frozen",
                       details={"status": campaign.status})
    if expected_version != campaign.version:
        raise stale_edit(campaign.version)


def stale_edit(version: int | None = None) -> StaleVersion:
    """The campaign changed since its editor read it (`version`: what it is now, when known)."""
    return StaleVersion(wording="campaign", details={"version": version} if version is not None else None)


def moved_meanwhile() -> StaleVersion:
    """A lifecycle step from a copy that is out of date, though the step is still allowed."""
    return StaleVersion(wording="campaign_meanwhile")


# The languages a campaign, a reply or an amendment can be written in (README, "Content in either language").
CONTENT_LANGUAGES = ("en", "cy")


def written_in(language: str | None) -> str:
    """A campaign's, a reply's or an amendment's language: English for one written before they had one."""
    return language or "en"


def text_changes(changes: Mapping[str, Any], current_language: str | None,
                 has_translation: bool) -> dict[str, str | None]:
    """An edit's fields as the campaign keeps them: `translation` ({title, summary}, or None to take it
    away) becomes `translated_title` and `translated_summary`. A translation is in the other language,
    so changing the language while keeping one (not sent again) would leave both in one: refused."""
    fields: dict[str, str | None] = {k: v for k, v in changes.items() if k != "translation"}
    if "translation" in changes:
        given = changes["translation"] or {}
        fields["translated_title"] = given.get("title")
        fields["translated_summary"] = given.get("summary")
    changes_language = "language" in changes and changes["language"] != written_in(current_language)
    if changes_language and has_translation and "translation" not in changes:
        raise InvalidInput(code="translation_language",
                           details={"fields": {"translation": field_words("translation_again")}})
    return fields


@dataclass(frozen=True)
class Wording:
    """A campaign's title and summary in one language."""

    language: str
    title: str
    summary: str


def reading_order(reader: str, original: Wording, translation: Wording | None) -> tuple[Wording, Wording | None]:
    """What a reader sees first, and the other version (a tap away): their own language's when the
    campaign has one, else the original."""
    if translation is not None and translation.language == reader and original.language != reader:
        return translation, original
    return original, translation
