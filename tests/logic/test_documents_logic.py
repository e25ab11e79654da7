"""Policy documents' use cases on the fakes: publishing a draft, proposing amendments (windows, caps,
organisations), supporting them, deciding with reasons (and who may not), publishing versions that
apply the decided changes (and finishing an interrupted one), diffs, linking ideas, trails, adoption."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
from chalicelib.domain.documents import AmendmentOrder, Status
from chalicelib.domain.errors import (
    Busy,
    ConditionFailed,
    Conflict,
    Forbidden,
    InvalidInput,
    LabourspaceError,
    RateLimited,
)
from chalicelib.domain.identity import Role
from chalicelib.domain.organisations import Kind
from chalicelib.domain.trail import StepKind
from chalicelib.domain.versions import Kind as DiffKind
from chalicelib.logic import amendments, documents, people, trail
from tests.logic.world import ADMIN, campaign, person

POLICY = person("policy", Role.POLICY)
POLICY_2 = person("policy-2", Role.POLICY)
TRANSPORT = person("transport", Role.POLICY)
ADA, BEN, CHLOE = person("ada"), person("ben"), person("chloe")
WHY = "Working people cannot reach a GP in the day."
DECIDED_WHY = "Costed: it fits within the fiscal rules."


@pytest.fixture
def team(fake):
    fake.people.give_policy_areas(POLICY, ["health"])
    fake.people.give_policy_areas(POLICY_2, ["health"])
    fake.people.give_policy_areas(TRANSPORT, ["transport"])
    return fake


def _draft(fake, who=POLICY, days=30):
    return documents.publish_draft(
        who, area="health", title="A healthier Britain", summary="Our plan for the NHS.",
        chapters=[("GPs", ["Every town keeps a GP surgery.", "Appointments within a week."]),
                  ("Hospitals", ["Waiting lists cut by half."])],
        amendments_close_at=fake.rate_limits.clock.now() + timedelta(days=days),
        amendment_order=AmendmentOrder.MOST_SUPPORTED, now=fake.rate_limits.clock.now())


def _clauses(fake, document_id, version=None):
    shown = documents.read(document_id, str(version) if version else None, fake.rate_limits.clock.now())
    return [c for ch in shown.version.chapters for c in ch.clauses]


def _propose(fake, who, document, clause_index=0, action="replace", text="Every town keeps two GP surgeries.",
             organisation=None):
    clause = _clauses(fake, document.id)[clause_index]
    return amendments.propose(who, document.id, clause_id=clause.id, action=action, text=text, reason=WHY,
                              organisation=organisation, now=fake.rate_limits.clock.now())


def _decide(fake, who, amendment, verdict, reason=DECIDED_WHY, text=None, composite_of=()):
    return amendments.decide(who, amendment.id, verdict=verdict, reason=reason, text=text,
                             composite_of=list(composite_of), now=fake.rate_limits.clock.now())


def test_the_policy_team_of_the_area_or_an_admin_publishes_a_draft(team):
    document = _draft(team)
    assert document.current_version == 1 and document.status(team.rate_limits.clock.iso()) is Status.OPEN
    assert [c.number for c in _clauses(team, document.id)] == ["1.1", "1.2", "2.1"]
    assert _draft(team, ADMIN).area == "health"
    for who in (TRANSPORT, ADA):
        with pytest.raises(Forbidden):
            _draft(team, who)
    with pytest.raises(InvalidInput) as window:
        _draft(team, days=-1)
    assert window.value.code == "invalid_dates"


def test_a_proposal_outside_the_window_or_to_an_unknown_clause_is_refused(team):
    document = _draft(team, days=1)
    with pytest.raises(InvalidInput) as unknown:
        amendments.propose(ADA, document.id, clause_id="cl-nope", action="delete", text="", reason=WHY,
                           organisation=None, now=team.rate_limits.clock.now())
    assert unknown.value.code == "unknown_clause"
    made = _propose(team, ADA, document)
    assert made.status == "submitted"
    assert team.documents.get_document(document.id).undecided == 1
    team.rate_limits.clock.advance(days=2)
    with pytest.raises(Conflict) as closed:
        _propose(team, BEN, document)
    assert closed.value.code == "amendments_closed"


def test_a_person_proposes_five_to_a_document_and_an_organisation_ten(team):
    document = _draft(team)
    for n in range(5):
        _propose(team, ADA, document, text=f"Reworded, take {n}.")
    with pytest.raises(RateLimited) as capped:
        _propose(team, ADA, document, text="A sixth.")
    assert "5 amendments" in capped.value.message
    org = team.people.add_organisation("bristol-west-clp", {ADA.id: "admin", BEN.id: "member"})
    with pytest.raises(Forbidden) as unverified:
        _propose(team, ADA, document, organisation=org.handle)
    assert unverified.value.code == "organisation_not_verified"
    team.proposers.verify(org.id, Kind.CONSTITUENCY_PARTY, ADMIN.id, team.rate_limits.clock.now())
    with pytest.raises(Forbidden) as not_admin:
        _propose(team, BEN, document, organisation=org.handle)
    assert not_admin.value.code == "not_organisation_admin"
    for n in range(10):  # the organisation's own ten, whatever its admin proposed alone
        assert _propose(team, ADA, document, text=f"The party's wording {n}.", organisation=org.handle
                        ).organisation_id == org.id
    with pytest.raises(RateLimited):
        _propose(team, ADA, document, text="An eleventh.", organisation=org.handle)


def test_amendments_are_supported_like_campaigns_until_decided(team):
    document = _draft(team)
    made = _propose(team, ADA, document)
    assert amendments.support(BEN, made.id, SUPPORT_CONSENT_VERSION) == 0
    amendments.support(BEN, made.id, SUPPORT_CONSENT_VERSION)  # twice counts once
    amendments.support(CHLOE, made.id, SUPPORT_CONSENT_VERSION)
    with pytest.raises(InvalidInput) as no_consent:
        amendments.support(ADMIN, made.id, None)
    assert no_consent.value.code == "consent_required"
    page = amendments.of_clause(document.id, made.clause_id, 20, None)
    assert [(a.amendment.id, a.amendment.support_count) for a in page.items] == [(made.id, 2)]
    _decide(team, POLICY, made, "rejected")
    with pytest.raises(Conflict) as decided:
        amendments.support(ADMIN, made.id, SUPPORT_CONSENT_VERSION)
    assert decided.value.code == "amendment_decided"
    assert amendments.withdraw(BEN, made.id) == 2  # anonymised: the final count stays
    assert team.amendments.get_amendment(made.id).support_count == 2


def test_every_decision_has_a_reason_and_nobody_decides_their_own(team):
    document = _draft(team)
    org = team.people.add_organisation("leeds-clp", {ADA.id: "admin", POLICY_2.id: "member"})
    team.proposers.verify(org.id, Kind.CONSTITUENCY_PARTY, ADMIN.id, team.rate_limits.clock.now())
    own = _propose(team, POLICY, document)
    theirs = _propose(team, ADA, document, organisation=org.handle)
    with pytest.raises(Forbidden) as proposer:
        _decide(team, POLICY, own, "accepted")
    assert proposer.value.code == "conflict_of_interest"
    with pytest.raises(Forbidden) as member:
        _decide(team, POLICY_2, theirs, "accepted")
    assert member.value.code == "conflict_of_interest"
    for who in (TRANSPORT, ADA):
        with pytest.raises(Forbidden):
            _decide(team, who, theirs, "rejected")
    with pytest.raises(InvalidInput) as no_reason:
        _decide(team, POLICY, theirs, "rejected", reason="")
    assert no_reason.value.code == "reason_required"
    with pytest.raises(InvalidInput) as no_wording:
        _decide(team, POLICY, theirs, "accepted_in_part")
    assert no_wording.value.code == "invalid_decision"
    shown = _decide(team, POLICY, theirs, "rejected")
    assert shown.amendment.status == "rejected" and shown.organisation and shown.organisation.handle == "leeds-clp"
    with pytest.raises(Conflict):
        _decide(team, ADMIN, theirs, "accepted")
    subject, actor, action, reason, before = team.amendments.audit_trail[-1]
    assert (subject, actor, action, reason, before) == (f"amendment#{theirs.id}", POLICY.id, "decision:rejected",
                                                        DECIDED_WHY, "Every town keeps a GP surgery.")
    assert (theirs.id, "decision") in team.outbox.events  # its proposer and supporters hear of it


def test_a_new_version_applies_what_was_accepted_and_composited_and_the_diff_shows_it(team):
    document = _draft(team)
    first, second, third = (_clauses(team, document.id)[i] for i in range(3))
    in_part = _propose(team, ADA, document, 0, text="Every town keeps a GP surgery open until 8pm daily.")
    rejected = _propose(team, BEN, document, 0, action="delete", text="")
    a = _propose(team, BEN, document, 2, text="Waiting lists cut by two thirds.")
    b = _propose(team, CHLOE, document, 2, text="No wait longer than 18 weeks.")
    inserted = _propose(team, CHLOE, document, 1, action="insert_after", text="Pharmacies prescribe more.")
    _decide(team, POLICY, in_part, "accepted_in_part", text="Every town keeps a GP surgery open until 8pm.")
    _decide(team, POLICY, rejected, "rejected")
    _decide(team, POLICY, a, "composited", text="Waiting lists cut by half, and no wait over 18 weeks.",
            composite_of=[b.id])
    _decide(team, POLICY, inserted, "accepted")
    assert team.documents.get_document(document.id).pending == 3
    published = documents.publish_version(POLICY, document.id, note="After the spring round.",
                                          amendments_close_at=None, now=team.rate_limits.clock.now())
    assert published.current_version == 2 and published.pending == 0
    after = _clauses(team, document.id)
    assert [(c.number, c.text) for c in after] == [
        ("1.1", "Every town keeps a GP surgery open until 8pm."), ("1.2", second.text),
        ("1.3", "Pharmacies prescribe more."), ("2.1", "Waiting lists cut by half, and no wait over 18 weeks.")]
    assert [after[0].id, after[1].id, after[3].id] == [first.id, second.id, third.id]
    assert [c.text for c in _clauses(team, document.id, 1)] == [first.text, second.text, third.text]
    change = documents.compare(document.id, "1", "2")
    assert [(d.clause_id, d.kind, d.amendment_ids) for d in change.clauses] == [
        (first.id, DiffKind.CHANGED, (in_part.id,)), (after[2].id, DiffKind.ADDED, (inserted.id,)),
        (third.id, DiffKind.CHANGED, (a.id, b.id))]
    assert documents.compare(document.id, "2", "2").clauses == ()
    assert team.amendments.get_amendment(a.id).applied_in_version == 2
    assert team.amendments.get_amendment(rejected.id).applied_in_version is None
    again = documents.publish_version(POLICY, document.id, note="", amendments_close_at=None,
                                      now=team.rate_limits.clock.now())
    assert [c.text for c in _clauses(team, document.id, again.current_version)] == [c.text for c in after]


def test_two_rewordings_of_one_clause_waiting_together_are_refused(team):
    document = _draft(team)
    one, two = _propose(team, ADA, document), _propose(team, BEN, document, text="Every village keeps one too.")
    _decide(team, POLICY, one, "accepted")
    with pytest.raises(Conflict) as clash:
        _decide(team, POLICY, two, "accepted")
    assert clash.value.code == "clause_has_pending_change"


def test_a_publication_interrupted_before_its_amendments_left_the_pending_list_is_finished_next_time(team):
    document = _draft(team)
    made = _propose(team, ADA, document)
    _decide(team, POLICY, made, "accepted")
    real = team.amendments.mark_applied
    team.amendments.mark_applied = lambda ids, version, at: 0  # the Lambda died right after the transaction
    documents.publish_version(POLICY, document.id, note="", amendments_close_at=None, now=team.rate_limits.clock.now())
    team.amendments.mark_applied = real
    assert made.id in team.amendments.pending  # still listed as waiting...
    third = documents.publish_version(POLICY, document.id, note="", amendments_close_at=None,
                                      now=team.rate_limits.clock.now())
    assert made.id not in team.amendments.pending  # ...and not applied twice
    assert team.amendments.get_amendment(made.id).applied_in_version == 2
    assert team.documents.get_version(document.id, third.current_version).changes == {}


def test_linking_an_idea_to_a_clause_tells_its_people_once_and_shows_on_its_trail(team):
    document = _draft(team)
    idea = campaign(team, "open", title="Evening GP clinics")
    clause = _clauses(team, document.id)[1]
    linked = documents.set_origins(POLICY, document.id, clause.id, [idea.id], team.rate_limits.clock.now())
    assert [(o.campaign_id, o.clause_number, o.version) for o in linked] == [(idea.id, "1.2", 1)]
    documents.set_origins(POLICY, document.id, clause.id, [], team.rate_limits.clock.now())
    documents.set_origins(POLICY, document.id, clause.id, [idea.id], team.rate_limits.clock.now())
    shaped = [k for (c, k) in team.outbox.events if c == idea.id and k.startswith("clause_shaped")]
    assert len(shaped) == 1
    with pytest.raises(InvalidInput):
        documents.set_origins(POLICY, document.id, clause.id, [campaign(team, "draft").id],
                              team.rate_limits.clock.now())
    steps = trail.of_campaign(idea.id).steps
    assert [s.kind for s in steps] == [StepKind.OPENED, StepKind.SHAPED_CLAUSE]
    assert "clause 1.2" in steps[-1].text


def test_a_document_is_adopted_once_nothing_waits_and_each_idea_hears_once(team):
    document = _draft(team)
    idea = campaign(team, "open", title="Evening GP clinics")
    documents.set_origins(POLICY, document.id, _clauses(team, document.id)[0].id, [idea.id],
                          team.rate_limits.clock.now())
    made = _propose(team, ADA, document)
    with pytest.raises(Conflict) as undecided:
        documents.adopt(POLICY, document.id, "Adopted at conference.", team.rate_limits.clock.now())
    assert undecided.value.details == {"undecided": 1, "unpublished_changes": 0}
    _decide(team, POLICY, made, "accepted")
    with pytest.raises(Conflict):
        documents.adopt(POLICY, document.id, "Adopted at conference.", team.rate_limits.clock.now())
    documents.publish_version(POLICY, document.id, note="", amendments_close_at=None, now=team.rate_limits.clock.now())
    adopted = documents.adopt(POLICY, document.id, "Adopted at conference.", team.rate_limits.clock.now())
    assert adopted.status(team.rate_limits.clock.iso()) is Status.ADOPTED
    assert documents.announce_adoption(document.id) == 1
    assert documents.announce_adoption(document.id) == 0  # a retried batch tells nobody twice
    with pytest.raises(Conflict) as closed:
        _propose(team, BEN, document)
    assert closed.value.code == "document_adopted"
    outcome = trail.of_campaign(idea.id)
    assert outcome.steps[-1].kind is StepKind.ADOPTED and outcome.outcome.startswith("Adopted")
    amendment_trail = trail.of_amendment(made.id)
    assert [s.kind for s in amendment_trail.steps] == [StepKind.PROPOSED, StepKind.DECIDED, StepKind.IN_VERSION,
                                                       StepKind.ADOPTED]


@pytest.mark.parametrize(("refusal", "code"), [(ConditionFailed("organisation"), "organisation_not_found"),
                                                (Busy(), "dependency_unavailable")])
def test_verifying_an_organisation_that_went_or_was_busy_says_so_rather_than_failing(team, monkeypatch, refusal,
                                                                                      code):
    org = team.people.add_organisation("hull-clp", {ADA.id: "admin"})

    def refuse(*_args):
        raise refusal

    monkeypatch.setattr(team.proposers, "verify", refuse)
    with pytest.raises(LabourspaceError) as refused:
        people.verify_organisation(ADMIN, org.handle, Kind.CONSTITUENCY_PARTY.value, team.rate_limits.clock.now())
    assert refused.value.code == code
