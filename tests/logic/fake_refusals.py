"""The refusals port in memory: what `store.refusals` keeps, newest first."""

from __future__ import annotations

from chalicelib.domain.permissions import Refusal
from tests.logic.fakes_base import Clock


class FakeRefusals:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.kept: list[Refusal] = []  # oldest first

    def record(self, *, actor_id: str, decision: str, rule: str, target: str, campaign_id: str,
               requested: str) -> None:
        self.kept.append(Refusal(at=self.clock.iso(), actor_id=actor_id, decision=decision, rule=rule, target=target,
                                 campaign_id=campaign_id, requested=requested))

    def recent(self, limit: int, cursor: str | None) -> tuple[list[Refusal], str | None]:
        start = int(cursor or 0)
        newest_first = list(reversed(self.kept))
        page = newest_first[start:start + limit]
        more = start + limit < len(newest_first)
        return page, str(start + limit) if more else None
