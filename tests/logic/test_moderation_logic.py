"""Reports from anyone signed in, and moderators hiding or restoring what was reported."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from chalicelib.logic import campaigns as campaign_logic
from chalicelib.logic import dialogue
from chalicelib.logic import moderation as logic
from chalicelib.logic.ports import stores
from tests.logic.world import ADMIN, MEMBER, MINISTER, MODERATOR, OWNER, STRANGER, campaign, person

READERS = [person(f"reader-{n}") for n in range(6)]
REASON = "Abusive language."


def a_reply(fake, author=STRANGER):
    c = campaign(fake, "open")
    return c, dialogue.reply(author, c.id, "Something people report.", None).reply


@pytest.fixture(autouse=True)
def established_readers(fake):
    """The readers' accounts are a day old, so their reports count toward hiding."""
    for who in [*READERS, STRANGER]:
        fake.people.ensure_person(who)
    fake.rate_limits.clock.advance(days=1)


def report_all(target_type, target_id, reporters, to_hide=3):
    return [report_now(who, target_type, target_id, to_hide) for who in reporters]


def report_now(who, target_type, target_id, to_hide=3, reason=REASON):
    """A report, at the fakes' clock."""
    return logic.report(who, target_type, target_id, reason, to_hide, now=stores().rate_limits.clock.now())


# Reporting

@pytest.mark.parametrize("to_hide", [1, 3, 5])
def test_enough_reports_from_different_people_hide_a_reply(fake, to_hide):
    c, r = a_reply(fake)
    states = report_all("reply", r.reply_id, READERS[:to_hide], to_hide)
    assert [s.reports for s in states] == list(range(1, to_hide + 1))
    assert [s.hidden for s in states] == [False] * (to_hide - 1) + [True]
    assert fake.replies.get_reply(r.reply_id).hidden
    assert r.reply_id not in [x.reply_id for x in dialogue.thread(READERS[0], c.id, 20, None).replies]


def test_a_second_report_by_the_same_person_does_not_count(fake):
    _, r = a_reply(fake)
    report_all("reply", r.reply_id, READERS[:2])
    with pytest.raises(Conflict) as raised:
        report_now(READERS[0], "reply", r.reply_id, reason="Still abusive.")
    assert raised.value.code == "already_reported"
    assert report_now(READERS[2], "reply", r.reply_id).reports == 3  # the third person hides it


def test_reports_past_the_threshold_keep_it_hidden(fake):
    _, r = a_reply(fake)
    states = report_all("reply", r.reply_id, READERS[:5])
    assert [s.hidden for s in states] == [False, False, True, True, True]
    assert fake.replies.get_reply(r.reply_id).version == r.version + 1  # hidden once, not again each time


def test_enough_reports_hide_a_campaign_from_all_but_its_people(fake):
    c = campaign(fake, "open")
    assert report_all("campaign", c.id, READERS[:3])[-1].hidden
    with pytest.raises(NotFound):
        campaign_logic.visible_campaign(READERS[4], c.id)
    assert campaign_logic.visible_campaign(OWNER, c.id).campaign.hidden


def test_reporting_what_one_cannot_see_finds_nothing(fake):
    draft = campaign(fake, "draft")
    with pytest.raises(NotFound) as raised:
        report_now(STRANGER, "campaign", draft.id)
    assert raised.value.code == "campaign_not_found"
    assert fake.reports.reports == {}


def test_reporting_a_reply_under_a_hidden_campaign_finds_nothing(fake):
    c, r = a_reply(fake)
    fake.campaigns.set_hidden(c, True)
    with pytest.raises(NotFound) as raised:
        report_now(READERS[0], "reply", r.reply_id)
    assert raised.value.code == "campaign_not_found"


def test_reporting_an_unknown_reply_finds_nothing(fake):
    with pytest.raises(NotFound) as raised:
        report_now(STRANGER, "reply", "no-such-reply")
    assert raised.value.code == "reply_not_found"


