"""The policy documents' ports in memory, with the store modules' observable semantics: all-or-nothing
writes whose failed conditions are reported by label (ConditionFailed), the proposer's cap taken in
the proposal's own write, counters frozen by a decision, versions that never change once written."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from chalicelib.domain.amendments import Amendment, Change, SupportState
from chalicelib.domain.documents import AmendmentOrder, Document, Status, Version
from chalicelib.domain.errors import ConditionFailed, NotFound
from chalicelib.domain.events import EventKind
from chalicelib.domain.limits import Limit
from chalicelib.domain.organisations import Kind, Standing
from chalicelib.domain.people import PersonName
from chalicelib.domain.trail import DocumentFacts, Origin
from chalicelib.store.outbox import DECISION_KEY, adopted_key, document_partition, shaped_key
from tests.logic.fakes_base import Clock, OutboxEvent, stamp


def _not_found() -> NotFound:
    return NotFound(code="document_not_found")


class FakeDocuments:
    def __init__(self, clock: Clock, outbox: Any) -> None:
        self.clock, self.outbox = clock, outbox
        self.items: dict[str, Document] = {}
        self.versions: dict[tuple[str, int], Version] = {}
        self.audit_trail: list[tuple[str, str, str, str]] = []

    def create_document(self, document: Document, first: Version, actor_id: str, now: datetime) -> Document:
        self.items[document.id] = document
        self.versions[(document.id, 1)] = first
        self.audit_trail.append((f"document#{document.id}", actor_id, "publish:1", document.title))
        return document

    def get_document(self, document_id: str, consistent: bool = False) -> Document:
        if document_id not in self.items:
            raise _not_found()
        return self.items[document_id]

    def document_now(self, document_id: str) -> Document:
        return self.get_document(document_id)

    def get_version(self, document_id: str, number: int) -> Version:
        if (document_id, number) not in self.versions:
            raise _not_found()
        return self.versions[(document_id, number)]

    def get_versions(self, document_id: str, numbers: list[int]) -> list[Version]:
        return [self.get_version(document_id, n) for n in sorted(set(numbers))]

    def listed(self, *, area: str | None, status: Status, now: str, limit: int,
               cursor: str | None) -> tuple[list[Document], str | None]:
        found = [d for d in self.items.values() if d.status(now) is status and (area is None or d.area == area)]
        return sorted(found, key=lambda d: d.amendments_close_at)[:limit], None

    def set_amendment_order(self, document: Document, order: AmendmentOrder) -> Document:
        stored = self.get_document(document.id)
        if stored.adopted_at:
            raise ConditionFailed("document")
        self.items[document.id] = replace(stored, amendment_order=order)
        return self.items[document.id]

    def move(self, document_id: str, **counts: int) -> None:
        """A system update of the document's counts (no revision change)."""
        stored = self.items[document_id]
        self.items[document_id] = replace(stored, **{k: getattr(stored, k) + v for k, v in counts.items()})

    def publish_version(self, document: Document, version: Version, applied: int, close_at: str | None,
                        actor_id: str, now: datetime) -> Document:
        stored = self.get_document(document.id)
        if (document.id, version.number) in self.versions:
            raise ConditionFailed("version")
        if stored.current_version != version.number - 1 or stored.pending != document.pending or stored.adopted_at:
            raise ConditionFailed("document")
        self.versions[(document.id, version.number)] = version
        self.items[document.id] = replace(stored, current_version=version.number, pending=stored.pending - applied,
                                          amendments_close_at=close_at or stored.amendments_close_at)
        self.audit_trail.append((f"document#{document.id}", actor_id, f"publish:{version.number}", version.note))
        return self.items[document.id]

    def adopt(self, document: Document, note: str, actor_id: str, now: datetime) -> Document:
        stored = self.get_document(document.id)
        if stored.adopted_at or stored.undecided or stored.pending:
            raise ConditionFailed("document")
        at = stamp(now)
        self.outbox.add(OutboxEvent(document_partition(document.id), adopted_key(document.id),
                              EventKind.DOCUMENT_ADOPTING.value, document.area, at, headline=document.title))
        self.items[document.id] = replace(stored, adopted_at=at, adoption_note=note)
        self.audit_trail.append((f"document#{document.id}", actor_id, "adopt", note))
        return self.items[document.id]


