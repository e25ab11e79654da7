"""The memberships table: who belongs to which organisation."""

from __future__ import annotations

from pynamodb.attributes import (
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.store.base import BaseRecord, meta_for, utcnow


class MemberPersonIndex(GlobalSecondaryIndex["MembershipRecord"]):
    class Meta:
        index_name = "by_person"
        projection = AllProjection()

    person_id = UnicodeAttribute(hash_key=True)
    organisation_id = UnicodeAttribute(range_key=True)


class MembershipRecord(BaseRecord):
    """Who belongs to which organisation.
    Access patterns:
    - the members of an organisation: Query on `organisation_id`
    - is this person a member: GetItem on (`organisation_id`, `person_id`)
    - the organisations of a person: Query on index `by_person`
    """

    Meta = meta_for("memberships")
    organisation_id = UnicodeAttribute(hash_key=True)
    person_id = UnicodeAttribute(range_key=True)
    role = UnicodeAttribute(default="member")  # admin | member
    added_at = UTCDateTimeAttribute(default=utcnow)
    by_person = MemberPersonIndex()
