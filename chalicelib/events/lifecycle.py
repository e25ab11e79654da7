"""Scheduled lifecycle work: closing campaigns whose closing date has passed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalice.app import Blueprint, Rate

from chalicelib.domain.times import utcnow
from chalicelib.logic.campaigns import close_due
from chalicelib.observability import logger, metrics

blueprint = Blueprint(__name__)


def close_due_campaigns(now: datetime | None = None) -> int:
    """Close every open campaign past its closing date; reads a page at a time (a Query on the
    sparse closing_queue index). A campaign closed meanwhile by its owner is skipped."""
    closed, skipped = close_due(now or utcnow())
    for campaign_id in skipped:
        logger.info("already closed", extra={"campaign_id": campaign_id})
    metrics.add_metric(name="CampaignsClosed", unit="Count", value=closed)
    logger.info("closing run done", extra={"closed": closed})
    return closed


@blueprint.schedule(Rate(15, unit=Rate.MINUTES), name="close_due_campaigns")
def close_due_campaigns_on_schedule(event: Any) -> None:
    close_due_campaigns()
