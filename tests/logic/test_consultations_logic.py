"""Consultations on the in-memory fakes: the policy team of an area opens and closes them (once,
with a summary), anyone reads them with their public ideas, and closing tells every idea's people."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from chalicelib.domain.identity import Role
from chalicelib.logic import campaigns as campaign_logic
from chalicelib.logic import consultations as logic
from tests.logic.world import ADMIN, MODERATOR, OWNER, person

POLICY = person("policy", Role.POLICY)  # steers health
OTHER_POLICY = person("other-policy", Role.POLICY)  # steers transport


@pytest.fixture
def team(fake):
    fake.people.give_policy_areas(POLICY, ["health"])
    fake.people.give_policy_areas(OTHER_POLICY, ["transport"])


def opened(clock, who=POLICY, area="health", question="How should we cut NHS waiting lists?"):
    now = clock.now()
    return logic.open_consultation(who, area=area, question=question, brief="Tell us what would help most.",
                                   opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=30), now=now)


def answer(consultation_id: str, title: str = "Evening clinics in every town"):
    draft = campaign_logic.start_campaign(OWNER, title=title, summary="GP surgeries should open late.",
                                          body="Working people cannot take mornings off. " * 3, area="health",
                                          organisation_handle=None, consultation_id=consultation_id)
    campaign_logic.submit_campaign(OWNER, draft.id)
    return campaign_logic.decide_campaign(MODERATOR, draft.id, approve=True, reason="Within the rules.")


def test_the_policy_team_of_the_area_opens_one_and_its_asker_is_named(fake, clock, team):
    shown = opened(clock)
    [consultation] = shown.consultations
    assert (consultation.area, consultation.created_by) == ("health", POLICY.id)
    assert shown.names.people[POLICY.id].display_name == "New member"
    assert [c.id for c in logic.listed(area="health", state="open", now=clock.now(), limit=10,
                                       cursor=None).consultations] == [consultation.id]


@pytest.mark.parametrize("who", [OTHER_POLICY, OWNER], ids=["another area's team", "a citizen"])
def test_nobody_else_opens_one(fake, clock, team, who):
    with pytest.raises(Forbidden) as raised:
        opened(clock, who=who)
    assert raised.value.code == "not_policy_of_area"
    assert fake.consultations.items == {}


def test_an_admin_opens_one_in_any_area(fake, clock, team):
    assert opened(clock, who=ADMIN, area="transport").consultations[0].area == "transport"


def test_dates_that_do_not_work_are_refused_field_by_field(fake, clock, team):
    now = clock.now()
    with pytest.raises(InvalidInput) as raised:
        logic.open_consultation(POLICY, area="health", question="When?", brief="Soon.", opens_at=now,
                                closes_at=now - timedelta(days=1), now=now)
    assert raised.value.code == "invalid_dates" and "closes_at" in raised.value.details["fields"]


def test_its_page_shows_its_public_ideas_most_supported_first(fake, clock, team):
    consultation = opened(clock).consultations[0]
    idea = answer(consultation.id)
    shown = logic.shown(consultation.id)
    assert [c.id for c in shown.ideas] == [idea.id]
    assert POLICY.id in shown.names.people


def test_an_unknown_consultation_is_not_found(fake):
    with pytest.raises(NotFound) as raised:
        logic.shown("no-such-consultation")
    assert raised.value.code == "consultation_not_found"


def test_closing_publishes_the_summary_once_and_tells_every_idea(fake, clock, team):
    consultation = opened(clock).consultations[0]
    ideas = [answer(consultation.id), answer(consultation.id, title="Walk-in centres open at weekends")]
    closed = logic.close(POLICY, consultation.id, "We heard you: evening clinics come first.", clock.now())
    assert closed.consultation.summary == "We heard you: evening clinics come first."
    assert (f"consultation#{consultation.id}", f"consultation_closed#{consultation.id}") in fake.outbox.events
    with pytest.raises(Conflict) as again:
        logic.close(POLICY, consultation.id, "A second summary.", clock.now())
    assert again.value.code == "consultation_closed"
    assert logic.announce(consultation.id) == 2  # one event per idea, for its people
    assert logic.announce(consultation.id) == 0  # a retried batch tells nobody twice
    assert {cid for (cid, key) in fake.outbox.events if key == f"consultation_closed#{consultation.id}"} >= {
        i.id for i in ideas}


def test_a_close_from_a_copy_read_before_anothers_close_is_refused(fake, clock, team):
    consultation = opened(clock).consultations[0]
    first, second = fake.consultations.get_consultation(consultation.id), fake.consultations.get_consultation(
        consultation.id)
    logic.closed_as_read(first, summary="The first summary.", actor_id=POLICY.id, now=clock.now())
    with pytest.raises(Conflict) as raised:
        logic.closed_as_read(second, summary="The second summary.", actor_id=ADMIN.id, now=clock.now())
    assert raised.value.code == "consultation_closed"
    assert fake.consultations.get_consultation(consultation.id).summary == "The first summary."


def test_another_areas_team_may_not_close_it(fake, clock, team):
    consultation = opened(clock).consultations[0]
    with pytest.raises(Forbidden):
        logic.close(OTHER_POLICY, consultation.id, "Not ours to close.", clock.now())
    assert fake.consultations.get_consultation(consultation.id).closed_at is None


def test_a_closed_consultation_takes_no_more_answers(fake, clock, team):
    consultation = opened(clock).consultations[0]
    logic.close(POLICY, consultation.id, "We heard you: evening clinics come first.", clock.now())
    with pytest.raises(InvalidInput) as raised:
        answer(consultation.id)
    assert raised.value.code == "consultation_not_open"


def test_a_bad_cursor_is_a_400(fake, clock, team):
    with pytest.raises(InvalidInput) as raised:
        logic.listed(area="health", state="open", now=clock.now(), limit=10, cursor="forged|1")
    assert raised.value.code == "invalid_cursor"
