"""The ports of moderation: reports, what waits for a moderator, and decisions refused for a conflict
of interest. Part of `logic.ports.Stores`; the same rules hold (the domain's types in and out,
ConditionFailed by its label). Only mypy and the tests import this module: a request reaches storage
through `logic.ports.stores()` and never builds these Protocols."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.moderation import OpenReport, ReportTally
from chalicelib.domain.permissions import Refusal


class ReportPort(Protocol):
    def report(self, target: str, reporter_id: str, reason: str, counts: bool) -> ReportTally: ...  # "report"
    def hide_unless_decided(self, target: str, decided_at: str | None) -> bool: ...
    def reviewed(self, target: str) -> int: ...
    def open_reports(self, limit: int = 100) -> list[OpenReport]: ...
    def reasons_for(self, target: str, limit: int = 10) -> list[str]: ...  # what reporters said, not who


class WaitingPort(Protocol):
    """How much waits for a moderator, counted up to `at_most` (keys only, never the items)."""

    def pending_campaigns(self, at_most: int) -> int: ...
    def open_reports(self, at_most: int) -> int: ...


class RefusalPort(Protocol):
    """Decisions refused for a conflict of interest, for admins to read (store/refusals.py)."""

    def record(self, *, actor_id: str, decision: str, rule: str, target: str, campaign_id: str,
               requested: str) -> None: ...
    def recent(self, limit: int, cursor: str | None) -> tuple[list[Refusal], str | None]: ...  # newest first
