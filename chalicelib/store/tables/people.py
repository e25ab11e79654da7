"""The people table: profiles."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)

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
    # The policy team's areas (PUT /policy-team/{id}/areas), as a minister's portfolio is theirs.
    policy_areas = ListAttribute(of=UnicodeAttribute, default=list)
    # One of domain.regions.REGION_IDS, or absent: optional. A support is counted in the region
    # given when it was made; changing it later moves no past support.
    region = UnicodeAttribute(null=True)
    # When `region` last changed (set, changed or unset); absent: as given when the profile was made.
    # A support counts in regional figures only once this and `created_at` are a few days old
    # (domain.regional_figures).
    region_since = UTCDateTimeAttribute(null=True)
    created_at = UTCDateTimeAttribute(default=utcnow)
    updated_at = UTCDateTimeAttribute(default=utcnow)
    version = VersionAttribute()
