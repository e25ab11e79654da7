"""The home and area pages' lists, stored: one item per page in the search index (`f#<page>` /
`front`, tables/search_index.py), each list's campaign ids in order, written whole by the
campaigns' stream handler whenever a campaign's place in one of them may have moved
(`logic.lists.refresh_front_pages`), and read with one GetItem where a cold page made a Query per
list. Only the order is stored: the campaigns themselves are read live, so a count, a title or a
moderator's hiding shows at once, as before."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pynamodb.exceptions import PutError

from chalicelib.store.base import is_condition_failure
from chalicelib.store.tables.search_index import SearchEntryRecord

SORT = "front"


@dataclass(frozen=True)
class StoredLists:
    orders: dict[str, list[str]]  # list key (`list_key`) -> campaign ids, first first
    made_at: str  # when its Queries began (domain.times.iso): it holds every move written before


def list_key(status: str, area: str | None, sort: str, limit: int) -> str:
    return f"{status}|{area or ''}|{sort}|{limit}"


def _key(page: str) -> str:
    return f"f#{page}"


def stored(page: str) -> StoredLists | None:
    """The page's lists as last written; None before the first."""
    try:
        item = SearchEntryRecord.get(_key(page), SORT)
    except SearchEntryRecord.DoesNotExist:
        return None
    return StoredLists({str(k): [str(i) for i in ids] for k, ids in json.loads(item.ranked or "{}").items()},
                       item.ranked_at or "")


def store(page: str, orders: dict[str, list[str]], made_at: str) -> bool:
    """Replace the page's lists, unless lists made later are there already (two stream shards'
    handlers can finish out of order). Whether these were written."""
    record = SearchEntryRecord(_key(page), SORT, ranked=json.dumps(orders), ranked_at=made_at)
    try:
        record.save(condition=SearchEntryRecord.ranked_at.does_not_exist() | (SearchEntryRecord.ranked_at < made_at))
    except PutError as error:
        if is_condition_failure(error):
            return False
        raise
    return True
