"""The names table: handles and slugs, each claimed once by a conditional put."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, UnicodeAttribute, UTCDateTimeAttribute

from chalicelib.store.base import BaseRecord, meta_for, utcnow


class UniqueNameRecord(BaseRecord):
    """Access patterns:
    - claim a name: conditional put on `name` (`handle#alice`, `slug#free-bus-travel`)
    - resolve a name to what holds it: GetItem on `name`
    - a campaign's related campaigns, stored on its slug's claim: UpdateItem on `name`
    """

    Meta = meta_for("names")
    name = UnicodeAttribute(hash_key=True)
    target_kind = UnicodeAttribute()  # person | organisation | campaign
    target_id = UnicodeAttribute()
    claimed_at = UTCDateTimeAttribute(default=utcnow)
    # A campaign's slug only: what its page reads with it, noted when the campaign was made
    # (domain.campaigns.SlugClaim; hints, checked against the campaign read).
    owner_id = UnicodeAttribute(null=True)
    organisation_id = UnicodeAttribute(null=True)
    title = UnicodeAttribute(null=True)
    language = UnicodeAttribute(null=True)
    # Its related campaigns' ids, best first, and when they were found (domain.campaigns.RELATED_LIFE):
    # written by the search index's stream handler, or a page that found them stale; read with the claim.
    related: ListAttribute[str] = ListAttribute(of=UnicodeAttribute, null=True)  # type: ignore[arg-type]  # as hourly_counts
    related_at = UnicodeAttribute(null=True)


def name_key(kind: str, value: str) -> str:
    return f"{kind}#{value.lower()}"