class FakeAmendments:
    def __init__(self, clock: Clock, documents: FakeDocuments, supports: Any, rate_limits: Any,
                 outbox: Any) -> None:
        self.clock, self.documents, self.supports, self.rate_limits = clock, documents, supports, rate_limits
        self.outbox = outbox
        self.items: dict[str, Amendment] = {}
        self.pending: dict[str, str] = {}  # amendment id -> document id, while its change waits for a version
        self.audit_trail: list[tuple[str, str, str, str, str]] = []  # (subject, actor, action, reason, before)

    def _counted(self, amendment: Amendment) -> Amendment:
        """The counters' stream, at once: the supports the fake supports hold."""
        count = len(self.supports.supporters.get(amendment.id, {})) + self.supports.anonymous.get(amendment.id, 0)
        return replace(amendment, support_count=count)

    def propose(self, amendment: Amendment, *, person_id: str, limit: Limit, limit_subject: str,
                now: str) -> Amendment:
        document = self.documents.get_document(amendment.document_id)
        if document.adopted_at or now >= document.amendments_close_at or \
                document.current_version != amendment.against_version:
            raise ConditionFailed("document")
        self.rate_limits.take(limit, limit_subject)  # refused (429) before anything is written
        self.items[amendment.id] = amendment
        counts = dict(document.clause_amendments)
        counts[amendment.clause_id] = counts.get(amendment.clause_id, 0) + 1
        self.documents.items[document.id] = replace(document, clause_amendments=counts,
                                                    amendment_count=document.amendment_count + 1,
                                                    undecided=document.undecided + 1)
        return amendment

    def get_amendment(self, amendment_id: str) -> Amendment:
        if amendment_id not in self.items:
            raise NotFound(code="amendment_not_found")
        return self._counted(self.items[amendment_id])

    def get_amendments(self, amendment_ids: list[str]) -> dict[str, Amendment]:
        return {i: self.get_amendment(i) for i in amendment_ids if i in self.items}

    def support_state(self, amendment_id: str, person_id: str | None = None, limit: Limit | None = None,
                      region: bool = False) -> SupportState:
        found = self.get_amendment(amendment_id)
        return SupportState(found.id, found.status, found.support_count)

    def of_clause(self, document_id: str, clause_id: str, order: AmendmentOrder, limit: int,
                  cursor: str | None) -> tuple[list[Amendment], str | None]:
        found = [self._counted(a) for a in self.items.values()
                 if a.document_id == document_id and a.clause_id == clause_id]
        if order is AmendmentOrder.MOST_SUPPORTED:
            found.sort(key=lambda a: -a.support_count)
        else:
            found.sort(key=lambda a: a.id, reverse=order is AmendmentOrder.NEWEST_FIRST)
        return found[:limit], None

    def of_document(self, document_id: str, limit: int, cursor: str | None) -> tuple[list[Amendment], str | None]:
        found = sorted((a for a in self.items.values() if a.document_id == document_id),
                       key=lambda a: (a.clause_id, a.id))
        return [self._counted(a) for a in found][:limit], None

    def decide(self, document: Document, decided: list[Amendment], changes: dict[str, Change], *,
               headline: str, summary: str,
               actor_id: str, now: datetime) -> None:
        for amendment in decided:
            self.supports.frozen.add(amendment.id)  # freeze_counters, first
        if any(self.items[a.id].decision is not None for a in decided):
            raise ConditionFailed(*(f"amendment:{a.id}" for a in decided if self.items[a.id].decision))
        if self.documents.get_document(document.id).adopted_at:
            raise ConditionFailed("document")
        for amendment in decided:
            d = amendment.decision
            assert d is not None
            self.items[amendment.id] = replace(self.items[amendment.id], decision=d)
            if amendment.id in changes:
                self.pending[amendment.id] = document.id
            self.audit_trail.append((f"amendment#{amendment.id}", actor_id, f"decision:{d.verdict.value}", d.reason,
                                     d.text_before))
            self.outbox.add(OutboxEvent(amendment.id, DECISION_KEY, EventKind.AMENDMENT_DECIDED.value, document.area,
                                  d.decided_at, headline=headline, stage=d.verdict.value, note=d.reason))
        self.documents.move(document.id, undecided=-len(decided), pending=len(changes))

    def pending_changes(self, document_id: str) -> list[Amendment]:
        return [self.get_amendment(i) for i, d in self.pending.items() if d == document_id]

    def mark_applied(self, amendment_ids: list[str], version: int, at: str) -> int:
        done = 0
        for amendment_id in amendment_ids:
            if self.pending.pop(amendment_id, None) is not None:
                self.items[amendment_id] = replace(self.items[amendment_id], applied_in_version=version, applied_at=at)
                done += 1
        return done

    def proposed_by(self, person_id: str) -> list[Amendment]:
        return [a for a in self.items.values() if a.proposer_id == person_id]

    def write_count(self, amendment_id: str, total: int, read_at: str, by_region: dict[str, int]) -> bool:
        stored = self.items.get(amendment_id)
        if stored is None:
            return False
        self.items[amendment_id] = replace(stored, support_count=total)
        return True


