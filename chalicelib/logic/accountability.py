"""A minister's record (README, "Ministers' record"): read from what the writes keep, never a
Scan; the arithmetic is `domain.accountability`."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.accountability import MinisterRecord, minister_record
from chalicelib.domain.dialogue import overdue_before
from chalicelib.domain.errors import NotFound
from chalicelib.domain.people import Person
from chalicelib.domain.permissions import can_hold_portfolio
from chalicelib.domain.times import iso
from chalicelib.logic.ports import stores
from chalicelib.settings import get_settings


def record_of(person: Person, now: datetime) -> MinisterRecord:
    """Answers are the minister's own, wherever they were; waiting and overdue are counted in the
    areas of their portfolio as it is now, so a campaign waits on whoever holds its area."""
    responses = stores().responses
    cutoff = iso(overdue_before(now, get_settings().response_deadline_days))  # ISO times sort as text
    since = [reached for area in sorted(set(person.portfolio)) for reached in responses.waiting_since(area)]
    overdue = sum(1 for reached in since if reached <= cutoff)
    return minister_record(responses.answer_days(person.id), len(since), overdue)


def minister_record_by_id(minister_id: str, now: datetime) -> tuple[Person, MinisterRecord]:
    """404 for anyone who is not a minister (or nobody at all): only ministers have a record."""
    person = stores().people.get_person(minister_id)
    if person is None or not can_hold_portfolio(list(person.roles)):
        raise NotFound(code="minister_not_found")
    return person, record_of(person, now)
