"""The dialogue's rules and shapes: replies, badges, official responses, reports."""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.domain.identity import Caller, Role

MAX_DEPTH = 3  # levels shown in a thread


# A response given this soon after the last one corrects it (a double click, a typo): it becomes
# the current response, but supporters, told moments ago, are not told again.
RESPONSE_CORRECTION_WINDOW = timedelta(minutes=10)


def announces_response(last_response_at: datetime | None, now: datetime) -> bool:
    """Whether a new response goes out to every supporter and follower."""
    return last_response_at is None or now - last_response_at >= RESPONSE_CORRECTION_WINDOW


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


def overdue_before(now: datetime, deadline_days: int) -> datetime:
    """The overdue rule, the one copy: a campaign is overdue once it has waited more than
    `deadline_days` whole days since the response threshold, that is when it reached the threshold
    at or before this moment. The inbox, the minister's record (a range on the inbox index) and the
    overdue alert all ask it, so a campaign 30.5 days in is overdue in none of them."""
    return now - timedelta(days=deadline_days + 1)


def is_overdue(since: datetime, now: datetime, deadline_days: int) -> bool:
    return since <= overdue_before(now, deadline_days)


def reply_placement(parent_id: str | None, parent_depth: int | None,
                    grandparent_id: str | None) -> tuple[str | None, int]:
    """(the reply it hangs off, its depth). A thread shows MAX_DEPTH levels: an answer to the
    deepest level hangs off that level's parent, beside the reply it answers."""
    if parent_id is None or parent_depth is None:
        return None, 0
    if parent_depth < MAX_DEPTH - 1:
        return parent_id, parent_depth + 1
    return grandparent_id, MAX_DEPTH - 1
