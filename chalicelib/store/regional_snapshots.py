"""A campaign's regional snapshot, from its stored attributes: the only source of regional
figures anyone is shown (README, "Privacy"). The hourly schedule takes it here; the campaign's JSON
and page, the canvass and its CSV, and "Popular in your region" (its ranking too) read it as
domain.regional_figures.snapshot_of works it out from the campaign the store returned, and show it
only through domain.disclosure. The live split the count handler writes (`support_by_region`,
`regions_settling`) is read only to take a snapshot.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.domain.regional_figures import Snapshot, all_by_cell, settled_counts
from chalicelib.store.base import iso

# What a campaign's regional figures are made from, for reads that project attributes.
SNAPSHOT_ATTRIBUTES = ["status", "support_count", "support_by_region", "regions_settling", "regional_snapshot",
                       "regional_snapshot_at", "count_read_at", "published_at", "closed_at", "created_at"]


def _plain(attribute: Any) -> dict:
    """A stored map (a record's MapAttribute) or the domain's mapping, as a dict."""
    if attribute is None:
        return {}
    return attribute.as_dict() if hasattr(attribute, "as_dict") else dict(attribute)


def _everyone(campaign: Any) -> dict[str, int]:
    by_region = {cell: int(n) for cell, n in _plain(campaign.support_by_region).items()}
    return all_by_cell(by_region, int(campaign.support_count or 0))


def _settling(campaign: Any) -> dict[str, dict[str, int]]:
    settling = _plain(campaign.regions_settling)
    return {day: {cell: int(n) for cell, n in cells.items()} for day, cells in settling.items()}


def take_snapshot(campaign: Any, now: datetime) -> Snapshot:
    """The hourly schedule's: supporters settled by `now`, from the counts the handler last wrote
    (`campaign`: a record or the domain's Campaign)."""
    return Snapshot(settled_counts(_everyone(campaign), _settling(campaign), now.date()), iso(now))
