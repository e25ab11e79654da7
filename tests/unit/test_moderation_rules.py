"""The moderation rules: what counts toward hiding, and who may decide what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import permissions
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.moderation import QUEUE_ONLY_SUPPORTERS, hides_after_report, is_established

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
MODERATOR = Caller(id="mod", username="mod", roles=frozenset({Role.CITIZEN, Role.MODERATOR}))
CITIZEN = Caller(id="cit", username="cit", roles=frozenset({Role.CITIZEN}))


@pytest.mark.parametrize(("age", "established"), [(timedelta(0), False), (timedelta(hours=23, minutes=59), False),
                                                  (timedelta(days=1), True), (timedelta(days=400), True)])
def test_an_account_is_established_after_a_day(age, established):
    assert is_established(NOW - age, NOW) is established


@pytest.mark.parametrize(("counting", "hidden", "supporters", "hides"), [
    (2, False, 0, False), (3, False, 0, True), (7, False, 0, True), (3, True, 0, False),
    (3, False, QUEUE_ONLY_SUPPORTERS - 1, True), (3, False, QUEUE_ONLY_SUPPORTERS, False),
    (50, False, 10_000, False)])
def test_counting_reports_hide_unless_hidden_or_widely_supported(counting, hidden, supporters, hides):
    assert hides_after_report(counting, 3, hidden, supporters) is hides


def test_moderators_never_decide_their_own_campaigns_or_replies():
    """The moderator's half of the one rule (tests/unit/test_conflict_of_interest.py has the rest)."""
    assert permissions.can_moderate(MODERATOR) and not permissions.can_moderate(CITIZEN)
    assert permissions.conflict_of_interest(MODERATOR.id, author_id="someone") is None
    assert permissions.conflict_of_interest(MODERATOR.id, author_id=MODERATOR.id) == permissions.Interest.AUTHOR
    assert permissions.conflict_of_interest(MODERATOR.id, author_id="someone", member_of_host=True) == \
        permissions.Interest.HOSTING_ORGANISATION
    assert permissions.conflict_of_interest(MODERATOR.id, author_id="someone", campaign_owner_id=MODERATOR.id) == \
        permissions.Interest.CAMPAIGN_OWNER
