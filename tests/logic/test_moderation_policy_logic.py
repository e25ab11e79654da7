"""The moderation policy against brigading: what counts toward hiding, what only queues, what a
moderator's restore means, the report limit, and moderators never deciding their own content."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, RateLimited
from chalicelib.domain.identity import Role
from chalicelib.domain.limits import REPORTS
from chalicelib.domain.moderation import QUEUE_ONLY_SUPPORTERS
from chalicelib.logic import campaigns as campaign_logic
from chalicelib.logic import dialogue
from chalicelib.logic import moderation as logic
from tests.logic.world import MODERATOR, OWNER, STRANGER, campaign, person, supported_by

REASON = "Abusive language."
OLD = [person(f"old-{n}") for n in range(9)]  # accounts made a day before the tests' reports
OTHER_MODERATOR = person("other-moderator", Role.MODERATOR)


@pytest.fixture(autouse=True)
def old_accounts(fake):
    for who in OLD:
        fake.people.ensure_person(who)
    fake.rate_limits.clock.advance(days=1)


def report(fake, who, target_type, target_id):
    return logic.report(who, target_type, target_id, REASON, 3, now=fake.rate_limits.clock.now())


def hidden_campaign(fake, c) -> bool:
    return bool(fake.campaigns.get_campaign(c.id).hidden)


# Young accounts

def test_reports_from_accounts_younger_than_a_day_queue_but_never_hide(fake):
    c = campaign(fake, "open")
    fresh = [person(f"fresh-{n}") for n in range(5)]
    states = [report(fake, who, "campaign", c.id) for who in fresh]
    assert [s.hidden for s in states] == [False] * 5 and states[-1].reports == 5
    assert not hidden_campaign(fake, c) and fake.reports.queue == {f"campaign#{c.id}"}
    assert campaign_logic.visible_campaign(None, c.id).campaign.id == c.id
    assert [report(fake, who, "campaign", c.id).hidden for who in OLD[:3]] == [False, False, True]


def test_an_account_counts_once_it_is_a_day_old(fake, clock):
    c = campaign(fake, "open")
    newcomers = [person(f"newcomer-{n}") for n in range(3)]
    for who in newcomers:
        fake.people.ensure_person(who)
    clock.advance(hours=23, minutes=59)
    assert not report(fake, newcomers[0], "campaign", c.id).hidden
    clock.advance(minutes=1)
    assert [report(fake, who, "campaign", c.id).hidden for who in [*newcomers[1:], OLD[0]]] == [False, False, True]


# A moderator's decision holds

def test_a_restore_holds_until_a_fresh_set_of_established_reports(fake):
    c = campaign(fake, "open")
    assert [report(fake, who, "campaign", c.id).hidden for who in OLD[:3]] == [False, False, True]
    logic.moderate(MODERATOR, "campaign", c.id, "restore", "Within the rules.")
    fourth = report(fake, OLD[3], "campaign", c.id)
    assert (fourth.hidden, fourth.reports) == (False, 4)  # one more report no longer hides it
    assert campaign_logic.visible_campaign(None, c.id).campaign.id == c.id
    assert fake.reports.queue == {f"campaign#{c.id}"}  # but a moderator hears of it
    with pytest.raises(Conflict):
        report(fake, OLD[0], "campaign", c.id)  # the brigade cannot report again
    assert not report(fake, OLD[4], "campaign", c.id).hidden
    assert report(fake, OLD[5], "campaign", c.id).hidden  # a fresh set of three hides it again
    with pytest.raises(NotFound):
        campaign_logic.visible_campaign(None, c.id)


def test_a_restore_landing_while_a_report_hides_holds(fake, monkeypatch):
    """The third report is written, a moderator restores, then the report's hide comes: it yields."""
    c = campaign(fake, "open")
    for who in OLD[:2]:
        report(fake, who, "campaign", c.id)
    real = fake.reports.report

    def restored_meanwhile(*args, **kwargs):
        tally = real(*args, **kwargs)
        logic.moderate(MODERATOR, "campaign", c.id, "restore", "Looked at it meanwhile.")
        return tally

    monkeypatch.setattr(fake.reports, "report", restored_meanwhile)
    state = report(fake, OLD[2], "campaign", c.id)
    assert (state.reports, state.hidden) == (3, False)
    assert not hidden_campaign(fake, c)


def test_only_reports_since_the_last_decision_count(fake):
    c = campaign(fake, "open")
    _ = dialogue.reply(STRANGER, c.id, "Something people report.", None)
    reply = dialogue.thread(None, c.id, 20, None).replies[0]
    for who in OLD[:2]:
        report(fake, who, "reply", reply.reply_id)
    logic.moderate(MODERATOR, "reply", reply.reply_id, "restore", "Looked at it: fine.")
    state = report(fake, OLD[2], "reply", reply.reply_id)
    assert (state.reports, state.hidden) == (3, False)  # three reports, but only one since the decision
    assert not fake.replies.get_reply(reply.reply_id).hidden


# Widely supported campaigns wait for a moderator

@pytest.mark.parametrize(("supporters", "hides"), [(QUEUE_ONLY_SUPPORTERS - 1, True), (QUEUE_ONLY_SUPPORTERS, False)])
def test_a_widely_supported_campaign_is_queued_rather_than_hidden(fake, supporters, hides):
    c = campaign(fake, "open")
    supported_by(fake, c.id, *[person(f"supporter-{n}") for n in range(supporters)])
    assert [report(fake, who, "campaign", c.id).hidden for who in OLD[:3]] == [False, False, hides]
    assert hidden_campaign(fake, c) is hides
    assert fake.reports.queue == {f"campaign#{c.id}"}


