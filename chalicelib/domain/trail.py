"""What became of an idea or an amendment: its trail, step by step, oldest first, and where it ended.

Decidim's accountability module links each result to the proposals behind it; here every campaign
and every amendment can be followed from the moment it was made to the words it shaped and the
document the party adopted. Built from what is stored (the campaign's moves, the links the policy
team made from clauses to ideas, the decisions): nothing is written for a trail. No AWS, no HTTP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from chalicelib.domain.manifesto import Stage, Tracked
from chalicelib.messages import Words, label, plural_text, text

if TYPE_CHECKING:
    from chalicelib.domain.amendments import Amendment


class StepKind(StrEnum):
    OPENED = "opened"  # a campaign opened for support
    CONSULTATION = "consultation"  # it answered a consultation
    MANIFESTO = "manifesto"  # a move in the manifesto tracker, with the policy team's note
    SHAPED_CLAUSE = "shaped_clause"  # the policy team linked it to a clause it shaped
    PROPOSED = "proposed"  # an amendment was proposed
    DECIDED = "decided"  # the policy team decided it, with its reason
    IN_VERSION = "in_version"  # its change was published in a new version
    ADOPTED = "adopted"  # a document holding its words was adopted
    CLOSED = "closed"  # the campaign stopped taking support


@dataclass(frozen=True)
class Step:
    """One step of a trail: when, what kind, its words, and where it links."""

    at: str
    kind: StepKind
    text: str
    link: str | None = None


@dataclass(frozen=True)
class Trail:
    """What became of an idea or an amendment: its steps, oldest first, and where it stands."""

    steps: tuple[Step, ...]
    outcome: str


@dataclass(frozen=True)
class Origin:
    """The policy team's link from a clause to an idea that shaped it."""

    campaign_id: str
    document_id: str
    clause_id: str
    clause_number: str
    document_title: str
    version: int  # the version the clause stood in when it was linked
    linked_at: str
    campaign_title: str = ""
    campaign_slug: str = ""


@dataclass(frozen=True)
class DocumentFacts:
    """What an amendment's trail needs of its document."""

    id: str
    title: str
    current_version: int
    adopted_at: str | None


@dataclass(frozen=True)
class IdeaFacts:
    """What a campaign's trail needs of it: its dates, the consultation it answers, its tracker moves."""

    id: str
    title: str
    published_at: str | None
    closed_at: str | None
    consultation: tuple[str, str] | None  # (id, question)
    manifesto: Tracked | None


def clause_link(document_id: str, clause_id: str, version: int | None = None) -> str:
    shown = f"?version={version}" if version else ""
    return f"/documents/{document_id}{shown}#clause-{clause_id}"


def campaign_trail(idea: IdeaFacts, origins: Sequence[Origin], documents: dict[str, DocumentFacts]) -> Trail:
    steps: list[Step] = []
    if idea.published_at:
        steps.append(Step(idea.published_at, StepKind.OPENED, text("trail.opened"), None))
        if idea.consultation:
            steps.append(Step(idea.published_at, StepKind.CONSULTATION,
                              text("trail.consultation", question=idea.consultation[1]),
                              f"/consultations/{idea.consultation[0]}"))
    for move in idea.manifesto.history if idea.manifesto else ():
        said = text("trail.manifesto", stage=label("manifesto.stage", move.stage.value), note=move.note)
        steps.append(Step(move.at, StepKind.MANIFESTO, said, None))
    adopted: dict[str, list[Origin]] = {}
    for origin in origins:
        steps.append(Step(origin.linked_at, StepKind.SHAPED_CLAUSE,
                          text("trail.shaped_clause", clause=origin.clause_number,
                               document=origin.document_title, version=origin.version),
                          clause_link(origin.document_id, origin.clause_id, origin.version)))
        facts = documents.get(origin.document_id)
        if facts is not None and facts.adopted_at:
            adopted.setdefault(origin.document_id, []).append(origin)
    for document_id, linked in adopted.items():
        facts = documents[document_id]
        numbers = ", ".join(sorted({o.clause_number for o in linked}))
        steps.append(Step(facts.adopted_at or "", StepKind.ADOPTED,
                          text("trail.idea_adopted", document=facts.title, clauses=numbers),
                          clause_link(document_id, linked[0].clause_id)))
    if idea.closed_at:
        steps.append(Step(idea.closed_at, StepKind.CLOSED, text("trail.closed"), None))
    return Trail(tuple(sorted(steps, key=lambda s: s.at)), _idea_outcome(idea, origins, documents))


