"""Supporting (with consent), withdrawing, following and unfollowing, as a person sees them."""

from __future__ import annotations

import pytest

from chalicelib.domain.campaigns import Snapshot
from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
from chalicelib.domain.errors import Conflict, InvalidInput, NotFound
from chalicelib.logic import campaigns as campaign_logic
from chalicelib.logic import moderation
from chalicelib.logic import support as logic
from tests.logic.world import CONSENT, MEMBER, MODERATOR, OWNER, STRANGER, campaign, count, person, supported_by

ALICE, BOB, CAROL = person("alice"), person("bob"), person("carol")


# Consent

@pytest.mark.parametrize("given", [None, "", "support-2025-01", SUPPORT_CONSENT_VERSION.upper()],
                         ids=["none", "empty", "an older wording", "not exactly the version"])
def test_support_needs_consent_to_the_current_wording(fake, given):
    c = campaign(fake, "open")
    with pytest.raises(InvalidInput) as raised:
        logic.support(ALICE, c.id, given)
    assert raised.value.code == "consent_required"
    assert raised.value.details["version"] == SUPPORT_CONSENT_VERSION  # the wording to show comes back
    assert count(fake, c.id) == 0 and fake.supports.supporters.get(c.id, {}) == {}


def test_the_consent_given_is_kept_with_the_support(fake):
    c = campaign(fake, "open")
    logic.support(ALICE, c.id, CONSENT)
    assert fake.supports.supporters[c.id] == {ALICE.id: SUPPORT_CONSENT_VERSION}


# Counting

def test_each_supporter_counts_once(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE, BOB, CAROL)
    assert count(fake, c.id) == 3


def test_supporting_twice_counts_once(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE, ALICE)
    assert count(fake, c.id) == 1


def test_a_supporter_is_shown_the_campaigns_count(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE, BOB)
    assert logic.support(CAROL, c.id, CONSENT) == 2  # as counted so far; the stream adds Carol in AWS


def test_the_owner_may_support_their_own_campaign(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, OWNER)
    assert count(fake, c.id) == 1


def test_withdrawing_takes_the_support_back(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE, BOB)
    logic.withdraw(ALICE, c.id)
    assert count(fake, c.id) == 1 and ALICE.id not in fake.supports.supporters[c.id]


def test_withdrawing_without_supporting_changes_nothing(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE)
    logic.withdraw(BOB, c.id)
    logic.withdraw(BOB, c.id)
    assert count(fake, c.id) == 1


def test_supporting_again_after_withdrawing_counts_again(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE)
    logic.withdraw(ALICE, c.id)
    supported_by(fake, c.id, ALICE)
    assert count(fake, c.id) == 1


# Campaigns that take no support. A draft or a hidden campaign is not found, whoever asks.

REFUSALS = [
    ("draft", NotFound, "campaign_not_found"),
    ("pending", NotFound, "campaign_not_found"),
    ("rejected", NotFound, "campaign_not_found"),
    ("hidden-open", NotFound, "campaign_not_found"),  # it used to take support: the snapshot ignored `hidden`
    ("hidden-closed", NotFound, "campaign_not_found"),
    ("closed", Conflict, "campaign_not_open"),
]


@pytest.mark.parametrize(("state", "error", "code"), REFUSALS)
@pytest.mark.parametrize("who", [OWNER, STRANGER], ids=["owner", "stranger"])
def test_support_only_on_open_shown_campaigns(fake, state, error, code, who):
    c = campaign(fake, state)
    with pytest.raises(error) as raised:
        logic.support(who, c.id, CONSENT)
    assert raised.value.code == code
    assert count(fake, c.id) == 0


# Withdrawing: the consent promises it at any time, so a hidden or closed campaign still gives support back.
WITHDRAW_REFUSALS = [
    ("draft", NotFound, "campaign_not_found"),
    ("pending", NotFound, "campaign_not_found"),
    ("rejected", NotFound, "campaign_not_found"),
]


@pytest.mark.parametrize(("state", "error", "code"), WITHDRAW_REFUSALS)
def test_withdraw_only_on_public_campaigns(fake, state, error, code):
    c = campaign(fake, state)
    with pytest.raises(error) as raised:
        logic.withdraw(STRANGER, c.id)
    assert raised.value.code == code


@pytest.mark.parametrize("hidden", [False, True], ids=["closed", "hidden-closed"])
def test_withdrawing_from_a_closed_campaign_anonymises_and_keeps_the_count(fake, hidden):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE, BOB, CAROL)
    campaign_logic.close_campaign(OWNER, c.id, "Delivered.")
    if hidden:
        fake.campaigns.set_hidden(fake.campaigns.get_campaign(c.id), True)
    assert logic.withdraw(ALICE, c.id) == 3
    assert logic.withdraw(ALICE, c.id) == 3  # twice is harmless
    assert ALICE.id not in fake.supports.supporters[c.id]  # the link to Alice goes
    assert fake.supports.anonymous[c.id] == 1  # her support stays, nobody's
    assert count(fake, c.id) == 3


@pytest.mark.parametrize("act", ["support", "withdraw"])
def test_an_unknown_campaign_takes_no_support(fake, act):
    with pytest.raises(NotFound) as raised:
        logic.support(ALICE, "no-such-id", CONSENT) if act == "support" else logic.withdraw(ALICE, "no-such-id")
    assert raised.value.code == "campaign_not_found"


