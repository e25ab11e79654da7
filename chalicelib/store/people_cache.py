"""What a container remembers of people between requests, so a warm reply reads nothing first
(in read_cache.TtlCache, the one home of the container's caches).
Each copy has a short life, and is used only where a stale one does no harm:
- a profile (name, handle, roles), PROFILE_SECONDS: a reply only echoes the name and handle in its
  answer (the thread shows the profile as it is now); roles unlike the token's are read and synced.
- a membership, MEMBERSHIP_SECONDS: only a reply's organisation badge depends on it (on a campaign
  anyone may see); someone who left can keep the badge that long on another container, this one
  forgets its copy when the membership changes here.
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.people import KnownPerson
from chalicelib.store.read_cache import TtlCache

PROFILE_SECONDS = 300.0
MEMBERSHIP_SECONDS = 30.0
SIZE = 4096


profiles = TtlCache("profiles", PROFILE_SECONDS, SIZE)
memberships = TtlCache("memberships", MEMBERSHIP_SECONDS, SIZE)


def remember_profile(person: Any) -> None:
    profiles.put(person.id, KnownPerson(person.id, person.handle, person.display_name,
                                        tuple(str(r) for r in person.roles or ()),
                                        tuple(str(a) for a in person.portfolio or ())))


def recent_profile(person_id: str) -> KnownPerson | None:
    return profiles.get(person_id)
