"""Rate limits as a person meets them: owner updates in any 24 hours, support changes, follows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.errors import RateLimited
from chalicelib.logic import dialogue
from chalicelib.logic import support as logic
from tests.logic.world import CONSENT, OWNER, campaign, person

ALICE, BOB = person("alice"), person("bob")


def test_owner_updates_are_three_in_any_24_hours_not_per_utc_day(fake, clock):
    c = campaign(fake, "open")
    clock.moment = datetime(2026, 12, 1, 23, 57, tzinfo=UTC)
    for _ in range(3):
        dialogue.post_update(OWNER, c.id, "News", "Before midnight.")
        clock.advance(minutes=1)
    clock.advance(minutes=2)  # 00:02 the next day: a new UTC day, but not a new 24 hours
    with pytest.raises(RateLimited) as raised:
        dialogue.post_update(OWNER, c.id, "News", "Just after midnight.")
    assert raised.value.details["limit"] == 3
    assert 23 * 3600 < raised.value.retry_after <= 24 * 3600  # when the 23:57 one is a day old
    clock.advance(seconds=raised.value.retry_after)
    dialogue.post_update(OWNER, c.id, "News", "A day after the first.")
    assert len(dialogue.updates_of(None, c.id)) == 4


def test_thirty_support_changes_an_hour_per_person(fake, clock):
    campaigns = [campaign(fake, "open") for _ in range(16)]
    for c in campaigns[:15]:
        logic.support(ALICE, c.id, CONSENT)
        logic.withdraw(ALICE, c.id)
    with pytest.raises(RateLimited) as raised:
        logic.support(ALICE, campaigns[15].id, CONSENT)  # each change re-reads 128 counters: 30 an hour
    assert raised.value.details["limit"] == 30 and 0 < raised.value.retry_after <= 3600
    assert ALICE.id not in fake.supports.supporters.get(campaigns[15].id, {})
    logic.support(BOB, campaigns[15].id, CONSENT)  # Bob has his own thirty
    clock.advance(hours=1)
    logic.support(ALICE, campaigns[15].id, CONSENT)


def test_sixty_follows_or_unfollows_an_hour_per_person(fake, clock):
    c, other = campaign(fake, "open"), campaign(fake, "open")
    for _ in range(30):
        logic.follow(ALICE, c.id)
        logic.unfollow(ALICE, c.id)
    with pytest.raises(RateLimited) as raised:
        logic.follow(ALICE, other.id)
    assert raised.value.details["limit"] == 60
    logic.follow(BOB, other.id)
    clock.advance(hours=1)
    logic.follow(ALICE, other.id)


def test_refused_requests_spend_nothing(fake):
    """A support refused for a closed campaign or a missing consent does not count."""
    closed = campaign(fake, "closed")
    opened = campaign(fake, "open")
    for _ in range(40):
        with pytest.raises(Exception) as raised:
            logic.support(ALICE, closed.id, CONSENT)
        assert not isinstance(raised.value, RateLimited)
    logic.support(ALICE, opened.id, CONSENT)
