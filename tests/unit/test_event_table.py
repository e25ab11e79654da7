"""domain/events: the one table of event kinds, and the names clients and stored settings rely on."""

from __future__ import annotations

import pytest

from chalicelib.domain.events import (
    ALERT_KINDS,
    CHANNELS,
    DEFAULT_CHANNELS,
    EVENTS,
    UPDATE_KINDS,
    EventKind,
    hearing,
    kind_named,
)


def test_every_kind_has_its_row():
    assert set(EVENTS) == set(EventKind)


def test_the_names_clients_send_and_settings_store_are_unchanged():
    """PUT /me/notifications takes these (and OpenAPI lists them in this order); stored settings and
    SNS filter policies hold them."""
    assert ALERT_KINDS == ("campaign_opened", "milestone", "response_threshold", "response_overdue",
                           "reply_on_answered", "digest")
    assert UPDATE_KINDS == ("response", "owner_update", "closed", "consultation_closed", "manifesto",
                            "amendment_decided", "clause_shaped", "document_adopted")
    assert DEFAULT_CHANNELS == {"response": ["feed", "push"], "owner_update": ["feed"], "closed": ["feed"],
                                "consultation_closed": ["feed"], "manifesto": ["feed", "push"],
                                "amendment_decided": ["feed", "push"], "clause_shaped": ["feed", "push"],
                                "document_adopted": ["feed", "push"]}


def test_who_hears_of_each_kind():
    assert [k for k in EventKind if hearing(k).ministers] == [
        EventKind.CAMPAIGN_OPENED, EventKind.MILESTONE, EventKind.RESPONSE_THRESHOLD, EventKind.RESPONSE_OVERDUE,
        EventKind.REPLY_ON_ANSWERED]
    assert [k for k in EventKind if hearing(k).owner] == [EventKind.CONSULTATION_CLOSED, EventKind.AMENDMENT_DECIDED,
                                                          EventKind.CLAUSE_SHAPED, EventKind.DOCUMENT_ADOPTED]
    assert hearing("consultation_closing").expands_into is EventKind.CONSULTATION_CLOSED
    assert hearing("document_adopting").expands_into is EventKind.DOCUMENT_ADOPTED


@pytest.mark.parametrize("kind", list(EventKind))
def test_each_row_is_coherent(kind):
    row = EVENTS[kind]
    assert set(row.supporters) <= set(CHANNELS) and (not row.supporters or "feed" in row.supporters)
    assert not row.owner or row.supporters  # the owner hears over the supporters' channels
    if row.expands_into is not None:  # expanded, never published itself, so heard by nobody directly
        assert not (row.ministers or row.supporters or row.owner) and row.expands_into is not kind


def test_a_former_name_is_read_as_the_kind_it_was_and_nothing_else_is_guessed():
    assert kind_named("opened") is EventKind.CAMPAIGN_OPENED
    assert kind_named("campaign_opened") is EventKind.CAMPAIGN_OPENED
    with pytest.raises(ValueError):
        kind_named("campaign_approved")
