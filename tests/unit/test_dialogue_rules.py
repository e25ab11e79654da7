"""When a minister's response is news to every supporter, and when it only corrects the last."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.dialogue import RESPONSE_CORRECTION_WINDOW, announces_response

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(("last", "announced"), [
    (None, True), (NOW - timedelta(seconds=1), False), (NOW - RESPONSE_CORRECTION_WINDOW + timedelta(seconds=1), False),
    (NOW - RESPONSE_CORRECTION_WINDOW, True), (NOW - timedelta(days=30), True)])
def test_a_response_is_announced_unless_it_corrects_one_given_minutes_ago(last, announced):
    assert announces_response(last, NOW) is announced
