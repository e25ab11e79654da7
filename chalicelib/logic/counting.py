"""The shown count, and what it decides: milestones and the response threshold, each once.

Run by the counters' stream handler once per campaign per batch of stream records, so the
campaign item takes a few writes a second however many supports arrive (README, "Support at
viral scale"); also after an erasure changed counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.domain.amendments import is_amendment_id
from chalicelib.domain.events import EventKind
from chalicelib.domain.milestones import crossed_milestones, reaches_response_threshold
from chalicelib.settings import get_settings
from chalicelib.store import amendments, shard_tally, support_counts
from chalicelib.store.base import iso, utcnow
from chalicelib.store.outbox import milestone_key, raise_event


@dataclass
class CountUpdate:
    campaign_id: str
    total: int
    written: bool
    events: list[str] = field(default_factory=list)


def refresh_count(campaign_id: str, now: datetime | None = None) -> CountUpdate:
    """Sum the shard counters (read consistently), write the sum with who supports by region and
    who is still settling there, and raise what the sum crossed. An amendment's supports are counted
    the same way (keyed by its id); its count decides nothing."""
    now = now or utcnow()
    read_at = iso(now)
    found = shard_tally.tally(campaign_id, now.date())
    total = found.total
    if found.gone_by:
        shard_tally.remove_gone_by(found.gone_by)
    if is_amendment_id(campaign_id):
        return CountUpdate(campaign_id, total,
                           written=amendments.write_count(campaign_id, total, read_at, found.by_region))
    campaign = support_counts.write_count(campaign_id, total, read_at, found.by_region, found.settling)
    if campaign is None:  # a later reading is already there
        return CountUpdate(campaign_id, total, written=False)
    update = CountUpdate(campaign_id, total, written=True)
    settings = get_settings()
    for milestone in crossed_milestones(total, settings.milestones, [int(m) for m in campaign.milestones or []]):
        if raise_event(campaign_id, EventKind.MILESTONE, campaign.area, now, key=milestone_key(milestone),
                       value=milestone):
            update.events.append(f"milestone#{milestone}")
        support_counts.record_milestone(campaign_id, milestone)
    if reaches_response_threshold(total, settings.response_threshold, bool(campaign.threshold_reached_at),
                                  bool(campaign.official_response)):
        if raise_event(campaign_id, EventKind.RESPONSE_THRESHOLD, campaign.area, now, value=total):
            update.events.append("response_threshold")
        support_counts.enter_inbox(campaign_id, campaign.area, read_at)
    return update


def recount(campaign_ids: list[str]) -> int:
    """Count again where something else (an erasure) moved the counters."""
    for campaign_id in sorted(campaign_ids):
        refresh_count(campaign_id)
    return len(campaign_ids)
