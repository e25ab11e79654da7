"""What a container remembers of the people who call it, so a warm reply reads nothing first: the
caller's name, handle, roles and portfolio, in `read_cache.people` beside the names cards show
(one entry per person, one life), and their memberships in `read_cache.memberships`. A reply only
echoes the name and handle in its answer (the thread shows the profile as it is now); roles unlike
the token's are read and synced, and a minister's portfolio is read (it goes into the badge).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.store.public_names import PersonName
from chalicelib.store.read_cache import people


@dataclass(frozen=True)
class KnownPerson(PersonName):
    """The part of a profile a reply needs (as a PersonRecord's attributes): what a card shows of
    them, and the roles their own request read."""

    roles: tuple[str, ...] = ()
    portfolio: tuple[str, ...] = ()


def remember_profile(person: Any) -> None:
    people.put(person.id, KnownPerson(person.id, person.handle, person.display_name, tuple(person.roles or ()),
                                      tuple(person.portfolio or ())))


def recent_profile(person_id: str) -> KnownPerson | None:
    """Their profile as their own request here read it lately; None if only a card's names are kept."""
    kept = people.get(person_id)
    return kept if isinstance(kept, KnownPerson) else None
