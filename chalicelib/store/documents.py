"""Policy documents in storage: publishing a draft, reading a document and its versions, listing by
phase (each a Query, never a Scan), publishing a new version, adopting. Each write is one
transaction with its audit record; a failed condition is reported by its label (ConditionFailed),
and logic says what it means. Versions never change once written, so a container keeps them."""

from __future__ import annotations

import json
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError

from chalicelib.domain.documents import AmendmentOrder, Chapter, Clause, Document, Status, Version
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.store import outbox, read_cache
from chalicelib.store.base import Transaction, is_condition_failure, iso, system_update
from chalicelib.store.campaigns import audit_record
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.tables.document_versions import DocumentVersionRecord
from chalicelib.store.tables.documents import ADOPTED, CURRENT, DocumentRecord

ID_LENGTH_AT_MOST = 64
_versions = read_cache.document_versions  # why each is safe: store/read_cache.py
_documents = read_cache.documents


def _document(record: DocumentRecord) -> Document:
    return Document(
        id=record.id, area=record.area, title=record.title, summary=record.summary or "",
        amendments_close_at=record.amendments_close_at, current_version=int(record.current_version),
        created_at=record.created_at, amendment_order=AmendmentOrder(record.amendment_order),
        adopted_at=record.adopted_at, adoption_note=record.adoption_note,
        clause_amendments={k: int(v) for k, v in (record.clause_amendments.as_dict()
                                                   if record.clause_amendments else {}).items()},
        amendment_count=int(record.amendment_count or 0), undecided=int(record.undecided_count or 0),
        pending=int(record.pending_count or 0), revision=int(record.version or 0))


def _version(record: DocumentVersionRecord) -> Version:
    chapters = tuple(Chapter(ch["heading"], tuple(Clause(*clause) for clause in ch["clauses"]))
                     for ch in record.chapters)
    return Version(record.document_id, int(record.number), chapters, record.published_at,
                   {k: tuple(v) for k, v in (record.changes or {}).items()}, record.note or "")


def _version_record(version: Version) -> DocumentVersionRecord:
    chapters = [{"heading": ch.heading, "clauses": [[c.id, c.number, c.text] for c in ch.clauses]}
                for ch in version.chapters]
    return DocumentVersionRecord(document_id=version.document_id, number=version.number, chapters=chapters,
                                 changes={k: list(v) for k, v in version.changes.items()},
                                 published_at=version.published_at, note=version.note)


def create_document(document: Document, first: Version, actor_id: str, now: datetime) -> Document:
    """The draft and its version 1, together, audited."""
    record = DocumentRecord(id=document.id, area=document.area, title=document.title, summary=document.summary,
                            phase=CURRENT, phase_area=f"{CURRENT}#{document.area}",
                            amendments_close_at=document.amendments_close_at, current_version=1,
                            amendment_order=document.amendment_order.value, created_at=document.created_at,
                            clause_amendments={})
    tx = Transaction()
    tx.save(record, "document", condition=DocumentRecord.id.does_not_exist())
    tx.save(_version_record(first), "version", condition=DocumentVersionRecord.number.does_not_exist())
    tx.save(audit_record(f"document#{document.id}", actor_id, "publish:1", document.title, now), "audit")
    tx.commit()
    return get_document(document.id, consistent=True)


def get_document(document_id: str, consistent: bool = False) -> Document:
    if not 0 < len(document_id) <= ID_LENGTH_AT_MOST:  # never a key DynamoDB would refuse (a 500)
        raise ConditionFailed("no document")
    try:
        found = _document(DocumentRecord.get(document_id, consistent_read=consistent))
    except DoesNotExist as exc:
        raise ConditionFailed("no document") from exc
    return _documents.put(document_id, found)


def document_now(document_id: str) -> Document:
    """The document as this container read it in the last two seconds (pages and amendment lists):
    a count two seconds old harms nobody; every write checks the item itself."""
    return _documents.get(document_id) or get_document(document_id)


def forget(document_id: str) -> None:
    """This container changed the document (its counts): its next read here reads it."""
    _documents.forget(document_id)


def get_version(document_id: str, number: int) -> Version:
    kept = _versions.get((document_id, number))
    if kept is not None:
        return kept
    try:
        record = DocumentVersionRecord.get(document_id, number)
    except DoesNotExist as exc:
        raise ConditionFailed("no document") from exc
    return _versions.put((document_id, number), _version(record))


