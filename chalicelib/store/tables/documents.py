"""The documents table: one item per policy document (what it is now, not its text)."""

from __future__ import annotations

from pynamodb.attributes import MapAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.store.base import BaseRecord, meta_for

CURRENT = "current"  # `phase` of a document not yet adopted
ADOPTED = "adopted"


class ByPhase(GlobalSecondaryIndex["DocumentRecord"]):
    """Every area's documents in a phase, by the end of their window. All attributes: documents
    are few (a policy team publishes a handful a year) and a list then needs no second read."""

    class Meta:
        index_name = "by_phase"
        projection = AllProjection()

    phase = UnicodeAttribute(hash_key=True)
    amendments_close_at = UnicodeAttribute(range_key=True)


class ByAreaPhase(GlobalSecondaryIndex["DocumentRecord"]):
    class Meta:
        index_name = "by_area_phase"
        projection = AllProjection()

    phase_area = UnicodeAttribute(hash_key=True)
    amendments_close_at = UnicodeAttribute(range_key=True)


class DocumentRecord(BaseRecord):
    """A policy document as it stands: its area, title and summary, its window for amendments,
    which version is current, and the counts its pages and rules need. Each version's text is an
    item of `document-versions`. Its status is derived (`domain.documents.Document.status`): open
    while `amendments_close_at` is ahead, closed after, adopted once `adopted_at` is set.
    Access patterns:
    - a document by id: GetItem on `id`
    - open ones: `by_phase` on (phase = "current", amendments_close_at > now); closed for amendments:
      the same with <= now, latest first; adopted: (phase = "adopted"), latest first
    - the same in one area: `by_area_phase` on (phase_area = "<phase>#<area>", ...)
    The counts move with each proposal and decision (transactions on this item, without touching
    `version`): `clause_amendments` (clause id -> proposed), `undecided_count`, `pending_count`.
    """

    Meta = meta_for("documents")
    id = UnicodeAttribute(hash_key=True)
    area = UnicodeAttribute()
    title = UnicodeAttribute()
    summary = UnicodeAttribute(default="")
    phase = UnicodeAttribute(default=CURRENT)
    phase_area = UnicodeAttribute()
    amendments_close_at = UnicodeAttribute()
    current_version = NumberAttribute(default=1)
    amendment_order = UnicodeAttribute(default="most_supported")
    created_at = UnicodeAttribute()
    adopted_at = UnicodeAttribute(null=True)
    adoption_note = UnicodeAttribute(null=True)
    clause_amendments: MapAttribute = MapAttribute(default=dict)  # clause id -> amendments proposed to it
    amendment_count = NumberAttribute(default=0)
    undecided_count = NumberAttribute(default=0)
    pending_count = NumberAttribute(default=0)
    version = VersionAttribute()

    by_phase = ByPhase()
    by_area_phase = ByAreaPhase()
