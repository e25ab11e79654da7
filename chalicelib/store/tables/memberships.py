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
    """Who belongs to which organisation, and who was invited to.
    Access patterns:
    - the members of an organisation (accepted only): Query on `organisation_id`, filtered on `state`
    - is this person a member: GetItem on (`organisation_id`, `person_id`)
    - the organisations of a person: Query on index `by_person`
    """

    Meta = meta_for("memberships")
    organisation_id = UnicodeAttribute(hash_key=True)
    person_id = UnicodeAttribute(range_key=True)
    role = UnicodeAttribute(default="member")  # admin | member
    # "invited" until the person accepts (domain.people.INVITED); removed on accepting, so the
    # members shown are those without it.
    state = UnicodeAttribute(null=True)
    added_at = UTCDateTimeAttribute(default=utcnow)
    by_person = MemberPersonIndex()
