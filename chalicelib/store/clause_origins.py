"""The policy team's links from clauses to the ideas that shaped them: set for a clause in one
transaction (the links made, the links removed, the audit record, and for each idea newly linked
the outbox event its people hear of), read by idea (its trail) or by document (its page)."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import PutError, TransactWriteError

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.trail import Origin
from chalicelib.store import outbox
from chalicelib.store.base import Transaction, is_condition_failure
from chalicelib.store.campaigns import audit_record
from chalicelib.store.read_cache import TtlCache
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.clause_origins import ClauseOriginRecord


def _origin(r: ClauseOriginRecord) -> Origin:
    return Origin(r.campaign_id, r.document_id, r.clause_id, r.clause_number, r.document_title, int(r.version),
                  r.linked_at, r.campaign_title or "", r.campaign_slug or "")


# A campaign's page shows its trail: a link made or removed shows there within half a minute (at once on
# the container that made it), as the page itself is cached 30 s by browsers and the CDN.
ORIGINS_SECONDS = 30.0
_of_campaign = TtlCache("clause origins of campaigns", ORIGINS_SECONDS, 4096)


def of_campaign(campaign_id: str) -> list[Origin]:
    """An idea's links, one Query of its own partition (kept 30 s)."""
    return _of_campaign.get_or_read(campaign_id, lambda: sorted(
        (_origin(r) for r in ClauseOriginRecord.query(campaign_id)), key=lambda o: o.linked_at))


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
        if origin.campaign_id not in told:
            outbox.add_to(tx, outbox.event(origin.campaign_id, outbox.Kind.CLAUSE_SHAPED, area, origin.linked_at,
                                           key=key, document_id=document_id,
                                           headline=f"clause {origin.clause_number} of \"{origin.document_title}\""),
                          f"event:{origin.campaign_id}")
    for origin in removed:
        tx.delete(ClauseOriginRecord(campaign_id=origin.campaign_id, clause_ref=f"{document_id}#{clause_id}"),
                  f"unlink:{origin.campaign_id}")
    reason = (f"linked {', '.join(o.campaign_id for o in added) or 'none'}; "
              f"unlinked {', '.join(o.campaign_id for o in removed) or 'none'}")
    tx.save(audit_record(f"document#{document_id}", actor_id, f"origins:{clause_id}", reason, now), "audit")
    try:
        tx.commit()
    except TransactWriteError as exc:
        raise ConditionFailed(*(tx.failed or {"unknown"})) from exc
    for origin in (*added, *removed):
        _of_campaign.forget(origin.campaign_id)


def announce_adoption(document_id: str, title: str, ideas: list[tuple[str, str]], at: str) -> int:
    """One outbox event per idea (id, area), keyed by the document: the fan-out tells each idea's owner,
    supporters and followers. A put that finds its event there (a retried batch) adds nothing, so each
    person hears once per idea. Returns how many events were new."""
    written = 0
    for campaign_id, area in ideas:
        event = outbox.event(campaign_id, outbox.Kind.DOCUMENT_ADOPTED, area, at, key=outbox.adopted_key(document_id),
                             headline=title, document_id=document_id)
        try:
            event.save(condition=CampaignEventRecord.event_key.does_not_exist())
            written += 1
        except PutError as exc:
            if not is_condition_failure(exc):
                raise
    return written
