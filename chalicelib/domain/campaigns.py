"""A campaign's lifecycle and what may be written into one. No AWS here: storage enforces the
same transitions with conditional writes (`store.campaigns`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.errors import Conflict, InvalidInput, NotFound


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
        raise NotFound(code="campaign_not_found")
    if Status(status) != Status.OPEN:
        raise Conflict(code="campaign_not_open", details={"status": status})


def require_takes_back(status: str) -> None:
    """What a person gave a campaign they may always take back: their support (the consent promises
    it at any time), a follow, their own reply; on a campaign hidden by moderation or closed too.
    Drafts and the like never had any of these: not found."""
    if Status(status) not in PUBLIC:
        raise NotFound(code="campaign_not_found")


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


# The languages a campaign can be written in (README, "Content in either language").
CONTENT_LANGUAGES = ("en", "cy")


def written_in(language: str | None) -> str:
    """A campaign's language: English for one written before campaigns had one."""
    return language or "en"


def text_changes(changes: dict, current_language: str | None, has_translation: bool) -> dict:
    """An edit's fields as the campaign keeps them: `translation` ({title, summary}, or None to take it
    away) becomes `translated_title` and `translated_summary`. A translation is in the other language,
    so changing the language while keeping one (not sent again) would leave both in one: refused."""
    fields = {k: v for k, v in changes.items() if k != "translation"}
    if "translation" in changes:
        given = changes["translation"] or {}
        fields["translated_title"] = given.get("title")
        fields["translated_summary"] = given.get("summary")
    changes_language = "language" in changes and changes["language"] != written_in(current_language)
    if changes_language and has_translation and "translation" not in changes:
        raise InvalidInput(code="translation_language", details={"fields": {
            "translation": "send it again in the other language, or null, when the language changes"}})
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
