"""Amendments in storage: proposing (one transaction with the document's counts, the proposer's
cap and the erasure check), reading a clause's in one Query, deciding (one transaction: the
amendments, their audit records, their outbox events, the document's counts), and the decided
changes that wait for the next version. A failed condition is reported by its label.

Supports are the campaign machinery's own (`store.supports`, keyed by the amendment's id): a
decision freezes the amendment's 128 counters first, as closing freezes a campaign's."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError

from chalicelib.domain.amendments import Action, Amendment, Change, Decision, SupportState, Verdict
from chalicelib.domain.documents import AmendmentOrder, Document
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.domain.limits import Limit
from chalicelib.store import documents, erasures, first_reads, outbox, rate_limits, read_cache
from chalicelib.store.base import Transaction, is_condition_failure, system_update
from chalicelib.store.campaigns import audit_record
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.supports import freeze_counters
from chalicelib.store.tables.amendments import DECIDED, AmendmentRecord, DecisionMap
from chalicelib.store.tables.documents import CURRENT, DocumentRecord

ID_LENGTH_AT_MOST = 64
CONFLICT_RETRIES = 6
PARALLEL = 16
_states = read_cache.amendment_states  # why it is safe: store/read_cache.py


def _decision(m: DecisionMap | None) -> Decision | None:
    if m is None:
        return None
    return Decision(Verdict(m.verdict), m.reason, m.decided_at, m.text_before or "", m.text, m.lead_id,
                    tuple(str(i) for i in (m.composite_of or ())))


def _amendment(r: AmendmentRecord) -> Amendment:
    regions = r.support_by_region.as_dict() if r.support_by_region is not None else None
    return Amendment(
        id=r.id, document_id=r.document_id, clause_id=r.clause_id, action=Action(r.action), text=r.text or "",
        reason=r.reason, proposer_id=r.proposer_id, proposed_at=r.proposed_at, against_version=int(r.against_version),
        organisation_id=r.organisation_id, support_count=int(r.support_count or 0),
        support_by_region={k: int(v) for k, v in regions.items()} if regions is not None else None,
        decision=_decision(r.decision), applied_in_version=int(r.applied_in_version) if r.applied_in_version else None,
        applied_at=r.applied_at, language=r.language)


def _record(a: Amendment) -> AmendmentRecord:
    return AmendmentRecord(id=a.id, document_id=a.document_id, clause_id=a.clause_id,
                           clause_key=f"{a.document_id}#{a.clause_id}",
                           clause_order=f"{a.clause_id}#{a.proposed_at}#{a.id}",
                           action=a.action.value, text=a.text, reason=a.reason, proposer_id=a.proposer_id,
                           organisation_id=a.organisation_id, against_version=a.against_version,
                           proposed_at=a.proposed_at, status="submitted", support_count=0, language=a.language)


def propose(amendment: Amendment, *, person_id: str, limit: Limit, limit_subject: str, now: str) -> Amendment:
    """The amendment, with in the same transaction: the document's counts (conditional on its window
    being open and its current version being the one amended), one use of the proposer's cap, and the
    check that the person is not being erased. Retried when another proposal held the document's item."""

    def build() -> Transaction:
        tx = Transaction()
        tx.save(_record(amendment), "amendment", condition=AmendmentRecord.id.does_not_exist())
        per_clause = DocumentRecord.clause_amendments[amendment.clause_id]
        tx.system_update(DocumentRecord, amendment.document_id, [
            DocumentRecord.amendment_count.add(1), DocumentRecord.undecided_count.add(1),
            per_clause.set((per_clause | 0) + 1)], "document",
            condition=(DocumentRecord.phase == CURRENT) & (DocumentRecord.amendments_close_at > now)
            & (DocumentRecord.current_version == amendment.against_version))
        erasures.check_within(tx, person_id)
        rate_limits.take_within(tx, limit, limit_subject)  # refuses at once if this container's copy is full
        return tx

    _commit(build, on_stale=lambda tx: _reread(tx, person_id, limit, limit_subject))
    documents.forget(amendment.document_id)
    return amendment


def _reread(tx: Transaction, person_id: str, limit: Limit, subject: str) -> bool:
    if "erasure" in tx.failed:  # the proposer's account is being erased (or was): said by the logic
        state = erasures.state_of(person_id)
        if state is not None:
            raise ConditionFailed(state)
        return True
    if "limit" in tx.failed:
        rate_limits.reload(limit, subject)
        return True
    return False


