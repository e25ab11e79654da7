"""Reports: one per person per target; the summary counts them and queues the target for a
moderator. A moderator's decision takes the target off the queue and starts the counting
afresh: only later reports from established accounts (`counting_reports`) may hide it again."""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.moderation import OpenReport, ReportTally, parse_target
from chalicelib.store import to_domain
from chalicelib.store.base import Transaction, iso, system_update, utcnow
from chalicelib.store.supports import forget_snapshot
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.replies import ReplyRecord
from chalicelib.store.tables.reports import ReportRecord

SUMMARY = "#"


def report(target: str, reporter_id: str, reason: str, counts: bool) -> ReportTally:
    """Record a report (`counts`: toward hiding); returns the target's reports now. The summary's
    ADD and a decision's reset are ordered on one item, so "since the decision" is exact.
    ConditionFailed "report": this person reported it already."""
    now = iso(utcnow())
    tx = Transaction()
    tx.save(ReportRecord(target=target, reporter_id=reporter_id, reported_by=reporter_id, reason=reason,
                         created_at=now, counted=counts),
            "report", condition=ReportRecord.reporter_id.does_not_exist())
    tx.update(ReportRecord(target=target, reporter_id=SUMMARY), [
        ReportRecord.report_count.add(1), ReportRecord.counting_reports.add(1 if counts else 0),
        ReportRecord.queue.set("open"),
        ReportRecord.first_reported_at.set(ReportRecord.first_reported_at | now),
    ], "summary")
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "report" in tx.failed:
            raise ConditionFailed("report") from exc
        raise
    summary = ReportRecord.get(target, SUMMARY, consistent_read=True)
    return ReportTally(total=int(summary.report_count or 0), counting=int(summary.counting_reports or 0),
                       decided_at=summary.decided_at)


# How reports hide each kind of target: a reply's version moves, as when its author edits it; a
# campaign's does not (a system flag must not make an editor's copy stale).
_HIDING = {
    "campaign": (CampaignRecord, CampaignRecord.id, lambda: [CampaignRecord.hidden.set(True)]),
    "reply": (ReplyRecord, ReplyRecord.reply_id, lambda: [ReplyRecord.hidden.set(True), ReplyRecord.version.add(1)]),
}


def hide_unless_decided(target: str, decided_at: str | None) -> bool:
    """Hide the target for its reports, unless a moderator has decided since `decided_at` was
    read: one transaction of the check on the summary and the flag on the target, so a decision
    landing meanwhile holds. (Moderators record the decision before they set the flag.)"""
    target_type, target_id = parse_target(target)
    model, key, actions = _HIDING[target_type]
    undecided = (ReportRecord.decided_at.does_not_exist() if decided_at is None
                 else ReportRecord.decided_at == decided_at)
    tx = Transaction()
    tx.condition_check(ReportRecord, target, undecided, "undecided", range_key=SUMMARY)
    tx.system_update(model, target_id, actions(), "target", condition=key.exists())
    try:
        tx.commit()
    except TransactWriteError:
        if "undecided" in tx.failed:
            return False
        raise
    if target_type == "campaign":
        forget_snapshot(target_id)  # hidden: this container's next support or reply there reads it
    return True


def reviewed(target: str) -> int:
    """A moderator decided: off the queue, and the counting starts again from nothing (the total
    stays, for the record; the next report queues it again, dated afresh). Returns the total."""
    item = system_update(ReportRecord, target, range_key=SUMMARY, actions=[
        ReportRecord.queue.remove(), ReportRecord.first_reported_at.remove(),
        ReportRecord.counting_reports.set(0), ReportRecord.decided_at.set(iso(utcnow())),
    ])
    return int(item.get("Attributes", {}).get("report_count", {}).get("N", 0))


def open_reports(limit: int = 100) -> list[OpenReport]:
    """What awaits a moderator, oldest report first."""
    keys = list(ReportRecord.open_reports.query("open", scan_index_forward=True, limit=limit))
    if not keys:
        return []
    found = {r.target: r for r in ReportRecord.batch_get([(k.target, SUMMARY) for k in keys])}
    return [to_domain.open_report(found[k.target]) for k in keys if k.target in found]


def reasons_for(target: str, limit: int = 10) -> list[str]:
    """What reporters said about a target (not who they are): one Query of its partition, after the
    summary ("#" sorts before every person's id)."""
    return [r.reason for r in ReportRecord.query(target, ReportRecord.reporter_id > SUMMARY, limit=limit)
            if r.reason]
