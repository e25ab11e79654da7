"""The regions and the canvass's growth: pure rules, no AWS. (How small counts are kept from being
read: tests/unit/test_disclosure_properties.py.)"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.canvass import DAYS_KEPT, daily_counts_with, growth
from chalicelib.domain.regions import REGION_IDS, UNKNOWN, check_region, counted_region


def test_the_twelve_itl1_nations_and_regions():
    assert len(REGION_IDS) == 12 and UNKNOWN not in REGION_IDS
    assert check_region("northern-ireland") == "northern-ireland"
    for wrong in ("atlantis", "London", "", UNKNOWN):
        with pytest.raises(ValueError, match="north-east"):
            check_region(wrong)


def _history(daily_ends: list[int], readings_per_day: int) -> tuple[list[int], date]:
    """What the hourly schedule keeps for a campaign whose count ended each day at daily_ends[i]."""
    start = date(2026, 1, 1)
    history: list[int] = []
    last: date | None = None
    for offset, end in enumerate(daily_ends):
        day = start + timedelta(days=offset)
        for reading in range(readings_per_day):  # earlier readings of the day are overwritten by the last
            history = daily_counts_with(history, last, day, end - (readings_per_day - 1 - reading))
            last = day
    assert last is not None
    return history, last


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=60), st.integers(1, 3),
       st.sampled_from([7, 30]))
def test_growth_is_the_count_now_less_the_count_at_the_end_of_the_day_n_days_ago(ends, readings, days):
    history, today = _history(ends, readings)
    assert len(history) <= DAYS_KEPT
    total = ends[-1] + 5  # five more since this hour's reading
    shown = growth(history, today, today, total, days, published_day=date(2025, 12, 1))
    if len(ends) > days:
        assert shown == total - ends[-1 - days]
    else:
        assert shown is None  # published before the history began: not known yet


def test_a_campaign_newer_than_the_window_grew_by_all_its_support():
    today = date(2026, 3, 10)
    assert growth([], None, today, 40, 7, published_day=today - timedelta(days=2)) == 40
    assert growth([3, 12], today - timedelta(days=1), today, 40, 30, published_day=today - timedelta(days=2)) == 40
    assert growth([], None, today, 40, 7, published_day=today - timedelta(days=9)) is None


def test_days_the_schedule_missed_carry_the_count_last_seen():
    monday = date(2026, 3, 2)
    assert daily_counts_with([5, 8], monday, monday + timedelta(days=3), 20) == [5, 8, 8, 8, 20]
    # A closed campaign is no longer read: its count then is its last one.
    assert growth([5, 8], monday, monday + timedelta(days=20), 8, 7, published_day=monday) == 0


def test_a_support_is_counted_in_a_listed_region_or_in_none():
    """The one rule the support, the withdrawal's guess and the withdrawal itself ask."""
    assert counted_region("wales") == "wales"
    assert counted_region(None) is None and counted_region("atlantis") is None and counted_region(UNKNOWN) is None
