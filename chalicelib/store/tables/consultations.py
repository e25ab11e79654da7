"""The consultations table: the questions the party asks, one item each."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, VersionAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.store.base import BaseRecord, meta_for

# Every consultation's `listing`: the one partition the all-areas list reads. Consultations are few
# (a policy team opens a handful a month), so one partition is far from any limit.
LISTED = "consultation"


class ByAreaClosing(GlobalSecondaryIndex["ConsultationRecord"]):
    """An area's consultations by closing date. All attributes: an item is under 3 KB, and a list
    then needs no second read."""

    class Meta:
        index_name = "by_area_closing"
        projection = AllProjection()

    area = UnicodeAttribute(hash_key=True)
    closes_at = UnicodeAttribute(range_key=True)


class ByClosing(GlobalSecondaryIndex["ConsultationRecord"]):
    class Meta:
        index_name = "by_closing"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    closes_at = UnicodeAttribute(range_key=True)


class ConsultationRecord(BaseRecord):
    """One consultation. Its state (upcoming, open, closed) is derived from the dates and
    `closed_at` (`domain.consultations.state`), so a closing date passing needs no write.
    Access patterns, each a GetItem or a Query:
    - a consultation by id: GetItem on `id`
    - an area's open ones: `by_area_closing` on (area, closes_at > now), filtered on opens_at <= now
      (upcoming: opens_at > now); its closed ones: the same index on closes_at <= now, latest first.
      Closing early sets `closes_at` to the moment of closing, so the range alone says closed.
    - every area's: `by_closing` on (listing = "consultation", closes_at), the same conditions
    - its ideas: the campaigns' `by_consultation` index (store.consultations.ideas)
    Times are ISO 8601 strings (store.base.iso) so they sort as text.
    """

    Meta = meta_for("consultations")
    id = UnicodeAttribute(hash_key=True)
    area = UnicodeAttribute()
    listing = UnicodeAttribute(default=LISTED)
    question = UnicodeAttribute()
    brief = UnicodeAttribute()
    opens_at = UnicodeAttribute()
    closes_at = UnicodeAttribute()
    closed_at = UnicodeAttribute(null=True)
    summary = UnicodeAttribute(null=True)
    # The language its question and brief are written in ("en", "cy"), which search analyses them as.
    language = UnicodeAttribute(null=True)
    closed_by = UnicodeAttribute(null=True)
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    version = VersionAttribute()

    by_area_closing = ByAreaClosing()
    by_closing = ByClosing()
