"""Profiles, organisations and portfolios: what may be written, and the shapes shown."""

from __future__ import annotations

import re
import secrets

from pydantic import BaseModel, Field, field_validator, model_validator

from chalicelib.domain.areas import is_area
from chalicelib.domain.schemas import StrictModel

HANDLE_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,28})[a-z0-9]$")
# Handles that would read as the site speaking, or collide with page paths.
RESERVED_HANDLES = frozenset(
    {"admin", "admins", "api", "labour", "labourspace", "me", "minister", "ministers",
     "moderator", "moderators", "official", "support", "help", "about", "root", "system"}
)


def check_handle(value: str) -> str:
    handle = value.strip().lower()
    if not HANDLE_RE.match(handle) or "--" in handle:
        raise ValueError("3 to 30 lower-case letters, digits or single hyphens, not at either end")
    if handle in RESERVED_HANDLES:
        raise ValueError("this handle is reserved")
    return handle


def handle_candidate() -> str:
    """A first handle for a new person. Random, not from their email: a handle is public, and
    an email's local part often names the person. They choose their own later."""
    return f"member-{secrets.token_hex(3)}"


NEW_MEMBER_NAME = "New member"


class ProfileUpdate(StrictModel):
    handle: str | None = Field(default=None, description="unique; 3-30 of a-z, 0-9 and -")
    display_name: str | None = Field(default=None, min_length=1, max_length=80)
    bio: str | None = Field(default=None, max_length=1000)
    constituency: str | None = Field(default=None, max_length=100)

    _handle = field_validator("handle")(lambda cls, v: None if v is None else check_handle(v))

    @model_validator(mode="after")
    def _something(self) -> ProfileUpdate:
        if not self.model_fields_set:
            raise ValueError("send at least one of handle, display_name, bio, constituency")
        return self


class Profile(BaseModel):
    id: str
    handle: str
    display_name: str
    bio: str
    constituency: str
    roles: list[str]
    portfolio: list[str]
    version: int


class PersonSummary(BaseModel):
    id: str
    handle: str
    display_name: str


class OrganisationCreate(StrictModel):
    handle: str
    name: str = Field(min_length=2, max_length=120)
    description: str = Field(default="", max_length=2000)

    _handle = field_validator("handle")(lambda cls, v: check_handle(v))


class MemberAdd(StrictModel):
    handle: str = Field(description="the person's handle")
    role: str = Field(default="member", pattern="^(member|admin)$")

    _handle = field_validator("handle")(lambda cls, v: check_handle(v))


class Member(BaseModel):
    person: PersonSummary
    role: str


class Organisation(BaseModel):
    id: str
    handle: str
    name: str
    description: str
    members: list[Member]


class PortfolioUpdate(StrictModel):
    areas: list[str] = Field(max_length=15, description="policy area ids from GET /areas")

    @field_validator("areas")
    @classmethod
    def _known_areas(cls, areas: list[str]) -> list[str]:
        unknown = [a for a in areas if not is_area(a)]
        if unknown:
            raise ValueError(f"unknown policy areas: {', '.join(unknown)}")
        return sorted(set(areas))


class Portfolio(BaseModel):
    minister_id: str
    areas: list[str]
