"""Pages of a fake's lists, with cursors as the store's behave: a cursor names the list it came
from, and one from another list, or made up, is refused ("cursor", as `store.pagination` reports)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from tests.logic.fakes_base import ConditionFailed

T = TypeVar("T")


def page_of(items: Sequence[T], scope: str, limit: int, cursor: str | None) -> tuple[list[T], str | None]:
    """A page of `items` from `cursor` (None: the first); the cursor to the next (None after the last)."""
    start = 0
    if cursor:
        named, _, offset = cursor.rpartition("|")
        if named != scope or not offset.isdigit():
            raise ConditionFailed("cursor")
        start = int(offset)
    page = list(items[start:start + limit])
    return page, (f"{scope}|{start + limit}" if start + limit < len(items) else None)
