"""What reports do: the rules that turn reports into hiding, before a moderator looks.

A moderator's decision (hide or restore) holds: only reports made after it count, and only
those from established accounts. A restored item hides again only after a fresh set of
`reports_to_hide` such reports, from people who had not reported it before (one report per
person per item, ever). Every report queues the item for a moderator, whatever else it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.domain.errors import Conflict

# Accounts younger than this are queued, never counted: sock puppets made for a brigade are new.
ESTABLISHED_AFTER = timedelta(days=1)
# A campaign this many people support waits for a moderator: a few reports must not silence them.
QUEUE_ONLY_SUPPORTERS = 100


@dataclass(frozen=True)
class ReportTally:
    """What a target's reports add up to after one more."""

    total: int  # every report ever made, for the record and the queue
    counting: int  # since the last moderator decision, from established accounts: what may hide it
    decided_at: str | None = None  # when a moderator last decided (what a hide must find unchanged)


@dataclass(frozen=True)
class OpenReport:
    """A reported thing awaiting a moderator."""

    target: str  # `target_key`
    report_count: int
    first_reported_at: str | None


@dataclass(frozen=True)
class Report:
    """One person's report, as their data export shows it."""

    target: str
    reason: str | None
    created_at: str | None


def already_reported() -> Conflict:
    return Conflict(code="already_reported")


def is_established(account_created_at: datetime, now: datetime) -> bool:
    """Old enough for its reports to count toward hiding."""
    return now - account_created_at >= ESTABLISHED_AFTER


def hides_after_report(counting_reports: int, reports_to_hide: int, already_hidden: bool,
                       supporters: int = 0) -> bool:
    """Enough counting reports hide the content until a moderator decides; a widely supported
    campaign is only queued."""
    return not already_hidden and supporters < QUEUE_ONLY_SUPPORTERS and counting_reports >= reports_to_hide


def target_key(target_type: str, target_id: str) -> str:
    """How a reported thing is named in reports and the audit trail: `reply#<id>`, `campaign#<id>`."""
    return f"{target_type}#{target_id}"


def parse_target(key: str) -> tuple[str, str]:
    target_type, _, target_id = key.partition("#")
    return target_type, target_id
