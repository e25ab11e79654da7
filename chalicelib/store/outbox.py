"""The outbox: events that must not be lost (a campaign opened or closed, a milestone, the
response threshold, a minister's response, an owner's update, a reply on an answered campaign, a
move in the manifesto tracker). Their kinds, and who hears of each, are `domain/events`.

Each is written once, by a conditional put on (`campaign_id`, `event_key`): either in the same
transaction as the change it reports (`add_to`) or alone, deciding it once (`raise_event`).
An event keyed by a period (replies' alerts: the hour) is written with the first change of the
period; the later changes find it there and go without it. The
table's stream feeds the publisher (`notify/publisher.py`). Every event key is made here.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError

from chalicelib.domain.dialogue import OwnerUpdate
from chalicelib.domain.events import EventKind
from chalicelib.store import to_domain
from chalicelib.store.base import Transaction, is_condition_failure, iso
from chalicelib.store.tables.campaign_events import CampaignEventRecord

UPDATE_PREFIX = "update#"


def consultation_partition(consultation_id: str) -> str:
    """The outbox partition of events about a consultation rather than one campaign."""
    return f"consultation#{consultation_id}"


def document_partition(document_id: str) -> str:
    """The outbox partition of events about a document rather than one campaign."""
    return f"document#{document_id}"


def adopted_key(document_id: str) -> str:
    return f"{EventKind.DOCUMENT_ADOPTED}#{document_id}"


def shaped_key(document_id: str, clause_id: str) -> str:
    """An idea hears once per clause it shaped, however often the links are set again."""
    return f"{EventKind.CLAUSE_SHAPED}#{document_id}#{clause_id}"


DECISION_KEY = "decision"  # an amendment is decided once
def organisation_partition(organisation_id: str) -> str:
    """The outbox partition of events about an organisation (an invitation)."""
    return f"organisation#{organisation_id}"


def campaign_of(partition: str) -> str | None:
    """The campaign an event is about, or None for a consultation's or an organisation's."""
    return None if "#" in partition else partition


def invited_key(person_id: str, created_at: str) -> str:
    return f"{EventKind.INVITED}#{created_at}#{person_id}"


def rejected_key(created_at: str) -> str:
    """A campaign can be rejected, edited and rejected again: each decision is told."""
    return f"{EventKind.CAMPAIGN_REJECTED}#{created_at}"


def reply_notice_key(parent_id: str, created_at: str) -> str:
    """Answers to one reply are told to its author once an hour at most, like replies' alerts."""
    return f"{EventKind.REPLY_TO_REPLY}#{parent_id}#{created_at[:13]}"


def milestone_key(milestone: int) -> str:
    return f"{EventKind.MILESTONE}#{milestone:010d}"  # zero-padded, so milestones sort in order


def response_key(response_key_value: str) -> str:
    return f"{EventKind.RESPONSE}#{response_key_value}"


def manifesto_key(stage: str) -> str:
    """Each manifesto stage is reached once per idea (moves only go forward), so it keys its event."""
    return f"{EventKind.MANIFESTO}#{stage}"


def reply_alert_key(created_at: str) -> str:
    """Replies on an answered campaign alert its ministers once an hour at most: the key is the
    hour (`reply_on_answered#2026-12-01T13`), so later replies in it find the event there."""
    return f"{EventKind.REPLY_ON_ANSWERED}#{created_at[:13]}"


def update_key(created_at: str) -> str:
    return f"{UPDATE_PREFIX}{created_at}#{uuid.uuid4().hex[:8]}"


def update_id(event: CampaignEventRecord) -> str:
    """What clients call an owner update's id: its key without the prefix."""
    return event.event_key.removeprefix(UPDATE_PREFIX)


def event(campaign_id: str, kind: EventKind, area: str, created_at: str, *, key: str | None = None,
          **fields: Any) -> CampaignEventRecord:
    """An event of `kind`; one that can happen once per campaign (opened, closed, the threshold,
    overdue) is keyed by its kind, so a second one is refused by the put's condition. (Opened
    before kinds had one name, a campaign's key is "opened": it cannot open twice anyway.)"""
    return CampaignEventRecord(campaign_id=campaign_id, event_key=key or kind.value, kind=kind.value, area=area,
                               created_at=created_at, **fields)


def add_to(tx: Transaction, record: CampaignEventRecord, label: str = "event") -> None:
    """Write the event in the same transaction as the change it reports."""
    tx.save(record, label, condition=CampaignEventRecord.event_key.does_not_exist())


def raise_event(campaign_id: str, kind: EventKind, area: str, now: datetime, *, key: str | None = None,
                value: int | None = None) -> bool:
    """Record an event once; False if it had already been raised."""
    try:
        event(campaign_id, kind, area, iso(now), key=key, value=value).save(
            condition=CampaignEventRecord.event_key.does_not_exist())
        return True
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise


def forget_told(partition: str, event_key: str) -> None:
    """An event that names a person (an invitation) goes once it is told: the outbox keeps nobody's
    id longer than the telling takes. Its stream record (a REMOVE) is not published."""
    CampaignEventRecord(campaign_id=partition, event_key=event_key).delete()


def updates_of(campaign_id: str, limit: int = 50) -> list[OwnerUpdate]:
    """A campaign's owner updates, newest first."""
    return [to_domain.owner_update(e, update_id(e))
            for e in CampaignEventRecord.query(campaign_id, CampaignEventRecord.event_key.startswith(UPDATE_PREFIX),
                                               scan_index_forward=False, limit=limit)]
