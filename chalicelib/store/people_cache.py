"""What a container remembers of people between requests, so a warm reply reads nothing first.
Each copy has a short life, and is used only where a stale one does no harm:
- a profile (name, handle, roles), PROFILE_SECONDS: a reply only echoes the name and handle in its
  answer (the thread shows the profile as it is now); roles unlike the token's are read and synced.
- an organisation's handle, ORGANISATION_SECONDS: handles are claimed once and never change.
- a membership, MEMBERSHIP_SECONDS: only a reply's organisation badge depends on it (on a campaign
  anyone may see); someone who left can keep the badge that long on another container, this one
  forgets its copy when the membership changes here.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

PROFILE_SECONDS = 300.0
ORGANISATION_SECONDS = 300.0
MEMBERSHIP_SECONDS = 30.0
SIZE = 4096
_MISSING = object()


@dataclass(frozen=True)
class KnownPerson:
    """The part of a profile a reply needs (as a PersonRecord's attributes)."""

    id: str
    handle: str
    display_name: str
    roles: tuple[str, ...]
    portfolio: tuple[str, ...] = ()


class _Recent:
    """Values kept for `seconds`, the least recently written dropped past SIZE."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._items: OrderedDict[Any, tuple[Any, float]] = OrderedDict()

    def get(self, key: Any) -> Any:
        """The value, or _MISSING if none was kept or it is too old."""
        kept = self._items.get(key)
        if kept is None or time.monotonic() - kept[1] >= self.seconds:
            return _MISSING
        return kept[0]

    def put(self, key: Any, value: Any) -> None:
        self._items[key] = (value, time.monotonic())
        self._items.move_to_end(key)
        while len(self._items) > SIZE:
            self._items.popitem(last=False)

    def forget(self, key: Any) -> None:
        self._items.pop(key, None)

    def clear(self) -> None:
        self._items.clear()


profiles = _Recent(PROFILE_SECONDS)
organisation_handles = _Recent(ORGANISATION_SECONDS)
memberships = _Recent(MEMBERSHIP_SECONDS)


def remember_profile(person: Any) -> None:
    profiles.put(person.id, KnownPerson(person.id, person.handle, person.display_name, tuple(person.roles or ()),
                                        tuple(person.portfolio or ())))


def recent_profile(person_id: str) -> KnownPerson | None:
    kept = profiles.get(person_id)
    return None if kept is _MISSING else kept


def cached(recent: _Recent, key: Any, read: Any) -> Any:
    """`recent`'s value for `key`, or `read()`'s, kept."""
    kept = recent.get(key)
    if kept is _MISSING:
        kept = read()
        recent.put(key, kept)
    return kept


def forget_everything() -> None:
    """As a new Lambda container starts (tests and the bench)."""
    for recent in (profiles, organisation_handles, memberships):
        recent.clear()
