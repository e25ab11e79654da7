"""What the policy documents' use cases gather for a page or an answer: domain facts put together,
so the API and the pages present them without reading anything themselves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types alone: a page that shows no document needs none of these modules
    from chalicelib.domain.amendments import Amendment
    from chalicelib.domain.documents import Clause, Document, Status, Version
    from chalicelib.domain.organisations import Standing
    from chalicelib.domain.people import PersonName
    from chalicelib.domain.trail import Origin
    from chalicelib.domain.versions import ClauseDiff


@dataclass(frozen=True)
class DocumentShown:
    """A policy document's version as shown, with the ideas linked to its clauses."""

    document: Document
    version: Version
    origins: list[Origin]  # ideas linked to the version's clauses
    status: Status


@dataclass(frozen=True)
class DiffShown:
    """What changed between two versions of a document, clause by clause."""

    document: Document
    before: Version
    after: Version
    clauses: tuple[ClauseDiff, ...]


@dataclass(frozen=True)
class AmendmentShown:
    """An amendment as shown: who proposed it, the clause it changes and its document."""

    amendment: Amendment
    proposer: PersonName | None  # None: an erased account's, shown as "a former member"
    organisation: Standing | None
    clause: Clause | None  # the clause as it stands in the current version; None once deleted
    document: Document


@dataclass(frozen=True)
class AmendmentPage:
    """A page of a document's (or one clause's) amendments, and the cursor to the next."""

    document: Document
    clause: Clause | None
    items: list[AmendmentShown]
    next_cursor: str | None
