"""A campaign's use cases as its people meet them: who sees it, starting, editing, submitting,
deciding, closing, and the similar campaigns shown to an author."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, StaleVersion
from chalicelib.logic import campaigns as logic
from chalicelib.settings import get_settings
from tests.logic.world import ADMIN, MEMBER, MINISTER, MODERATOR, OWNER, STATES, STRANGER, campaign, greens

VIEWERS = {"owner": OWNER, "org member": MEMBER, "moderator": MODERATOR, "admin": ADMIN, "stranger": STRANGER,
           "anonymous": None}
# Who may see a campaign that is not public (a draft, pending, rejected or hidden).
INSIDERS = {"owner", "org member", "moderator"}
NOT_PUBLIC = [s for s in STATES if s not in ("open", "closed")]


def assert_not_found(raised, code: str = "campaign_not_found") -> None:
    assert raised.value.code == code


# Seeing a campaign

@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("state", STATES)
def test_who_may_see_a_campaign(fake, state, viewer):
    c = campaign(fake, state)
    if state in ("open", "closed") or viewer in INSIDERS:
        assert logic.visible_campaign(VIEWERS[viewer], c.id).campaign.id == c.id
    else:  # a 404, not a 403: its existence does not leak
        with pytest.raises(NotFound) as raised:
            logic.visible_campaign(VIEWERS[viewer], c.id)
        assert_not_found(raised)


def test_a_member_of_another_organisation_does_not_see_its_draft(fake):
    fake.people.add_organisation("reds", {STRANGER.id: "admin"})
    c = campaign(fake, "draft")
    with pytest.raises(NotFound):
        logic.visible_campaign(STRANGER, c.id)


def test_an_organisation_member_sees_only_the_drafts_it_hosts(fake):
    c = campaign(fake, "draft", hosted=False)
    with pytest.raises(NotFound):
        logic.visible_campaign(MEMBER, c.id)


@pytest.mark.parametrize("viewer, insider", [("owner", True), ("org member", True), ("moderator", True),
                                             ("admin", False), ("stranger", False), ("anonymous", False)])
def test_only_insiders_are_shown_the_moderation_reason(fake, viewer, insider):
    c = campaign(fake, "open")
    seen = logic.visible_campaign(VIEWERS[viewer], c.id)
    assert seen.insider is insider
    assert seen.member is (viewer == "org member" or viewer == "owner")  # the owner runs the hosting organisation


def test_a_rejected_campaign_tells_its_owner_why(fake):
    c = campaign(fake, "rejected")
    seen = logic.visible_campaign(OWNER, c.id)
    assert seen.insider and seen.campaign.moderation_reason == "Reviewed by moderators."


def test_an_unknown_campaign_is_not_found(fake):
    with pytest.raises(NotFound) as raised:
        logic.visible_campaign(OWNER, "no-such-id")
    assert_not_found(raised)


@pytest.mark.parametrize("state", STATES)
def test_pages_show_only_public_campaigns_even_to_their_owners(fake, state):
    c = campaign(fake, state)
    if state in ("open", "closed"):
        assert logic.public_by_slug(c.slug).id == c.id
        assert logic.public_by_id(c.id).id == c.id
    else:
        for find, key in ((logic.public_by_slug, c.slug), (logic.public_by_id, c.id)):
            with pytest.raises(NotFound) as raised:
                find(key)
            assert_not_found(raised)


def test_an_unknown_slug_is_not_found(fake):
    with pytest.raises(NotFound) as raised:
        logic.public_by_slug("nothing-here")
    assert_not_found(raised)


# Starting

def test_starting_makes_a_draft_owned_by_its_author(fake):
    c = logic.start_campaign(STRANGER, title="Free bus travel for apprentices!", summary="s", body="b",
                             area="transport", organisation_handle=None)
    assert (c.status, c.owner_id, c.slug, c.organisation_id) == ("draft", STRANGER.id,
                                                                 "free-bus-travel-for-apprentices", None)
    assert STRANGER.id in fake.people.people  # the author's profile exists from their first campaign


def test_an_organisation_hosts_its_members_campaigns(fake):
    org = greens(fake)
    c = logic.start_campaign(MEMBER, title="Clean rivers", summary="s", body="b", area="environment",
                             organisation_handle=org.handle)
    assert c.organisation_id == org.id


def test_only_members_start_campaigns_an_organisation_hosts(fake):
    greens(fake)
    with pytest.raises(Forbidden):
        logic.start_campaign(STRANGER, title="Clean rivers", summary="s", body="b", area="environment",
                             organisation_handle="greens")
    assert fake.campaigns.items == {}


def test_an_unknown_organisation_is_not_found(fake):
    with pytest.raises(NotFound) as raised:
        logic.start_campaign(OWNER, title="Clean rivers", summary="s", body="b", area="environment",
                             organisation_handle="nobody")
    assert_not_found(raised, "organisation_not_found")


def test_the_same_title_twice_gets_two_addresses(fake):
    first, second = campaign(fake, "open"), campaign(fake, "open")
    assert first.slug != second.slug and second.slug.startswith(first.slug)
    assert logic.public_by_slug(second.slug).id == second.id


# Editing

@pytest.mark.parametrize("state", ["draft", "rejected"])
@pytest.mark.parametrize("editor", [OWNER, MEMBER], ids=["owner", "org member"])
def test_drafts_and_rejected_campaigns_can_be_edited(fake, state, editor):
    c = campaign(fake, state)
    edited = logic.edit_campaign(editor, c.id, {"title": "Hot school meals for every child"}, c.version)
    assert edited.title == "Hot school meals for every child"
    assert edited.version == c.version + 1
    assert fake.campaigns.get_campaign(c.id).title == edited.title


def test_an_edit_from_an_old_copy_is_refused(fake):
    c = campaign(fake, "draft")
    logic.edit_campaign(OWNER, c.id, {"summary": "First edit."}, c.version)
    with pytest.raises(StaleVersion) as raised:
        logic.edit_campaign(MEMBER, c.id, {"summary": "Second edit, from the same copy."}, c.version)
    assert raised.value.code == "stale_version"
    assert fake.campaigns.get_campaign(c.id).summary == "First edit."


@pytest.mark.parametrize("wrong", [0, 2], ids=["no version (no If-Match)", "a version from the future"])
def test_an_edit_needs_the_current_version(fake, wrong):
    c = campaign(fake, "draft")
    with pytest.raises(StaleVersion):
        logic.edit_campaign(OWNER, c.id, {"title": "Changed"}, wrong)
    assert fake.campaigns.get_campaign(c.id).title == c.title


@pytest.mark.parametrize("state", ["pending", "open", "closed", "hidden-open"])
def test_campaigns_past_drafting_are_frozen(fake, state):
    c = campaign(fake, state)
    with pytest.raises(Conflict) as raised:
        logic.edit_campaign(OWNER, c.id, {"title": "Changed after people signed"}, c.version)
    assert raised.value.code == "campaign_frozen"


def test_a_moderator_may_see_a_draft_but_not_edit_it(fake):
    c = campaign(fake, "draft")
    with pytest.raises(Forbidden):
        logic.edit_campaign(MODERATOR, c.id, {"title": "Moderated"}, c.version)


@pytest.mark.parametrize("editor", [STRANGER, ADMIN, MINISTER], ids=["stranger", "admin", "minister"])
def test_outsiders_editing_a_draft_find_nothing(fake, editor):
    c = campaign(fake, "draft")
    with pytest.raises(NotFound):
        logic.edit_campaign(editor, c.id, {"title": "Mine now"}, c.version)


def test_outsiders_editing_an_open_campaign_are_forbidden(fake):
    c = campaign(fake, "open")
    with pytest.raises(Forbidden):
        logic.edit_campaign(STRANGER, c.id, {"title": "Mine now"}, c.version)


# Submitting

@pytest.mark.parametrize("state", ["draft", "rejected"])
def test_submitting_sends_a_campaign_to_moderation(fake, state):
    c = campaign(fake, state)
    submitted = logic.submit_campaign(OWNER, c.id)
    assert submitted.status == "pending" and submitted.submitted_at
    assert fake.campaigns.audit_trail[-1] == (f"campaign#{c.id}", OWNER.id, "submit", "")


@pytest.mark.parametrize("state", ["pending", "open", "closed"])
def test_only_drafts_and_rejected_campaigns_are_submitted(fake, state):
    c = campaign(fake, state)
    with pytest.raises(Conflict) as raised:
        logic.submit_campaign(OWNER, c.id)
    assert raised.value.code == "invalid_transition"
    assert raised.value.details == {"status": state, "action": "submit"}


def test_an_organisation_member_may_submit_its_draft(fake):
    c = campaign(fake, "draft")
    assert logic.submit_campaign(MEMBER, c.id).status == "pending"


def test_a_moderator_may_not_submit_someone_elses_draft(fake):
    c = campaign(fake, "draft")
    with pytest.raises(Forbidden):
        logic.submit_campaign(MODERATOR, c.id)
    assert fake.campaigns.get_campaign(c.id).status == "draft"


def test_a_stranger_submitting_a_draft_finds_nothing(fake):
    c = campaign(fake, "draft")
    with pytest.raises(NotFound):
        logic.submit_campaign(STRANGER, c.id)


# Deciding

def test_approving_opens_a_campaign_for_its_term(fake):
    c = campaign(fake, "pending")
    opened = logic.decide_campaign(MODERATOR, c.id, approve=True, reason="Within the rules.")
    assert opened.status == "open" and opened.moderation_reason == "Within the rules."
    published, closes = (datetime.fromisoformat(t.replace("Z", "+00:00")) for t in (opened.published_at,
                                                                                     opened.closes_at))
    assert closes - published == timedelta(days=get_settings().campaign_open_days)
    assert (c.id, "campaign_opened") in fake.outbox.events  # ministers are told
    assert fake.campaigns.audit_trail[-1] == (f"campaign#{c.id}", MODERATOR.id, "approve", "Within the rules.")


def test_rejecting_says_why(fake):
    c = campaign(fake, "pending")
    rejected = logic.decide_campaign(MODERATOR, c.id, approve=False, reason="Names a private person.")
    assert rejected.status == "rejected" and rejected.moderation_reason == "Names a private person."
    assert (c.id, "campaign_opened") not in fake.outbox.events
    with pytest.raises(NotFound):
        logic.visible_campaign(STRANGER, c.id)


@pytest.mark.parametrize("who", [OWNER, MEMBER, ADMIN, MINISTER, STRANGER],
                         ids=["owner", "org member", "admin", "minister", "stranger"])
@pytest.mark.parametrize("approve", [True, False], ids=["approve", "reject"])
def test_only_moderators_decide(fake, who, approve):
    c = campaign(fake, "pending")
    with pytest.raises(Forbidden):
        logic.decide_campaign(who, c.id, approve=approve, reason="I decide.")
    assert fake.campaigns.get_campaign(c.id).status == "pending"


@pytest.mark.parametrize("state", ["draft", "rejected", "open", "closed"])
def test_only_pending_campaigns_are_decided(fake, state):
    c = campaign(fake, state)
    with pytest.raises(Conflict) as raised:
        logic.decide_campaign(MODERATOR, c.id, approve=True, reason="Again.")
    assert raised.value.code == "invalid_transition"


def test_deciding_an_unknown_campaign_finds_nothing(fake):
    with pytest.raises(NotFound):
        logic.decide_campaign(MODERATOR, "no-such-id", approve=True, reason="Fine.")


# Closing

@pytest.mark.parametrize("closer", [OWNER, MEMBER, ADMIN], ids=["owner", "org member", "admin"])
def test_its_people_or_an_admin_close_a_campaign(fake, closer):
    c = campaign(fake, "open")
    closed = logic.close_campaign(closer, c.id, "Achieved.")
    assert closed.status == "closed" and closed.closed_at
    assert (c.id, "closed") in fake.outbox.events  # every supporter is told
    assert fake.campaigns.audit_trail[-1] == (f"campaign#{c.id}", closer.id, "close", "Achieved.")


@pytest.mark.parametrize("closer", [STRANGER, MODERATOR, MINISTER], ids=["stranger", "moderator", "minister"])
def test_nobody_else_closes_a_campaign(fake, closer):
    c = campaign(fake, "open")
    with pytest.raises(Forbidden):
        logic.close_campaign(closer, c.id, "Enough.")
    assert fake.campaigns.get_campaign(c.id).status == "open"


def test_closing_twice_is_a_conflict(fake):
    c = campaign(fake, "closed")
    with pytest.raises(Conflict) as raised:
        logic.close_campaign(OWNER, c.id, "Again.")
    assert raised.value.code == "invalid_transition"


@pytest.mark.parametrize("state", ["draft", "pending", "rejected"])
def test_only_open_campaigns_close(fake, state):
    c = campaign(fake, state)
    with pytest.raises(Conflict) as raised:
        logic.close_campaign(OWNER, c.id, "Never mind.")
    assert raised.value.code == "invalid_transition"


def test_an_owner_may_close_their_hidden_campaign(fake):
    c = campaign(fake, "hidden-open")
    assert logic.close_campaign(OWNER, c.id, "Withdrawn.").status == "closed"


def test_a_stranger_closing_a_hidden_campaign_finds_nothing(fake):
    c = campaign(fake, "hidden-open")
    with pytest.raises(NotFound):
        logic.close_campaign(STRANGER, c.id, "Gone.")


# Similar campaigns, shown to an author so support gathers on one campaign

def test_similar_open_campaigns_in_the_area_come_first(fake):
    mine = campaign(fake, "draft", title="Free school meals for all children")
    same = campaign(fake, "open", title="Free school meals for all children!")
    near = campaign(fake, "open", title="School meals should be free")
    campaign(fake, "open", title="Free school meals everywhere", area="education")  # another area
    campaign(fake, "open", title="Build council homes")  # nothing alike
    campaign(fake, "pending", title="Free school meals for all children now")  # not open
    assert [c.id for c in logic.similar_open(mine)] == [same.id, near.id]


def test_the_same_ask_in_other_words_is_similar(fake):
    mine = campaign(fake, "draft", title="Free buses for apprentices")
    theirs = campaign(fake, "open", title="Apprentices should travel free on buses")
    assert [c.id for c in logic.similar_open(mine)] == [theirs.id]


def test_a_campaign_is_not_similar_to_itself(fake):
    c = campaign(fake, "open")
    assert logic.similar_open(c) == []


def test_at_most_five_similar_campaigns(fake):
    mine = campaign(fake, "draft")
    for _ in range(7):
        campaign(fake, "open")
    assert len(logic.similar_open(mine)) == 5


def test_a_hidden_campaign_is_not_offered_as_similar(fake):
    mine = campaign(fake, "draft")
    hidden = campaign(fake, "hidden-open")
    assert hidden.id not in [c.id for c in logic.similar_open(mine)]
