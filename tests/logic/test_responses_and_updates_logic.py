"""The rest of the dialogue: ministers' official responses and their inbox, owners' updates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, RateLimited
from chalicelib.logic import campaigns as campaign_logic
from chalicelib.logic import dialogue as logic
from chalicelib.logic import responses
from tests.logic.world import (
    ADMIN,
    MEMBER,
    MINISTER,
    MODERATOR,
    OTHER_MINISTER,
    OWNER,
    STRANGER,
    campaign,
    ministers,
    respond,
)

# Official responses

def test_a_minister_of_the_area_answers(fake):
    ministers(fake)
    c = campaign(fake, "open")
    given = respond(MINISTER, c.id, "support", "We will fund it.")
    assert (given.response.minister_id, given.response.area, given.response.stance) == (
        MINISTER.id, "health", "support")
    assert list(given.minister.portfolio) == ["health"]
    current = fake.campaigns.get_campaign(c.id).official_response
    assert (current.minister_id, current.body) == (MINISTER.id, "We will fund it.")
    assert any(key.startswith("response#") for cid, key in fake.outbox.events if cid == c.id)  # supporters hear


def test_a_closed_campaign_can_still_be_answered(fake):
    ministers(fake)
    c = campaign(fake, "closed")
    assert respond(MINISTER, c.id, "oppose", "Not this year.").response.stance == "oppose"


@pytest.mark.parametrize("who", [OTHER_MINISTER, STRANGER, MODERATOR, OWNER, ADMIN],
                         ids=["minister of another area", "citizen", "moderator", "owner", "admin"])
def test_only_a_minister_of_the_area_answers(fake, who):
    ministers(fake)
    c = campaign(fake, "open")
    with pytest.raises(Forbidden):
        respond(who, c.id, "support", "Yes.")
    assert fake.campaigns.get_campaign(c.id).official_response is None


@pytest.mark.parametrize("state", ["draft", "pending", "hidden-open"])
def test_a_minister_answering_an_unpublished_campaign_finds_nothing(fake, state):
    ministers(fake)
    c = campaign(fake, state)
    with pytest.raises(NotFound):
        respond(MINISTER, c.id, "support", "Yes.")


def test_a_minister_cannot_answer_their_own_campaign_draft_or_open(fake):
    ministers(fake)
    for state in ("draft", "open"):
        c = campaign(fake, state, owner=MINISTER, hosted=False)
        with pytest.raises(Forbidden) as raised:
            respond(MINISTER, c.id, "support", "I agree with myself.")
        assert (raised.value.code, raised.value.details) == (
            "conflict_of_interest", {"rule": "author", "decision": "official_response"})
        assert raised.value.message == ("This is your own campaign: another minister whose portfolio holds "
                                        "'health' answers it.")
        assert fake.campaigns.get_campaign(c.id).official_response is None
    assert [(r.actor_id, r.decision, r.rule, r.requested) for r in fake.refusals.kept] == [
        (MINISTER.id, "official_response", "author", "support")] * 2


def test_a_minister_in_the_hosting_organisation_cannot_answer_it_and_another_minister_of_the_area_can(fake):
    ministers(fake)
    fake.people.add_organisation("nurses", {OWNER.id: "admin", MINISTER.id: "member"})
    c = campaign_logic.start_campaign(OWNER, title="Nurses' pay", summary="Pay nurses.", body="They earn it.",
                                      area="health", organisation_handle="nurses")
    campaign_logic.submit_campaign(OWNER, c.id)
    campaign_logic.decide_campaign(MODERATOR, c.id, approve=True, reason="Within the rules.")
    with pytest.raises(Forbidden) as raised:
        respond(MINISTER, c.id, "support", "My own organisation's idea.")
    assert raised.value.code == "conflict_of_interest"
    assert raised.value.details["rule"] == "hosting_organisation"
    assert raised.value.message == ("You belong to the organisation hosting this campaign: another minister whose "
                                    "portfolio holds 'health' answers it.")
    (kept,) = fake.refusals.kept
    assert (kept.target, kept.campaign_id) == (f"campaign#{c.id}", c.id)
    fake.people.give_portfolio(OTHER_MINISTER, ["transport", "health"])
    assert respond(OTHER_MINISTER, c.id, "considering", "We are looking at it.").response.minister_id == \
        OTHER_MINISTER.id


def test_a_minister_of_another_area_is_refused_for_the_area_and_nothing_is_recorded(fake):
    ministers(fake)
    c = campaign(fake, "open", owner=OTHER_MINISTER, hosted=False)
    with pytest.raises(Forbidden) as raised:
        respond(OTHER_MINISTER, c.id, "support", "Not my area anyway.")
    assert raised.value.code == "forbidden"
    assert fake.refusals.kept == []


def test_a_second_response_becomes_current_and_the_first_is_kept(fake):
    ministers(fake)
    c = campaign(fake, "open")
    respond(MINISTER, c.id, "considering", "We are looking at it.")
    respond(MINISTER, c.id, "support", "We will fund it.")
    assert [r.stance for r in responses.responses_of(None, c.id).responses] == ["support", "considering"]
    assert fake.campaigns.get_campaign(c.id).official_response.stance == "support"


def announcements(fake, campaign_id):
    return [e.stance for (cid, key), e in sorted(fake.outbox.events.items())
            if cid == campaign_id and key.startswith("response#")]


def test_a_response_within_ten_minutes_corrects_the_last_without_telling_supporters_again(fake, clock):
    ministers(fake)
    c = campaign(fake, "open")
    respond(MINISTER, c.id, "considering", "We are looking at it.")
    clock.advance(minutes=9, seconds=59)
    respond(MINISTER, c.id, "support", "We will fund it, said properly.")
    assert fake.campaigns.get_campaign(c.id).official_response.body == "We will fund it, said properly."
    assert [r.stance for r in responses.responses_of(None, c.id).responses] == ["support", "considering"]
    assert announcements(fake, c.id) == ["considering"]  # one announcement: supporters heard it moments ago
    clock.advance(minutes=10)
    respond(MINISTER, c.id, "oppose", "On reflection, not this year.")
    assert announcements(fake, c.id) == ["considering", "oppose"]  # a new answer, later, is news


def test_two_responses_at_once_are_announced_once(fake, monkeypatch):
    """A double click: the second request read the campaign before the first one's write landed."""
    ministers(fake)
    c = campaign(fake, "open")
    real, raced = fake.responses.give_response, []

    def the_other_click_lands_first(campaign, *args, **kwargs):
        if not raced:
            raced.append(real(campaign, MINISTER.id, "support", "We will fund it.", True))
        return real(campaign, *args, **kwargs)

    monkeypatch.setattr(fake.responses, "give_response", the_other_click_lands_first)
    given = respond(MINISTER, c.id, "support", "We will fund it.")
    assert given.response.body == "We will fund it." and len(responses.responses_of(None, c.id).responses) == 2
    assert announcements(fake, c.id) == ["support"]