def _commit(build: Callable[[], Transaction], on_stale: Callable[[Transaction], bool] = lambda tx: False) -> None:
    """Commit, building again when a copy this container kept was stale or another transaction held
    an item (TransactionConflict, with jittered backoff); any other failed condition: ConditionFailed."""
    for attempt in range(CONFLICT_RETRIES):
        tx = build()
        try:
            tx.commit()
            return
        except TransactWriteError as exc:
            if tx.failed and on_stale(tx):
                continue
            if tx.failed:
                raise ConditionFailed(*tx.failed) from exc
            if not tx.conflicted:
                raise
            time.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311 - jitter, not security
    raise ConditionFailed("busy document")  # others held its items through every retry


def get_amendment(amendment_id: str) -> Amendment:
    if not 0 < len(amendment_id) <= ID_LENGTH_AT_MOST:
        raise ConditionFailed("no amendment")
    try:
        return _amendment(AmendmentRecord.get(amendment_id, consistent_read=True))
    except DoesNotExist as exc:
        raise ConditionFailed("no amendment") from exc


def get_amendments(amendment_ids: list[str]) -> dict[str, Amendment]:
    wanted = [i for i in dict.fromkeys(amendment_ids) if 0 < len(i) <= ID_LENGTH_AT_MOST]
    found: dict[str, Amendment] = {}
    for start in range(0, len(wanted), 100):
        for record in AmendmentRecord.batch_get(wanted[start:start + 100], consistent_read=True):
            found[record.id] = _amendment(record)
    return found


def support_state(amendment_id: str, person_id: str | None = None, limit: Limit | None = None,
                  region: bool = False) -> SupportState:
    """Whether it takes support, and its shown count, kept two seconds per container (as a campaign's
    status is): a decision freezes the counters, and the supports' stream removes what lands after.
    Read for `person_id`, with what this container lacks of theirs (store/first_reads.py)."""
    kept = _states.get(amendment_id)
    if kept is not None:
        return kept
    if not 0 < len(amendment_id) <= ID_LENGTH_AT_MOST:
        raise ConditionFailed("no amendment")
    raw = first_reads.read_missing(person_id, limit=limit, region=region,
                                   item=("amendments", {"id": amendment_id}, ["id", "status", "support_count"]))
    if raw is None:
        raise ConditionFailed("no amendment")
    record = AmendmentRecord.from_raw_data(raw)
    return _states.put(amendment_id, SupportState(record.id, record.status, int(record.support_count or 0)))


def of_clause(document_id: str, clause_id: str, order: AmendmentOrder, limit: int,
              cursor: str | None) -> tuple[list[Amendment], str | None]:
    """A clause's amendments in the document's order: one Query."""
    scope = f"amendments:{document_id}:{clause_id}:{order.value}"
    start = decode_cursor(scope, cursor)
    if order is AmendmentOrder.MOST_SUPPORTED:
        results = AmendmentRecord.by_clause_support.query(f"{document_id}#{clause_id}", scan_index_forward=False,
                                                          limit=limit, last_evaluated_key=start)
    else:
        results = AmendmentRecord.by_document.query(
            document_id, AmendmentRecord.clause_order.startswith(f"{clause_id}#"),
            scan_index_forward=order is AmendmentOrder.OLDEST_FIRST, limit=limit, last_evaluated_key=start)
    found = [_amendment(r) for r in results]
    return found, encode_cursor(scope, results.last_evaluated_key)


def of_document(document_id: str, limit: int, cursor: str | None) -> tuple[list[Amendment], str | None]:
    """A document's amendments, clause by clause, each clause's oldest first: one Query."""
    scope = f"amendments:{document_id}:*"
    results = AmendmentRecord.by_document.query(document_id, limit=limit,
                                                last_evaluated_key=decode_cursor(scope, cursor))
    return [_amendment(r) for r in results], encode_cursor(scope, results.last_evaluated_key)