# The report limit

def test_reports_are_limited_per_person_per_hour(fake, clock):
    c = campaign(fake, "open")
    replies = [dialogue.reply(OWNER, c.id, f"Reply {n}", None).reply for n in range(REPORTS.count + 1)]
    clock.moment = clock.moment.replace(minute=0, second=0, microsecond=0)
    clock.advance(hours=1)  # the start of a fresh hour
    for r in replies[:REPORTS.count]:
        report(fake, OLD[0], "reply", r.reply_id)
    with pytest.raises(RateLimited) as raised:
        report(fake, OLD[0], "reply", replies[-1].reply_id)
    assert 3500 <= raised.value.retry_after <= 3600
    assert f"reply#{replies[-1].reply_id}" not in fake.reports.reports  # refused before it was written
    report(fake, OLD[1], "reply", replies[-1].reply_id)  # others still may
    clock.advance(hours=1)
    report(fake, OLD[0], "reply", replies[-1].reply_id)


# Moderators and their own content

def test_a_moderator_cannot_decide_their_own_campaign(fake):
    mine = campaign(fake, "pending", owner=MODERATOR, hosted=False)
    with pytest.raises(Forbidden) as raised:
        campaign_logic.decide_campaign(MODERATOR, mine.id, approve=True, reason="Looks fine to me.")
    assert raised.value.code == "own_campaign"
    assert raised.value.message == "This is your own campaign: another moderator decides it."
    assert fake.campaigns.get_campaign(mine.id).status == "pending"
    assert campaign_logic.decide_campaign(OTHER_MODERATOR, mine.id, approve=True, reason="Reviewed.").status == "open"


def test_a_moderator_cannot_decide_their_organisations_campaign(fake):
    fake.people.add_organisation("reds", {MODERATOR.id: "member", OWNER.id: "admin"})
    c = campaign_logic.start_campaign(OWNER, title="Buses at night", summary="Late buses.", body="Shift workers.",
                                      area="transport", organisation_handle="reds")
    campaign_logic.submit_campaign(OWNER, c.id)
    with pytest.raises(Forbidden):
        campaign_logic.decide_campaign(MODERATOR, c.id, approve=True, reason="Our own idea.")
    assert fake.campaigns.get_campaign(c.id).status == "pending"


@pytest.mark.parametrize("action", ["hide", "restore"])
def test_a_moderator_cannot_hide_or_restore_their_own_campaign_or_reply(fake, action):
    mine = campaign(fake, "pending", owner=MODERATOR, hosted=False)
    campaign_logic.decide_campaign(OTHER_MODERATOR, mine.id, approve=True, reason="Reviewed.")
    reply = dialogue.reply(MODERATOR, mine.id, "My own words.", None).reply
    for target_type, target_id in (("campaign", mine.id), ("reply", reply.reply_id)):
        with pytest.raises(Forbidden) as raised:
            logic.moderate(MODERATOR, target_type, target_id, action, "My own call.")
        assert raised.value.code == "own_content"
    assert all(a[2] not in ("hide", "restore") for a in fake.campaigns.audit_trail)
    assert logic.moderate(OTHER_MODERATOR, "reply", reply.reply_id, "hide", "Another's call.").hidden


def test_a_moderator_cannot_judge_a_reply_under_their_own_or_their_organisations_campaign(fake):
    mine = campaign(fake, "pending", owner=MODERATOR, hosted=False)
    campaign_logic.decide_campaign(OTHER_MODERATOR, mine.id, approve=True, reason="Reviewed.")
    critic = dialogue.reply(OWNER, mine.id, "This would cost too much.", None).reply
    with pytest.raises(Forbidden) as raised:
        logic.moderate(MODERATOR, "reply", critic.reply_id, "hide", "Off topic.")
    assert (raised.value.code, raised.value.details["rule"]) == ("own_content", "campaign_owner")
    fake.people.add_organisation("blues", {OWNER.id: "admin", MODERATOR.id: "member"})
    hosted = campaign_logic.start_campaign(OWNER, title="Parks for all", summary="More parks.", body="Green space.",
                                           area="housing", organisation_handle="blues")
    campaign_logic.submit_campaign(OWNER, hosted.id)
    campaign_logic.decide_campaign(OTHER_MODERATOR, hosted.id, approve=True, reason="Reviewed.")
    other = dialogue.reply(OTHER_MODERATOR, hosted.id, "Parks cost money.", None).reply
    with pytest.raises(Forbidden) as raised:
        logic.moderate(MODERATOR, "reply", other.reply_id, "hide", "Unhelpful.")
    assert raised.value.details["rule"] == "hosting_organisation"
    assert [(r.decision, r.target, r.requested) for r in fake.refusals.kept] == [
        ("moderation", f"reply#{critic.reply_id}", "hide"), ("moderation", f"reply#{other.reply_id}", "hide")]
    assert not fake.replies.get_reply(critic.reply_id).hidden
    assert logic.moderate(OTHER_MODERATOR, "reply", critic.reply_id, "hide", "Another's call.").hidden
