"""Popular in your region: each nation and region's open campaigns, most supported there first.

Ranked by the region's published figure (domain.disclosure: the snapshot, rounded to 5), ties by
total supporters (public and live), then by id (so the order is the same on every run). Only a
region shown as a number qualifies: a campaign page shows a small count as "<10" and may withhold
another ("10+"), and a place in a ranked list must not tell more than the page does. Ranking by
the exact count would: two campaigns both shown as 15 would be ordered by what the rounding hides.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chalicelib.domain.disclosure import disclose
from chalicelib.domain.regions import REGION_IDS, SUPPRESS_BELOW

POPULAR_PER_REGION = 10


def published(settled: Mapping[str, int]) -> dict[str, int]:
    """The regions a campaign's snapshot shows as numbers, with those (rounded) numbers."""
    return {cell: n for cell, n in disclose(settled).shown.items() if isinstance(n, int)}


@dataclass(frozen=True)
class RegionalCount:
    """One open campaign's supporters: in total, and the published figure of each region shown as a
    number (`published`)."""

    campaign_id: str
    total: int
    by_region: Mapping[str, int]


def _order(region: str, campaign: RegionalCount) -> tuple[int, int, str]:
    return (-int(campaign.by_region.get(region, 0)), -campaign.total, campaign.campaign_id)


def qualifies(count: int) -> bool:
    return count >= SUPPRESS_BELOW


def rank_in_region(region: str, campaigns: Iterable[RegionalCount], limit: int = POPULAR_PER_REGION
                   ) -> list[tuple[str, int]]:
    """The region's top `limit` campaigns as (campaign id, its supporters there), best first."""
    shown = (c for c in campaigns if qualifies(int(c.by_region.get(region, 0))))
    best = heapq.nsmallest(limit, shown, key=lambda c: _order(region, c))
    return [(c.campaign_id, int(c.by_region[region])) for c in best]


class PopularTally:
    """The top campaigns of every region, kept as a batch job pages through the open campaigns:
    at most `limit` per region are held, however many campaigns go by."""

    def __init__(self, limit: int = POPULAR_PER_REGION) -> None:
        self.limit = limit
        # Per region, a min-heap whose root is the campaign held that would drop out first.
        self._held: dict[str, list[tuple[tuple, str, int, int]]] = {r: [] for r in REGION_IDS}

    def add(self, campaign: RegionalCount) -> None:
        for region, heap in self._held.items():
            count = int(campaign.by_region.get(region, 0))
            if not qualifies(count) or self.limit <= 0:
                continue
            entry = (_weakest_first(_order(region, campaign)), campaign.campaign_id, count, campaign.total)
            if len(heap) < self.limit:
                heapq.heappush(heap, entry)
            elif entry > heap[0]:
                heapq.heapreplace(heap, entry)

    def lists(self) -> dict[str, list[tuple[str, int]]]:
        """Every region (an empty list where none qualifies), each ranked best first."""
        return {region: [(campaign_id, count) for _, campaign_id, count, _ in sorted(heap, reverse=True)]
                for region, heap in self._held.items()}


def _weakest_first(order: tuple[int, int, str]) -> tuple:
    """`order` turned around, for a min-heap: fewer supporters in the region, then fewer in total,
    then the later id come first. (The id's letters negated, and a 1 after them, so that "ab" ranks
    before "abc" here as it does in `_order`.)"""
    fewer_in_region, fewer_in_total, campaign_id = order
    return (-fewer_in_region, -fewer_in_total, (*(-ord(ch) for ch in campaign_id), 1))
