"""Ranking campaigns that are rising now."""

from __future__ import annotations

HOURS_KEPT = 25  # the count now and at each of the last 24 hours


def hourly_counts_with(previous: list[int], count_now: int) -> list[int]:
    """The rolling record of hourly counts, with this hour's appended."""
    return [*previous, count_now][-HOURS_KEPT:]


def trending_score(hourly_counts: list[int]) -> int:
    """Support gained over the last 24 hours (net of withdrawals, never below zero)."""
    if len(hourly_counts) < 2:
        return max(0, hourly_counts[-1]) if hourly_counts else 0
    return max(0, hourly_counts[-1] - hourly_counts[0])
