"""Writing the exact count onto a campaign, and the marks that follow from it (milestones
recorded, the ministers' inbox). What a count decides is the domain's rule, asked by
`logic/counting.py`; here each write is conditional, so a retried batch converges."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pynamodb.exceptions import UpdateError

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.events import EventKind
from chalicelib.store import to_domain
from chalicelib.store.base import is_condition_failure, system_update
from chalicelib.store.outbox import milestone_key, raise_event
from chalicelib.store.tables.campaigns import WAITING, CampaignRecord


def write_count(campaign_id: str, total: int, read_at: str, by_region: Mapping[str, int] | None = None,
                settling: Mapping[str, Mapping[str, int]] | None = None) -> Campaign | None:
    """SET the count read at `read_at` (and its split by region, and who is still settling there,
    from the same read), unless a later reading is already there (or there is no such campaign):
    then None. Returns the campaign as written."""
    actions = [CampaignRecord.support_count.set(total), CampaignRecord.count_read_at.set(read_at)]
    if by_region is not None:
        actions.append(CampaignRecord.support_by_region.set(dict(by_region)))
    if settling is not None:
        actions.append(CampaignRecord.regions_settling.set({day: dict(cells) for day, cells in settling.items()}))
    try:
        item = system_update(
            CampaignRecord, campaign_id,
            actions=actions,
            condition=CampaignRecord.id.exists() & (
                CampaignRecord.count_read_at.does_not_exist() | (CampaignRecord.count_read_at < read_at)),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return None
        raise
    return to_domain.campaign(CampaignRecord.from_raw_data(item["Attributes"]))


def raise_milestone(campaign_id: str, area: str, milestone: int, now: datetime) -> bool:
    """The outbox event of a milestone crossed, once; False if it had been raised already."""
    return raise_event(campaign_id, EventKind.MILESTONE, area, now, key=milestone_key(milestone), value=milestone)


def raise_threshold(campaign_id: str, area: str, total: int, now: datetime) -> bool:
    """The outbox event of the response threshold crossed (at `total`), once."""
    return raise_event(campaign_id, EventKind.RESPONSE_THRESHOLD, area, now, value=total)


def record_milestone(campaign_id: str, milestone: int) -> None:
    """Idempotent, so a retried batch converges on the same list."""
    _unless_done(campaign_id, [CampaignRecord.milestones.set(CampaignRecord.milestones.append([milestone]))],
                 ~CampaignRecord.milestones.contains(milestone))


def enter_inbox(campaign_id: str, area: str, at: str) -> None:
    """Into the area's ministers' inbox, once (`ministers_inbox` index), unless a minister
    answered since the count was read: an answered campaign waits for nobody."""
    _unless_done(campaign_id, [CampaignRecord.inbox_area.set(area), CampaignRecord.threshold_reached_at.set(at),
                               CampaignRecord.answer_state.set(WAITING), CampaignRecord.answer_state_at.set(at)],
                 CampaignRecord.threshold_reached_at.does_not_exist()
                 & CampaignRecord.official_response.does_not_exist())


def _unless_done(campaign_id: str, actions: list, condition: Any) -> None:
    try:
        system_update(CampaignRecord, campaign_id, actions=actions, condition=condition)
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
