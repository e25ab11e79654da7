"""Consultations: opening, reading, listing by area and state (each a Query, never a Scan),
closing with a summary, and the campaigns that answer one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError, TransactWriteError

from chalicelib.domain.campaigns import Campaign, is_public
from chalicelib.domain.consultations import Consultation
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.store import outbox, to_domain
from chalicelib.store.base import Transaction, is_condition_failure, iso
from chalicelib.store.campaign_lists import CARD_ATTRIBUTES, fetch_in_order
from chalicelib.store.campaigns import audit_record
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.read_cache import consultations_shown
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.consultations import LISTED, ConsultationRecord

# What an idea shows on a consultation's page: its card and its summary, not its 10 KB body.
IDEA_ATTRIBUTES = [*CARD_ATTRIBUTES, "summary"]
IDEA_KEYS_PAGE = 500
ID_LENGTH_AT_MOST = 64  # ids are UUIDs


def open_consultation(*, area: str, question: str, brief: str, opens_at: datetime, closes_at: datetime,
                      created_by: str, now: datetime, language: str | None = None) -> Consultation:
    record = ConsultationRecord(id=str(uuid.uuid4()), area=area, listing=LISTED, question=question, brief=brief,
                                opens_at=iso(opens_at), closes_at=iso(closes_at), created_by=created_by,
                                created_at=iso(now), language=language)
    tx = Transaction()
    tx.save(record, "consultation", condition=ConsultationRecord.id.does_not_exist())
    tx.save(audit_record(f"consultation#{record.id}", created_by, "open", question, now), "audit")
    tx.commit()
    consultations_shown.clear()  # this container's home page shows it at once
    return to_domain.consultation(record)


def questions_of(consultation_ids: set[str]) -> dict[str, str]:
    """Each consultation's question by id, one BatchGetItem of just that; ones gone are absent."""
    if not consultation_ids:
        return {}
    return {c.id: c.question for c in ConsultationRecord.batch_get(list(consultation_ids),
                                                                  attributes_to_get=["id", "question"])}


def get_consultation(consultation_id: str) -> Consultation | None:
    if not 0 < len(consultation_id) <= ID_LENGTH_AT_MOST:  # never a key DynamoDB would refuse (a 500)
        return None
    try:
        return to_domain.consultation(ConsultationRecord.get(consultation_id))
    except DoesNotExist:
        return None


def listed(*, area: str | None, state: str, now: datetime, limit: int,
           cursor: str | None) -> tuple[list[Consultation], str | None]:
    """A page of one state's consultations: open and upcoming ones closing soonest first, closed
    ones most recently closed first. One Query on an area's index (or every area's): the closing
    date is the range condition (an early close moves it to the moment of closing, see `close`),
    and open or upcoming is a filter on `opens_at`."""
    index = ConsultationRecord.by_area_closing if area else ConsultationRecord.by_closing
    hash_value = area or LISTED
    moment = iso(now)
    if state == "closed":
        range_condition, filter_condition, forward = ConsultationRecord.closes_at <= moment, None, False
    else:
        range_condition, forward = ConsultationRecord.closes_at > moment, True
        started = ConsultationRecord.opens_at <= moment
        filter_condition = started if state == "open" else ~started
    scope = f"{index.Meta.index_name}:{hash_value}:{state}"
    results = index.query(hash_value, range_condition, filter_condition=filter_condition,
                          scan_index_forward=forward, limit=limit, last_evaluated_key=decode_cursor(scope, cursor))
    return [to_domain.consultation(c) for c in results], encode_cursor(scope, results.last_evaluated_key)


def close(consultation: Consultation, *, summary: str, actor_id: str, now: datetime) -> Consultation:
    """Closes it with its summary, once: the condition is that nobody closed it first ("consultation"). Closed
    early, its closing date becomes the moment it closed, so the lists' range condition on the
    closing date alone says open or closed (a filter may not name an index's key)."""
    closes_at = min(consultation.closes_at, iso(now))
    tx = Transaction()
    tx.update(ConsultationRecord(id=consultation.id, version=consultation.version or None),
              [ConsultationRecord.closed_at.set(iso(now)), ConsultationRecord.summary.set(summary),
               ConsultationRecord.closed_by.set(actor_id), ConsultationRecord.closes_at.set(closes_at)],
              "consultation",
              condition=ConsultationRecord.closed_at.does_not_exist(), check_version=False)
    tx.save(audit_record(f"consultation#{consultation.id}", actor_id, "close", summary, now), "audit")
    # Telling its ideas' people is this one event's job (the publisher expands it), so the close
    # and the promise to tell everyone are one write, however many ideas there are.
    outbox.add_to(tx, outbox.event(outbox.consultation_partition(consultation.id), EventKind.CONSULTATION_CLOSING,
                                   consultation.area, iso(now), key=closed_event_key(consultation.id),
                                   consultation_id=consultation.id))
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "consultation" in tx.failed:
            raise ConditionFailed("consultation") from exc
        raise
    consultations_shown.clear()
    return to_domain.consultation(ConsultationRecord.get(consultation.id))


def _idea_ids(consultation_id: str) -> Iterator[str]:
    """Every campaign naming the consultation, most supported first: Queries on the sparse
    keys-only `by_consultation` index (drafts too: their visibility is decided on the items)."""
    for key in CampaignRecord.by_consultation.query(consultation_id, scan_index_forward=False,
                                                    page_size=IDEA_KEYS_PAGE):
        yield key.id


def public_ideas(consultation_id: str) -> list[Campaign]:
    """The consultation's public ideas (open or closed, not hidden), most supported first, with
    only what a card shows. One Query page of keys per 500 ideas, one BatchGetItem per 100."""
    ideas = fetch_in_order(list(_idea_ids(consultation_id)), IDEA_ATTRIBUTES)
    ideas = [c for c in ideas if is_public(c.status, c.hidden)]
    # The index is read as the counts stood; sort again on what the items say now.
    return sorted(ideas, key=lambda c: int(c.support_count or 0), reverse=True)


def closed_event_key(consultation_id: str) -> str:
    return f"{EventKind.CONSULTATION_CLOSED}#{consultation_id}"


def announce_close(consultation: Consultation, ideas: list[Campaign]) -> int:
    """One outbox event per idea, keyed by the consultation: the existing fan-out tells each idea's
    owner, supporters and followers. A put that finds its event already there (a retry) adds
    nothing, so each person hears once per idea. Returns how many events were new."""
    written = 0
    for idea in ideas:
        event = outbox.event(idea.id, EventKind.CONSULTATION_CLOSED, idea.area, consultation.closed_at or "",
                             key=closed_event_key(consultation.id), headline=consultation.question,
                             summary=consultation.summary, consultation_id=consultation.id)
        try:
            event.save(condition=CampaignEventRecord.event_key.does_not_exist())
            written += 1
        except PutError as exc:
            if not is_condition_failure(exc):
                raise
    return written


def question_of(consultation_id: str) -> tuple[str, str] | None:
    """(the question, its area) a campaign answering it names and links to: one GetItem of just that,
    kept a minute per container (`read_cache.consultations_shown`); None for one not found."""
    def read() -> tuple[str, str] | None:
        try:
            found = ConsultationRecord.get(consultation_id, attributes_to_get=["id", "question", "area"])
        except DoesNotExist:
            return None
        return found.question, found.area

    return consultations_shown.get_or_read(("question", consultation_id), read)

