"""The nightly recount of open campaigns (store.recount), paged and checkpointed so a run
stops well inside Lambda's 15 minutes and the next one carries on where it stopped."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Cron

from chalicelib.domain.campaigns import Status
from chalicelib.events.support_counts import count_campaigns
from chalicelib.observability import logger, metrics
from chalicelib.store.campaign_lists import browse
from chalicelib.store.jobs import load_checkpoint, save_checkpoint
from chalicelib.store.recount import recount_campaign

blueprint = Blueprint(__name__)
STOP_WITH_MILLIS_LEFT = 120_000
JOB = "recount_supports"
NIGHT_FINISHED = "complete"


def recount_open_campaigns(remaining_millis=lambda: 10**9, cursor: str | None = None,
                           page_size: int = 25) -> tuple[int, str | None]:
    """Recount from `cursor`; returns how many campaigns were checked and where it stopped
    (None once every open campaign was checked)."""
    checked = 0
    while True:
        page, next_cursor = browse(status=Status.OPEN, area=None, sort="new", limit=page_size, cursor=cursor)
        for campaign in page:
            repairs = recount_campaign(campaign.id)
            checked += 1
            if repairs:
                # Ids and numbers only: who supports what is never logged.
                logger.warning("support count repaired", extra={
                    "campaign_id": campaign.id,
                    "repairs": [{"shard": r.shard, "counted": r.counted, "truth": r.truth, "regions": r.regions}
                                for r in repairs]})
                metrics.add_metric(name="SupportCountRepairs", unit="Count", value=len(repairs))
                count_campaigns({campaign.id})
        cursor = next_cursor
        if cursor is None or remaining_millis() < STOP_WITH_MILLIS_LEFT:
            return checked, cursor


# Hourly from 01:00 to 06:59: the first run starts the night's pass, and a run that nears
# Lambda's time limit leaves a checkpoint for the next. Once the pass is done, the rest wait.
@blueprint.schedule(Cron(0, "1-6", "*", "*", "?", "*"), name="recount_supports")
def recount_on_schedule(event: Any) -> None:
    checkpoint = load_checkpoint(JOB)
    if checkpoint == NIGHT_FINISHED:
        return
    checked, stopped_at = recount_open_campaigns(event.context.get_remaining_time_in_millis, checkpoint or None)
    save_checkpoint(JOB, stopped_at or NIGHT_FINISHED)
    logger.info("recount run done", extra={"checked": checked, "finished": stopped_at is None})


@blueprint.schedule(Cron(0, 0, "*", "*", "?", "*"), name="start_recount_night")
def start_recount_night(event: Any) -> None:
    save_checkpoint(JOB, "")
