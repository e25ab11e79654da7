"""A person's data on the in-memory fakes: everything held about them, gathered through the ports,
and starting their erasure once, after which nothing more is written for them."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, InvalidToken
from chalicelib.logic import dialogue, moderation
from chalicelib.logic import privacy as logic
from tests.logic.world import ALICE, OWNER, campaign, greens, supported_by


def test_the_export_holds_what_they_wrote_supported_owned_and_reported(fake, clock):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE)
    said = dialogue.reply(ALICE, c.id, "I agree.", None).reply
    moderation.report(ALICE, "campaign", c.id, "Not what it says.", 3, now=clock.now())
    held = logic.held_about(ALICE)
    assert held.person.id == ALICE.id and [s.campaign_id for s in held.supports] == [c.id]
    assert held.supported_campaigns[c.id].title == c.title
    assert [r.reply_id for r in held.replies] == [said.reply_id]
    assert [r.target for r in held.reports] == [f"campaign#{c.id}"]
    assert held.channels["response"] == ["feed", "push", "email"]  # the defaults, as chosen by nobody yet


def test_an_owners_export_names_their_campaigns_and_organisations(fake):
    c = campaign(fake, "open")
    held = logic.held_about(OWNER)
    assert [o.id for o in held.owned] == [c.id] and OWNER.id in held.names.people
    assert held.organisations[greens(fake).id].handle == "greens"


def test_an_erasure_starts_once_and_then_nothing_more_is_done(fake, user_pool):
    logic.erase_account(ALICE)
    # Every sign-in of the account ends with it: at Cognito, and by the not-before time the app checks.
    assert user_pool == [ALICE.username] and fake.sign_ins.state_of(ALICE.id, fresh=True).not_before > 0
    with pytest.raises(Conflict) as twice:
        logic.erase_account(ALICE)
    assert twice.value.code == "account_erasing"
    with pytest.raises(Conflict):
        logic.held_about(ALICE)
    fake.erasures.states[ALICE.id] = "erased"
    with pytest.raises(InvalidToken) as erased:
        logic.refuse_if_erasing(ALICE.id)
    assert erased.value.code == "account_erased"


def test_a_second_erasure_racing_the_first_is_told_it_is_under_way(fake, monkeypatch):
    monkeypatch.setattr(logic, "refuse_if_erasing", lambda person_id: None)  # both checked before either wrote
    logic.erase_account(ALICE)
    with pytest.raises(Conflict) as raised:
        logic.erase_account(ALICE)
    assert raised.value.code == "account_erasing"
