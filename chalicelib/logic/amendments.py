"""Amendments' use cases: anyone signed in proposes one (for themselves, or for a verified organisation
they administer), supports it with the same consent and machinery as a campaign, and reads a
clause's; the policy team decides each, always with a reason, never on their own or their
organisation's. Storage only through the ports: every rule here runs on the fakes.
Each use case is `explained()`: a document or an amendment the store does not find is the 404 the
domain defines (`logic/refusals.py`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chalicelib.domain import limits
from chalicelib.domain.amendments import (
    SUBMITTED,
    Action,
    Amendment,
    Change,
    Verdict,
    change_made_by,
    decided,
    new_amendment_id,
    require_composable,
    require_proposal,
    require_reason,
    require_takes_support,
    require_undecided,
)
from chalicelib.domain.consent import require_support_consent
from chalicelib.domain.documents import Document, require_clause, require_not_adopted, require_takes_amendments
from chalicelib.domain.errors import ConditionFailed, Conflict, InvalidInput, NotFound
from chalicelib.domain.identity import Caller
from chalicelib.domain.organisations import require_speaks_for
from chalicelib.domain.permissions import Decision, conflict_of_interest
from chalicelib.domain.shown import AmendmentPage, AmendmentShown
from chalicelib.domain.times import iso
from chalicelib.logic.conflicts import refuse_if_interested
from chalicelib.logic.documents import require_steers
from chalicelib.logic.people import organisation_by_handle
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained
from chalicelib.messages import Words

CLAUSE_ID_MAX = 64


def _shown(document: Document, amendments: list[Amendment]) -> list[AmendmentShown]:
    """With the names shown beside them: one read of people's names and one of organisations, at most."""
    s = stores()
    people = s.proposers.people({a.proposer_id for a in amendments})
    organisations = s.proposers.standing({a.organisation_id for a in amendments if a.organisation_id})
    current = s.documents.get_version(document.id, document.current_version)
    return [AmendmentShown(a, people.get(a.proposer_id), organisations.get(a.organisation_id or ""),
                           current.clause(a.clause_id), document) for a in amendments]


@explained()
def propose(caller: Caller, document_id: str, *, clause_id: str, action: str, text: str, reason: str,
            organisation: str | None, now: datetime, language: str = "en") -> Amendment:
    """Written in `language` (its words and reason). 409 outside the window (or once adopted); 400 for a
    clause not in the current version or words that do not fit; 403 for an organisation the caller does
    not administer or that is not verified; 429 past the proposer's cap for the document. All or nothing."""
    s = stores()
    at = iso(now)
    document = s.documents.get_document(document_id)
    require_takes_amendments(document, at)
    clause = require_clause(s.documents.get_version(document.id, document.current_version), clause_id)
    kind = Action(action)
    words = require_proposal(kind, text, clause.text)
    why = require_reason(reason)
    s.people.ensure_person(caller)  # the proposer's public name is their profile's
    organisation_id = None
    limit, subject = limits.AMENDMENTS_BY_PERSON, limits.per_document(document.id, caller.id)
    if organisation:
        org = organisation_by_handle(organisation)
        standing = s.proposers.standing({org.id}).get(org.id)
        require_speaks_for(s.people.membership_role(org.id, caller.id), bool(standing and standing.verified),
                           organisation)
        organisation_id = org.id
        limit, subject = limits.AMENDMENTS_BY_ORGANISATION, limits.per_document(document.id, org.id)
    amendment = Amendment(id=new_amendment_id(at), document_id=document.id, clause_id=clause.id, action=kind,
                          text=words, reason=why, proposer_id=caller.id, proposed_at=at,
                          against_version=document.current_version, organisation_id=organisation_id,
                          language=language)
    try:
        with explained(limit):  # a spent cap (429), an account being erased
            return s.amendments.propose(amendment, person_id=caller.id, limit=limit, limit_subject=subject, now=at)
    except ConditionFailed as failed:
        if "document" not in failed.failed:
            raise
        fresh = s.documents.get_document(document.id, consistent=True)
        require_takes_amendments(fresh, at)
        raise Conflict(code="document_changed", details={"current_version": fresh.current_version}) from failed


@explained()
def of_clause(document_id: str, clause_id: str | None, limit: int, cursor: str | None) -> AmendmentPage:
    """A clause's amendments in the order the policy team chose for the document (most supported by
    default): one Query; without a clause, the document's, clause by clause."""
    s = stores()
    document = s.documents.document_now(document_id)
    if clause_id is not None and not 0 < len(clause_id) <= CLAUSE_ID_MAX:  # never a key DynamoDB refuses
        raise NotFound(code="clause_not_found", wording="document")
    if clause_id:
        found, following = s.amendments.of_clause(document.id, clause_id, document.amendment_order, limit, cursor)
    else:
        found, following = s.amendments.of_document(document.id, limit, cursor)
    current = s.documents.get_version(document.id, document.current_version)
    return AmendmentPage(document, current.clause(clause_id) if clause_id else None, _shown(document, found),
                         following)


@explained()
def shown(amendment_id: str) -> AmendmentShown:
    return present(stores().amendments.get_amendment(amendment_id))


