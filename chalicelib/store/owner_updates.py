"""Updates from a campaign's owner to everyone who supports or follows it.

The update is written as the campaign's outbox event, in a transaction that checks the
campaign is public: one write, so an update that exists is an update that gets fanned out.
"""

from __future__ import annotations

import uuid

from pynamodb.exceptions import TransactWriteError

from chalicelib.domain.campaigns import PUBLIC
from chalicelib.domain.errors import Conflict
from chalicelib.store.base import Transaction, iso, utcnow
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.campaigns import CampaignRecord

PREFIX = "update#"


def post_update(campaign: CampaignRecord, author_id: str, headline: str, body: str) -> CampaignEventRecord:
    now = iso(utcnow())
    event = CampaignEventRecord(campaign_id=campaign.id, event_key=f"{PREFIX}{now}#{uuid.uuid4().hex[:8]}",
                                kind="owner_update", area=campaign.area, headline=headline, body=body,
                                author_id=author_id, created_at=now)
    tx = Transaction()
    shown = CampaignRecord.hidden.does_not_exist() | (CampaignRecord.hidden == False)  # noqa: E712
    tx.condition_check(CampaignRecord, campaign.id, CampaignRecord.status.is_in(*PUBLIC) & shown, "campaign")
    tx.save(event, "event", condition=CampaignEventRecord.event_key.does_not_exist())
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "campaign" in tx.failed:
            raise Conflict("Only open or closed campaigns can send updates.", code="campaign_not_public") from exc
        raise
    return event


def updates_of(campaign_id: str, limit: int = 50) -> list[CampaignEventRecord]:
    return list(CampaignEventRecord.query(campaign_id, CampaignEventRecord.event_key.startswith(PREFIX),
                                          scan_index_forward=False, limit=limit))
