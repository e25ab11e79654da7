"""Policy documents: a title, a summary, and chapters of numbered clauses, published in versions.

A clause keeps its id in every version; its number ("2.3": chapter, then place in the chapter) is
worked out from where it stands, so inserting or deleting a clause renumbers the rest without
changing what any link, amendment or idea points at. Every version is kept and stays readable.
A document takes amendments until its window closes (`amendments_close_at`), and is adopted once
nothing waits for a decision or a new version. No AWS, no HTTP.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.domain.errors import Conflict, DependencyUnavailable, InvalidInput, NotFound, field_words

TITLE_MAX = 200
SUMMARY_MAX = 4000
HEADING_MAX = 200
CLAUSE_MAX = 2000
CHAPTERS_MAX = 40
CLAUSES_MAX = 400
# A version is one item (DynamoDB's limit is 400 KB): the words, with room for ids and numbers.
VERSION_BYTES_MAX = 300_000
# A round of amendments lasts at most this long: long enough for every constituency party to meet.
LONGEST_WINDOW = timedelta(days=366)
NOTE_MAX = 2000
DOCUMENT_PREFIX = "doc-"
CLAUSE_PREFIX = "cl-"


class Status(StrEnum):
    OPEN = "open_for_amendments"
    CLOSED = "amendments_closed"  # the window has passed: the policy team decides and publishes
    ADOPTED = "adopted"  # part of the manifesto: no more amendments, decisions or versions


class AmendmentOrder(StrEnum):
    """How amendments are listed beside their clause: the policy team's choice for the document."""

    MOST_SUPPORTED = "most_supported"
    OLDEST_FIRST = "oldest_first"
    NEWEST_FIRST = "newest_first"


@dataclass(frozen=True)
class Clause:
    """One numbered clause of a policy document's text."""

    id: str
    number: str
    text: str


@dataclass(frozen=True)
class Chapter:
    """A heading and the clauses under it."""

    heading: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Version:
    """One published text. `changes`: the clauses that changed in it (new, reworded or deleted) and
    the amendments behind each change; version 1 has none."""

    document_id: str
    number: int
    chapters: tuple[Chapter, ...]
    published_at: str
    changes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""

    def clauses(self) -> Iterator[Clause]:
        for chapter in self.chapters:
            yield from chapter.clauses

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses() if c.id == clause_id), None)


@dataclass(frozen=True)
class Document:
    """What a document is now. `clause_amendments`: amendments proposed to each clause (by id);
    `undecided`: amendments waiting for a decision; `pending`: decided changes not yet in a version."""

    id: str
    area: str
    title: str
    summary: str
    amendments_close_at: str
    current_version: int
    created_at: str
    amendment_order: AmendmentOrder = AmendmentOrder.MOST_SUPPORTED
    adopted_at: str | None = None
    adoption_note: str | None = None
    clause_amendments: dict[str, int] = field(default_factory=dict)
    amendment_count: int = 0
    undecided: int = 0
    pending: int = 0
    revision: int = 1

    def status(self, now: str) -> Status:
        """Derived from the window and the adoption, never stored: a window closing needs no write."""
        if self.adopted_at is not None:
            return Status.ADOPTED
        return Status.OPEN if now < self.amendments_close_at else Status.CLOSED


def new_document_id() -> str:
    return DOCUMENT_PREFIX + secrets.token_hex(8)


def new_clause_id() -> str:
    return CLAUSE_PREFIX + secrets.token_hex(4)


def unique_ids(make: Callable[[], str], taken: set[str]) -> Callable[[], str]:
    """`make`, never giving an id already in `taken` (a clause id is unique within its document)."""
    def fresh() -> str:
        while True:
            made = make()
            if made not in taken:
                taken.add(made)
                return made
    return fresh


def numbered(chapters: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> tuple[Chapter, ...]:
    """Chapters of (id, text) clauses, numbered by where they stand: the n-th clause of chapter c is "c.n"."""
    return tuple(Chapter(heading, tuple(Clause(cid, f"{c}.{n}", text) for n, (cid, text) in enumerate(clauses, 1)))
                 for c, (heading, clauses) in enumerate(chapters, 1))


def draft(chapters: Sequence[tuple[str, Sequence[str]]], make_id: Callable[[], str] = new_clause_id
          ) -> tuple[Chapter, ...]:
    """A first version's chapters from headings and clause texts, each clause given its id."""
    fresh = unique_ids(make_id, set())
    return numbered([(heading, [(fresh(), text) for text in texts]) for heading, texts in chapters])


def text_bytes(chapters: Sequence[Chapter]) -> int:
    return sum(len(ch.heading.encode()) + sum(len(c.text.encode()) + 24 for c in ch.clauses) for ch in chapters)


def require_valid_text(title: str, summary: str, chapters: Sequence[tuple[str, Sequence[str]]]) -> None:
    """A draft's words, each problem named by its field (400 `invalid_document`)."""
    problems: dict[str, str] = {}
    if not title.strip() or len(title) > TITLE_MAX:
        problems["title"] = field_words("characters_between", min=1, max=TITLE_MAX)
    if len(summary) > SUMMARY_MAX:
        problems["summary"] = field_words("characters_at_most", max=SUMMARY_MAX)
    if not chapters or len(chapters) > CHAPTERS_MAX:
        problems["chapters"] = field_words("chapters_between", min=1, max=CHAPTERS_MAX)
    if sum(len(texts) for _h, texts in chapters) > CLAUSES_MAX:
        problems["chapters"] = field_words("clauses_at_most", max=CLAUSES_MAX)
    for c, (heading, texts) in enumerate(chapters):
        if not heading.strip() or len(heading) > HEADING_MAX:
            problems[f"chapters[{c}].heading"] = field_words("characters_between", min=1, max=HEADING_MAX)
        if not texts:
            problems[f"chapters[{c}].clauses"] = field_words("at_least_one_clause")
        for n, text in enumerate(texts):
            if not text.strip() or len(text) > CLAUSE_MAX:
                problems[f"chapters[{c}].clauses[{n}]"] = field_words("characters_between", min=1, max=CLAUSE_MAX)
    if not problems and text_bytes(draft(chapters)) > VERSION_BYTES_MAX:
        problems["chapters"] = field_words("text_over_bytes", bytes=f"{VERSION_BYTES_MAX:,}")
    if problems:
        raise InvalidInput(code="invalid_document",
                           details={"fields": problems})


def require_valid_window(closes_at: datetime, now: datetime, field_name: str = "amendments_close_at") -> None:
    """A window for amendments: in the future, at most LONGEST_WINDOW from now (400 `invalid_dates`)."""
    problem = None
    if closes_at <= now:
        problem = field_words("in_the_future")
    elif closes_at - now > LONGEST_WINDOW:
        problem = field_words("days_from_now", days=LONGEST_WINDOW.days)
    if problem:
        raise InvalidInput(code="invalid_dates", wording="amendments",
                           details={"fields": {field_name: problem}})


def require_takes_amendments(document: Document, now: str) -> None:
    """409 outside the window: before it, nothing is proposed; after it, the policy team decides."""
    status = document.status(now)
    if status is Status.ADOPTED:
        raise Conflict(code="document_adopted")
    if status is Status.CLOSED:
        raise Conflict(code="amendments_closed",
                       details={"amendments_close_at": document.amendments_close_at})


def require_not_adopted(document: Document) -> None:
    if document.adopted_at is not None:
        raise Conflict(code="document_adopted", wording="final")


def require_adoptable(document: Document) -> None:
    """Adopted is final: nothing may still wait for a decision, and every decided change must be in
    a published version, so the adopted text is the one members read."""
    require_not_adopted(document)
    if document.undecided or document.pending:
        raise Conflict(code="document_unfinished",
                       details={"undecided": document.undecided, "unpublished_changes": document.pending})


def require_clause(version: Version, clause_id: str) -> Clause:
    clause = version.clause(clause_id)
    if clause is None:
        raise InvalidInput(code="unknown_clause", version=version.number, clause=clause_id,
                           details={"fields": {"clause_id": field_words("clause_of_current_version")}})
    return clause


def version_number(raw: str | None, current: int) -> int:
    """`?version=N`: a published version (400 otherwise); none asked, the current one."""
    if raw is None or raw == "":
        return current
    if not raw.isdigit() or not 1 <= int(raw) <= current:
        raise InvalidInput(code="unknown_version", current=current,
                           details={"fields": {"version": field_words("between", min=1, max=current)}})
    return int(raw)


def not_found() -> NotFound:
    return NotFound(code="document_not_found")


def busy_document() -> DependencyUnavailable:
    """Others' writes held the document's items through every retry (a decision's rush)."""
    return DependencyUnavailable(wording="busy_document", retry_after=1)
