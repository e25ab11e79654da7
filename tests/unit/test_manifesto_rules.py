"""The manifesto tracker's moves: forward only, one stage at a time, ending anywhere."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.errors import Conflict
from chalicelib.domain.manifesto import (
    MAX_HISTORY,
    PIPELINE,
    Stage,
    Tracked,
    advance,
    next_stages,
    require_enters,
    require_move,
)

STAGES = [s.value for s in Stage]


@pytest.mark.parametrize(("current", "target"), [
    (None, "shortlisted"), ("shortlisted", "in_draft"), ("in_draft", "adopted"),
    ("shortlisted", "not_taken_forward"), ("in_draft", "not_taken_forward"), ("adopted", "not_taken_forward"),
])
def test_the_moves_forward(current, target):
    assert require_move(current, target) == Stage(target)


@pytest.mark.parametrize(("current", "target", "code"), [
    ("adopted", "in_draft", "backwards_move"), ("adopted", "shortlisted", "backwards_move"),
    ("in_draft", "shortlisted", "backwards_move"), ("not_taken_forward", "shortlisted", "backwards_move"),
    ("not_taken_forward", "adopted", "backwards_move"),
    (None, "in_draft", "skipped_stage"), (None, "adopted", "skipped_stage"),
    (None, "not_taken_forward", "skipped_stage"),
    ("shortlisted", "adopted", "skipped_stage"),
    ("shortlisted", "shortlisted", "already_at_stage"), ("not_taken_forward", "not_taken_forward", "already_at_stage"),
])
def test_every_other_move_is_refused_with_its_reason(current, target, code):
    with pytest.raises(Conflict) as refused:
        require_move(current, target)
    assert refused.value.code == code
    assert refused.value.details == {"stage": current, "requested": target}


@pytest.mark.parametrize(("status", "hidden", "enters"), [
    ("open", None, True), ("closed", False, True), ("open", True, False), ("draft", None, False),
    ("pending", None, False), ("rejected", None, False),
])
def test_only_public_ideas_enter(status, hidden, enters):
    if enters:
        require_enters(status, hidden)
    else:
        with pytest.raises(Conflict, match="open or closed"):
            require_enters(status, hidden)


@settings(deadline=None)  # pure and fast; a busy shared machine must not fail it on time alone
@given(st.lists(st.sampled_from(STAGES), max_size=30))
def test_any_sequence_of_requests_only_ever_moves_forward(requests):
    """Whatever the policy team asks, in any order: the accepted moves go along the pipeline one
    step at a time, end at most once, and nothing follows the end; so the history stays bounded
    and each stage (each outbox event key) happens once."""
    tracked: Tracked | None = None
    for n, target in enumerate(requests):
        try:
            after = advance(tracked, target, f"note {n}", f"2026-12-01T12:00:{n:02d}")
        except Conflict as refused:
            assert refused.code in ("backwards_move", "skipped_stage", "already_at_stage")
            continue
        assert after.history[:-1] == (tracked.history if tracked else ())
        assert (after.stage, after.note) == (Stage(target), f"note {n}")
        tracked = after
    if tracked is None:
        return
    stages = [m.stage for m in tracked.history]
    assert len(stages) <= MAX_HISTORY and len(set(stages)) == len(stages)
    on_the_way = [s for s in stages if s is not Stage.NOT_TAKEN_FORWARD]
    assert on_the_way == list(PIPELINE[:len(on_the_way)])
    assert Stage.NOT_TAKEN_FORWARD not in stages[:-1]
    assert [m.at for m in tracked.history] == sorted(m.at for m in tracked.history)


@pytest.mark.parametrize(("current", "offered"), [
    (None, ["shortlisted"]), ("shortlisted", ["in_draft", "not_taken_forward"]),
    ("in_draft", ["adopted", "not_taken_forward"]), ("adopted", ["not_taken_forward"]), ("not_taken_forward", []),
])
def test_the_form_offers_only_the_moves_allowed(current, offered):
    assert [s.value for s in next_stages(current)] == offered