def present(amendment: Amendment) -> AmendmentShown:
    """An amendment with the names shown beside it (a proposal's answer reads it no more)."""
    return _shown(stores().documents.document_now(amendment.document_id), [amendment])[0]


def _refuse_own(caller: Caller, amendment: Amendment, verdict: str) -> None:
    """The one conflict-of-interest rule (`domain.permissions.conflict_of_interest`): its proposer, or an
    accepted member of the organisation it was proposed for, is refused (403), and the refusal recorded."""
    member = amendment.organisation_id is not None and \
        stores().people.membership_role(amendment.organisation_id, caller.id) is not None
    refuse_if_interested(caller, Decision.AMENDMENT,
                         conflict_of_interest(caller.id, author_id=amendment.proposer_id, member_of_host=member),
                         thing="amendment", instead=Words("conflict_of_interest.instead.policy_team_decides"),
                         target=f"amendment#{amendment.id}", campaign_id="", requested=verdict)


@explained()
def decide(caller: Caller, amendment_id: str, *, verdict: str, reason: str | None, text: str | None,
           composite_of: list[str], now: datetime) -> AmendmentShown:
    """The policy team's decision with its reason (400 without), audited with the clause's words
    before; for a composite, every amendment in it at once. The proposers and supporters of each
    hear of it (its outbox event)."""
    s = stores()
    amendment = s.amendments.get_amendment(amendment_id)
    document = s.documents.get_document(amendment.document_id, consistent=True)
    require_steers(caller, document.area)
    _refuse_own(caller, amendment, verdict)
    require_not_adopted(document)
    clause = s.documents.get_version(document.id, document.current_version).clause(amendment.clause_id)
    kind = Verdict(verdict)
    decision = decided(amendment, kind, reason, text, composite_of=tuple(composite_of),
                       clause_text=clause.text if clause else "", at=iso(now))
    if clause is None and kind is not Verdict.REJECTED:
        raise Conflict(code="clause_gone", details={"clause_id": amendment.clause_id})
    group = [amendment]
    if kind is Verdict.COMPOSITED:
        found = s.amendments.get_amendments(list(decision.composite_of[1:]))
        missing = [i for i in decision.composite_of[1:] if i not in found]
        if missing:
            raise InvalidInput(code="invalid_decision", wording="missing",
                               details={"fields": {"composite_of": missing[0]}})
        others = [found[i] for i in decision.composite_of[1:]]
        require_composable(amendment, others)
        for other in others:
            _refuse_own(caller, other, verdict)
        group += others
    made = [replace(a, decision=decision) for a in group]
    changes: dict[str, Change] = {a.id: c for a in made if (c := change_made_by(a)) is not None}
    _refuse_clashing_change(document, changes)
    number = clause.number if clause else "?"
    try:
        s.amendments.decide(document, made, changes, headline=number, summary=document.title,
                            actor_id=caller.id, now=now)
    except ConditionFailed as failed:
        if "document" in failed.failed:
            require_not_adopted(s.documents.get_document(document.id, consistent=True))
        for other in group:
            require_undecided(s.amendments.get_amendment(other.id))
        raise
    return _shown(document, [made[0]])[0]


def _refuse_clashing_change(document: Document, changes: dict[str, Change]) -> None:
    """Two rewordings (or a rewording and a deletion) of one clause waiting for the same version would
    leave one silently lost: composite them, or publish a version between the two decisions."""
    rewording = [c for c in changes.values() if c.action is not Action.INSERT_AFTER]
    if not rewording:
        return
    waiting = [a for a in stores().amendments.pending_changes(document.id)
               if a.clause_id == rewording[0].clause_id and (c := change_made_by(a)) is not None
               and c.action is not Action.INSERT_AFTER]
    if waiting:
        raise Conflict(code="clause_has_pending_change",
                       details={"amendment_id": waiting[0].id})


@explained()
def support(caller: Caller, amendment_id: str, consent_version: str | None) -> int:
    """As supporting a campaign: the same consent, the same sharded supports and counters (keyed by the
    amendment), the same rate limit and region, and the same one call on a warm container (a support
    that lands after the decision is removed, uncounted, by the supports' stream)."""
    given = require_support_consent(consent_version)
    s = stores()
    state = s.amendments.support_state(amendment_id, caller.id, limits.SUPPORT_CHANGES, region=True)
    require_takes_support(state)
    s.supports.support(amendment_id, caller.id, consent_version=given, limit=limits.SUPPORT_CHANGES)
    return state.support_count


@explained()
def withdraw(caller: Caller, amendment_id: str) -> int:
    """Always possible; once decided the support is anonymised and the final count stays."""
    s = stores()
    state = s.amendments.support_state(amendment_id, caller.id, limits.SUPPORT_CHANGES)
    if state.status == SUBMITTED:
        s.supports.withdraw(amendment_id, caller.id, limit=limits.SUPPORT_CHANGES)
        return state.support_count
    s.rate_limits.take(limits.SUPPORT_CHANGES, caller.id)
    s.supports.anonymise(amendment_id, caller.id)
    return state.support_count
