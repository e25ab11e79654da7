"""Consultations' rules: valid dates, the state from the dates and the close, who may answer and
who may steer. Pure functions, no AWS."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.consultations import (
    State,
    require_closable,
    require_takes_answers,
    require_valid_dates,
    state,
    stored_dates,
)
from chalicelib.domain.errors import Conflict, InvalidInput
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.permissions import can_steer_ideas_in

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def refused_fields(opens_at: datetime, closes_at: datetime) -> dict[str, str]:
    with pytest.raises(InvalidInput) as raised:
        require_valid_dates(opens_at, closes_at, NOW)
    assert raised.value.code == "invalid_dates"
    return raised.value.details["fields"]


def test_good_dates_pass():
    require_valid_dates(NOW - DAY, NOW + 30 * DAY, NOW)  # opened yesterday
    require_valid_dates(NOW + 7 * DAY, NOW + 60 * DAY, NOW)  # announced ahead


def test_bad_dates_name_the_field_that_is_wrong():
    assert set(refused_fields(NOW + DAY, NOW + DAY)) == {"closes_at"}  # closes when it opens
    assert set(refused_fields(NOW + 2 * DAY, NOW + DAY)) == {"closes_at"}  # before it opens
    assert set(refused_fields(NOW - 9 * DAY, NOW - DAY)) == {"closes_at"}  # already over
    assert set(refused_fields(NOW, NOW + 400 * DAY)) == {"closes_at"}  # open too long
    assert set(refused_fields(NOW + 400 * DAY, NOW + 410 * DAY)) == {"opens_at"}  # too far ahead


def test_the_state_follows_the_dates_and_the_close():
    opens, closes = NOW - DAY, NOW + DAY
    assert state(opens, closes, None, NOW) is State.OPEN
    assert state(opens, closes, None, opens - timedelta(seconds=1)) is State.UPCOMING
    assert state(opens, closes, None, opens) is State.OPEN  # from the opening moment
    assert state(opens, closes, None, closes) is State.CLOSED  # not at the closing moment
    assert state(opens, closes, NOW - timedelta(hours=1), NOW) is State.CLOSED  # closed early


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC))


@given(opens=moments, length=st.timedeltas(min_value=timedelta(seconds=1), max_value=366 * DAY), now=moments,
       closed=st.booleans())
def test_a_consultation_takes_answers_exactly_while_open(opens, length, now, closed):
    closes, closed_at = opens + length, (opens if closed else None)
    current = state(opens, closes, closed_at, now)
    assert (current is State.OPEN) == (opens <= now < closes and not closed)
    try:
        require_takes_answers(opens, closes, closed_at, now, consultation_area="health", campaign_area="health")
        answered = True
    except InvalidInput as refused:
        assert refused.code == "consultation_not_open"
        answered = False
    assert answered == (current is State.OPEN)


def test_an_answer_must_be_in_the_consultations_area():
    with pytest.raises(InvalidInput) as raised:
        require_takes_answers(NOW - DAY, NOW + DAY, None, NOW, consultation_area="health", campaign_area="transport")
    assert raised.value.code == "consultation_other_area"
    assert "area" in raised.value.details["fields"]


def test_a_summary_is_published_once():
    require_closable(None)
    with pytest.raises(Conflict) as raised:
        require_closable(NOW)
    assert raised.value.code == "consultation_closed"


def test_stored_times_are_read_back_as_moments():
    record = SimpleNamespace(opens_at="2026-12-01T12:00:00.000000Z", closes_at="2026-12-31T12:00:00.000000Z",
                             closed_at=None)
    assert stored_dates(record) == (NOW, NOW + 30 * DAY, None)


@pytest.mark.parametrize("roles, areas, area, allowed", [
    ({Role.POLICY}, ["health"], "health", True),
    ({Role.POLICY}, ["transport"], "health", False),  # policy of another area
    ({Role.POLICY}, [], "health", False),  # in the group, no areas yet
    ({Role.CITIZEN}, ["health"], "health", False),  # areas left over without the group
    ({Role.MINISTER}, ["health"], "health", False),
    ({Role.ADMIN}, [], "health", True),
])
def test_who_steers_an_areas_consultations(roles, areas, area, allowed):
    caller = Caller(id="p1", username="p1", roles=frozenset({Role.CITIZEN, *roles}))
    assert can_steer_ideas_in(caller, areas, area) is allowed
