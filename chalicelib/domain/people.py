"""Profiles, organisations and portfolios: what may be written, and the shapes shown."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.domain.errors import Conflict, InvalidValue, NotFound

HANDLE_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,28})[a-z0-9]$")


# Handles that would read as the site speaking, or collide with page paths.
RESERVED_HANDLES = frozenset(
    {"admin", "admins", "api", "labour", "labourspace", "me", "minister", "ministers",
     "moderator", "moderators", "official", "support", "help", "about", "root", "system"}
)


def check_handle(value: str) -> str:
    handle = value.strip().lower()
    if not HANDLE_RE.match(handle) or "--" in handle:
        raise InvalidValue("handle_form")
    if handle in RESERVED_HANDLES:
        raise InvalidValue("handle_reserved")
    return handle


def handle_candidate() -> str:
    """A first handle for a new person. Random, not from their email: a handle is public, and
    an email's local part often names the person. They choose their own later."""
    return f"member-{secrets.token_hex(3)}"


NEW_MEMBER_NAME = "New member"


# An organisation's admin invites; the person accepts. Membership of a trade union or a party
# group is special category data (UK GDPR Art. 9), so nobody is shown as, or acts as, a member
# of an organisation without having said yes. A membership with no state was accepted.
INVITED = "invited"


def role_as_member(role: str | None, state: str | None) -> str | None:
    """The role a membership gives for every permission (hosting, badges, editing, managing): none
    until the invitation is accepted."""
    if role is None or state == INVITED:
        return None
    return role


@dataclass(frozen=True)
class Person:
    """A profile, keyed by the person's Cognito `sub`."""

    id: str
    handle: str
    display_name: str
    bio: str = ""
    constituency: str = ""
    roles: tuple[str, ...] = ()  # the token's groups at their last sign-in
    portfolio: tuple[str, ...] = ()  # a minister's areas
    policy_areas: tuple[str, ...] = ()  # a policy team member's areas
    region: str | None = None
    created_at: datetime | None = None
    version: int = 0
    region_since: datetime | None = None  # when `region` last changed (None: as the profile was made)
    language: str | None = None  # "en", "cy"; None: never chosen


@dataclass(frozen=True)
class PersonName:
    """What is shown beside a person's words: public, the same for everyone."""

    id: str
    handle: str
    display_name: str


@dataclass(frozen=True)
class KnownPerson(PersonName):
    """The part of a profile a reply needs, as a container may remember it between requests: what a
    card shows of them, and the roles and portfolio their own request read."""

    roles: tuple[str, ...] = ()
    portfolio: tuple[str, ...] = ()


def name_of(person: Person | KnownPerson) -> PersonName:
    return PersonName(person.id, person.handle, person.display_name)


@dataclass(frozen=True)
class Organisation:
    """An organisation: its handle and name, who made it, and the kind of body it is once verified."""

    id: str
    handle: str
    name: str
    description: str = ""
    created_by: str = ""
    kind: str | None = None  # what body it says it is (domain.organisations.Kind), shown once verified
    verified_at: str | None = None
    language: str | None = None  # its name and description's: "en", "cy"; None: from before languages, English


@dataclass(frozen=True)
class OrganisationName:
    """What a link to an organisation shows: its handle and name."""

    id: str
    handle: str
    name: str


@dataclass(frozen=True)
class Membership:
    """A person in an organisation: a member (`state` None) or invited."""

    organisation_id: str
    person_id: str
    role: str = "member"  # admin | member
    state: str | None = None


@dataclass(frozen=True)
class Names:
    """The names shown beside what a page or an answer shows, gathered before it is presented."""

    people: Mapping[str, PersonName] = field(default_factory=dict)
    organisations: Mapping[str, OrganisationName] = field(default_factory=dict)


# What goes wrong with people and organisations, each written once.

def no_such_person(handle: str | None = None) -> NotFound:
    if handle is None:
        return NotFound(code="person_not_found")
    return NotFound(code="person_not_found", wording="handle", handle=handle)


def no_such_organisation(handle: str) -> NotFound:
    return NotFound(code="organisation_not_found", handle=handle)


def handle_taken(handle: str | None = None) -> Conflict:
    """A handle is claimed once, among people's and organisations' alike (None: none was free)."""
    if handle is None:
        return Conflict(code="handle_taken", wording="none_free")
    return Conflict(code="handle_taken", handle=handle, details={"handle": handle})


def no_invitation() -> NotFound:
    return NotFound(code="invitation_not_found")


def no_such_member() -> NotFound:
    """Someone an organisation's admin would remove is neither a member nor invited."""
    return NotFound(code="member_not_found")


def already_member(action: str = "invite") -> Conflict:
    """The person is a member already: not invited again; their invitation is not declined (`decline`)."""
    if action == "decline":
        return Conflict(code="already_member", wording="decline")
    return Conflict(code="already_member")


def already_invited() -> Conflict:
    return Conflict(code="already_invited")