def test_the_responses_of_a_hidden_campaign_are_not_found(fake):
    ministers(fake)
    c = campaign(fake, "open")
    respond(MINISTER, c.id, "support", "Yes.")
    fake.campaigns.set_hidden(c, True)
    with pytest.raises(NotFound):
        responses.responses_of(STRANGER, c.id)
    assert len(responses.responses_of(OWNER, c.id).responses) == 1


# A minister's inbox

NOW = datetime(2027, 1, 15, 12, tzinfo=UTC)


def reached_threshold(fake, c, days_ago: int) -> None:
    """What the counters' stream does when a campaign reaches the response threshold."""
    fake.counts.enter_inbox(c.id, c.area, (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))


def test_the_inbox_lists_unanswered_campaigns_of_the_portfolio_oldest_first(fake):
    ministers(fake)
    recent, old, answered = campaign(fake, "open"), campaign(fake, "open"), campaign(fake, "open")
    transport = campaign(fake, "open", area="transport")
    for c, days in ((recent, 5), (old, 45), (answered, 60), (transport, 50)):
        reached_threshold(fake, c, days)
    respond(MINISTER, answered.id, "support", "Done.")
    waiting = responses.inbox(MINISTER, NOW, deadline_days=30)
    assert [(w.campaign.id, w.days_waiting, w.overdue) for w in waiting] == [(old.id, 45, True),
                                                                             (recent.id, 5, False)]
    assert [w.campaign.id for w in responses.inbox(OTHER_MINISTER, NOW, 30)] == [transport.id]


