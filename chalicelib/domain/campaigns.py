"""A campaign's lifecycle and what may be written into one. No AWS here: storage enforces the
same transitions with conditional writes (`store.campaigns`)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import Field, field_validator

from chalicelib.domain.areas import is_area
from chalicelib.domain.errors import Conflict
from chalicelib.domain.schemas import StrictModel


class Status(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    OPEN = "open"
    REJECTED = "rejected"
    CLOSED = "closed"


# The only moves a campaign can make; everything else is a 409.
TRANSITIONS: dict[str, tuple[frozenset[Status], Status]] = {
    "submit": (frozenset({Status.DRAFT, Status.REJECTED}), Status.PENDING),
    "approve": (frozenset({Status.PENDING}), Status.OPEN),
    "reject": (frozenset({Status.PENDING}), Status.REJECTED),
    "close": (frozenset({Status.OPEN}), Status.CLOSED),
}
EDITABLE = frozenset({Status.DRAFT, Status.REJECTED})
PUBLIC = frozenset({Status.OPEN, Status.CLOSED})


def transition(action: str, current: str) -> Status:
    """The status `action` leads to from `current`, or a Conflict saying why not."""
    allowed_from, target = TRANSITIONS[action]
    if Status(current) not in allowed_from:
        raise Conflict(
            f"A campaign that is {current} cannot take the action '{action}'.",
            code="invalid_transition",
            details={"status": current, "action": action},
        )
    return target


def closing_date(published_at: datetime, open_days: int) -> datetime:
    return published_at + timedelta(days=open_days)


def slugify(title: str, max_length: int = 60) -> str:
    """`Free bus travel for apprentices!` -> `free-bus-travel-for-apprentices`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "campaign"


class CampaignText(StrictModel):
    title: str = Field(min_length=10, max_length=120)
    summary: str = Field(min_length=20, max_length=500, description="what should change, in a sentence or two")
    body: str = Field(min_length=50, max_length=10_000, description="why the party should take it up")


class CampaignCreate(CampaignText):
    area: str = Field(description="a policy area id from GET /areas")
    organisation: str | None = Field(default=None, description="handle of a hosting organisation you belong to")

    @field_validator("area")
    @classmethod
    def _known_area(cls, area: str) -> str:
        if not is_area(area):
            raise ValueError("not a policy area; see GET /areas")
        return area


class Decision(StrictModel):
    decision: str = Field(pattern="^(approve|reject)$")
    reason: str = Field(min_length=5, max_length=2000, description="shown to the campaign's owner")


class CampaignEdit(StrictModel):
    title: str | None = Field(default=None, min_length=10, max_length=120)
    summary: str | None = Field(default=None, min_length=20, max_length=500)
    body: str | None = Field(default=None, min_length=50, max_length=10_000)
    area: str | None = None

    @field_validator("area")
    @classmethod
    def _known_area(cls, area: str | None) -> str | None:
        if area is not None and not is_area(area):
            raise ValueError("not a policy area; see GET /areas")
        return area

    @field_validator("title", "summary", "body")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("cannot be null")
        return value


class CloseRequest(StrictModel):
    reason: str = Field(default="", max_length=2000)
