"""Amendments to one clause of a policy document, and the policy team's decisions on them.

An amendment replaces its clause's text, inserts a new clause after it, or deletes it, with a reason.
The policy team decides each one, always with a reason: accepted; accepted in part (with the wording
taken); composited with others into one wording; rejected. A decision that changes the text waits
(pending) until the next version is published, which applies it (`domain.versions`). Supporters
support until the decision, as they support a campaign until it closes. No AWS, no HTTP.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.errors import Conflict, InvalidInput, NotFound, field_words

REASON_MIN = 10
REASON_MAX = 2000
TEXT_MAX = 2000  # a clause's words (domain.documents.CLAUSE_MAX)
COMPOSITE_MAX = 20  # amendments in one composite: one transaction holds each with its audit and event
AMENDMENT_PREFIX = "am-"
SUBMITTED = "submitted"


class Action(StrEnum):
    REPLACE = "replace"
    INSERT_AFTER = "insert_after"
    DELETE = "delete"


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    ACCEPTED_IN_PART = "accepted_in_part"
    COMPOSITED = "composited"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Decision:
    """The policy team's verdict on an amendment, with its reason and the wording taken."""

    verdict: Verdict
    reason: str
    decided_at: str
    text_before: str  # the clause's words when it was decided (the audit's "before")
    text: str | None = None  # the wording taken (in part) or composited
    lead_id: str | None = None  # composited: the amendment whose change carries the composite wording
    composite_of: tuple[str, ...] = ()  # composited: every amendment in the composite, lead first


@dataclass(frozen=True)
class Amendment:
    """A proposed change to one clause of a policy document's version, and what became of it."""

    id: str
    document_id: str
    clause_id: str
    action: Action
    text: str
    reason: str
    proposer_id: str
    proposed_at: str
    against_version: int
    organisation_id: str | None = None
    support_count: int = 0
    support_by_region: dict[str, int] | None = None
    decision: Decision | None = None
    applied_in_version: int | None = None
    applied_at: str | None = None  # when that version was published
    language: str | None = None  # of its words and reason, "en" or "cy"; None: from before, English

    @property
    def status(self) -> str:
        return self.decision.verdict.value if self.decision else SUBMITTED


@dataclass(frozen=True)
class SupportState:
    """What supporting needs of an amendment, read through a two-second cache (as a campaign's)."""

    amendment_id: str
    status: str
    support_count: int


@dataclass(frozen=True)
class Change:
    """What a decision does to the text when the next version is published."""

    amendment_ids: tuple[str, ...]
    clause_id: str
    action: Action
    text: str
    decided_at: str


def new_amendment_id(now: str) -> str:
    """Time first (to the millisecond), so ids sort by when they were proposed: `am-20261201120000123-3fa9c1`."""
    digits = "".join(ch for ch in now[:23] if ch.isdigit())
    return f"{AMENDMENT_PREFIX}{digits}-{secrets.token_hex(3)}"


def is_amendment_id(thing_id: str) -> bool:
    """Supports, counters and outbox events are keyed by the supported thing: a campaign's id is a
    UUID, which never starts with "am-"."""
    return thing_id.startswith(AMENDMENT_PREFIX)


def require_proposal(action: Action, text: str, clause_text: str) -> str:
    """The words an amendment proposes (400 naming the field): a replacement or an insertion needs
    words, different from the clause's; a deletion takes none."""
    words = text.strip()
    if action is Action.DELETE:
        if words:
            raise InvalidInput(code="invalid_amendment", wording="deletion",
                               details={"fields": {"text": field_words("empty_for_deletion")}})
        return ""
    if not words or len(words) > TEXT_MAX:
        raise InvalidInput(code="invalid_amendment", wording="no_text",
                           details={"fields": {"text": field_words("characters_between", min=1, max=TEXT_MAX)}})
    if action is Action.REPLACE and words == clause_text.strip():
        raise InvalidInput(code="invalid_amendment", wording="same_words",
                           details={"fields": {"text": field_words("different_from_clause")}})
    return words


def require_reason(reason: str | None) -> str:
    """Every decision says why: without a reason it is a 400 (`reason_required`)."""
    given = (reason or "").strip()
    if len(given) < REASON_MIN or len(given) > REASON_MAX:
        raise InvalidInput(code="reason_required", min=REASON_MIN, max=REASON_MAX, details={"fields": {
            "reason": field_words("characters_between", min=REASON_MIN, max=REASON_MAX)}})
    return given


def require_undecided(amendment: Amendment) -> None:
    if amendment.decision is not None:
        raise Conflict(code="amendment_decided", details={"amendment_id": amendment.id, "status": amendment.status})


def decided(amendment: Amendment, verdict: Verdict, reason: str | None, text: str | None, *,
            composite_of: tuple[str, ...], clause_text: str, at: str) -> Decision:
    """The decision the policy team asked for, checked: 400 for what is missing or does not fit."""
    require_undecided(amendment)
    why = require_reason(reason)
    words = (text or "").strip()
    fields: dict[str, str] = {}
    if verdict in (Verdict.ACCEPTED_IN_PART, Verdict.COMPOSITED) and not 0 < len(words) <= TEXT_MAX:
        fields["text"] = field_words("wording_taken", min=1, max=TEXT_MAX)
    if verdict in (Verdict.ACCEPTED, Verdict.REJECTED) and words:
        fields["text"] = field_words("only_for_partial_or_composited")
    if verdict is Verdict.COMPOSITED:
        others = tuple(dict.fromkeys(i for i in composite_of if i != amendment.id))
        if not others or len(others) >= COMPOSITE_MAX:
            fields["composite_of"] = field_words("other_amendments", min=1, max=COMPOSITE_MAX - 1)
        composite = (amendment.id, *others)
    else:
        composite = ()
        if composite_of:
            fields["composite_of"] = field_words("only_for_composited")
    if fields:
        raise InvalidInput(code="invalid_decision",
                           details={"fields": fields})
    return Decision(verdict, why, at, clause_text, words or None, amendment.id if composite else None, composite)


def require_composable(lead: Amendment, others: list[Amendment]) -> None:
    """A composite joins undecided amendments to the same clause of the same document."""
    for other in others:
        if other.document_id != lead.document_id or other.clause_id != lead.clause_id:
            raise InvalidInput(code="invalid_decision", wording="other_clause",
                               details={"fields": {"composite_of": other.id}})
        require_undecided(other)


def change_made_by(amendment: Amendment) -> Change | None:
    """What the decided amendment does to the text when the next version is published; None when it
    changes nothing (rejected, or composited into another's wording)."""
    decision = amendment.decision
    if decision is None or decision.verdict is Verdict.REJECTED:
        return None
    if decision.verdict is Verdict.ACCEPTED:
        return Change((amendment.id,), amendment.clause_id, amendment.action, amendment.text, decision.decided_at)
    if decision.verdict is Verdict.COMPOSITED and decision.lead_id != amendment.id:
        return None
    # In part, or the composite's lead: the wording taken. A deletion taken in part keeps the
    # clause with that wording; an insertion inserts it.
    action = Action.INSERT_AFTER if amendment.action is Action.INSERT_AFTER else Action.REPLACE
    behind = decision.composite_of or (amendment.id,)
    return Change(behind, amendment.clause_id, action, decision.text or "", decision.decided_at)


def require_takes_support(state: SupportState) -> None:
    """Supported until decided: the decision freezes the count, as closing freezes a campaign's."""
    if state.status != SUBMITTED:
        raise Conflict(code="amendment_decided", wording="support",
                       details={"status": state.status})


def not_found() -> NotFound:
    return NotFound(code="amendment_not_found")
