"""Updates from a campaign's owner to everyone who supports or follows it.

The update is written as the campaign's outbox event, in a transaction that checks the
campaign is public: one write, so an update that exists is an update that gets fanned out.
"""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.dialogue import OwnerUpdate
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.store import outbox, to_domain
from chalicelib.store.base import Transaction, iso, utcnow
from chalicelib.store.campaigns import public_condition
from chalicelib.store.tables.campaigns import CampaignRecord


def post_update(campaign: Campaign, author_id: str, headline: str, body: str) -> OwnerUpdate:
    """ConditionFailed "campaign" if it is not public (any more)."""
    now = iso(utcnow())
    event = outbox.event(campaign.id, EventKind.OWNER_UPDATE, campaign.area, now, key=outbox.update_key(now),
                         headline=headline, body=body, author_id=author_id)
    tx = Transaction()
    # Counted on the campaign as it is sent (not its version: no editor's copy goes stale), so its page
    # knows to show its updates.
    tx.system_update(CampaignRecord, campaign.id, [CampaignRecord.updates_posted.add(1)], "campaign",
                     condition=public_condition())
    outbox.add_to(tx, event)
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "campaign" in tx.failed:
            raise ConditionFailed("campaign") from exc
        raise
    return to_domain.owner_update(event, outbox.update_id(event))