def _idea_outcome(idea: IdeaFacts, origins: Sequence[Origin], documents: dict[str, DocumentFacts]) -> str:
    adopted = [documents[o.document_id].title for o in origins
               if o.document_id in documents and documents[o.document_id].adopted_at]
    if adopted:
        return text("trail.outcome.adopted", document=adopted[0])
    if origins:
        return text("trail.outcome.in_draft", clause=origins[-1].clause_number,
                    document=origins[-1].document_title)
    stage = idea.manifesto.stage if idea.manifesto else None
    if stage is Stage.NOT_TAKEN_FORWARD:
        return text("trail.outcome.not_taken_forward")
    if stage is not None:
        return text("trail.outcome.no_clause", stage=label("manifesto.stage", stage.value))
    return text("trail.outcome.not_taken_up")


def amendment_trail(amendment: Amendment, document: DocumentFacts, clause_number: str | None,
                    proposer_name: str) -> Trail:
    from chalicelib.domain.amendments import Verdict  # an amendment's trail alone: not a campaign page's

    steps = [Step(amendment.proposed_at, StepKind.PROPOSED,
                  text("trail.proposed", person=proposer_name, document=document.title,
                       clause=clause_number or Words("trail.clause_removed"), version=amendment.against_version,
                       action=label("amendment_action", amendment.action.value)),
                  clause_link(document.id, amendment.clause_id, amendment.against_version))]
    decision = amendment.decision
    if decision is not None:
        verdict = label("verdict", decision.verdict.value)
        said = (plural_text("trail.composited", len(decision.composite_of) - 1, verdict=verdict, reason=decision.reason)
                if decision.verdict is Verdict.COMPOSITED else
                text("trail.decided", verdict=verdict, reason=decision.reason))
        steps.append(Step(decision.decided_at, StepKind.DECIDED, said, f"/amendments/{amendment.id}"))
    if amendment.applied_in_version:
        steps.append(Step(amendment.applied_at or amendment.proposed_at, StepKind.IN_VERSION,
                          text("trail.in_version", version=amendment.applied_in_version),
                          f"/documents/{document.id}/diff?from={amendment.applied_in_version - 1}"
                          f"&to={amendment.applied_in_version}"))
    if document.adopted_at:
        steps.append(Step(document.adopted_at, StepKind.ADOPTED,
                          text("trail.document_adopted", document=document.title), f"/documents/{document.id}"))
    return Trail(tuple(sorted(steps, key=lambda s: s.at)), _amendment_outcome(amendment, document))


def _amendment_outcome(amendment: Amendment, document: DocumentFacts) -> str:
    from chalicelib.domain.amendments import Verdict
    decision = amendment.decision
    if decision is None:
        return text("trail.outcome.waiting")
    verdict = label("verdict", decision.verdict.value)
    if decision.verdict is Verdict.REJECTED:
        return text("trail.outcome.rejected", verdict=verdict)
    if document.adopted_at and amendment.applied_in_version:
        return text("trail.outcome.in_adopted_text", verdict=verdict, document=document.title)
    if amendment.applied_in_version:
        return text("trail.outcome.in_version", verdict=verdict, version=amendment.applied_in_version)
    return text("trail.outcome.next_version", verdict=verdict)
