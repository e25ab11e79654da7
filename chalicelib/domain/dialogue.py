"""The dialogue's rules and shapes: replies, badges, official responses, reports."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.identity import Caller, Role

MAX_DEPTH = 3  # levels shown in a thread


REPLIES_PER_HOUR = 30


def reply_badges(caller: Caller, *, owner_id: str, portfolio: list[str], organisation_handle: str | None,
                 member_of_host: bool) -> list[dict]:
    """What a reply shows about who wrote it, decided when it is written."""
    badges: list[dict] = []
    if caller.id == owner_id:
        badges.append({"kind": "owner"})
    if caller.has(Role.MINISTER):
        badges.append({"kind": "minister", "portfolio": sorted(portfolio)})
    if member_of_host and organisation_handle:
        badges.append({"kind": "organisation", "organisation": organisation_handle})
    return badges


def days_waiting(since: datetime, now: datetime) -> int:
    return max(0, (now - since).days)


def is_overdue(since: datetime, now: datetime, deadline_days: int) -> bool:
    return days_waiting(since, now) > deadline_days