def get_versions(document_id: str, numbers: list[int]) -> list[Version]:
    """Several versions (a diff's): the ones not kept here in one BatchGetItem."""
    wanted = sorted(set(numbers))
    missing = [n for n in wanted if _versions.get((document_id, n)) is None]
    for start in range(0, len(missing), 100):
        for record in DocumentVersionRecord.batch_get([(document_id, n) for n in missing[start:start + 100]]):
            _versions.put((document_id, int(record.number)), _version(record))
    found = [_versions.get((document_id, n)) for n in wanted]
    if any(v is None for v in found):
        raise ConditionFailed("no document")
    return found


def listed(*, area: str | None, status: Status, now: str, limit: int,
           cursor: str | None) -> tuple[list[Document], str | None]:
    """One Query: open ones closing soonest first; closed for amendments and adopted ones, latest first."""
    phase = ADOPTED if status is Status.ADOPTED else CURRENT
    index, hash_value = ((DocumentRecord.by_area_phase, f"{phase}#{area}") if area
                         else (DocumentRecord.by_phase, phase))
    range_condition = None
    if status is Status.OPEN:
        range_condition = DocumentRecord.amendments_close_at > now
    elif status is Status.CLOSED:
        range_condition = DocumentRecord.amendments_close_at <= now
    scope = f"documents:{hash_value}:{status.value}"
    results = index.query(hash_value, range_condition, scan_index_forward=status is Status.OPEN, limit=limit,
                          last_evaluated_key=decode_cursor(scope, cursor))
    return [_document(r) for r in results], encode_cursor(scope, results.last_evaluated_key)


def set_amendment_order(document: Document, order: AmendmentOrder) -> Document:
    """A setting, not words: the last choice stands (no version check), unless the document is adopted."""
    try:
        system_update(DocumentRecord, document.id, actions=[DocumentRecord.amendment_order.set(order.value)],
                      condition=DocumentRecord.phase == CURRENT)
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise ConditionFailed("document") from exc
        raise
    return get_document(document.id, consistent=True)


def publish_version(document: Document, version: Version, applied: int, close_at: str | None,
                    actor_id: str, now: datetime) -> Document:
    """The new version and the document's pointer to it, in one transaction: conditional on the
    version being the next one, on no decision having come in since the pending changes were read
    (`pending_count`), and on the document not being adopted. A version is never half-published."""
    actions = [DocumentRecord.current_version.set(version.number), DocumentRecord.pending_count.add(-applied)]
    if close_at is not None:
        actions.append(DocumentRecord.amendments_close_at.set(close_at))
    tx = Transaction()
    tx.save(_version_record(version), "version", condition=DocumentVersionRecord.number.does_not_exist())
    tx.system_update(DocumentRecord, document.id, actions, "document",
                     condition=(DocumentRecord.current_version == version.number - 1)
                     & (DocumentRecord.pending_count == document.pending) & (DocumentRecord.phase == CURRENT))
    tx.save(audit_record(f"document#{document.id}", actor_id, f"publish:{version.number}",
                         version.note or f"{applied} change(s) applied", now), "audit")
    try:
        tx.commit()
    except TransactWriteError as exc:
        raise ConditionFailed(*(tx.failed or {"unknown"})) from exc
    _documents.forget(document.id)
    return get_document(document.id, consistent=True)


def adopt(document: Document, note: str, actor_id: str, now: datetime) -> Document:
    """Adopted, once: nothing undecided, nothing waiting for a version. The same transaction writes the
    outbox event the publisher turns into one event per idea the document's clauses came from."""
    at = iso(now)
    tx = Transaction()
    tx.system_update(DocumentRecord, document.id, [
        DocumentRecord.phase.set(ADOPTED), DocumentRecord.phase_area.set(f"{ADOPTED}#{document.area}"),
        DocumentRecord.adopted_at.set(at), DocumentRecord.adoption_note.set(note)], "document",
        condition=(DocumentRecord.phase == CURRENT) & (DocumentRecord.undecided_count == 0)
        & (DocumentRecord.pending_count == 0))
    tx.save(audit_record(f"document#{document.id}", actor_id, "adopt", note, now), "audit")
    outbox.add_to(tx, outbox.event(outbox.document_partition(document.id), EventKind.DOCUMENT_ADOPTING,
                                   document.area, at, key=outbox.adopted_key(document.id),
                                   document_id=document.id, headline=document.title))
    try:
        tx.commit()
    except TransactWriteError as exc:
        raise ConditionFailed(*(tx.failed or {"unknown"})) from exc
    _documents.forget(document.id)
    return get_document(document.id, consistent=True)


def version_json(version: Version) -> str:
    """What a version weighs as stored (the bench prints it)."""
    return json.dumps(_version_record(version).chapters)
