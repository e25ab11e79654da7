"""Moving an idea through the manifesto stages: who may, from which version, and what it leaves."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, StaleVersion
from chalicelib.domain.identity import Role
from chalicelib.logic import campaigns as campaign_logic
from chalicelib.logic import manifesto
from tests.logic.world import ADMIN, MINISTER, MODERATOR, OWNER, STRANGER, campaign, ministers, person

POLICY = person("policy", Role.POLICY)  # areas: health
OTHER_POLICY = person("other-policy", Role.POLICY)  # areas: transport


@pytest.fixture
def team(fake):
    fake.people.give_policy_areas(POLICY, ["health"])
    fake.people.give_policy_areas(OTHER_POLICY, ["transport"])
    ministers(fake)


def test_the_policy_team_of_the_area_moves_an_idea_on_and_each_move_is_audited_and_announced(fake, team):
    c = campaign(fake, "open")
    shortlisted = manifesto.move(POLICY, c.id, stage="shortlisted", note="We will look at costs.", version=c.version)
    assert (shortlisted.manifesto.stage, shortlisted.version) == ("shortlisted", c.version + 1)
    adopted_by = manifesto.move(ADMIN, c.id, stage="in_draft", note="In the draft.", version=shortlisted.version)
    assert [m.stage for m in adopted_by.manifesto.history] == ["shortlisted", "in_draft"]
    assert [a[1:] for a in fake.campaigns.audit_trail if a[2].startswith("manifesto")] == [
        ("policy", "manifesto:shortlisted", "We will look at costs."), ("admin", "manifesto:in_draft", "In the draft.")]
    events = [(e.event_key, e.kind, e.stage, e.note) for (cid, _), e in fake.outbox.events.items() if cid == c.id]
    assert ("manifesto#shortlisted", "manifesto", "shortlisted", "We will look at costs.") in events


@pytest.mark.parametrize("who", [OWNER, STRANGER, MINISTER, MODERATOR, OTHER_POLICY])
def test_nobody_else_moves_it(fake, team, who):
    c = campaign(fake, "open")
    with pytest.raises(Forbidden):
        manifesto.move(who, c.id, stage="shortlisted", note="Mine to decide?", version=c.version)
    assert fake.campaigns.get_campaign(c.id).manifesto is None


def test_a_stale_version_is_refused_before_the_rules_and_a_backwards_move_after(fake, team):
    c = campaign(fake, "open")
    moved = manifesto.move(POLICY, c.id, stage="shortlisted", note="Shortlisted.", version=c.version)
    with pytest.raises(StaleVersion):
        manifesto.move(POLICY, c.id, stage="in_draft", note="From an old copy.", version=c.version)
    moved = manifesto.move(POLICY, c.id, stage="in_draft", note="Drafted.", version=moved.version)
    moved = manifesto.move(POLICY, c.id, stage="adopted", note="Adopted.", version=moved.version)
    with pytest.raises(Conflict) as refused:
        manifesto.move(POLICY, c.id, stage="in_draft", note="Back again?", version=moved.version)
    assert refused.value.code == "backwards_move"


def test_only_public_ideas_enter(fake, team):
    hidden = campaign(fake, "hidden-open")
    with pytest.raises(NotFound):  # the policy team cannot see it: nothing to move
        manifesto.move(POLICY, hidden.id, stage="shortlisted", note="Hidden.", version=hidden.version)
    closed = campaign(fake, "closed")
    assert manifesto.move(POLICY, closed.id, stage="shortlisted", note="Closed ideas count.",
                          version=closed.version).manifesto.stage == "shortlisted"


def test_a_move_from_a_copy_read_before_anothers_move_is_stale_in_the_store(fake, team):
    """Two policy members read the same version; the store lets one write, and the other is told."""
    c = campaign(fake, "open")
    manifesto.moved_as_read(c, actor_id=POLICY.id, stage="shortlisted", note="First.")
    with pytest.raises(StaleVersion):
        manifesto.moved_as_read(c, actor_id=ADMIN.id, stage="shortlisted", note="Second, same copy.")


def test_neither_the_ideas_author_nor_a_member_of_its_host_moves_it_and_each_refusal_is_kept(fake, team):
    own = campaign(fake, "open", owner=POLICY, hosted=False)
    with pytest.raises(Forbidden) as raised:
        manifesto.move(POLICY, own.id, stage="shortlisted", note="My own idea.", version=own.version)
    assert (raised.value.code, raised.value.details["rule"]) == ("own_idea", "author")  # the code clients know
    fake.people.add_organisation("carers", {OWNER.id: "admin", POLICY.id: "member"})
    hosted = campaign_logic.start_campaign(OWNER, title="Respite for carers", summary="A week off a year.",
                                           body="Carers burn out.", area="health", organisation_handle="carers")
    campaign_logic.submit_campaign(OWNER, hosted.id)
    hosted = campaign_logic.decide_campaign(MODERATOR, hosted.id, approve=True, reason="Within the rules.")
    with pytest.raises(Forbidden) as raised:
        manifesto.move(POLICY, hosted.id, stage="shortlisted", note="Our own idea.", version=hosted.version)
    assert (raised.value.code, raised.value.details) == (
        "conflict_of_interest", {"rule": "hosting_organisation", "decision": "manifesto"})
    assert fake.campaigns.get_campaign(hosted.id).manifesto is None
    assert [(r.actor_id, r.rule, r.campaign_id, r.requested) for r in fake.refusals.kept] == [
        (POLICY.id, "author", own.id, "shortlisted"), (POLICY.id, "hosting_organisation", hosted.id, "shortlisted")]
    assert manifesto.move(ADMIN, hosted.id, stage="shortlisted", note="Shortlisted by someone else.",
                          version=hosted.version).manifesto.stage == "shortlisted"
