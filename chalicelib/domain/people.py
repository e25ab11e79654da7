"""Profiles, organisations and portfolios: what may be written, and the shapes shown."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

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
class PersonName:
    """What anyone may see of a person beside what they wrote."""

    id: str
    handle: str
    display_name: str
