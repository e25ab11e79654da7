"""The rules of policy documents, amendments, decisions and trails: pure functions, no AWS."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.amendments import (
    Action,
    Amendment,
    Decision,
    SupportState,
    Verdict,
    change_made_by,
    decided,
    is_amendment_id,
    new_amendment_id,
    require_composable,
    require_proposal,
    require_takes_support,
)
from chalicelib.domain.documents import (
    Document,
    Status,
    draft,
    require_adoptable,
    require_takes_amendments,
    require_valid_text,
    require_valid_window,
    version_number,
)
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput
from chalicelib.domain.manifesto import Move, Stage, Tracked
from chalicelib.domain.organisations import require_speaks_for, shown_kind
from chalicelib.domain.trail import DocumentFacts, IdeaFacts, Origin, StepKind, amendment_trail, campaign_trail

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
AT = "2026-12-01T12:00:00.000000Z"


def _document(**changes) -> Document:
    base = dict(id="doc-1", area="health", title="A healthier Britain", summary="", current_version=1,
                amendments_close_at="2026-12-31T00:00:00.000000Z", created_at=AT)
    return Document(**{**base, **changes})


def _amendment(**changes) -> Amendment:
    base = dict(id="am-20261201120000-aaaaaa", document_id="doc-1", clause_id="cl-1", action=Action.REPLACE,
                text="Every GP open until 8pm.", reason="Working people cannot see a GP by day.",
                proposer_id="ada", proposed_at=AT, against_version=1)
    return Amendment(**{**base, **changes})


def test_a_document_is_open_until_its_window_closes_then_closed_until_adopted():
    document = _document()
    assert document.status("2026-12-30T23:59:59.000000Z") is Status.OPEN
    assert document.status("2026-12-31T00:00:00.000000Z") is Status.CLOSED
    assert _document(adopted_at=AT).status("2026-12-02") is Status.ADOPTED
    with pytest.raises(Conflict) as closed:
        require_takes_amendments(document, "2027-01-01")
    assert closed.value.code == "amendments_closed"
    with pytest.raises(Conflict) as adopted:
        require_takes_amendments(_document(adopted_at=AT), "2026-12-02")
    assert adopted.value.code == "document_adopted"


def test_a_draft_is_numbered_chapter_by_chapter_with_an_id_for_each_clause():
    chapters = draft([("Homes", ["Build.", "Rent."]), ("Health", ["Nurses."])])
    assert [(c.number, c.text) for ch in chapters for c in ch.clauses] == [("1.1", "Build."), ("1.2", "Rent."),
                                                                         ("2.1", "Nurses.")]
    ids = [c.id for ch in chapters for c in ch.clauses]
    assert len(set(ids)) == 3 and all(i.startswith("cl-") for i in ids)


def test_bad_text_and_windows_are_400s_naming_the_field():
    with pytest.raises(InvalidInput) as bad:
        require_valid_text("", "", [("Homes", ["", "x" * 2001])])
    assert set(bad.value.details["fields"]) == {"title", "chapters[0].clauses[0]", "chapters[0].clauses[1]"}
    with pytest.raises(InvalidInput) as empty:
        require_valid_text("Title", "", [])
    assert "chapters" in empty.value.details["fields"]
    for when in (NOW - timedelta(seconds=1), NOW + timedelta(days=367)):
        with pytest.raises(InvalidInput) as window:
            require_valid_window(when, NOW)
        assert window.value.code == "invalid_dates"
    require_valid_window(NOW + timedelta(days=30), NOW)


def test_a_version_asked_for_must_exist():
    assert version_number(None, 3) == 3 and version_number("2", 3) == 2
    for bad in ("0", "4", "two", "-1"):
        with pytest.raises(InvalidInput):
            version_number(bad, 3)


def test_a_document_is_adopted_only_when_nothing_waits():
    require_adoptable(_document())
    for waiting in ({"undecided": 1}, {"pending": 2}):
        with pytest.raises(Conflict) as refused:
            require_adoptable(_document(**waiting))
        assert refused.value.code == "document_unfinished"


def test_proposals_need_words_that_change_something_and_a_deletion_none():
    assert require_proposal(Action.REPLACE, "  New words.  ", "Old words.") == "New words."
    assert require_proposal(Action.DELETE, "", "Old words.") == ""
    for action, text in ((Action.REPLACE, "Old words."), (Action.INSERT_AFTER, " "), (Action.DELETE, "x"),
                         (Action.REPLACE, "y" * 2001)):
        with pytest.raises(InvalidInput):
            require_proposal(action, text, "Old words.")


def test_every_decision_needs_a_reason_and_what_its_verdict_takes():
    amendment = _amendment()
    for reason in (None, "", "too short"):
        with pytest.raises(InvalidInput) as missing:
            decided(amendment, Verdict.REJECTED, reason, None, composite_of=(), clause_text="Old", at=AT)
        assert missing.value.code == "reason_required"
    why = "Costed and affordable within the fiscal rules."
    for verdict, text, composite in ((Verdict.ACCEPTED_IN_PART, None, ()), (Verdict.COMPOSITED, "Words.", ()),
                                     (Verdict.ACCEPTED, "Extra words", ()), (Verdict.REJECTED, None, ("am-x",))):
        with pytest.raises(InvalidInput) as invalid:
            decided(amendment, verdict, why, text, composite_of=composite, clause_text="Old", at=AT)
        assert invalid.value.code == "invalid_decision"
    made = decided(amendment, Verdict.COMPOSITED, why, "Words.", composite_of=("am-x", amendment.id, "am-x"),
                   clause_text="Old", at=AT)
    assert made.composite_of == (amendment.id, "am-x") and made.lead_id == amendment.id
    assert made.text_before == "Old"
    with pytest.raises(Conflict):
        decided(Amendment(**{**amendment.__dict__, "decision": made}), Verdict.REJECTED, why, None,
                composite_of=(), clause_text="Old", at=AT)


def test_what_each_decision_does_to_the_text():
    why = "A reason long enough."

    def made(verdict, action=Action.REPLACE, text=None, composite=(), lead=None, amendment_id="am-1"):
        decision = Decision(verdict, why, AT, "Old", text, lead, composite)
        return change_made_by(_amendment(id=amendment_id, action=action, decision=decision))

    assert made(Verdict.REJECTED) is None
    accepted = made(Verdict.ACCEPTED)
    assert accepted and (accepted.action, accepted.text, accepted.amendment_ids) == (
        Action.REPLACE, "Every GP open until 8pm.", ("am-1",))
    in_part = made(Verdict.ACCEPTED_IN_PART, Action.DELETE, "Kept, reworded.")
    assert in_part and (in_part.action, in_part.text) == (Action.REPLACE, "Kept, reworded.")
    lead = made(Verdict.COMPOSITED, Action.INSERT_AFTER, "Together.", ("am-1", "am-2"), "am-1")
    assert lead and (lead.action, lead.text, lead.amendment_ids) == (Action.INSERT_AFTER, "Together.", ("am-1", "am-2"))
    carried = made(Verdict.COMPOSITED, text="Together.", composite=("am-1", "am-2"), lead="am-1", amendment_id="am-2")
    assert carried is None


def test_composites_join_undecided_amendments_to_one_clause():
    lead = _amendment()
    require_composable(lead, [_amendment(id="am-2")])
    with pytest.raises(InvalidInput):
        require_composable(lead, [_amendment(id="am-3", clause_id="cl-2")])


def test_amendments_take_support_until_decided():
    require_takes_support(SupportState("am-1", "submitted", 3))
    with pytest.raises(Conflict) as decided_already:
        require_takes_support(SupportState("am-1", "rejected", 3))
    assert decided_already.value.code == "amendment_decided"


def test_amendment_ids_sort_by_time_and_never_look_like_a_campaign():
    earlier, later = new_amendment_id("2026-12-01T12:00:00.000000Z"), new_amendment_id("2026-12-01T12:00:01.000Z")
    assert earlier < later and is_amendment_id(earlier)
    assert not is_amendment_id("0b7c6f1e-2a0e-4c41-9a53-2f3c1d7a9e10")


def test_only_a_verified_organisations_admin_speaks_for_it():
    require_speaks_for("admin", True, "bristol-west-clp")
    for role, verified, code in (("member", True, "not_organisation_admin"), (None, True, "not_organisation_admin"),
                                 ("admin", False, "organisation_not_verified")):
        with pytest.raises(Forbidden) as refused:
            require_speaks_for(role, verified, "bristol-west-clp")
        assert refused.value.code == code
    assert shown_kind("constituency_party", False) is None and shown_kind(None, True) == "other"


def test_an_ideas_trail_runs_from_opening_to_the_adopted_document():
    idea = IdeaFacts("c-1", "Evening GP clinics", "2026-01-01T00:00:00Z", None, ("cons-1", "How to cut waits?"),
                     Tracked((Move(Stage.SHORTLISTED, "Costing it now.", "2026-02-01T00:00:00Z"),)))
    origin = Origin("c-1", "doc-1", "cl-1", "2.3", "A healthier Britain", 2, "2026-03-01T00:00:00Z")
    trail = campaign_trail(idea, [origin], {"doc-1": DocumentFacts("doc-1", "A healthier Britain", 3,
                                                                   "2026-04-01T00:00:00Z")})
    assert [s.kind for s in trail.steps] == [StepKind.OPENED, StepKind.CONSULTATION, StepKind.MANIFESTO,
                                             StepKind.SHAPED_CLAUSE, StepKind.ADOPTED]
    assert [s.at for s in trail.steps] == sorted(s.at for s in trail.steps)
    assert "clause 2.3" in trail.steps[3].text and trail.steps[3].link == "/documents/doc-1?version=2#clause-cl-1"
    assert trail.outcome == 'Adopted: in "A healthier Britain".'
    untouched = campaign_trail(IdeaFacts("c-2", "t", "2026-01-01T00:00:00Z", None, None, None), [], {})
    assert untouched.outcome == "Not yet taken up for the manifesto." and len(untouched.steps) == 1


def test_an_amendments_trail_says_what_was_decided_and_where_it_went():
    decision = Decision(Verdict.ACCEPTED_IN_PART, "We took the evening hours.", "2026-12-02T00:00:00Z", "Old", "New")
    amendment = _amendment(decision=decision, applied_in_version=2, applied_at="2026-12-03T00:00:00Z")
    facts = DocumentFacts("doc-1", "A healthier Britain", 2, None)
    trail = amendment_trail(amendment, facts, "1.1", "Ada")
    assert [s.kind for s in trail.steps] == [StepKind.PROPOSED, StepKind.DECIDED, StepKind.IN_VERSION]
    assert "We took the evening hours." in trail.steps[1].text
    assert trail.steps[2].link == "/documents/doc-1/diff?from=1&to=2"
    assert trail.outcome == "Accepted in part; in version 2."
    waiting = amendment_trail(_amendment(), facts, "1.1", "Ada")
    assert waiting.outcome == "Waiting for the policy team's decision." and len(waiting.steps) == 1
