"""People's profiles, and the organisations they belong to."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.store.base import BaseRecord, meta_for, utcnow


class PersonRecord(BaseRecord):
    """One item per person, keyed by their Cognito `sub`. No email: Cognito holds that.
    Access patterns:
    - a profile by id (signed-in caller, owners shown on campaigns): GetItem on `id`
    - a profile by handle: UniqueNameRecord `handle#<handle>` -> `id`, then GetItem
    """

    Meta = meta_for("people")
    id = UnicodeAttribute(hash_key=True)
    handle = UnicodeAttribute()
    display_name = UnicodeAttribute()
    bio = UnicodeAttribute(default="")
    constituency = UnicodeAttribute(default="")
    # Copied from the token's Cognito groups at each sign-in, so admins can see who is a minister.
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    portfolio = ListAttribute(of=UnicodeAttribute, default=list)
    created_at = UTCDateTimeAttribute(default=utcnow)
    updated_at = UTCDateTimeAttribute(default=utcnow)
    version = VersionAttribute()


class MemberPersonIndex(GlobalSecondaryIndex["MembershipRecord"]):
    class Meta:
        index_name = "by_person"
        projection = AllProjection()

    person_id = UnicodeAttribute(hash_key=True)
    organisation_id = UnicodeAttribute(range_key=True)


class OrganisationRecord(BaseRecord):
    """One item per organisation.
    Access patterns:
    - an organisation by id: GetItem on `id`
    - by handle: UniqueNameRecord `handle#<handle>` -> `id`
    """

    Meta = meta_for("organisations")
    id = UnicodeAttribute(hash_key=True)
    handle = UnicodeAttribute()
    name = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    created_by = UnicodeAttribute()
    created_at = UTCDateTimeAttribute(default=utcnow)
    version = VersionAttribute()


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
