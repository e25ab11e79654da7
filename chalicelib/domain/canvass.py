"""The canvass: an area's ideas ranked by supporters, with their growth (README, "Regions and
the canvass"). Growth comes from a short daily history of each campaign's count, kept by the
hourly schedule that also keeps `hourly_counts`: no Scan, and no read of the supports."""

from __future__ import annotations

from datetime import date, timedelta

DAYS_KEPT = 31  # today and each of the 30 days before: enough for growth over 30 days


def daily_counts_with(previous: list[int], last_day: date | None, today: date, count_now: int) -> list[int]:
    """The history with today's count (the latest reading of the day), oldest first, ending today.
    Days the schedule missed carry the count last seen, as nothing else was read then."""
    if not previous or last_day is None:
        return [count_now]
    gap = (today - last_day).days
    if gap <= 0:
        return [*previous[:-1], count_now][-DAYS_KEPT:]
    return [*previous, *[previous[-1]] * (gap - 1), count_now][-DAYS_KEPT:]


def growth(counts: list[int], last_day: date | None, today: date, total: int, days: int,
           published_day: date | None) -> int | None:
    """Support gained (net of withdrawals) since the end of the day `days` ago; None when the
    history does not reach back that far and the campaign was already published then."""
    since = today - timedelta(days=days)
    published_later = published_day is not None and published_day > since
    if not counts or last_day is None:
        return total if published_later else None
    first_day = last_day - timedelta(days=len(counts) - 1)
    if since > last_day:  # no reading since: the count then was the last one seen
        baseline = counts[-1]
    elif since >= first_day:
        baseline = counts[(since - first_day).days]
    elif published_later:
        baseline = 0
    else:
        return None
    return total - baseline
