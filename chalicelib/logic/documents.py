"""Policy documents' use cases: the policy team publishes a draft, chooses how amendments are listed,
publishes new versions that apply the decided changes, links clauses to the ideas behind them, and
adopts the document; anyone reads any version and the difference between two. Storage only through
the ports (`logic.ports`), so every rule here runs on the fakes in the fast tier.
Each use case is `explained()`: a document or an amendment the store does not find is the 404 the
domain defines (`logic/refusals.py`)."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.amendments import Amendment, change_made_by
from chalicelib.domain.campaigns import Campaign, is_public
from chalicelib.domain.campaigns import not_found as campaign_not_found
from chalicelib.domain.documents import (
    VERSION_BYTES_MAX,
    AmendmentOrder,
    Document,
    Status,
    Version,
    draft,
    new_clause_id,
    new_document_id,
    require_adoptable,
    require_clause,
    require_not_adopted,
    require_valid_text,
    require_valid_window,
    text_bytes,
    version_number,
)
from chalicelib.domain.errors import Conflict, DependencyUnavailable, Forbidden, InvalidInput, field_words
from chalicelib.domain.identity import Caller
from chalicelib.domain.permissions import can_steer_ideas_in
from chalicelib.domain.shown import DiffShown, DocumentShown
from chalicelib.domain.times import iso
from chalicelib.domain.trail import Origin
from chalicelib.domain.versions import apply, diff
from chalicelib.logic.ports import Stores, stores
from chalicelib.logic.refusals import explained

# Ideas linked to one clause: one transaction holds each link, the idea's note of it and its event, and
# each unlinking (two items), with the audit: 16 new and 16 gone is 81 items, under 100.
ORIGINS_MAX = 16


def require_steers(caller: Caller, area: str) -> None:
    """The policy team of the area, or an admin (403 `not_policy_of_area`)."""
    person = stores().people.ensure_person(caller)
    if not can_steer_ideas_in(caller, list(person.policy_areas or []), area):
        raise Forbidden(code="not_policy_of_area",
                        details={"area": area})


@explained()
def publish_draft(caller: Caller, *, area: str, title: str, summary: str, chapters: list[tuple[str, list[str]]],
                  amendments_close_at: datetime, amendment_order: AmendmentOrder, now: datetime) -> Document:
    require_steers(caller, area)
    require_valid_text(title, summary, chapters)
    require_valid_window(amendments_close_at, now)
    at = iso(now)
    document = Document(id=new_document_id(), area=area, title=title.strip(), summary=summary.strip(),
                        amendments_close_at=iso(amendments_close_at), current_version=1, created_at=at,
                        amendment_order=amendment_order)
    first = Version(document.id, 1, draft([(h.strip(), [t.strip() for t in texts]) for h, texts in chapters]), at)
    return stores().documents.create_document(document, first, caller.id, now)


@explained()
def read(document_id: str, version: str | None, now: datetime) -> DocumentShown:
    """A version (the current one unless asked), with the ideas linked to its clauses: the document's
    item (kept two seconds), the version (kept: it never changes) and one Query of the links."""
    s = stores()
    document = s.documents.document_now(document_id)
    number = version_number(version, document.current_version)
    text = s.documents.get_version(document.id, number)
    present = {c.id for c in text.clauses()}
    origins = [o for o in s.origins.of_document(document.id) if o.clause_id in present]
    return DocumentShown(document, text, origins, document.status(iso(now)))


@explained()
def listed(*, area: str | None, status: Status, now: datetime, limit: int,
           cursor: str | None) -> tuple[list[Document], str | None]:
    return stores().documents.listed(area=area, status=status, now=iso(now), limit=limit, cursor=cursor)


@explained()
def choose_order(caller: Caller, document_id: str, order: AmendmentOrder) -> Document:
    s = stores()
    document = s.documents.get_document(document_id, consistent=True)
    require_steers(caller, document.area)
    require_not_adopted(document)
    return s.documents.set_amendment_order(document, order)


def _pending(document: Document) -> list[Amendment]:
    """The decided changes waiting for a version. The index is eventually consistent: the document's
    `pending` count (read consistently) says how many there must be; fewer found, read once more."""
    for _attempt in range(3):
        found = stores().amendments.pending_changes(document.id)
        if len(found) >= document.pending:
            return found
    raise DependencyUnavailable(wording="decisions_arriving", retry_after=2)


@explained()
def publish_version(caller: Caller, document_id: str, *, note: str, amendments_close_at: datetime | None,
                    now: datetime) -> Document:
    """Version N+1: version N with every decided change applied, in one transaction with the document's
    pointer (conditional on nothing having been decided since the changes were read). Then the applied
    amendments leave the pending list; a publication interrupted there is finished by the next one,
    which first drops what the current version already holds."""
    s = stores()
    document = s.documents.get_document(document_id, consistent=True)
    require_steers(caller, document.area)
    require_not_adopted(document)
    if amendments_close_at is not None:
        require_valid_window(amendments_close_at, now)
    current = s.documents.get_version(document.id, document.current_version)
    pending = _pending(document)
    held = {i for ids in current.changes.values() for i in ids}
    s.amendments.mark_applied([a.id for a in pending if a.id in held], current.number, current.published_at)
    pending = [a for a in pending if a.id not in held]
    changes = [c for c in (change_made_by(a) for a in pending) if c is not None]
    applied = apply(current.chapters, changes, new_clause_id)
    if text_bytes(applied.chapters) > VERSION_BYTES_MAX:
        raise Conflict(code="document_too_large", limit=f"{VERSION_BYTES_MAX:,}")
    at = iso(now)
    version = Version(document.id, current.number + 1, applied.chapters, at, applied.changes, note.strip())
    published = s.documents.publish_version(document, version, len(pending),
                                            iso(amendments_close_at) if amendments_close_at else None, caller.id, now)
    s.amendments.mark_applied([a.id for a in pending], version.number, at)
    return published


@explained()
def compare(document_id: str, from_version: str | None, to_version: str | None) -> DiffShown:
    """Clause by clause, word by word, with the amendments behind each change: the versions between
    in one read (a container keeps versions: they never change)."""
    s = stores()
    document = s.documents.document_now(document_id)
    to_number = version_number(to_version, document.current_version)
    from_number = version_number(from_version, document.current_version) if from_version else max(1, to_number - 1)
    low, high = sorted((from_number, to_number))
    versions = {v.number: v for v in s.documents.get_versions(document.id, list(range(low, high + 1)))}
    between = [versions[n] for n in range(low + 1, high + 1)]
    before, after = versions[from_number], versions[to_number]
    return DiffShown(document, before, after, diff(before, after, between))


@explained()
def adopt(caller: Caller, document_id: str, note: str, now: datetime) -> Document:
    s = stores()
    document = s.documents.get_document(document_id, consistent=True)
    require_steers(caller, document.area)
    require_adoptable(document)
    return s.documents.adopt(document, note.strip(), caller.id, now)


@explained()
def set_origins(caller: Caller, document_id: str, clause_id: str, campaign_ids: list[str],
                now: datetime) -> list[Origin]:
    """The ideas that shaped a clause of the current version: public campaigns only. Links made are
    recorded with the clause's number and version; each idea newly linked hears of it once."""
    s = stores()
    document = s.documents.get_document(document_id, consistent=True)
    require_steers(caller, document.area)
    require_not_adopted(document)
    version = s.documents.get_version(document.id, document.current_version)
    clause = require_clause(version, clause_id)
    named = list(dict.fromkeys(campaign_ids))
    if len(named) > ORIGINS_MAX:
        raise InvalidInput(code="too_many_origins", limit=ORIGINS_MAX,
                           details={"fields": {"campaign_ids": field_words("at_most", max=ORIGINS_MAX)}})
    # The decision page takes what the policy team has to hand: an idea's id or its address's slug.
    chosen = {c.id: c for c in (_campaign_named(s, name) for name in named)}
    wanted = list(chosen)
    existing = {o.campaign_id: o for o in s.origins.of_clause(document.id, clause_id)}
    at = iso(now)
    added = []
    for campaign_id in wanted:
        if campaign_id in existing:
            continue
        campaign = chosen[campaign_id]
        if not is_public(campaign.status, campaign.hidden):
            raise InvalidInput(code="campaign_not_public", wording="clause",
                               details={"fields": {"campaign_ids": campaign_id}})
        added.append(Origin(campaign_id, document.id, clause_id, clause.number, document.title, version.number, at,
                            campaign.title, campaign.slug))
    removed = [o for cid, o in existing.items() if cid not in wanted]
    if added or removed:
        s.origins.set_links(document_id=document.id, clause_id=clause_id, area=document.area, added=added,
                            removed=removed, actor_id=caller.id, now=now)
    return s.origins.of_clause(document.id, clause_id)


def _campaign_named(s: Stores, name: str) -> Campaign:
    """An idea by its id or its address's slug; 404 for neither."""
    found = s.campaigns.get_campaign(name) or s.campaigns.campaign_by_slug(name)
    if found is None:
        raise campaign_not_found()
    return found


@explained()
def announce_adoption(document_id: str) -> int:
    """From the outbox's stream: one event per public idea the adopted document's clauses came from,
    which the fan-out takes to its owner, supporters and followers. Returns how many were new."""
    s = stores()
    document = s.documents.get_document(document_id)
    ideas = sorted({o.campaign_id for o in s.origins.of_document(document.id)})
    found = (s.campaigns.get_campaign(i) for i in ideas)
    public = [c for c in found if c is not None and is_public(c.status, c.hidden)]
    return s.origins.announce_adoption(document.id, document.title, [(c.id, c.area) for c in public],
                                      document.adopted_at or "")
