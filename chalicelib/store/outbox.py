"""The outbox: events that must not be lost, each written once by a conditional put."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import PutError

from chalicelib.store.base import is_condition_failure, iso
from chalicelib.store.tables.campaign_events import CampaignEventRecord


def raise_event(campaign_id: str, event_key: str, kind: str, area: str, value: int | None, now: datetime) -> bool:
    """Record an event once; False if it had already been raised."""
    try:
        CampaignEventRecord(campaign_id=campaign_id, event_key=event_key, kind=kind, area=area, value=value,
                            created_at=iso(now)).save(condition=CampaignEventRecord.event_key.does_not_exist())
        return True
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise
