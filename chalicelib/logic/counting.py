"""The shown count, and what it decides: milestones and the response threshold, each once.

Run by the counters' stream handler once per campaign per batch of stream records, so the
campaign item takes a few writes a second however many supports arrive (README, "Support at
viral scale"); also after an erasure changed counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.domain.amendments import is_amendment_id
from chalicelib.domain.milestones import crossed_milestones, reaches_response_threshold
from chalicelib.domain.times import iso, utcnow
from chalicelib.logic.ports import stores
from chalicelib.settings import get_settings


@dataclass
class CountUpdate:
    """What a recount did: the total, whether it was written, and the events it raised."""

    campaign_id: str
    total: int
    written: bool
    events: list[str] = field(default_factory=list)


def refresh_count(campaign_id: str, now: datetime | None = None) -> CountUpdate:
    """Sum the shard counters (read consistently), write the sum with who supports by region and
    who is still settling there, and raise what the sum crossed. An amendment's supports are counted
    the same way (keyed by its id); its count decides nothing."""
    s = stores()
    now = now or utcnow()
    read_at = iso(now)
    found = s.supports.tally(campaign_id, now.date())
    total = found.total
    if found.gone_by:
        s.supports.remove_gone_by(found.gone_by)
    if is_amendment_id(campaign_id):
        return CountUpdate(campaign_id, total,
                           written=s.amendments.write_count(campaign_id, total, read_at, dict(found.by_region)))
    campaign = s.counts.write_count(campaign_id, total, read_at, found.by_region, found.settling)
    if campaign is None:  # a later reading is already there
        return CountUpdate(campaign_id, total, written=False)
    update = CountUpdate(campaign_id, total, written=True)
    settings = get_settings()
    for milestone in crossed_milestones(total, settings.milestones, list(campaign.milestones)):
        if s.counts.raise_milestone(campaign_id, campaign.area, milestone, now):
            update.events.append(f"milestone#{milestone}")
        s.counts.record_milestone(campaign_id, milestone)
    if reaches_response_threshold(total, settings.response_threshold, bool(campaign.threshold_reached_at),
                                  bool(campaign.official_response)):
        if s.counts.raise_threshold(campaign_id, campaign.area, total, now):
            update.events.append("response_threshold")
        s.counts.enter_inbox(campaign_id, campaign.area, read_at)
    return update


def recount(campaign_ids: list[str]) -> int:
    """Count again where something else (an erasure) moved the counters."""
    for campaign_id in sorted(campaign_ids):
        refresh_count(campaign_id)
    return len(campaign_ids)