class FakeOrigins:
    def __init__(self, outbox: Any) -> None:
        self.outbox = outbox
        self.links: dict[tuple[str, str, str], Origin] = {}  # (document, clause, campaign)
        self.adopted: dict[tuple[str, str], DocumentFacts] = {}  # (campaign, document): noted on the idea
        self.audit_trail: list[tuple[str, str, str, str]] = []

    def of_idea(self, campaign: Any) -> tuple[list[Origin], dict[str, DocumentFacts]]:
        links = sorted((o for o in self.links.values() if o.campaign_id == campaign.id), key=lambda o: o.linked_at)
        return links, {d: facts for (c, d), facts in self.adopted.items() if c == campaign.id}

    def of_document(self, document_id: str) -> list[Origin]:
        return [o for (d, _c, _i), o in sorted(self.links.items()) if d == document_id]

    def of_clause(self, document_id: str, clause_id: str) -> list[Origin]:
        return [o for (d, c, _i), o in sorted(self.links.items()) if d == document_id and c == clause_id]

    def set_links(self, *, document_id: str, clause_id: str, area: str, added: list[Origin], removed: list[Origin],
                  actor_id: str, now: datetime) -> None:
        for origin in added:
            self.links[(document_id, clause_id, origin.campaign_id)] = origin
            key = shaped_key(document_id, clause_id)
            if (origin.campaign_id, key) not in self.outbox.events:  # told once per clause
                shaped = f"clause {origin.clause_number} of \"{origin.document_title}\""
                self.outbox.add(OutboxEvent(origin.campaign_id, key, EventKind.CLAUSE_SHAPED.value, area,
                                            origin.linked_at, headline=shaped))
        for origin in removed:
            self.links.pop((document_id, clause_id, origin.campaign_id), None)
        self.audit_trail.append((f"document#{document_id}", actor_id, f"origins:{clause_id}",
                                 ",".join(o.campaign_id for o in added)))

    def announce_adoption(self, document_id: str, title: str, ideas: list[tuple[str, str]], at: str) -> int:
        written = 0
        for campaign_id, area in ideas:
            self.adopted[(campaign_id, document_id)] = DocumentFacts(document_id, title, 0, at)
            if (campaign_id, adopted_key(document_id)) in self.outbox.events:
                continue
            self.outbox.add(OutboxEvent(campaign_id, adopted_key(document_id), EventKind.DOCUMENT_ADOPTED.value,
                                        area, at, headline=title))
            written += 1
        return written


class FakeProposers:
    def __init__(self, people: Any) -> None:
        self.people_store = people
        self.verified: dict[str, str] = {}  # organisation id -> kind

    def people(self, person_ids: set[str]) -> dict[str, PersonName]:
        found = {i: self.people_store.people[i] for i in person_ids if i in self.people_store.people}
        return {i: PersonName(p.id, p.handle, p.display_name) for i, p in found.items()}

    def standing(self, organisation_ids: set[str]) -> dict[str, Standing]:
        known = self.people_store.organisations
        found = {i: known[i] for i in organisation_ids if i in known}
        return {i: Standing(o.id, o.handle, o.name, self.verified.get(i, Kind.OTHER.value), i in self.verified)
                for i, o in found.items()}

    def verify(self, organisation_id: str, kind: Kind, actor_id: str, now: datetime) -> None:
        self.verified[organisation_id] = kind.value
