"""The names table: handles and slugs, each claimed once by a conditional put."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute

from chalicelib.store.base import BaseRecord, meta_for, utcnow


class UniqueNameRecord(BaseRecord):
    """Access patterns:
    - claim a name: conditional put on `name` (`handle#alice`, `slug#free-bus-travel`)
    - resolve a name to what holds it: GetItem on `name`
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


def name_key(kind: str, value: str) -> str:
    return f"{kind}#{value.lower()}"
