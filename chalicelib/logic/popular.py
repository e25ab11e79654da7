"""Popular in your region: the list the hourly schedule ranked, checked against the campaigns as
they are now. A campaign hidden or closed since that run is left out at once, and the rest are
ranked again on their published regional figures (the snapshot, rounded: never the live counts),
so the order always matches the figures shown beside it and tells no more than they do."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.campaigns import Campaign, Status, is_public
from chalicelib.domain.errors import InvalidInput, field_words
from chalicelib.domain.regional import RegionalCount, published, rank_in_region
from chalicelib.domain.regional_figures import snapshot_of
from chalicelib.domain.regions import REGION_IDS, REGION_NAMES
from chalicelib.domain.times import utcnow
from chalicelib.logic.ports import stores


@dataclass(frozen=True)
class Popular:
    """A campaign popular in a region, with its supporters there."""

    campaign: Campaign
    region_supporters: int


def _still_listed(campaign: Campaign) -> bool:
    return is_public(campaign.status, campaign.hidden) and campaign.status == Status.OPEN.value


def popular_in(region: str) -> list[Popular]:
    """The region's open, public campaigns most supported there, best first: one GetItem, one BatchGetItem."""
    if region not in REGION_NAMES:
        raise InvalidInput(code="unknown_region", details={"fields": {
            "region_id": field_words("one_of_regions", regions=", ".join(REGION_IDS))}})
    popular = stores().popular
    ranked = popular.ranked_in(region)
    live = {c.id: c for c in popular.live_campaigns([cid for cid, _ in ranked]) if _still_listed(c)}
    now = utcnow()
    counts = [RegionalCount(c.id, c.support_count, published(snapshot_of(c, now).counts)) for c in live.values()]
    return [Popular(live[cid], n) for cid, n in rank_in_region(region, counts, limit=len(counts))]
