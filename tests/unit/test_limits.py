"""The rolling-window rule every rate limit shares (domain.limits): at most N in ANY window."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain import limits
from chalicelib.domain.limits import DAY, HOUR, Limit, decide

THREE_A_DAY = Limit("campaign_update", 3, DAY, "campaign", "test")


def at(hour: int, minute: int, day: int = 1) -> float:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC).timestamp()


def run(limit: Limit, moments: list[float]) -> list[float]:
    """Offer each moment in turn; the ones let through."""
    uses: tuple[float, ...] = ()
    allowed = []
    for now in moments:
        decision = decide(limit, uses, now)
        if decision.allowed:
            uses = decision.uses
            allowed.append(now)
    return allowed


def test_three_before_midnight_leave_none_for_just_after():
    # A UTC day's counter let three at 23:59 and three more at 00:01: six in two minutes.
    before = [at(23, 57), at(23, 58), at(23, 59)]
    assert run(THREE_A_DAY, [*before, at(0, 1, day=2)]) == before


def test_the_next_one_waits_until_the_oldest_is_a_day_old():
    uses = (at(9, 0), at(15, 0), at(23, 0))
    refused = decide(THREE_A_DAY, uses, at(23, 30))
    assert not refused.allowed and refused.retry_after == (at(9, 0, day=2) - at(23, 30))
    assert decide(THREE_A_DAY, uses, at(9, 0, day=2)).allowed
    assert not decide(THREE_A_DAY, uses, at(9, 0, day=2) - 1).allowed


def test_only_the_last_uses_are_kept():
    decision = decide(limits.REPLIES, [float(t) for t in range(100)], 100.0)
    assert decision.allowed is False and len(decision.uses) == limits.REPLIES.count
    allowed = decide(limits.REPLIES, [float(t) for t in range(10)], 5000.0)
    assert allowed.allowed and allowed.uses == (5000.0,)


def test_a_time_from_a_clock_a_little_ahead_still_counts():
    ahead = at(12, 0) + 2
    assert not decide(THREE_A_DAY, (at(11, 0), at(11, 30), ahead), at(12, 0)).allowed


def test_every_limit_is_named_once_with_a_reason():
    actions = [limit.action for limit in limits.ALL]
    assert len(actions) == len(set(actions))
    assert all(limit.count > 0 and limit.window_seconds in (HOUR, DAY, limits.AMENDMENT_WINDOW) and limit.why
               for limit in limits.ALL)
    assert limits.OWNER_UPDATES.count == 3 and limits.OWNER_UPDATES.window_seconds == DAY


small_limits = st.builds(lambda count, window: Limit("x", count, window, "person", "test"),
                         st.integers(1, 6), st.sampled_from([60, 600, HOUR]))
# Times as time.time() gives them: seconds since 1970 with a fractional part (here milliseconds).
gaps = st.lists(st.integers(0, 900_000).map(lambda ms: ms / 1000), min_size=1, max_size=60)
starts = st.integers(1_700_000_000_000, 1_900_000_000_000).map(lambda ms: ms / 1000)


def moments_from(start: float, steps: list[float]) -> list[float]:
    moments, now = [], start
    for step in steps:
        now += step
        moments.append(now)
    return moments


@settings(max_examples=300)
@given(small_limits, gaps, starts)
def test_never_more_than_the_count_in_any_window(limit, steps, start):
    allowed = run(limit, moments_from(start, steps))
    for i, first in enumerate(allowed):
        in_window = [t for t in allowed[i:] if t < first + limit.window_seconds]
        assert len(in_window) <= limit.count


@settings(max_examples=300)
@given(small_limits, gaps, starts)
def test_a_refusal_says_exactly_when_to_come_back(limit, steps, start):
    uses: tuple[float, ...] = ()
    for now in moments_from(start, steps):
        decision = decide(limit, uses, now)
        if decision.allowed:
            uses = decision.uses
            continue
        assert decision.retry_after >= 1
        assert decide(limit, uses, now + decision.retry_after).allowed  # coming back then works
        assert not decide(limit, uses, now + decision.retry_after - 1).allowed or decision.retry_after == 1


@settings(max_examples=300)
@given(small_limits, gaps, starts)
def test_a_person_within_the_limit_is_never_refused(limit, steps, start):
    """Uses spaced by at least window/count are each let through: the limit costs a steady user nothing."""
    spaced = moments_from(start, [max(step, limit.window_seconds / limit.count) for step in steps])
    assert run(limit, spaced) == spaced