def decide(document: Document, decided: list[Amendment], changes: dict[str, Change], *, headline: str,
           summary: str,
           actor_id: str, now: datetime) -> None:
    """Record decisions (one, or a composite's), each with its audit record (who, when, why, and the
    clause's words before) and its outbox event, and move the document's counts, all in one transaction,
    conditional on each amendment being undecided still and the document not adopted. Each amendment's
    counters are frozen first, so no support lands after the count its people are told."""
    with ThreadPoolExecutor(max_workers=min(PARALLEL, len(decided))) as pool:
        list(pool.map(freeze_counters, [a.id for a in decided]))
    tx = Transaction()
    for amendment in decided:
        d = amendment.decision
        assert d is not None
        actions = [AmendmentRecord.status.set(d.verdict.value),
                   AmendmentRecord.decision.set(DecisionMap(verdict=d.verdict.value, reason=d.reason,
                                                            decided_at=d.decided_at, text_before=d.text_before,
                                                            text=d.text, lead_id=d.lead_id,
                                                            composite_of=list(d.composite_of))),
                   AmendmentRecord.decided_listing.set(DECIDED), AmendmentRecord.decided_at.set(d.decided_at)]
        if amendment.id in changes:
            actions += [AmendmentRecord.pending_document.set(document.id),
                        AmendmentRecord.pending_key.set(f"{amendment.clause_id}#{d.decided_at}#{amendment.id}")]
        tx.system_update(AmendmentRecord, amendment.id, actions, f"amendment:{amendment.id}",
                         condition=AmendmentRecord.status == "submitted")
        audit = audit_record(f"amendment#{amendment.id}", actor_id, f"decision:{d.verdict.value}", d.reason, now)
        audit.before = d.text_before
        tx.save(audit, f"audit:{amendment.id}")
        outbox.add_to(tx, outbox.event(amendment.id, EventKind.AMENDMENT_DECIDED, document.area, d.decided_at,
                                       key=outbox.DECISION_KEY, stage=d.verdict.value, note=d.reason,
                                       headline=headline, summary=summary, document_id=document.id),
                      f"event:{amendment.id}")
    tx.system_update(DocumentRecord, document.id, [DocumentRecord.undecided_count.add(-len(decided)),
                                                   DocumentRecord.pending_count.add(len(changes))], "document",
                     condition=DocumentRecord.phase == CURRENT)
    try:
        tx.commit()
    except TransactWriteError as exc:
        raise ConditionFailed(*(tx.failed or {"unknown"})) from exc
    finally:
        documents.forget(document.id)
        for amendment in decided:
            _states.forget(amendment.id)


def pending_changes(document_id: str) -> list[Amendment]:
    """Decided amendments whose change waits for the next version, clause by clause (the sparse
    `pending` index, every page)."""
    return [_amendment(r) for r in AmendmentRecord.pending.query(document_id)]


def mark_applied(amendment_ids: list[str], version: int, at: str) -> int:
    """After their version is published: out of the pending index, into the version. Idempotent
    (only where still pending), so a publication interrupted here is finished by the next one."""

    def mark(amendment_id: str) -> int:
        try:
            system_update(AmendmentRecord, amendment_id, actions=[
                AmendmentRecord.pending_document.remove(), AmendmentRecord.pending_key.remove(),
                AmendmentRecord.applied_in_version.set(version), AmendmentRecord.applied_at.set(at)],
                condition=AmendmentRecord.pending_document.exists())
            return 1
        except UpdateError as exc:
            if is_condition_failure(exc):
                return 0
            raise

    if not amendment_ids:
        return 0
    with ThreadPoolExecutor(max_workers=min(PARALLEL, len(amendment_ids))) as pool:
        return sum(pool.map(mark, amendment_ids))


def write_count(amendment_id: str, total: int, read_at: str, by_region: dict[str, int]) -> bool:
    """The counters' stream: SET the count read at `read_at` unless a later reading is there."""
    try:
        system_update(AmendmentRecord, amendment_id, actions=[
            AmendmentRecord.support_count.set(total), AmendmentRecord.count_read_at.set(read_at),
            AmendmentRecord.support_by_region.set(by_region)],
            condition=AmendmentRecord.id.exists() & (AmendmentRecord.count_read_at.does_not_exist()
                                                     | (AmendmentRecord.count_read_at < read_at)))
        return True
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise


def proposer_of(amendment_id: str) -> str | None:
    """Whom the fan-out tells besides supporters (read when delivered)."""
    try:
        return AmendmentRecord.get(amendment_id, attributes_to_get=["proposer_id"]).proposer_id
    except DoesNotExist:
        return None


def proposed_by(person_id: str) -> list[Amendment]:
    """A person's amendments (their export; erasure), oldest first."""
    ids = [k.id for k in AmendmentRecord.by_proposer.query(person_id)]
    found = get_amendments(ids)
    return [found[i] for i in ids if i in found]


def decided_between(after: str, before: str) -> list[tuple[str, str]]:
    """(amendment id, decided at) of those decided after `after` and before `before`, oldest first."""
    after = after or "0"
    return [(k.id, k.decided_at) for k in AmendmentRecord.by_decided.query(
        DECIDED, AmendmentRecord.decided_at.between(after, before)) if after < k.decided_at < before]
