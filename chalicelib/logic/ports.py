"""The one seam between the logic and storage.

Each port is a set of functions the logic needs. In production every port is a module of
`store/` (DynamoDB through PynamoDB); the fast tests put in-memory fakes in their place
(`tests/logic/fakes.py`), the way Chalice's todo sample keeps an in-memory db beside the
DynamoDB one. The Protocols say what a port must provide, so a fake that drifts fails mypy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from chalicelib.domain.amendments import Amendment, Change, SupportState
from chalicelib.domain.documents import AmendmentOrder, Document, Status, Version
from chalicelib.domain.identity import Caller
from chalicelib.domain.limits import Limit
from chalicelib.domain.moderation import ReportTally
from chalicelib.domain.organisations import Kind, Standing
from chalicelib.domain.people import PersonName
from chalicelib.domain.trail import DocumentFacts, Origin


class CampaignPort(Protocol):
    def get_campaign(self, campaign_id: str) -> Any: ...
    def campaign_by_slug(self, slug: str) -> Any: ...
    def create_campaign(self, *, owner_id: str, title: str, summary: str, body: str, area: str,
                        organisation_id: str | None, consultation_id: str | None = None, language: str | None = None,
                        translated_title: str | None = None, translated_summary: str | None = None) -> Any: ...
    def edit_text(self, campaign: Any, changes: dict, expected_version: int) -> Any: ...
    def submit(self, campaign: Any, actor_id: str) -> Any: ...
    def decide(self, campaign: Any, moderator_id: str, approve: bool, reason: str) -> Any: ...
    def close(self, campaign: Any, actor_id: str, reason: str = "") -> Any: ...
    def set_hidden(self, campaign: Any, hidden: bool) -> None: ...
    def audit(self, subject: str, actor_id: str, action: str, reason: str) -> None: ...


class ConsultationPort(Protocol):
    def get_consultation(self, consultation_id: str) -> Any: ...


class PeoplePort(Protocol):
    def ensure_person(self, caller: Caller) -> Any: ...
    # The caller's name, handle and roles as this container read them lately (no read when warm).
    def known_person(self, caller: Caller) -> Any: ...
    def membership_role(self, organisation_id: str | None, person_id: str) -> str | None: ...
    def organisation_by_handle(self, handle: str) -> Any: ...
    def get_organisation(self, organisation_id: str) -> Any: ...
    # `membership_role` and an organisation's handle, from the container's short copies.
    def recent_membership_role(self, organisation_id: str | None, person_id: str) -> str | None: ...
    def organisation_handle(self, organisation_id: str) -> str | None: ...


class SupportPort(Protocol):
    def campaign_snapshot(self, campaign_id: str) -> Any: ...
    # `limit`: one use of it, taken in the same write (a refusal raises RateLimited, and spends nothing).
    def support(self, campaign_id: str, person_id: str, *, consent_version: str,
                limit: Limit | None = None) -> bool: ...
    def withdraw(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...
    def anonymise(self, campaign_id: str, person_id: str) -> bool: ...


class FollowPort(Protocol):
    def follow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...
    def unfollow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...


class ReplyPort(Protocol):
    def get_reply(self, reply_id: str, campaign_id: str | None = None) -> Any: ...
    def thread(self, campaign_id: str, limit: int, cursor: str | None) -> tuple[list[Any], str | None]: ...
    def create_reply(self, *, campaign_id: str, author_id: str, body: str, parent_id: str | None,
                     badges: list[dict], tell_area: str | None = None, limit: Limit | None = None,
                     notice_area: str = "") -> Any: ...
    def edit_reply(self, reply: Any, body: str, expected_version: int | None) -> Any: ...
    def delete_reply(self, reply: Any) -> Any: ...
    def set_hidden(self, reply: Any, hidden: bool) -> Any: ...


class ResponsePort(Protocol):
    def give_response(self, campaign: Any, minister_id: str, stance: str, body: str, announce: bool,
                      answered_after_days: int | None = None) -> Any: ...
    def history(self, campaign_id: str) -> list[Any]: ...
    def inbox(self, areas: list[str], per_area: int = 100) -> list[Any]: ...


class OwnerUpdatePort(Protocol):
    def post_update(self, campaign: Any, author_id: str, headline: str, body: str) -> Any: ...


class ManifestoPort(Protocol):
    def tracked(self, record: Any) -> Any: ...
    def move(self, campaign: Any, *, actor_id: str, stage: str, note: str) -> Any: ...


class OutboxPort(Protocol):
    def updates_of(self, campaign_id: str, limit: int = 50) -> list[Any]: ...


class ReportPort(Protocol):
    def report(self, target: str, reporter_id: str, reason: str, counts: bool) -> ReportTally: ...
    def hide_unless_decided(self, target: str, decided_at: str | None) -> bool: ...
    def reviewed(self, target: str) -> int: ...


class SearchIndexPort(Protocol):
    """The search index: DynamoDB today (store/search_index.py); an OpenSearch adapter would give the same."""

    def put_document(self, document: Any) -> int: ...
    def remove_document(self, kind: str, doc_id: str) -> int: ...
    def search(self, query: Any, *, kind: str | None, area: str | None, status: str | None, limit: int,
               cursor: str | None) -> tuple[list[Any], str | None]: ...
    def suggest(self, query: Any) -> list[Any]: ...
    def related(self, terms: tuple[str, ...], *, kind: str, area: str | None, status: str | None,
                limit: int = 50) -> list[Any]: ...
    def document_counts(self, terms: tuple[str, ...]) -> dict[str, int | None]: ...
    def words_near(self, word: str) -> dict[str, int]: ...


class DocumentPort(Protocol):
    """Policy documents and their versions (store/documents.py). A failed condition is ConditionFailed
    with its label: "document" (its state moved on), "version" (that version exists already)."""

    def create_document(self, document: Document, first: Version, actor_id: str, now: datetime) -> Document: ...
    def get_document(self, document_id: str, consistent: bool = False) -> Document: ...
    # The document as this container read it in the last two seconds.
    def document_now(self, document_id: str) -> Document: ...
    def get_version(self, document_id: str, number: int) -> Version: ...
    def get_versions(self, document_id: str, numbers: list[int]) -> list[Version]: ...
    def listed(self, *, area: str | None, status: Status, now: str, limit: int,
               cursor: str | None) -> tuple[list[Document], str | None]: ...
    def set_amendment_order(self, document: Document, order: AmendmentOrder) -> Document: ...
    def publish_version(self, document: Document, version: Version, applied: int, close_at: str | None,
                        actor_id: str, now: datetime) -> Document: ...
    def adopt(self, document: Document, note: str, actor_id: str, now: datetime) -> Document: ...


class AmendmentPort(Protocol):
    """Amendments (store/amendments.py). `propose` fails with "document" (window, version or adoption),
    "amendment"; `decide` with "amendment:<id>" (decided meanwhile) or "document" (adopted)."""

    def propose(self, amendment: Amendment, *, person_id: str, limit: Limit, limit_subject: str,
                now: str) -> Amendment: ...
    def get_amendment(self, amendment_id: str) -> Amendment: ...
    def get_amendments(self, amendment_ids: list[str]) -> dict[str, Amendment]: ...
    # Whether it takes support, and its count, from a two-second copy (as a campaign's status).
    def support_state(self, amendment_id: str) -> SupportState: ...
    def of_clause(self, document_id: str, clause_id: str, order: AmendmentOrder, limit: int,
                  cursor: str | None) -> tuple[list[Amendment], str | None]: ...
    def of_document(self, document_id: str, limit: int, cursor: str | None) -> tuple[list[Amendment], str | None]: ...
    def decide(self, document: Document, decided: list[Amendment], changes: dict[str, Change], *,
               headline: str, summary: str,
               actor_id: str, now: datetime) -> None: ...
    def pending_changes(self, document_id: str) -> list[Amendment]: ...
    def mark_applied(self, amendment_ids: list[str], version: int, at: str) -> int: ...
    def proposed_by(self, person_id: str) -> list[Amendment]: ...


class OriginPort(Protocol):
    """The policy team's links from clauses to ideas (store/clause_origins.py)."""

    # An idea's links and the documents adopted with them, from its campaign's item as read (no call).
    def of_idea(self, campaign: Any) -> tuple[list[Origin], dict[str, DocumentFacts]]: ...
    def of_document(self, document_id: str) -> list[Origin]: ...
    def of_clause(self, document_id: str, clause_id: str) -> list[Origin]: ...
    def set_links(self, *, document_id: str, clause_id: str, area: str, added: list[Origin], removed: list[Origin],
                  actor_id: str, now: datetime) -> None: ...
    # One event per idea (id, area) an adopted document's clauses came from; how many were new.
    def announce_adoption(self, document_id: str, title: str, ideas: list[tuple[str, str]], at: str) -> int: ...


