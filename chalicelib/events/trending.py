"""Rising now: every hour, each open campaign's support gained in the last 24 hours becomes its
`trending_score`, which the `trending_*` indexes sort on. The same write keeps what the canvass
shows and cannot read cheaply: the count at the end of each day (growth) and the replies, and takes
the regional snapshot (settled supporters by region: the only regional figures shown, at most
hourly). The same pass over the open campaigns ranks each region's most supported there by those
published figures ("Popular in your region")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from chalice.app import Blueprint, Rate
from pynamodb.exceptions import UpdateError

from chalicelib.domain.campaigns import Campaign, Status
from chalicelib.domain.canvass import daily_counts_with
from chalicelib.domain.ranking import hourly_counts_with, trending_score
from chalicelib.domain.regional import POPULAR_PER_REGION, PopularTally, RegionalCount, published
from chalicelib.observability import logger, metrics
from chalicelib.store import popular, regional_snapshots, replies, to_domain
from chalicelib.store.base import is_condition_failure, iso, system_update, utcnow
from chalicelib.store.campaign_lists import status_pages
from chalicelib.store.tables.campaigns import CampaignRecord

blueprint = Blueprint(__name__)


def _daily_counts(campaign: Campaign, today: date) -> list[int]:
    last_day = date.fromisoformat(campaign.daily_counts_day) if campaign.daily_counts_day else None
    return daily_counts_with(list(campaign.daily_counts or ()), last_day, today, campaign.support_count)


def recompute_one(campaign: Campaign | CampaignRecord, now: datetime, today: date) -> RegionalCount | None:
    """One open campaign's hourly update (its trending score, daily history, replies and regional
    snapshot, in one write); what it ranks by in each region. None if it closed meanwhile. A record
    (a test's own campaign, read whole) is taken as the domain's campaign."""
    if isinstance(campaign, CampaignRecord):
        campaign = to_domain.campaign(campaign)
    snapshot = regional_snapshots.take_snapshot(campaign, now)
    counts = hourly_counts_with(list(campaign.hourly_counts), campaign.support_count)
    try:
        system_update(CampaignRecord, campaign.id, actions=[
            CampaignRecord.hourly_counts.set(counts),
            CampaignRecord.trending_score.set(trending_score(counts)),
            CampaignRecord.daily_counts.set(_daily_counts(campaign, today)),
            CampaignRecord.daily_counts_day.set(today.isoformat()),
            CampaignRecord.reply_count.set(replies.count_shown(campaign.id)),
            CampaignRecord.regional_snapshot.set(snapshot.counts),
            CampaignRecord.regional_snapshot_at.set(snapshot.taken_at),
        ], condition=CampaignRecord.status == Status.OPEN.value)
    except UpdateError as exc:
        if not is_condition_failure(exc):  # closed meanwhile: no longer ranked
            raise
        return None
    return RegionalCount(campaign.id, campaign.support_count, published(snapshot.counts))


def recompute_trending(page_size: int = 100, today: date | None = None,
                       popular_per_region: int = POPULAR_PER_REGION, now: datetime | None = None) -> int:
    """A batch job: pages through open campaigns (Queries on `by_status`; hidden ones are left out),
    one update each, and one COUNT Query each for its replies; then one write of every region's
    popular list (`popular_per_region` each: tests ask for more, so other tests' campaigns never
    crowd theirs out). The same update takes each campaign's regional snapshot, and the popular
    lists rank by its published figures: no more writes, and no counter read."""
    now = now or utcnow()
    today = today or now.date()
    updated = 0
    tally = PopularTally(popular_per_region)
    for page in status_pages(Status.OPEN, page_size):
        for campaign in page:
            shown = recompute_one(campaign, now, today)
            if shown is not None:
                tally.add(shown)
                updated += 1
    popular.write_lists(tally.lists(), iso(now))
    metrics.add_metric(name="TrendingRecomputed", unit="Count", value=updated)
    logger.info("trending recomputed", extra={"campaigns": updated})
    return updated


@blueprint.schedule(Rate(1, unit=Rate.HOURS), name="recompute_trending")
def recompute_trending_on_schedule(event: Any) -> None:
    recompute_trending()
