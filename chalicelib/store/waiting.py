"""How much waits for a moderator: counts of index keys (Select COUNT), never the items, and never
past `at_most` (a badge says "99+" rather than read a long queue)."""

from __future__ import annotations

from chalicelib.domain.campaigns import Status
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.reports import ReportRecord


def pending_campaigns(at_most: int) -> int:
    """Campaigns sent to moderation: index `by_status`, key "pending"."""
    return CampaignRecord.by_status.count(Status.PENDING.value, limit=at_most)


def open_reports(at_most: int) -> int:
    """Reported replies and campaigns awaiting a moderator: index `open_reports`, key "open"."""
    return ReportRecord.open_reports.count("open", limit=at_most)
