"""A campaign's regional snapshot, from its stored attributes: the only source of regional
figures anyone is shown (README, "Privacy"). The campaign's JSON and page, the canvass and its
CSV, and "Popular in your region" (its ranking too) all take it from here, and show it only through
domain.disclosure. The live split the count handler writes (`support_by_region`,
`regions_settling`) is read only to take a snapshot.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.domain.campaigns import Status
from chalicelib.domain.regional_figures import (
    Snapshot,
    all_by_cell,
    final_snapshot,
    opening_snapshot,
    settled_counts,
)
from chalicelib.domain.regions import COUNTED_AS
from chalicelib.store.base import iso, utcnow

# What a campaign's regional figures are made from, for reads that project attributes.
SNAPSHOT_ATTRIBUTES = ["status", "support_count", "support_by_region", "regions_settling", "regional_snapshot",
                       "regional_snapshot_at", "count_read_at", "published_at", "closed_at", "created_at"]


def _plain(attribute: Any) -> dict:
    return attribute.as_dict() if attribute is not None else {}


def _everyone(campaign: Any) -> dict[str, int]:
    by_region = {cell: int(n) for cell, n in _plain(campaign.support_by_region).items()}
    return all_by_cell(by_region, int(campaign.support_count or 0))


def _settling(campaign: Any) -> dict[str, dict[str, int]]:
    settling = _plain(campaign.regions_settling)
    return {day: {cell: int(n) for cell, n in cells.items()} for day, cells in settling.items()}


def take_snapshot(campaign: Any, now: datetime) -> Snapshot:
    """The hourly schedule's: supporters settled by `now`, from the counts the handler last wrote."""
    return Snapshot(settled_counts(_everyone(campaign), _settling(campaign), now.date()), iso(now))


def snapshot_of(campaign: Any, now: datetime | None = None) -> Snapshot:
    """The snapshot to show: a closed campaign's worked out from its final counts; an open one's as
    the schedule last took it (before its first: none supported it when it opened)."""
    if campaign.status == Status.CLOSED.value:
        counted_at = campaign.count_read_at or campaign.closed_at or campaign.created_at or ""
        return final_snapshot(_everyone(campaign), _settling(campaign), counted_at, now or utcnow())
    if campaign.regional_snapshot is not None and campaign.regional_snapshot_at:
        taken = {cell: int(n) for cell, n in _plain(campaign.regional_snapshot).items()}
        return Snapshot({cell: taken.get(cell, 0) for cell in COUNTED_AS}, campaign.regional_snapshot_at)
    return opening_snapshot(campaign.published_at or campaign.created_at or "")
