"""A minister's record: what they answered of what reached the response threshold, what still
waits, and how long answers take. The figures are kept by the writes; these are the rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.dialogue import days_waiting


def counts_toward_record(already_answered: bool, waiting: bool) -> bool:
    """Only a campaign's first answer counts, and only while it waits in the inbox (past the
    threshold, unanswered): corrections, later responses and answers given before the threshold
    are not what the record measures."""
    return waiting and not already_answered


def days_to_answer(threshold_reached_at: datetime, answered_at: datetime) -> int:
    """Whole days from reaching the threshold to the answer: as the inbox counts days waiting."""
    return days_waiting(threshold_reached_at, answered_at)


def median_days(days: Iterable[int]) -> float | None:
    """The median of the days each answer took; None before a first answer. Worked out here, not
    with `statistics.median`: importing `statistics` cost a campaign page's cold start ~18 ms."""
    taken = sorted(days)
    if not taken:
        return None
    middle = len(taken) // 2
    return float(taken[middle]) if len(taken) % 2 else (taken[middle - 1] + taken[middle]) / 2


@dataclass(frozen=True)
class MinisterRecord:
    """A minister's record as shown: answers given, campaigns waiting and overdue, and the median days to answer."""

    answered: int
    waiting: int
    overdue: int
    median_days_to_answer: float | None


def minister_record(answer_days: Iterable[int], waiting: int, overdue: int) -> MinisterRecord:
    """The record shown: `answer_days` holds one entry per counted answer (the minister's own,
    whatever their portfolio is now); waiting and overdue are of the current portfolio."""
    days = list(answer_days)
    if waiting < 0 or overdue < 0 or overdue > waiting or any(d < 0 for d in days):
        raise ValueError("counts are never negative, and overdue campaigns are among those waiting")
    return MinisterRecord(answered=len(days), waiting=waiting, overdue=overdue, median_days_to_answer=median_days(days))
