"""Writing the exact count onto a campaign, and deciding milestones once.

Run by the counters' stream handler: once per campaign per batch of stream records, so the
campaign item takes a few writes a second however many supports arrive."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pynamodb.exceptions import UpdateError

from chalicelib.domain.milestones import crossed_milestones, reaches_response_threshold
from chalicelib.settings import get_settings
from chalicelib.store.base import is_condition_failure, iso, system_update, utcnow
from chalicelib.store.outbox import Kind, milestone_key, raise_event
from chalicelib.store.supports import counted_total
from chalicelib.store.tables.campaigns import CampaignRecord


@dataclass
class CountUpdate:
    campaign_id: str
    total: int
    written: bool
    events: list[str] = field(default_factory=list)


def refresh_count(campaign_id: str, now: datetime | None = None) -> CountUpdate:
    now = now or utcnow()
    read_at = iso(now)
    total = counted_total(campaign_id)
    try:
        item = system_update(
            CampaignRecord, campaign_id,
            actions=[CampaignRecord.support_count.set(total), CampaignRecord.count_read_at.set(read_at)],
            condition=CampaignRecord.id.exists() & (
                CampaignRecord.count_read_at.does_not_exist() | (CampaignRecord.count_read_at < read_at)),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):  # a later reading is already there, or no such campaign
            return CountUpdate(campaign_id, total, written=False)
        raise
    campaign = CampaignRecord.from_raw_data(item["Attributes"])
    update = CountUpdate(campaign_id, total, written=True)
    settings = get_settings()
    for milestone in crossed_milestones(total, settings.milestones, [int(m) for m in campaign.milestones or []]):
        if raise_event(campaign_id, Kind.MILESTONE, campaign.area, now, key=milestone_key(milestone),
                       value=milestone):
            update.events.append(f"milestone#{milestone}")
        # Idempotent, so a retried batch converges on the same list.
        _append_milestone(campaign_id, milestone)
    if reaches_response_threshold(total, settings.response_threshold, bool(campaign.threshold_reached_at),
                                  bool(campaign.official_response)):
        if raise_event(campaign_id, Kind.RESPONSE_THRESHOLD, campaign.area, now, value=total):
            update.events.append("response_threshold")
        _enter_inbox(campaign_id, campaign.area, read_at)
    return update


def _append_milestone(campaign_id: str, milestone: int) -> None:
    try:
        system_update(CampaignRecord, campaign_id,
                      actions=[CampaignRecord.milestones.set(
                          CampaignRecord.milestones.append([milestone]))],
                      condition=~CampaignRecord.milestones.contains(milestone))
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise


def _enter_inbox(campaign_id: str, area: str, at: str) -> None:
    try:
        system_update(CampaignRecord, campaign_id,
                      actions=[CampaignRecord.inbox_area.set(area), CampaignRecord.threshold_reached_at.set(at)],
                      condition=CampaignRecord.threshold_reached_at.does_not_exist())
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
