"""The organisations table."""

from __future__ import annotations

from pynamodb.attributes import (
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)

from chalicelib.store.base import BaseRecord, meta_for, utcnow


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
    # What kind of body it says it is (domain.organisations.Kind), shown once an admin verified it.
    kind = UnicodeAttribute(null=True)
    verified_at = UnicodeAttribute(null=True)
    # The language its name and description are written in ("en", "cy"), which search analyses them as.
    language = UnicodeAttribute(null=True)
    version = VersionAttribute()
