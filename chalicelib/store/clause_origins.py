"""The policy team's links from clauses to the ideas that shaped them: set for a clause in one
transaction (the links made, the links removed, each idea's own note of them, the audit record, and
for each idea newly linked the outbox event its people hear of), read by document (its page) from this
table and by idea (its trail) from the idea's own item, which its page reads anyway."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import PutError, TransactWriteError

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.domain.trail import DocumentFacts, Origin
from chalicelib.store import outbox
from chalicelib.store.base import Transaction, is_condition_failure, system_update
from chalicelib.store.campaigns import audit_record
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.clause_origins import ClauseOriginRecord


def _origin(r: ClauseOriginRecord) -> Origin:
    return Origin(r.campaign_id, r.document_id, r.clause_id, r.clause_number, r.document_title, int(r.version),
                  r.linked_at, r.campaign_title or "", r.campaign_slug or "")


def of_idea(campaign: Campaign) -> tuple[list[Origin], dict[str, DocumentFacts]]:
    """An idea's links and the documents adopted with them, from the campaign's item as read: no call."""
    shaped = campaign.shaped_clauses or {}
    adopted = campaign.adopted_in or {}
    origins = sorted((Origin(campaign.id, s["document_id"], s["clause_id"], s["clause_number"], s["document_title"],
                             int(s["version"]), s["linked_at"], campaign.title, campaign.slug)
                      for s in shaped.values()), key=lambda o: o.linked_at)
    facts = {d: DocumentFacts(d, a["title"], 0, a["adopted_at"]) for d, a in adopted.items()}
    return origins, facts


def of_document(document_id: str) -> list[Origin]:
    """A document's links, clause by clause: one Query (every page) of `by_document`."""
    return [_origin(r) for r in ClauseOriginRecord.by_document.query(document_id)]


def of_clause(document_id: str, clause_id: str) -> list[Origin]:
    return [_origin(r) for r in ClauseOriginRecord.by_document.query(
        document_id, ClauseOriginRecord.clause_campaign.startswith(f"{clause_id}#"))]


def set_links(*, document_id: str, clause_id: str, area: str, added: list[Origin], removed: list[Origin],
              actor_id: str, now: datetime) -> None:
    """Make `added`, take out `removed`, audited, in one transaction with the outbox event of each idea
    newly linked. An idea hears once per clause (the event's key is the clause's): one linked again
    after an unlinking has its event already, read first, and is told nothing twice."""
    key = outbox.shaped_key(document_id, clause_id)
    ref = f"{document_id}#{clause_id}"
    for origin in added:  # a nested key can only be set in a map that exists: made first, once an idea
        system_update(CampaignRecord, origin.campaign_id,
                      actions=[CampaignRecord.shaped_clauses.set(CampaignRecord.shaped_clauses | {})])
    told = {e.campaign_id for e in CampaignEventRecord.batch_get([(o.campaign_id, key) for o in added],
                                                                attributes_to_get=["campaign_id"])} if added else set()
    tx = Transaction()
    for origin in added:
        tx.save(ClauseOriginRecord(campaign_id=origin.campaign_id, clause_ref=f"{document_id}#{clause_id}",
                                   document_id=document_id, clause_campaign=f"{clause_id}#{origin.campaign_id}",
                                   clause_id=clause_id, clause_number=origin.clause_number,
                                   document_title=origin.document_title, campaign_title=origin.campaign_title,
                                   campaign_slug=origin.campaign_slug, version=origin.version,
                                   linked_at=origin.linked_at), f"link:{origin.campaign_id}")
        tx.system_update(CampaignRecord, origin.campaign_id, [CampaignRecord.shaped_clauses[ref].set({
            "document_id": document_id, "clause_id": clause_id, "clause_number": origin.clause_number,
            "document_title": origin.document_title, "version": origin.version, "linked_at": origin.linked_at})],
            f"idea:{origin.campaign_id}", condition=CampaignRecord.id.exists())
        if origin.campaign_id not in told:
            outbox.add_to(tx, outbox.event(origin.campaign_id, EventKind.CLAUSE_SHAPED, area, origin.linked_at,
                                           key=key, document_id=document_id,
                                           headline=origin.clause_number, summary=origin.document_title),
                          f"event:{origin.campaign_id}")
    for origin in removed:
        tx.delete(ClauseOriginRecord(campaign_id=origin.campaign_id, clause_ref=ref), f"unlink:{origin.campaign_id}")
        tx.system_update(CampaignRecord, origin.campaign_id, [CampaignRecord.shaped_clauses[ref].remove()],
                         f"idea:{origin.campaign_id}")
    reason = (f"linked {', '.join(o.campaign_id for o in added) or 'none'}; "
              f"unlinked {', '.join(o.campaign_id for o in removed) or 'none'}")
    tx.save(audit_record(f"document#{document_id}", actor_id, f"origins:{clause_id}", reason, now), "audit")
    try:
        tx.commit()
    except TransactWriteError as exc:
        raise ConditionFailed(*(tx.failed or {"unknown"})) from exc


def announce_adoption(document_id: str, title: str, ideas: list[tuple[str, str]], at: str) -> int:
    """One outbox event per idea (id, area), keyed by the document: the fan-out tells each idea's owner,
    supporters and followers. A put that finds its event there (a retried batch) adds nothing, so each
    person hears once per idea. Returns how many events were new."""
    written = 0
    for campaign_id, area in ideas:
        # Noted on the idea first (its trail reads its own item): setting it twice, on a retry, is harmless.
        system_update(CampaignRecord, campaign_id,
                      actions=[CampaignRecord.adopted_in.set(CampaignRecord.adopted_in | {})])
        system_update(CampaignRecord, campaign_id, actions=[
            CampaignRecord.adopted_in[document_id].set({"title": title, "adopted_at": at})])
        event = outbox.event(campaign_id, EventKind.DOCUMENT_ADOPTED, area, at, key=outbox.adopted_key(document_id),
                             headline=title, document_id=document_id)
        try:
            event.save(condition=CampaignEventRecord.event_key.does_not_exist())
            written += 1
        except PutError as exc:
            if not is_condition_failure(exc):
                raise
    return written
