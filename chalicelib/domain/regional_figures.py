"""Which supports count in a campaign's regional figures, and from when; and the snapshot shown.

A support counts in regional figures only once its supporter has settled: the account is at least
SETTLE_DAYS old and has given the same region (or none) for at least SETTLE_DAYS, counted up to
the next UTC midnight, so a support settles on a whole day (between 3 and 4 days after the later of
the two). Until then it counts in the total only. Why 3 days: the padding attack (README, "Privacy")
needs accounts in the region it pads; made and placed that day they count for nothing, so an
attacker must plan days ahead, which also leaves the sign-ups in the logs for days before they
work. Longer would leave the genuine newcomers of a viral day out of their region's figures for a
week or more. Once settled, a support counts, so the figures are exact in the end (then suppressed
and rounded when shown: domain.disclosure).

The figures shown are a snapshot: the settled counts as the hourly schedule found them, with the
time it took them. A closed campaign's counts no longer move, so its snapshot is worked out when
read: the final counts, less what had not settled by then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from chalicelib.domain.regions import COUNTED_AS, UNKNOWN

if TYPE_CHECKING:
    from chalicelib.domain.campaigns import Campaign

SETTLE_DAYS = 3


@dataclass(frozen=True)
class RegionalStanding:
    """Where a person's support counts, and the first UTC day it counts there (None: at once)."""

    region: str | None
    counts_from: date | None = None

    def settled_on(self, day: date) -> bool:
        return self.counts_from is None or self.counts_from <= day


def counts_from(joined_at: datetime | None, region_since: datetime | None, today: date) -> date:
    """The first day a support by this person counts in their region: SETTLE_DAYS after they joined
    or last changed their region, whichever is later, rounded up to the next midnight. Someone with
    no profile yet has only just joined."""
    if joined_at is None:
        return today + timedelta(days=SETTLE_DAYS + 1)
    start = max(joined_at, region_since) if region_since is not None else joined_at
    return (start + timedelta(days=SETTLE_DAYS)).date() + timedelta(days=1)


def settled_counts(all_by_cell: Mapping[str, int], settling: Mapping[str, Mapping[str, int]],
                   day: date) -> dict[str, int]:
    """Supporters by cell counted on `day`: all of them, less those settling on a later day.
    `settling`: {ISO day: {cell: supporters who settle that day}}; days already past are ignored,
    so a stale entry for a past day can never take anyone off."""
    pending = dict.fromkeys(COUNTED_AS, 0)
    for settles_on, cells in settling.items():
        if date.fromisoformat(settles_on) > day:
            for cell, n in cells.items():
                if cell in pending:
                    pending[cell] += int(n)
    return {cell: max(0, int(all_by_cell.get(cell, 0)) - pending[cell]) for cell in COUNTED_AS}


@dataclass(frozen=True)
class Snapshot:
    """Settled supporters by cell, and when that was true (ISO 8601 UTC)."""

    counts: dict[str, int]
    taken_at: str


def all_by_cell(by_region: Mapping[str, int] | None, total: int) -> dict[str, int]:
    """Every supporter by cell; counted before regions were kept, all of them are UNKNOWN."""
    return {cell: int(n) for cell, n in by_region.items()} if by_region else {UNKNOWN: total}


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def final_snapshot(all_counts: Mapping[str, int], settling: Mapping[str, Mapping[str, int]],
                   counted_at: str, now: datetime) -> Snapshot:
    """A closed campaign's: its final counts less what had not settled by `now`, as of the later of
    the final count and the last midnight on which some of them settled."""
    today = now.astimezone(UTC).date()
    settled_days = [date.fromisoformat(d) for d, cells in settling.items()
                    if date.fromisoformat(d) <= today and any(int(n) for n in cells.values())]
    taken = max([counted_at, *(_iso(_midnight(d)) for d in settled_days)])
    return Snapshot(settled_counts(all_counts, settling, today), taken)


def opening_snapshot(opened_at: str) -> Snapshot:
    """Before the first hourly snapshot of an open campaign: when it opened, nobody supported it."""
    return Snapshot(dict.fromkeys(COUNTED_AS, 0), opened_at)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Tally:
    """One consistent read of a campaign's shard counters (store/shard_tally.py)."""

    total: int
    by_region: Mapping[str, int]  # every supporter by cell
    # {ISO day: {cell: n}} for days after the day read: supports that count in their region from then.
    settling: Mapping[str, Mapping[str, int]]
    # counter id -> names of settling counters whose day has come, to remove.
    gone_by: Mapping[str, tuple[str, ...]]


def snapshot_of(campaign: Campaign, now: datetime) -> Snapshot:
    """The snapshot to show: a closed campaign's worked out from its final counts; an open one's as
    the schedule last took it (before its first: none supported it when it opened)."""
    everyone = all_by_cell(campaign.support_by_region, campaign.support_count)
    settling = campaign.regions_settling or {}
    if campaign.status == "closed":
        counted_at = campaign.count_read_at or campaign.closed_at or campaign.created_at or ""
        return final_snapshot(everyone, settling, counted_at, now)
    if campaign.regional_snapshot is not None and campaign.regional_snapshot_at:
        taken = campaign.regional_snapshot
        return Snapshot({cell: int(taken.get(cell, 0)) for cell in COUNTED_AS}, campaign.regional_snapshot_at)
    return opening_snapshot(campaign.published_at or campaign.created_at or "")
