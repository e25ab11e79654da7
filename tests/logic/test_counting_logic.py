"""The count shown, and what it decides, on the in-memory fakes: supports are counted, the count is
written once per reading, each milestone and the response threshold are raised once (the outbox
events ministers' alerts come from), and an answered campaign never enters the inbox."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.events import ALERT_KINDS, hearing
from chalicelib.domain.times import iso
from chalicelib.logic import counting
from chalicelib.logic.responses import inbox
from chalicelib.settings import get_settings
from tests.logic.world import MINISTER, ministers, person, respond, supported_by
from tests.logic.world import campaign as make_campaign


@pytest.fixture
def small_thresholds(monkeypatch):
    """Milestones at 2 and 4 supporters, the response threshold at 3: the same rules, smaller numbers."""
    settings = replace(get_settings(), milestones=(2, 4), response_threshold=3)
    monkeypatch.setattr(counting, "get_settings", lambda: settings)
    return settings


def supporters(n: int, start: int = 0) -> list:
    return [person(f"fan-{i}") for i in range(start, start + n)]


def events(fake, campaign_id: str) -> list[tuple[str, str, int | None]]:
    return [(e.kind, e.event_key, e.value) for (cid, _), e in sorted(fake.outbox.events.items())
            if cid == campaign_id and e.kind in ("milestone", "response_threshold")]


def test_a_support_crosses_a_milestone_and_the_event_is_an_alert_kind(fake, clock, small_thresholds):
    """The milestone path: support, count, milestone, the kind of alert ministers choose."""
    c = make_campaign(fake, "open")
    supported_by(fake, c.id, *supporters(2))
    update = counting.refresh_count(c.id, clock.now())
    assert (update.total, update.written, update.events) == (2, True, ["milestone#2"])
    assert events(fake, c.id) == [("milestone", "milestone#0000000002", 2)]
    [(kind, _, _)] = events(fake, c.id)
    assert hearing(kind).ministers and kind in ALERT_KINDS  # ministers are alerted, if they chose it
    assert fake.campaigns.get_campaign(c.id).milestones == (2,)


def test_each_milestone_is_raised_once_however_often_it_is_counted(fake, clock, small_thresholds):
    c = make_campaign(fake, "open")
    supported_by(fake, c.id, *supporters(2))
    counting.refresh_count(c.id, clock.now())
    again = counting.refresh_count(c.id, clock.now())
    assert (again.written, again.events) == (True, [])  # a retried batch converges
    supported_by(fake, c.id, *supporters(3, start=2))
    later = counting.refresh_count(c.id, clock.now())
    assert later.events == ["milestone#4", "response_threshold"]
    assert [key for _, key, _ in events(fake, c.id)] == ["milestone#0000000002", "milestone#0000000004",
                                                         "response_threshold"]


def test_an_earlier_reading_never_overwrites_a_later_one(fake, clock, small_thresholds):
    c = make_campaign(fake, "open")
    supported_by(fake, c.id, *supporters(2))
    later = clock.now()
    assert counting.refresh_count(c.id, later).written
    stale = counting.refresh_count(c.id, later - timedelta(seconds=1))
    assert (stale.written, stale.events) == (False, [])


def test_the_response_threshold_puts_the_campaign_in_its_areas_inbox(fake, clock, small_thresholds):
    ministers(fake)
    c = make_campaign(fake, "open")
    supported_by(fake, c.id, *supporters(3))
    reached = clock.now()
    assert "response_threshold" in counting.refresh_count(c.id, reached).events
    stored = fake.campaigns.get_campaign(c.id)
    assert (stored.inbox_area, stored.threshold_reached_at) == ("health", iso(reached))
    assert [w.campaign.id for w in inbox(MINISTER, reached, 30)] == [c.id]


def test_a_campaign_answered_before_it_reached_the_threshold_waits_for_nobody(fake, clock, small_thresholds):
    ministers(fake)
    c = make_campaign(fake, "open")
    respond(MINISTER, c.id, "considering", "We are looking at it already.")
    supported_by(fake, c.id, *supporters(3))
    assert counting.refresh_count(c.id, clock.now()).events == ["milestone#2"]  # no threshold: nobody is asked
    assert fake.campaigns.get_campaign(c.id).inbox_area is None


def test_a_recount_after_an_erasure_counts_each_campaign(fake, clock, small_thresholds):
    first, second = make_campaign(fake, "open"), make_campaign(fake, "open", title="Clean rivers for every town")
    supported_by(fake, first.id, *supporters(2))
    assert counting.recount([second.id, first.id]) == 2
    assert fake.campaigns.get_campaign(first.id).support_count == 2
