"""The one home of the container's short caches: what a busy Lambda container may keep between
requests instead of reading DynamoDB again. Each cache states its time to live where it is made,
and why serving something that old is safe. Only what anyone may see is kept (nothing one person
may see and another may not), so an entry can answer anybody.

A new Lambda container starts with every cache empty; `forget_everything()` does the same here
(benchmarks and tests measure a cold container with it)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

_MISSING = object()
_caches: list[TtlCache] = []


class TtlCache:
    """Entries younger than `seconds` (a number, or a function read at each lookup so a test can
    lengthen it), at most `size` of them, the least recently stored dropped first."""

    def __init__(self, name: str, seconds: float | Callable[[], float], size: int) -> None:
        self.name, self._seconds, self.size = name, seconds, size
        self._entries: OrderedDict[Hashable, tuple[Any, float]] = OrderedDict()
        _caches.append(self)

    @property
    def seconds(self) -> float:
        return self._seconds() if callable(self._seconds) else self._seconds

    def get(self, key: Hashable, default: Any = None) -> Any:
        entry = self._entries.get(key, _MISSING)
        if entry is _MISSING:
            return default
        value, stored_at = entry  # type: ignore[misc]
        if time.monotonic() - stored_at >= self.seconds:
            self._entries.pop(key, None)
            return default
        return value

    def __contains__(self, key: Hashable) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def put(self, key: Hashable, value: Any) -> Any:
        self._entries[key] = (value, time.monotonic())
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value

    def get_or_read(self, key: Hashable, read: Callable[[], Any]) -> Any:
        """The kept value, or `read()`'s, kept (None included: an absence is an answer too)."""
        kept = self.get(key, _MISSING)
        return self.put(key, read()) if kept is _MISSING else kept

    def forget(self, key: Hashable) -> None:
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()


def forget_everything() -> None:
    """Empty every cache, as a new Lambda container starts."""
    for cache in _caches:
        cache.clear()
