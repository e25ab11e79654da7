"""Milestones: the support counts worth telling people about. Each is decided once."""

from __future__ import annotations

from collections.abc import Iterable


def crossed_milestones(total: int, thresholds: Iterable[int], recorded: Iterable[int]) -> list[int]:
    """Thresholds reached by `total` that were never recorded. A campaign that dips below a
    threshold and crosses it again has it recorded already, so it is not crossed again."""
    done = set(recorded)
    return sorted(t for t in thresholds if total >= t and t not in done)


def next_milestone(total: int, thresholds: Iterable[int]) -> int | None:
    """The next threshold above `total`, for progress bars; None past the last."""
    return next((t for t in sorted(thresholds) if t > total), None)


def reaches_response_threshold(total: int, threshold: int, already_reached: bool, answered: bool) -> bool:
    """A campaign enters ministers' inboxes once, when its count first reaches the threshold
    while it has no official response."""
    return total >= threshold and not already_reached and not answered
