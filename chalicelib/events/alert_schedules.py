"""Scheduled alerts for ministers: responses gone overdue, and each area's daily digest."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from chalice.app import Blueprint, Cron

from chalicelib.domain.areas import POLICY_AREAS
from chalicelib.domain.campaigns import Status
from chalicelib.domain.dialogue import overdue_before
from chalicelib.domain.events import DIGEST, EventKind
from chalicelib.messages import label, text
from chalicelib.notify.alerts import in_each_language, publish_alerts
from chalicelib.observability import logger
from chalicelib.settings import get_settings
from chalicelib.store import responses
from chalicelib.store.base import iso, utcnow
from chalicelib.store.campaign_lists import browse
from chalicelib.store.outbox import raise_event

blueprint = Blueprint(__name__)


def flag_overdue(now: datetime | None = None) -> int:
    """An outbox event, once, for each campaign waiting past the response deadline: overdue by the
    rule the inbox and the minister's record show (`domain.dialogue.overdue_before`)."""
    now = now or utcnow()
    reached_by = iso(overdue_before(now, get_settings().response_deadline_days))  # ISO times sort as text
    raised = 0
    for area in POLICY_AREAS:
        for campaign in responses.inbox([area.id]):
            if campaign.threshold_reached_at and campaign.threshold_reached_at <= reached_by:
                raised += raise_event(campaign.id, EventKind.RESPONSE_OVERDUE, area.id, now)
    logger.info("overdue responses flagged", extra={"raised": raised})
    return raised


def _section(title: str, campaigns: list, base: str) -> str:
    if not campaigns:
        return ""
    return f"{title}:\n" + "\n".join(f"- {c.title} ({int(c.support_count or 0):,}) {base}/c/{c.slug}"
                                     for c in campaigns)


def _digest(area: str, newest: list, rising: list, waiting: list, base: str) -> tuple[str, str]:
    """(subject, text) of one area's digest, in the active language."""
    sections = (_section(text("digest.newest"), newest, base), _section(text("digest.rising"), rising, base),
                _section(text("digest.waiting"), waiting, base))
    return text("digest.subject", area=label("area", area)), "\n\n".join(part for part in sections if part)


def daily_digests() -> int:
    """One message per area and language: what opened, what moved most, what waits for a response."""
    base = get_settings().public_base_url
    messages = []
    for area in POLICY_AREAS:
        newest, _ = browse(status=Status.OPEN, area=area.id, sort="new", limit=5, cursor=None)
        rising, _ = browse(status=Status.OPEN, area=area.id, sort="trending", limit=5, cursor=None)
        waiting = responses.inbox([area.id], per_area=10)
        if not (newest or rising or waiting):
            continue
        messages += in_each_language(area.id, DIGEST, partial(_digest, area.id, newest, rising, waiting, base))
    return publish_alerts(messages)


@blueprint.schedule(Cron(0, 6, "*", "*", "?", "*"), name="flag_overdue_responses")
def flag_overdue_on_schedule(event: Any) -> None:
    flag_overdue()


@blueprint.schedule(Cron(0, 7, "*", "*", "?", "*"), name="daily_digests")
def daily_digests_on_schedule(event: Any) -> None:
    daily_digests()
