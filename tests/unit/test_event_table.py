"""domain/events: the one table of event kinds, and the names clients and stored settings rely on."""

from __future__ import annotations

import pytest

from chalicelib.domain.events import (
    ALERT_KINDS,
    CHANNELS,
    DEFAULT_ALERT_KINDS,
    DEFAULT_CHANNELS,
    EVENTS,
    UPDATE_KINDS,
    Addressee,
    EventKind,
    hearing,
    kind_named,
    still_told,
)


def test_every_kind_has_its_row():
    assert set(EVENTS) == set(EventKind)


def test_the_names_clients_send_and_settings_store_are_unchanged():
    """PUT /me/notifications takes these (and OpenAPI lists them in this order); stored settings and
    SNS filter policies hold them."""
    assert ALERT_KINDS == ("campaign_opened", "milestone", "response_threshold", "response_overdue",
                           "reply_on_answered", "digest")
    assert UPDATE_KINDS == ("response", "owner_update", "closed", "consultation_closed", "manifesto",
                            "amendment_decided", "clause_shaped", "document_adopted",
                            "campaign_approved", "campaign_rejected", "invited", "reply_to_reply")


def test_supporters_hear_of_outcomes_by_email_and_people_of_what_is_done_to_theirs():
    """Issue 27: an official response and an idea's outcome reach supporters by email unless they say
    otherwise; a notice reaches its one person in their feed and by email."""
    assert DEFAULT_CHANNELS == {"response": ["feed", "push", "email"], "owner_update": ["feed"], "closed": ["feed"],
                                "consultation_closed": ["feed"], "manifesto": ["feed", "push", "email"],
                                "campaign_approved": ["feed", "email"], "campaign_rejected": ["feed", "email"],
                                "invited": ["feed", "email"], "reply_to_reply": ["feed", "email"],
                                "amendment_decided": ["feed", "push"], "clause_shaped": ["feed", "push"],
                                "document_adopted": ["feed", "push"]}
    assert DEFAULT_ALERT_KINDS == ("response_threshold", "response_overdue", "reply_on_answered", "digest")
    assert set(DEFAULT_ALERT_KINDS) <= set(ALERT_KINDS)


def test_who_hears_of_each_kind():
    assert [k for k in EventKind if hearing(k).ministers] == [
        EventKind.CAMPAIGN_OPENED, EventKind.MILESTONE, EventKind.RESPONSE_THRESHOLD, EventKind.RESPONSE_OVERDUE,
        EventKind.REPLY_ON_ANSWERED]
    assert [k for k in EventKind if hearing(k).owner] == [EventKind.RESPONSE, EventKind.CONSULTATION_CLOSED,
                                                           EventKind.MANIFESTO, EventKind.AMENDMENT_DECIDED,
                                                           EventKind.CLAUSE_SHAPED, EventKind.DOCUMENT_ADOPTED]
    assert {k: hearing(k).to for k in EventKind if hearing(k).notice} == {
        EventKind.CAMPAIGN_APPROVED: Addressee.OWNER, EventKind.CAMPAIGN_REJECTED: Addressee.OWNER,
        EventKind.INVITED: Addressee.INVITEE, EventKind.REPLY_TO_REPLY: Addressee.REPLIED_TO}
    assert hearing("consultation_closing").expands_into is EventKind.CONSULTATION_CLOSED
    assert hearing("document_adopting").expands_into is EventKind.DOCUMENT_ADOPTED


@pytest.mark.parametrize("kind", list(EventKind))
def test_each_row_is_coherent(kind):
    row = EVENTS[kind]
    assert set(row.supporters) <= set(CHANNELS) and (not row.supporters or "feed" in row.supporters)
    assert not row.owner or row.supporters  # the owner hears over the supporters' channels
    if row.expands_into is not None:  # expanded, never published itself, so heard by nobody directly
        assert not (row.ministers or row.supporters or row.owner) and row.expands_into is not kind
    # A notice is one person's, told to nobody else; it has its addressee and the feed.
    assert bool(row.notice) == (row.to is not None)
    if row.notice:
        assert "feed" in row.notice and set(row.notice) <= set(CHANNELS)
        assert not (row.ministers or row.supporters or row.owner or row.expands_into)
    assert not row.alert_by_default or row.ministers


@pytest.mark.parametrize(("kind", "status", "hidden", "told"), [
    ("response", "open", False, True), ("manifesto", "closed", False, True), ("owner_update", "closed", False, True),
    ("response", "open", True, False), ("manifesto", "closed", True, False), ("reply_to_reply", "open", True, False),
    ("reply_to_reply", "open", False, True), ("reply_to_reply", "closed", False, False),
    ("campaign_rejected", "rejected", False, True), ("campaign_approved", "open", True, True),
])
def test_a_hidden_campaign_tells_nobody_anything_new_but_its_owner_the_decisions_on_it(kind, status, hidden, told):
    assert still_told(kind, status=status, hidden=hidden) is told


def test_a_former_name_is_read_as_the_kind_it_was_and_nothing_else_is_guessed():
    assert kind_named("opened") is EventKind.CAMPAIGN_OPENED
    assert kind_named("campaign_opened") is EventKind.CAMPAIGN_OPENED
    with pytest.raises(ValueError):
        kind_named("approved")
