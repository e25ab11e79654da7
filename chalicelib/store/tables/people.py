"""The people table: profiles."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for, utcnow

# The one value of `minister_listing`: every minister holding a portfolio is in one partition of the
# `ministers` index (a few dozen people; written only at a reshuffle).
MINISTERS = "minister"


class MinistersIndex(GlobalSecondaryIndex["PersonRecord"]):
    """Sparse, keys only: the ministers who hold a portfolio."""

    class Meta:
        index_name = "ministers"
        projection = KeysOnlyProjection()

    minister_listing = UnicodeAttribute(hash_key=True)
    id = UnicodeAttribute(range_key=True)


class PersonRecord(BaseRecord):
    """One item per person, keyed by their Cognito `sub`. No email: Cognito holds that.
    Access patterns:
    - a profile by id (signed-in caller, owners shown on campaigns): GetItem on `id`
    - a profile by handle: UniqueNameRecord `handle#<handle>` -> `id`, then GetItem
    - the ministers holding a portfolio: Query on `ministers` (minister_listing = "minister"), then BatchGetItem
    """

    Meta = meta_for("people")
    id = UnicodeAttribute(hash_key=True)
    handle = UnicodeAttribute()
    display_name = UnicodeAttribute()
    bio = UnicodeAttribute(default="")
    constituency = UnicodeAttribute(default="")
    # Copied from the token's Cognito groups at each sign-in, so admins can see who is a minister.
    roles: ListAttribute[str] = ListAttribute(of=UnicodeAttribute, default=list)  # type: ignore[arg-type]  # the stubs take `of` as the items' Python type; PynamoDB takes their attribute
    portfolio = ListAttribute(of=UnicodeAttribute, default=list)
    # The policy team's areas (PUT /policy-team/{id}/areas), as a minister's portfolio is theirs.
    policy_areas = ListAttribute(of=UnicodeAttribute, default=list)
    # MINISTERS while a minister holds a portfolio (store.profiles.set_portfolio), else absent.
    minister_listing = UnicodeAttribute(null=True)
    # One of domain.regions.REGION_IDS, or absent: optional. A support is counted in the region
    # given when it was made; changing it later moves no past support.
    region = UnicodeAttribute(null=True)
    # The language they read the site, their updates and emails in ("en", "cy"); unset: never chosen.
    language = UnicodeAttribute(null=True)
    # When `region` last changed (set, changed or unset); absent: as given when the profile was made.
    # A support counts in regional figures only once this and `created_at` are a few days old
    # (domain.regional_figures).
    region_since = UTCDateTimeAttribute(null=True)
    created_at = UTCDateTimeAttribute(default=utcnow)
    updated_at = UTCDateTimeAttribute(default=utcnow)
    version = VersionAttribute()

    ministers = MinistersIndex()
