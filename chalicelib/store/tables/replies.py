"""The replies table: the conversation under a campaign."""

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
    language = UnicodeAttribute(null=True)  # "en" or "cy"; absent on replies from before: English
    version = VersionAttribute()
    by_campaign = ThreadIndex()
    by_author = AuthorIndex()
