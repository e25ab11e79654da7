"""What the fakes share: one clock, and what they note that the logic never reads back.

Everything a fake returns to the logic is the domain's own type (`domain.campaigns.Campaign`,
`domain.people.Person`, ...), as the store returns it: frozen, so every read is a copy. A fake keeps
those same values and replaces them when they change (`dataclasses.replace`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chalicelib.domain.errors import ConditionFailed

__all__ = ["Clock", "ConditionFailed", "OutboxEvent", "stamp"]


@dataclass(frozen=True)
class OutboxEvent:
    """An event the store's outbox would hold (`store/outbox.py`): noted for the tests to look at.
    The logic only ever reads owner updates back, as `domain.dialogue.OwnerUpdate`."""

    campaign_id: str
    event_key: str
    kind: str
    area: str
    created_at: str
    stance: str | None = None
    stage: str | None = None
    note: str | None = None
    value: int | None = None
    parent_id: str | None = None  # a reply's author told of an answer: which reply, and the answer
    reply_id: str | None = None
    headline: str | None = None  # a policy document's title, or what a decision or a clause says


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # domain.times.iso's format


class Clock:
    """Every stored time comes from here; each reading is a millisecond later, so order is creation order."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        self.moment += timedelta(milliseconds=1)
        return self.moment

    def iso(self) -> str:
        return stamp(self.now())

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)
