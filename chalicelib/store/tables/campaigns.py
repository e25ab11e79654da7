"""The campaigns table and its indexes.

Every index is KEYS_ONLY: a list reads one page of keys, then BatchGetItem for the items.
That keeps index writes to the indexes whose keys change: a new support count writes the two
`top_*` indexes (and `by_consultation` for an answer to a consultation), not all fourteen, which
matters when thousands of campaigns are counting at once.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for, utcnow


def _index(name: str, hash_attr: str, range_attr: str, range_kind: type) -> type:
    """An index class over (hash_attr, range_attr), keys only."""

    class Meta:
        index_name = name
        projection = KeysOnlyProjection()

    attrs = {
        "Meta": Meta,
        hash_attr: UnicodeAttribute(hash_key=True),
        range_attr: range_kind(range_key=True),
    }
    return type(f"{name.title().replace('_', '')}Index", (GlobalSecondaryIndex,), attrs)


ByStatus = _index("by_status", "status", "listed_at", UnicodeAttribute)


ByAreaStatus = _index("by_area_status", "area_status", "listed_at", UnicodeAttribute)


TopByStatus = _index("top_by_status", "status", "support_count", NumberAttribute)


TopByAreaStatus = _index("top_by_area_status", "area_status", "support_count", NumberAttribute)


TrendingByStatus = _index("trending_by_status", "status", "trending_score", NumberAttribute)


TrendingByAreaStatus = _index("trending_by_area_status", "area_status", "trending_score", NumberAttribute)


ByOwner = _index("by_owner", "owner_id", "created_at", UnicodeAttribute)


ByOrganisation = _index("by_organisation", "organisation_id", "created_at", UnicodeAttribute)


ClosingQueue = _index("closing_queue", "closing_queue", "closes_at", UnicodeAttribute)


MinistersInbox = _index("ministers_inbox", "inbox_area", "threshold_reached_at", UnicodeAttribute)


ByConsultation = _index("by_consultation", "consultation_id", "support_count", NumberAttribute)


# The manifesto tracker, sparse (only ideas that entered it), newest move first.
ManifestoByStage = _index("manifesto_by_stage", "manifesto_stage", "manifesto_at", UnicodeAttribute)


ManifestoByAreaStage = _index("manifesto_by_area_stage", "manifesto_area_stage", "manifesto_at", UnicodeAttribute)


# The public lists of campaigns waiting for an answer and answered ones, sparse: "waiting" from the
# response threshold (oldest first), "answered" from a minister's latest response (newest first).
ByAnswerState = _index("by_answer_state", "answer_state", "answer_state_at", UnicodeAttribute)
WAITING, ANSWERED = "waiting", "answered"  # the values of `answer_state`


class OfficialResponseMap(MapAttribute):
    minister_id = UnicodeAttribute()
    stance = UnicodeAttribute()
    body = UnicodeAttribute()
    created_at = UnicodeAttribute()


class ManifestoMoveMap(MapAttribute):
    stage = UnicodeAttribute()
    note = UnicodeAttribute()
    at = UnicodeAttribute()


class ManifestoMap(MapAttribute):
    """Where the idea is in the manifesto tracker: every move, oldest first (at most
    `domain.manifesto.MAX_HISTORY`: moves only go forward). The last one is the current stage."""

    history = ListAttribute(of=ManifestoMoveMap)


class CampaignRecord(BaseRecord):
    """One item per campaign.
    Access patterns, each a GetItem or a Query:
    - a campaign by id: GetItem on `id`; by slug: UniqueNameRecord `slug#<slug>` -> `id`
    - newest in a status (moderation queue oldest first, `sort=new`): `by_status` on (status, listed_at)
    - newest in an area and status: `by_area_status` on (area_status = "open#health", listed_at)
    - most supported: `top_by_status` / `top_by_area_status` on support_count
    - rising: `trending_by_status` / `trending_by_area_status` on trending_score
    - a person's or an organisation's campaigns: `by_owner` / `by_organisation` on created_at
    - open campaigns due to close: `closing_queue` ("open" only while open, closes_at)
    - a minister's inbox, oldest first: `ministers_inbox` (inbox_area, threshold_reached_at), sparse
    - a consultation's ideas, most supported first: `by_consultation` (consultation_id, support_count), sparse
    - the manifesto tracker, newest move first: `manifesto_by_stage` (manifesto_stage, manifesto_at) and
      `manifesto_by_area_stage` ("adopted#health", manifesto_at), sparse
    - waiting for an answer (past the threshold), longest first, and answered, newest answer first:
      `by_answer_state` (answer_state = "waiting" | "answered", answer_state_at), sparse
    `listed_at` is the time a campaign entered its status list (submitted, published, closed).
    Times are ISO 8601 strings so they sort as text in index keys.
    """

    Meta = meta_for("campaigns")
    id = UnicodeAttribute(hash_key=True)
    slug = UnicodeAttribute()
    title = UnicodeAttribute()
    summary = UnicodeAttribute()
    body = UnicodeAttribute()
    area = UnicodeAttribute()
    status = UnicodeAttribute()
    area_status = UnicodeAttribute()
    owner_id = UnicodeAttribute()
    organisation_id = UnicodeAttribute(null=True)
    support_count = NumberAttribute(default=0)
    trending_score = NumberAttribute(default=0)
    created_at = UnicodeAttribute()
    listed_at = UnicodeAttribute()
    submitted_at = UnicodeAttribute(null=True)
    published_at = UnicodeAttribute(null=True)
    closes_at = UnicodeAttribute(null=True)
    closed_at = UnicodeAttribute(null=True)
    closing_queue = UnicodeAttribute(null=True)
    moderation_reason = UnicodeAttribute(null=True)
    milestones = ListAttribute(of=NumberAttribute, default=list)
    # When the stream handler last read the shard counters it wrote as support_count: a
    # count read earlier never overwrites one read later.
    count_read_at = UnicodeAttribute(null=True)
    # The count at each of the last 24 hours, oldest first: what `trending_score` is made from.
    hourly_counts: ListAttribute[int] = ListAttribute(of=NumberAttribute, default=list)  # type: ignore[arg-type]  # the stubs take `of` as the items' Python type; PynamoDB takes their attribute
    # Written with support_count from the same read of the shards: supporters by the region they
    # gave ({region id: n}, domain.regions.COUNTED_AS), exact and live, settled or not. Never shown.
    support_by_region: MapAttribute[str, Any] = MapAttribute(null=True)
    # From the same read: supporters not yet settled (domain.regional_figures), {ISO day they settle:
    # {cell: n}}, days after the read only. Never shown: the snapshot below leaves them out.
    regions_settling: MapAttribute[str, Any] = MapAttribute(null=True)
    # The regional snapshot (the hourly schedule, while open): settled supporters by cell, exact, and
    # when they were taken. Shown only through domain.disclosure; a closed campaign's is worked out
    # from its final counts instead.
    regional_snapshot: MapAttribute[str, Any] = MapAttribute(null=True)
    regional_snapshot_at = UnicodeAttribute(null=True)
    # The count at the end of each of the last 31 days, oldest first, the last on `daily_counts_day`
    # (the hourly schedule; domain.canvass): growth over 7 and 30 days for the canvass.
    daily_counts: ListAttribute[int] = ListAttribute(of=NumberAttribute, null=True)  # type: ignore[arg-type]  # the stubs take `of` as the items' Python type; PynamoDB takes their attribute
    daily_counts_day = UnicodeAttribute(null=True)
    # Replies under the campaign, counted by the hourly schedule while it is open (the canvass).
    reply_count = NumberAttribute(null=True)
    # Set when the response threshold is crossed, removed when a minister responds.
    inbox_area = UnicodeAttribute(null=True)
    threshold_reached_at = UnicodeAttribute(null=True)
    official_response = OfficialResponseMap(null=True)
    # The consultation this campaign answers, named at creation (domain.consultations): never changes.
    consultation_id = UnicodeAttribute(null=True)
    # The manifesto tracker: the moves, and the current stage and its time as index keys.
    manifesto = ManifestoMap(null=True)
    manifesto_stage = UnicodeAttribute(null=True)
    manifesto_area_stage = UnicodeAttribute(null=True)
    manifesto_at = UnicodeAttribute(null=True)
    # Policy documents (README, "The manifesto as a document"): the clauses this idea shaped, by
    # "<document>#<clause>" (what its trail shows of each), and the documents adopted with them (document
    # id -> {title, adopted_at}). Kept on the item a campaign's page reads anyway, so its trail costs no
    # read; written by store.clause_origins without moving `version`.
    shaped_clauses: MapAttribute = MapAttribute(null=True)
    adopted_in: MapAttribute = MapAttribute(null=True)
    # "waiting" (past the response threshold, unanswered) or "answered", and since when: the public lists.
    answer_state = UnicodeAttribute(null=True)
    answer_state_at = UnicodeAttribute(null=True)
    # The language it is written in ("en" or "cy"; absent on campaigns from before: English), and its title
    # and summary in the other language if its author gave them: on the item, so a page costs no read for them.
    language = UnicodeAttribute(null=True)
    translated_title = UnicodeAttribute(null=True)
    translated_summary = UnicodeAttribute(null=True)
    hidden = BooleanAttribute(null=True)  # by moderation: shown only to its people and moderators
    # How many updates its owner has sent (store.owner_updates, in the update's own transaction): its page
    # reads them only when there are some, so most campaigns' pages cost no read for them.
    updates_posted = NumberAttribute(null=True)
    updated_at = UTCDateTimeAttribute(default=utcnow)
    version = VersionAttribute()

    by_status = ByStatus()
    by_area_status = ByAreaStatus()
    top_by_status = TopByStatus()
    top_by_area_status = TopByAreaStatus()
    trending_by_status = TrendingByStatus()
    trending_by_area_status = TrendingByAreaStatus()
    by_owner = ByOwner()
    by_organisation = ByOrganisation()
    closing_queue_index = ClosingQueue()
    ministers_inbox = MinistersInbox()
    by_consultation = ByConsultation()
    manifesto_by_stage = ManifestoByStage()
    manifesto_by_area_stage = ManifestoByAreaStage()
    by_answer_state = ByAnswerState()