class ProposerPort(Protocol):
    """Who proposes (store/proposers.py): people's public names, organisations' standing."""

    def people(self, person_ids: set[str]) -> dict[str, PersonName]: ...
    def standing(self, organisation_ids: set[str]) -> dict[str, Standing]: ...
    def verify(self, organisation_id: str, kind: Kind, actor_id: str, now: datetime) -> None: ...


class RateLimitPort(Protocol):
    def take(self, limit: Limit, subject_id: str) -> None: ...


class RefusalPort(Protocol):
    """Decisions refused for a conflict of interest, for admins to read (store/refusals.py)."""

    def record(self, *, actor_id: str, decision: str, rule: str, target: str, campaign_id: str,
               requested: str) -> None: ...
    # A page, newest first: store.refusals.Refusal each (the fakes make the same frozen records).
    def recent(self, limit: int, cursor: str | None) -> tuple[list[Any], str | None]: ...


@dataclass
class Stores:
    campaigns: CampaignPort
    people: PeoplePort
    supports: SupportPort
    follows: FollowPort
    replies: ReplyPort
    responses: ResponsePort
    owner_updates: OwnerUpdatePort
    outbox: OutboxPort
    reports: ReportPort
    rate_limits: RateLimitPort
    consultations: ConsultationPort
    manifesto: ManifestoPort
    search: SearchIndexPort
    documents: DocumentPort
    amendments: AmendmentPort
    origins: OriginPort
    proposers: ProposerPort
    refusals: RefusalPort


_stores: Stores | None = None


def stores() -> Stores:
    """The storage in use: DynamoDB unless a test said otherwise (`use`)."""
    global _stores
    if _stores is None:
        from chalicelib.store import (
            amendments,
            campaigns,
            clause_origins,
            consultations,
            documents,
            follows,
            manifesto,
            outbox,
            owner_updates,
            profiles,
            proposers,
            rate_limits,
            refusals,
            replies,
            reports,
            responses,
            search_index,
            supports,
        )

        _stores = Stores(campaigns=campaigns, people=profiles,  # type: ignore[arg-type]
                         supports=supports, follows=follows, replies=replies, responses=responses,  # type: ignore[arg-type]
                         owner_updates=owner_updates, outbox=outbox, reports=reports,  # type: ignore[arg-type]
                         rate_limits=rate_limits, consultations=consultations,
                         manifesto=manifesto, search=search_index, refusals=refusals,  # type: ignore[arg-type]
                         documents=documents, amendments=amendments,
                         origins=clause_origins, proposers=proposers)
    return _stores


def use(replacement: Stores | None) -> None:
    """Put other storage behind the logic (tests); None goes back to DynamoDB."""
    global _stores
    _stores = replacement
