"""The manifesto tracker: what became of an idea. An idea is shortlisted, then put in the draft
manifesto, then adopted; or it ends, not taken forward, from any stage. Every move goes forward,
so each stage is reached at most once and an idea's history stays short. No AWS, no HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.campaigns import is_public, not_public
from chalicelib.domain.errors import Conflict, StaleVersion


class Stage(StrEnum):
    SHORTLISTED = "shortlisted"
    IN_DRAFT = "in_draft"
    ADOPTED = "adopted"
    NOT_TAKEN_FORWARD = "not_taken_forward"


# The way forward, one step at a time.
PIPELINE = (Stage.SHORTLISTED, Stage.IN_DRAFT, Stage.ADOPTED)
# How lists show them: what the party did, then what is under way, then what it did not take up.
LISTED = (Stage.ADOPTED, Stage.IN_DRAFT, Stage.SHORTLISTED, Stage.NOT_TAKEN_FORWARD)
LABELS = {Stage.SHORTLISTED: "Shortlisted", Stage.IN_DRAFT: "In the draft manifesto", Stage.ADOPTED: "Adopted",
          Stage.NOT_TAKEN_FORWARD: "Not taken forward"}
# Every move is forward (the pipeline's three, then at most the end): the history on the campaign's item
# can never hold more than this, so the item stays far under DynamoDB's 400 KB.
MAX_HISTORY = len(PIPELINE) + 1
NOTE_MAX = 2000


@dataclass(frozen=True)
class Move:
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
        raise not_public("enter the manifesto tracker", status=status)


def changed_since_read(version: int) -> StaleVersion:
    """A move from a version of the campaign older than `version`, what it is now."""
    return StaleVersion("The campaign changed since you read it; reload it.", details={"version": version})


def require_move(current: str | None, target: str) -> Stage:
    """The stage `target`, if an idea at `current` (None: not in the tracker) may move there; a Conflict
    that says why not otherwise."""
    to = Stage(target)
    details = {"stage": current, "requested": to.value}
    if current is None:
        if to is Stage.SHORTLISTED:
            return to
        raise Conflict("An idea enters the manifesto tracker by being shortlisted.", code="skipped_stage",
                       details=details)
    now = Stage(current)
    if to is now:
        raise Conflict(f"This idea is already {LABELS[now].lower()}.", code="already_at_stage", details=details)
    if now is Stage.NOT_TAKEN_FORWARD or (to in PIPELINE and PIPELINE.index(to) < PIPELINE.index(now)):
        raise Conflict(f"An idea that is {LABELS[now].lower()} cannot go back to {LABELS[to].lower()}.",
                       code="backwards_move", details=details)
    if to is Stage.NOT_TAKEN_FORWARD or PIPELINE.index(to) == PIPELINE.index(now) + 1:
        return to
    raise Conflict(f"An idea goes through each stage in turn: {LABELS[now].lower()} comes before "
                   f"{LABELS[PIPELINE[PIPELINE.index(now) + 1]].lower()}.", code="skipped_stage", details=details)


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
