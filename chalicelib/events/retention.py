"""Nightly retention: supports of campaigns closed, and of amendments decided, more than twelve months
ago are anonymised (store.retention). Checkpointed by the closing time of the last campaign done, so a run that
nears Lambda's time limit stops, and the next run carries on after it. Feed items need no job:
DynamoDB's TTL deletes them 90 days after they were written (`expires_at`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint, Cron

from chalicelib.domain.privacy import support_retention_cutoff
from chalicelib.observability import logger, metrics
from chalicelib.store.amendments import decided_between
from chalicelib.store.base import iso, utcnow
from chalicelib.store.jobs import load_checkpoint, save_checkpoint
from chalicelib.store.retention import anonymise_supports, closed_between

blueprint = Blueprint(__name__)
JOB = "anonymise_supports"
AMENDMENTS_JOB = "anonymise_amendment_supports"  # its own checkpoint: decisions' times, not closings'
STOP_WITH_MILLIS_LEFT = 120_000


def anonymise_old_supports(now=None, remaining_millis: Callable[[], int] = lambda: 10**9) -> tuple[int, int]:
    """(campaigns and amendments done, supports anonymised) in this run."""
    cutoff = iso(support_retention_cutoff(now or utcnow()))
    things = supports = 0
    for job, due in ((JOB, closed_between), (AMENDMENTS_JOB, decided_between)):
        if things and remaining_millis() < STOP_WITH_MILLIS_LEFT:
            break
        for thing_id, ended_at in due(load_checkpoint(job) or "", cutoff):
            anonymised = anonymise_supports(thing_id)  # an amendment's supports are kept as a campaign's
            save_checkpoint(job, ended_at)
            things, supports = things + 1, supports + anonymised
            logger.info("supports anonymised", extra={"campaign_id": thing_id, "supports": anonymised})
            if remaining_millis() < STOP_WITH_MILLIS_LEFT:  # after, not before: every run makes progress
                break
    metrics.add_metric(name="SupportsAnonymised", unit="Count", value=supports)
    return things, supports


@blueprint.schedule(Cron(30, 3, "*", "*", "?", "*"), name="anonymise_old_supports")
def anonymise_on_schedule(event: Any) -> None:
    anonymise_old_supports(remaining_millis=event.context.get_remaining_time_in_millis)
