"""Updates from a campaign's owner to everyone who supports or follows it.

The update is written as the campaign's outbox event, in a transaction that checks the
campaign is public: one write, so an update that exists is an update that gets fanned out.
"""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError

from chalicelib.domain.errors import Conflict
from chalicelib.domain.events import EventKind
from chalicelib.store import outbox
from chalicelib.store.base import Transaction, iso, utcnow
from chalicelib.store.campaigns import public_condition
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.campaigns import CampaignRecord


def post_update(campaign: CampaignRecord, author_id: str, headline: str, body: str) -> CampaignEventRecord:
    now = iso(utcnow())
    event = outbox.event(campaign.id, EventKind.OWNER_UPDATE, campaign.area, now, key=outbox.update_key(now),
                         headline=headline, body=body, author_id=author_id)
    tx = Transaction()
    tx.condition_check(CampaignRecord, campaign.id, public_condition(), "campaign")
    outbox.add_to(tx, event)
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "campaign" in tx.failed:
            raise Conflict("Only open or closed campaigns can send updates.", code="campaign_not_public") from exc
        raise
    return event
