"""The manifesto tracker: what became of an idea. An idea is shortlisted, then put in the draft
manifesto, then adopted; or it ends, not taken forward, from any stage. Every move goes forward,
so each stage is reached at most once and an idea's history stays short. No AWS, no HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.campaigns import is_public
from chalicelib.domain.errors import Conflict, StaleVersion
from chalicelib.messages import Words


class Stage(StrEnum):
    SHORTLISTED = "shortlisted"
    IN_DRAFT = "in_draft"
    ADOPTED = "adopted"
    NOT_TAKEN_FORWARD = "not_taken_forward"


# The way forward, one step at a time.
PIPELINE = (Stage.SHORTLISTED, Stage.IN_DRAFT, Stage.ADOPTED)
# How lists show them: what the party did, then what is under way, then what it did not take up.
LISTED = (Stage.ADOPTED, Stage.IN_DRAFT, Stage.SHORTLISTED, Stage.NOT_TAKEN_FORWARD)
# Each stage's words are the catalogue's: `label("manifesto.stage", stage)` ("In the draft manifesto").
# Every move is forward (the pipeline's three, then at most the end): the history on the campaign's item
# can never hold more than this, so the item stays far under DynamoDB's 400 KB.
MAX_HISTORY = len(PIPELINE) + 1
NOTE_MAX = 2000


@dataclass(frozen=True)
class Move:
    """One move of an idea in the manifesto tracker: the stage it reached, why, and when."""

    stage: Stage
    note: str
    at: str


@dataclass(frozen=True)
class Tracked:
    """Where an idea is in the tracker, and how it got there (oldest move first)."""

    history: tuple[Move, ...]

    @property
    def stage(self) -> Stage:
        return self.history[-1].stage

    @property
    def note(self) -> str:
        return self.history[-1].note

    @property
    def updated_at(self) -> str:
        return self.history[-1].at


def require_enters(status: str, hidden: bool | None) -> None:
    """Only ideas anyone can read (open or closed, not hidden) enter the tracker."""
    if not is_public(status, hidden):
        raise Conflict(code="campaign_not_public", wording="manifesto", details={"status": status})


def changed_since_read(version: int) -> StaleVersion:
    """A move from a version of the campaign older than `version`, what it is now."""
    return StaleVersion(wording="campaign_reload", details={"version": version})


def in_sentence(stage: Stage) -> Words:
    """A stage's words inside a sentence ("This idea is already in the draft manifesto.")."""
    return Words(f"manifesto.stage_in_sentence.{stage.value}")


def require_move(current: str | None, target: str) -> Stage:
    """The stage `target`, if an idea at `current` (None: not in the tracker) may move there; a Conflict
    that says why not otherwise."""
    to = Stage(target)
    details = {"stage": current, "requested": to.value}
    if current is None:
        if to is Stage.SHORTLISTED:
            return to
        raise Conflict(code="skipped_stage", wording="first", details=details)
    now = Stage(current)
    if to is now:
        raise Conflict(code="already_at_stage", stage=in_sentence(now), details=details)
    if now is Stage.NOT_TAKEN_FORWARD or (to in PIPELINE and PIPELINE.index(to) < PIPELINE.index(now)):
        raise Conflict(code="backwards_move", stage=in_sentence(now), to=in_sentence(to), details=details)
    if to is Stage.NOT_TAKEN_FORWARD or PIPELINE.index(to) == PIPELINE.index(now) + 1:
        return to
    raise Conflict(code="skipped_stage", stage=in_sentence(now), next=in_sentence(PIPELINE[PIPELINE.index(now) + 1]),
                   details=details)


def advance(tracked: Tracked | None, target: str, note: str, at: str) -> Tracked:
    """The tracker after a move (checked by `require_move`)."""
    stage = require_move(tracked.stage if tracked else None, target)
    history = (*(tracked.history if tracked else ()), Move(stage, note, at))
    assert len(history) <= MAX_HISTORY  # forward moves only: see MAX_HISTORY
    return Tracked(history)


def next_stages(current: str | None) -> list[Stage]:
    """Where an idea at `current` may go next (what the policy team's form offers)."""
    allowed = []
    for stage in Stage:
        try:
            allowed.append(require_move(current, stage))
        except Conflict:
            continue
    return allowed
