"""What a container remembers of the people who call it, so a warm reply reads nothing first: the
caller's name, handle, roles and portfolio, in `read_cache.people` beside the names cards show
(one entry per person, one life), and their memberships in `read_cache.memberships`. A reply only
echoes the name and handle in its answer (the thread shows the profile as it is now); roles unlike
the token's are read and synced, and a minister's portfolio is read (it goes into the badge).
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.people import KnownPerson
from chalicelib.store.read_cache import people


def remember_profile(person: Any) -> None:
    """`person`: a profile as stored or as the domain holds it."""
    people.put(person.id, KnownPerson(person.id, person.handle, person.display_name,
                                      tuple(str(r) for r in person.roles or ()),
                                      tuple(str(a) for a in person.portfolio or ())))


def recent_profile(person_id: str) -> KnownPerson | None:
    """Their profile as their own request here read it lately; None if only a card's names are kept."""
    kept = people.get(person_id)
    return kept if isinstance(kept, KnownPerson) else None
