"""Scheduled lifecycle work: closing campaigns whose closing date has passed."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Rate

from chalicelib.domain.errors import Conflict
from chalicelib.observability import logger, metrics
from chalicelib.store import campaigns as store
from chalicelib.store.base import utcnow
from chalicelib.store.campaign_lists import due_to_close

blueprint = Blueprint(__name__)
SYSTEM_ACTOR = "system:closing-schedule"


def close_due_campaigns(now=None) -> int:
    """Close every open campaign past its closing date; reads a page at a time (a Query on the
    sparse closing_queue index). A campaign closed meanwhile by its owner is skipped."""
    closed = 0
    for campaign in due_to_close(now or utcnow()):
        try:
            store.close(campaign, SYSTEM_ACTOR, reason="closing date reached")
            closed += 1
        except Conflict:
            logger.info("already closed", extra={"campaign_id": campaign.id})
    metrics.add_metric(name="CampaignsClosed", unit="Count", value=closed)
    logger.info("closing run done", extra={"closed": closed})
    return closed


@blueprint.schedule(Rate(15, unit=Rate.MINUTES), name="close_due_campaigns")
def close_due_campaigns_on_schedule(event: Any) -> None:
    close_due_campaigns()