def test_a_closed_campaign_keeps_its_final_count(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE, BOB, CAROL)
    campaign_logic.close_campaign(OWNER, c.id, "Delivered.")
    logic.withdraw(ALICE, c.id)  # anonymised, not taken off the final count
    with pytest.raises(Conflict):
        logic.support(person("late"), c.id, CONSENT)
    assert count(fake, c.id) == 3


def test_a_support_a_stale_cache_lets_through_after_the_close_is_not_counted(fake, monkeypatch):
    """The status comes from a two-second cache; closing freezes the counters, and the supports'
    stream removes a support made after it (the fake does at once), so the count stays exact."""
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE)
    campaign_logic.close_campaign(OWNER, c.id, "Delivered.")
    monkeypatch.setattr(fake.supports, "campaign_snapshot", lambda _id, *_: Snapshot("open", False, 1))
    logic.support(BOB, c.id, CONSENT)
    assert fake.supports.supporters[c.id] == {ALICE.id: CONSENT}
    assert count(fake, c.id) == 1


def test_a_withdrawal_a_stale_cache_takes_for_open_is_anonymised_on_the_frozen_counters(fake, monkeypatch):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE)
    campaign_logic.close_campaign(OWNER, c.id, "Delivered.")
    monkeypatch.setattr(fake.supports, "campaign_snapshot", lambda _id, *_: Snapshot("open", False, 1))
    logic.withdraw(ALICE, c.id)
    assert fake.supports.supporters[c.id] == {} and fake.supports.anonymous[c.id] == 1
    assert count(fake, c.id) == 1


def test_a_restored_campaign_takes_support_again(fake):
    c = campaign(fake, "hidden-open")
    moderation.moderate(MODERATOR, "campaign", c.id, "restore", "Reports were unfounded.")
    supported_by(fake, c.id, ALICE)
    assert count(fake, c.id) == 1


def test_a_hidden_campaign_still_gives_a_support_back(fake):
    c = campaign(fake, "open")
    supported_by(fake, c.id, ALICE, BOB)
    moderation.moderate(MODERATOR, "campaign", c.id, "hide", "Under review.")
    with pytest.raises(NotFound):
        logic.support(CAROL, c.id, CONSENT)
    logic.withdraw(ALICE, c.id)
    assert count(fake, c.id) == 1
    moderation.moderate(MODERATOR, "campaign", c.id, "restore", "Reviewed.")
    assert count(fake, c.id) == 1


# Following

@pytest.mark.parametrize("state", ["open", "closed"])
def test_public_campaigns_can_be_followed(fake, state):
    c = campaign(fake, state)
    logic.follow(ALICE, c.id)
    assert fake.supports.followers[c.id] == {ALICE.id}


def test_following_twice_is_one_follow(fake):
    c = campaign(fake, "open")
    logic.follow(ALICE, c.id)
    logic.follow(ALICE, c.id)
    assert fake.supports.followers[c.id] == {ALICE.id}


def test_following_is_not_supporting(fake):
    c = campaign(fake, "open")
    logic.follow(ALICE, c.id)
    assert count(fake, c.id) == 0


@pytest.mark.parametrize("state", ["draft", "pending", "rejected", "hidden-open", "hidden-closed"])
@pytest.mark.parametrize("who", [OWNER, MEMBER, MODERATOR], ids=["owner", "org member", "moderator"])
def test_those_who_see_an_unpublished_campaign_still_cannot_follow_it(fake, state, who):
    c = campaign(fake, state)
    with pytest.raises(Conflict) as raised:
        logic.follow(who, c.id)
    assert raised.value.code == "campaign_not_public"
    assert c.id not in fake.supports.followers


@pytest.mark.parametrize("state", ["draft", "pending", "rejected", "hidden-open", "hidden-closed"])
def test_a_stranger_following_an_unpublished_campaign_finds_nothing(fake, state):
    c = campaign(fake, state)
    with pytest.raises(NotFound) as raised:
        logic.follow(STRANGER, c.id)
    assert raised.value.code == "campaign_not_found"


def test_unfollowing_stops_the_updates(fake):
    c = campaign(fake, "open")
    logic.follow(ALICE, c.id)
    logic.unfollow(ALICE, c.id)
    logic.unfollow(ALICE, c.id)  # twice is harmless
    assert fake.supports.followers[c.id] == set()


def test_an_owner_may_unfollow_their_hidden_campaign(fake):
    c = campaign(fake, "open")
    logic.follow(OWNER, c.id)
    fake.campaigns.set_hidden(c, True)
    logic.unfollow(OWNER, c.id)
    assert fake.supports.followers[c.id] == set()


@pytest.mark.parametrize("state", ["open", "closed"])
def test_a_follower_may_unfollow_a_campaign_hidden_since(fake, state):
    c = campaign(fake, state)
    logic.follow(ALICE, c.id)
    fake.campaigns.set_hidden(fake.campaigns.get_campaign(c.id), True)
    logic.unfollow(ALICE, c.id)
    logic.unfollow(ALICE, c.id)  # twice is harmless
    assert fake.supports.followers[c.id] == set()


def test_unfollowing_a_campaign_one_cannot_see_finds_nothing(fake):
    c = campaign(fake, "draft")
    with pytest.raises(NotFound):
        logic.unfollow(STRANGER, c.id)