def test_only_the_first_answer_to_a_waiting_campaign_goes_on_the_record(fake, clock):
    ministers(fake)
    waiting, early = campaign(fake, "open"), campaign(fake, "open")
    fake.counts.enter_inbox(waiting.id, waiting.area,
                            (clock.now() - timedelta(days=12, hours=3)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    respond(MINISTER, early.id, "considering", "Before it reached the threshold.")
    respond(MINISTER, waiting.id, "support", "We will fund it.")
    clock.advance(minutes=30)
    respond(MINISTER, waiting.id, "oppose", "A later answer.")
    assert fake.responses.answered_in == {MINISTER.id: [12]}


@pytest.mark.parametrize(("days", "overdue"), [(0, False), (30, False), (31, True)])
def test_a_campaign_is_overdue_after_the_deadline(fake, days, overdue):
    ministers(fake)
    c = campaign(fake, "open")
    reached_threshold(fake, c, days)
    [waiting] = responses.inbox(MINISTER, NOW, deadline_days=30)
    assert (waiting.days_waiting, waiting.overdue) == (days, overdue)


def test_a_hidden_campaign_leaves_the_inbox(fake):
    ministers(fake)
    c = campaign(fake, "open")
    reached_threshold(fake, c, 3)
    fake.campaigns.set_hidden(c, True)
    with pytest.raises(NotFound):
        respond(MINISTER, c.id, "support", "Yes.")  # what the minister meets when they open it
    assert responses.inbox(MINISTER, NOW, deadline_days=30) == []


# Owners' updates

def test_an_owner_tells_supporters_the_news(fake):
    c = campaign(fake, "open")
    first = logic.post_update(OWNER, c.id, "Met the minister", "She listened.")
    second = logic.post_update(MEMBER, c.id, "Petition delivered", "Ten boxes of it.")
    assert (c.id, f"update#{first.id}") in fake.outbox.events and first.author_id == OWNER.id
    shown = logic.updates_of(None, c.id)
    assert [u.headline for u in shown] == ["Petition delivered", "Met the minister"]  # newest first
    assert [u.id for u in shown] == [second.id, first.id]


def test_updates_list_only_updates(fake):
    c = campaign(fake, "closed")  # its outbox also has "campaign_opened" and "closed"
    logic.post_update(OWNER, c.id, "Thank you", "We won.")
    assert [u.headline for u in logic.updates_of(STRANGER, c.id)] == ["Thank you"]


@pytest.mark.parametrize("who", [STRANGER, MODERATOR, MINISTER, ADMIN],
                         ids=["stranger", "moderator", "minister", "admin"])
def test_only_the_owner_or_organisation_posts_updates(fake, who):
    c = campaign(fake, "open")
    with pytest.raises(Forbidden):
        logic.post_update(who, c.id, "Hello", "Not mine to say.")
    assert logic.updates_of(None, c.id) == []


def test_three_updates_a_day_per_campaign(fake, clock):
    c, other = campaign(fake, "open"), campaign(fake, "open")
    for who in (OWNER, MEMBER, OWNER):
        logic.post_update(who, c.id, "News", "More news.")
    with pytest.raises(RateLimited) as raised:
        logic.post_update(MEMBER, c.id, "News", "Too much news.")  # the organisation shares the campaign's three
    assert raised.value.details["limit"] == 3
    logic.post_update(OWNER, other.id, "News", "Another campaign has its own three.")
    clock.advance(days=1)
    logic.post_update(OWNER, c.id, "News", "A new day.")
    assert len(logic.updates_of(None, c.id)) == 4


@pytest.mark.parametrize("state", ["draft", "pending", "rejected", "hidden-open"])
def test_only_public_campaigns_send_updates(fake, state):
    c = campaign(fake, state)
    with pytest.raises(Conflict) as raised:
        logic.post_update(OWNER, c.id, "Hello", "Too early.")
    assert raised.value.code == "campaign_not_public"


def test_the_updates_of_a_campaign_one_cannot_see_are_not_found(fake):
    c = campaign(fake, "open")
    logic.post_update(OWNER, c.id, "Hello", "News.")
    fake.campaigns.set_hidden(c, True)
    with pytest.raises(NotFound):
        logic.updates_of(STRANGER, c.id)
    assert len(logic.updates_of(MEMBER, c.id)) == 1
