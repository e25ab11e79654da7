"""The reports table: reports, and one summary per reported thing."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for


class ReportQueueIndex(GlobalSecondaryIndex["ReportRecord"]):
    class Meta:
        index_name = "open_reports"
        projection = KeysOnlyProjection()

    queue = UnicodeAttribute(hash_key=True)  # "open" only on summaries awaiting a moderator
    first_reported_at = UnicodeAttribute(range_key=True)


class ReporterIndex(GlobalSecondaryIndex["ReportRecord"]):
    class Meta:
        index_name = "by_reporter"
        projection = KeysOnlyProjection()

    reported_by = UnicodeAttribute(hash_key=True)  # only on a person's own report, not on summaries
    created_at = UnicodeAttribute(range_key=True)


class ReportRecord(BaseRecord):
    """Reports, one per person per target, and one summary per target (`reporter_id` "#").
    Access patterns:
    - has this person reported this: the conditional put on (`target`, `reporter_id`)
    - how often was it reported, and how many reports count toward hiding it (those from
      established accounts since the last moderator decision, `counting_reports`): GetItem on (`target`, "#")
    - reported content awaiting a moderator, oldest first: Query on index `open_reports`
    - the reports a person made (their data export, erasure): Query on index `by_reporter`
    """

    Meta = meta_for("reports")
    target = UnicodeAttribute(hash_key=True)  # "reply#<id>" | "campaign#<id>"
    reporter_id = UnicodeAttribute(range_key=True)
    reason = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute(null=True)
    report_count = NumberAttribute(null=True)  # summary: every report ever
    counting_reports = NumberAttribute(null=True)  # summary: since `decided_at`, from established accounts
    decided_at = UnicodeAttribute(null=True)  # summary: the last moderator decision
    counted = BooleanAttribute(null=True)  # a report: from an established account, so it counted
    queue = UnicodeAttribute(null=True)
    first_reported_at = UnicodeAttribute(null=True)
    reported_by = UnicodeAttribute(null=True)
    open_reports = ReportQueueIndex()
    by_reporter = ReporterIndex()
