"""A minister's record: which answers count, the overdue cut-off, the median, the figures shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.accountability import (
    counts_toward_record,
    days_to_answer,
    median_days,
    minister_record,
)
from chalicelib.domain.dialogue import days_waiting, is_overdue, overdue_before

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(("already_answered", "waiting", "counts"), [
    (False, True, True),    # the first answer to a campaign waiting past the threshold
    (True, True, False),    # a correction or a later response: counted once already
    (False, False, False),  # answered before the threshold: not what the record measures
    (True, False, False)])
def test_only_the_first_answer_to_a_waiting_campaign_counts(already_answered, waiting, counts):
    assert counts_toward_record(already_answered, waiting) is counts


def test_days_to_answer_are_whole_days_since_the_threshold():
    assert days_to_answer(NOW - timedelta(days=3, hours=23), NOW) == 3
    assert days_to_answer(NOW - timedelta(days=4), NOW) == 4
    assert days_to_answer(NOW, NOW) == 0
    assert days_to_answer(NOW + timedelta(seconds=5), NOW) == 0  # clocks a little apart: never negative


@given(waited=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
       deadline=st.integers(min_value=0, max_value=120))
def test_the_overdue_cutoff_agrees_with_the_inbox(waited, deadline):
    """What the record counts as overdue by a range on the index is what the inbox marks overdue."""
    since = NOW - waited
    assert (since <= overdue_before(NOW, deadline)) is is_overdue(since, NOW, deadline)
    assert is_overdue(since, NOW, deadline) is (days_waiting(since, NOW) > deadline)  # more than N whole days


def test_thirty_and_a_half_days_is_not_overdue_thirty_one_is():
    assert not is_overdue(NOW - timedelta(days=30, hours=12), NOW, 30)
    assert is_overdue(NOW - timedelta(days=31), NOW, 30)


@pytest.mark.parametrize(("days", "median"), [
    ([], None), ([7], 7.0), ([3, 1], 2.0), ([5, 1, 40], 5.0), ([0, 0, 1, 90], 0.5)])
def test_the_median_of_days_to_answer(days, median):
    assert median_days(days) == median


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=60))
def test_the_median_splits_the_answers_in_half(days):
    middle = median_days(days)
    assert min(days) <= middle <= max(days)
    assert sum(d < middle for d in days) <= len(days) / 2 >= sum(d > middle for d in days)
    assert median_days(reversed(days)) == middle  # order of answering does not matter


@given(days=st.lists(st.integers(min_value=0, max_value=1000), max_size=60),
       waiting=st.integers(min_value=0, max_value=500), data=st.data())
def test_the_record_counts_each_answer_once(days, waiting, data):
    overdue = data.draw(st.integers(min_value=0, max_value=waiting))
    record = minister_record(days, waiting, overdue)
    assert (record.answered, record.waiting, record.overdue) == (len(days), waiting, overdue)
    assert record.median_days_to_answer == median_days(days)


@pytest.mark.parametrize(("days", "waiting", "overdue"), [([1], -1, 0), ([1], 2, 3), ([-1], 0, 0)])
def test_impossible_figures_are_refused(days, waiting, overdue):
    with pytest.raises(ValueError):
        minister_record(days, waiting, overdue)
