"""Reports: one per person per target; the summary counts them and queues the target for a
moderator; enough reports hide the target until a moderator looks."""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError

from chalicelib.domain.errors import Conflict
from chalicelib.store.base import Transaction, iso, system_update, utcnow
from chalicelib.store.tables.reports import ReportRecord

SUMMARY = "#"


def report(target: str, reporter_id: str, reason: str) -> int:
    """Record a report; returns how many different people have now reported the target."""
    now = iso(utcnow())
    tx = Transaction()
    tx.save(ReportRecord(target=target, reporter_id=reporter_id, reported_by=reporter_id, reason=reason,
                         created_at=now),
            "report", condition=ReportRecord.reporter_id.does_not_exist())
    tx.update(ReportRecord(target=target, reporter_id=SUMMARY), [
        ReportRecord.report_count.add(1), ReportRecord.queue.set("open"),
        ReportRecord.first_reported_at.set(ReportRecord.first_reported_at | now),
    ], "summary")
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "report" in tx.failed:
            raise Conflict("You have reported this already.", code="already_reported") from exc
        raise
    return int(ReportRecord.get(target, SUMMARY, consistent_read=True).report_count or 0)


def reviewed(target: str) -> int:
    """A moderator looked: off the queue (the count stays, for the record). Returns that count."""
    item = system_update(ReportRecord, target, range_key=SUMMARY, actions=[ReportRecord.queue.remove()])
    return int(item.get("Attributes", {}).get("report_count", {}).get("N", 0))


def open_reports(limit: int = 100) -> list[ReportRecord]:
    keys = list(ReportRecord.open_reports.query("open", scan_index_forward=True, limit=limit))
    if not keys:
        return []
    found = {r.target: r for r in ReportRecord.batch_get([(k.target, SUMMARY) for k in keys])}
    return [found[k.target] for k in keys if k.target in found]
