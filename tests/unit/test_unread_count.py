"""The feed's unread badge: exact up to 99, "more" beyond, from one bounded count."""

from __future__ import annotations

import pytest

from chalicelib.domain.notifications import UNREAD_COUNTED, UNREAD_SHOWN, unread_shown


@pytest.mark.parametrize(("counted", "shown"), [(0, (0, False)), (1, (1, False)), (99, (99, False)),
                                                (100, (99, True))])
def test_the_badge_is_exact_up_to_99_and_says_more_beyond(counted, shown):
    assert unread_shown(counted) == shown


def test_one_read_counts_just_enough_to_know_there_are_more():
    assert UNREAD_COUNTED == UNREAD_SHOWN + 1
    assert unread_shown(UNREAD_COUNTED)[1] and not unread_shown(UNREAD_COUNTED - 1)[1]