@pytest.mark.parametrize("act", ["report", "moderate"])
def test_only_campaigns_and_replies_are_reported_or_moderated(fake, act):
    c = campaign(fake, "open")
    with pytest.raises(InvalidInput):
        if act == "report":
            report_now(STRANGER, "person", c.id)
        else:
            logic.moderate(MODERATOR, "person", c.id, "hide", REASON)


def test_reports_wait_for_a_moderator(fake):
    _, r = a_reply(fake)
    report_all("reply", r.reply_id, READERS[:1])
    assert fake.reports.queue == {f"reply#{r.reply_id}"}


# Moderating

def test_a_moderator_hides_a_reply_and_it_is_audited(fake):
    _, r = a_reply(fake)
    report_all("reply", r.reply_id, READERS[:2])
    state = logic.moderate(MODERATOR, "reply", r.reply_id, "hide", "Breaks the rules.")
    assert (state.hidden, state.reports) == (True, 2)
    assert fake.replies.get_reply(r.reply_id).hidden
    assert fake.campaigns.audit_trail[-1] == (f"reply#{r.reply_id}", MODERATOR.id, "hide", "Breaks the rules.")
    assert fake.reports.queue == set()  # reviewed


def test_a_moderator_restores_what_reports_hid(fake):
    c, r = a_reply(fake)
    report_all("reply", r.reply_id, READERS[:3])
    state = logic.moderate(MODERATOR, "reply", r.reply_id, "restore", "Fair comment.")
    assert (state.hidden, state.reports) == (False, 3)
    assert r.reply_id in [x.reply_id for x in dialogue.thread(None, c.id, 20, None).replies]
    assert fake.campaigns.audit_trail[-1][2:] == ("restore", "Fair comment.")


def test_a_moderator_hides_and_restores_a_campaign(fake):
    c = campaign(fake, "open")
    logic.moderate(MODERATOR, "campaign", c.id, "hide", "Under review.")
    with pytest.raises(NotFound):
        campaign_logic.visible_campaign(None, c.id)
    logic.moderate(MODERATOR, "campaign", c.id, "restore", "Reviewed.")
    assert campaign_logic.visible_campaign(None, c.id).campaign.id == c.id
    assert [a[2] for a in fake.campaigns.audit_trail if a[0] == f"campaign#{c.id}"][-2:] == ["hide", "restore"]


def test_moderating_what_nobody_reported_counts_no_reports(fake):
    _, r = a_reply(fake)
    assert logic.moderate(MODERATOR, "reply", r.reply_id, "hide", "Seen it myself.").reports == 0


def test_hiding_a_campaign_does_not_make_an_editors_copy_stale(fake):
    c = campaign(fake, "rejected")
    logic.moderate(MODERATOR, "campaign", c.id, "hide", "Under review.")
    assert campaign_logic.edit_campaign(OWNER, c.id, {"title": "Changed"}, c.version).title == "Changed"


@pytest.mark.parametrize("who", [OWNER, MEMBER, ADMIN, MINISTER, STRANGER],
                         ids=["owner", "org member", "admin", "minister", "citizen"])
@pytest.mark.parametrize("target", ["reply", "campaign"])
def test_only_moderators_hide_or_restore(fake, who, target):
    c, r = a_reply(fake, author=who)  # not even the author of the reply
    target_id = r.reply_id if target == "reply" else c.id
    with pytest.raises(Forbidden):
        logic.moderate(who, target, target_id, "hide", "I do not like it.")
    assert not fake.replies.get_reply(r.reply_id).hidden and not fake.campaigns.get_campaign(c.id).hidden
    assert all(a[2] not in ("hide", "restore") for a in fake.campaigns.audit_trail)


def test_moderating_an_unknown_campaign_finds_nothing(fake):
    with pytest.raises(NotFound):
        logic.moderate(MODERATOR, "campaign", "no-such-id", "hide", REASON)
