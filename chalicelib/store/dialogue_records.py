"""The dialogue under a campaign: replies, official responses, reports, and rate limits."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for


class ThreadIndex(GlobalSecondaryIndex["ReplyRecord"]):
    class Meta:
        index_name = "by_campaign"
        projection = AllProjection()  # a thread page is read whole, and replies change rarely

    campaign_id = UnicodeAttribute(hash_key=True)
    reply_id = UnicodeAttribute(range_key=True)


class AuthorIndex(GlobalSecondaryIndex["ReplyRecord"]):
    class Meta:
        index_name = "by_author"
        projection = KeysOnlyProjection()

    author_id = UnicodeAttribute(hash_key=True)
    reply_id = UnicodeAttribute(range_key=True)


class EditMap(MapAttribute):
    body = UnicodeAttribute()
    replaced_at = UnicodeAttribute()


class BadgeMap(MapAttribute):
    kind = UnicodeAttribute()  # owner | minister | organisation
    portfolio = ListAttribute(of=UnicodeAttribute, null=True)
    organisation = UnicodeAttribute(null=True)


class ReplyRecord(BaseRecord):
    """One reply. `reply_id` starts with its creation time, so ids sort oldest first.
    Access patterns:
    - one reply (edit, delete, report, moderate): GetItem on `reply_id`
    - a campaign's thread, oldest first: Query on index `by_campaign`
    - a person's replies (their page, their data export): Query on index `by_author`
    """

    Meta = meta_for("replies")
    reply_id = UnicodeAttribute(hash_key=True)
    campaign_id = UnicodeAttribute()
    author_id = UnicodeAttribute()
    parent_id = UnicodeAttribute(null=True)
    depth = NumberAttribute(default=0)
    body = UnicodeAttribute()
    badges = ListAttribute(of=BadgeMap, default=list)
    created_at = UnicodeAttribute()
    edited_at = UnicodeAttribute(null=True)
    history = ListAttribute(of=EditMap, default=list)
    deleted_at = UnicodeAttribute(null=True)
    hidden = BooleanAttribute(default=False)
    version = VersionAttribute()
    by_campaign = ThreadIndex()
    by_author = AuthorIndex()


class MinisterIndex(GlobalSecondaryIndex["ResponseRecord"]):
    class Meta:
        index_name = "by_minister"
        projection = KeysOnlyProjection()

    minister_id = UnicodeAttribute(hash_key=True)
    response_key = UnicodeAttribute(range_key=True)


class ResponseRecord(BaseRecord):
    """Every official response ever given, the current one and those it superseded.
    Access patterns:
    - a campaign's responses, newest first: Query on `campaign_id`
    - a minister's responses (their data export, erasure): Query on index `by_minister`
    """

    Meta = meta_for("responses")
    campaign_id = UnicodeAttribute(hash_key=True)
    response_key = UnicodeAttribute(range_key=True)  # "<ISO time>#<id>"
    minister_id = UnicodeAttribute()
    area = UnicodeAttribute()
    stance = UnicodeAttribute()
    body = UnicodeAttribute()
    created_at = UnicodeAttribute()
    by_minister = MinisterIndex()


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
    - how often was it reported: GetItem on (`target`, "#")
    - reported content awaiting a moderator, oldest first: Query on index `open_reports`
    - the reports a person made (their data export, erasure): Query on index `by_reporter`
    """

    Meta = meta_for("reports")
    target = UnicodeAttribute(hash_key=True)  # "reply#<id>" | "campaign#<id>"
    reporter_id = UnicodeAttribute(range_key=True)
    reason = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute(null=True)
    report_count = NumberAttribute(null=True)
    queue = UnicodeAttribute(null=True)
    first_reported_at = UnicodeAttribute(null=True)
    reported_by = UnicodeAttribute(null=True)
    open_reports = ReportQueueIndex()
    by_reporter = ReporterIndex()


class RateLimitRecord(BaseRecord):
    """How many times a person did something in a window; expires with DynamoDB's TTL.
    Access patterns: a conditional ADD on `key` ("replies#<person>#<window start>")."""

    Meta = meta_for("rate-limits")
    key = UnicodeAttribute(hash_key=True)
    count = NumberAttribute(default=0)
    expires_at = NumberAttribute()
