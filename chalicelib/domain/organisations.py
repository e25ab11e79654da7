"""What kind of body an organisation is, and who may speak for it. No AWS, no HTTP.

A kind is claimed when the organisation is made and shows only once an admin of the site has
verified it: "Bristol West CLP" proposing ten amendments must be the constituency party, not
anyone who chose the name. Only a verified organisation proposes amendments, through its admins.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.errors import Forbidden


class Kind(StrEnum):
    CONSTITUENCY_PARTY = "constituency_party"
    BRANCH = "branch"
    AFFILIATED_UNION = "affiliated_union"
    SOCIALIST_SOCIETY = "socialist_society"
    OTHER = "other"


@dataclass(frozen=True)
class Standing:
    """What an amendment shows of the organisation that proposed it, and what proposing needs."""

    id: str
    handle: str
    name: str
    kind: str
    verified: bool


def shown_kind(kind: str | None, verified: bool) -> str | None:
    """The kind as others see it: none until verified."""
    return (kind or Kind.OTHER.value) if verified else None


def require_speaks_for(membership_role: str | None, verified: bool, handle: str) -> None:
    """Proposing on an organisation's behalf: its admin (an accepted membership), once verified."""
    if membership_role != "admin":
        raise Forbidden(code="not_organisation_admin", handle=handle)
    if not verified:
        raise Forbidden(code="organisation_not_verified", handle=handle)
