"""A minister's record on the in-memory fakes: answers counted when given to a waiting campaign,
waiting and overdue counted in their portfolio as it is now; only ministers have one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.errors import NotFound
from chalicelib.domain.times import iso
from chalicelib.logic import accountability as logic
from tests.logic.world import ALICE, MINISTER, campaign, ministers, respond


def waiting(fake, c, since) -> None:
    fake.counts.enter_inbox(c.id, c.area, iso(since))  # what the count does at the response threshold


def test_a_record_counts_answers_waiting_and_overdue(fake, clock):
    ministers(fake)
    answered, old, recent = campaign(fake, "open"), campaign(fake, "open"), campaign(fake, "open")
    now = clock.now()
    waiting(fake, answered, now - timedelta(days=3))
    waiting(fake, old, now - timedelta(days=40))
    waiting(fake, recent, now - timedelta(days=2))
    respond(MINISTER, answered.id, "support", "We will fund it.")
    person, record = logic.minister_record_by_id(MINISTER.id, clock.now())
    assert person.id == MINISTER.id
    assert (record.answered, record.waiting, record.overdue, record.median_days_to_answer) == (1, 2, 1, 3)


def test_only_ministers_have_a_record(fake):
    fake.people.ensure_person(ALICE)
    for nobody in (ALICE.id, "no-such-person"):
        with pytest.raises(NotFound) as raised:
            logic.minister_record_by_id(nobody, fake.rate_limits.clock.now())
        assert raised.value.code == "minister_not_found"
