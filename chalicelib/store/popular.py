"""Popular in your region, stored: one item per region in the search index (`r#<region>` /
`popular`, tables/search_index.py), written whole by the hourly schedule and read with one GetItem;
then one BatchGetItem of the campaigns themselves, so what is shown is read live."""

from __future__ import annotations

import json

from chalicelib.domain.campaigns import Campaign
from chalicelib.store.campaign_lists import fetch_in_order
from chalicelib.store.regional_snapshots import SNAPSHOT_ATTRIBUTES
from chalicelib.store.tables.search_index import SearchEntryRecord

SORT = "popular"
# What a listed campaign shows and what decides whether it is still shown: no bodies.
LIVE_ATTRIBUTES = sorted({"id", "slug", "title", "summary", "area", "status", "hidden", "support_count",
                          *SNAPSHOT_ATTRIBUTES})


def _key(region: str) -> str:
    return f"r#{region}"


def write_lists(lists: dict[str, list[tuple[str, int]]], at: str) -> int:
    """Replace each region's list (an empty one too: a list that emptied must not linger).
    One BatchWriteItem of a put per region; how many items were written."""
    with SearchEntryRecord.batch_write() as batch:
        for region, ranked in lists.items():
            batch.save(SearchEntryRecord(_key(region), SORT, ranked=json.dumps([[cid, n] for cid, n in ranked]),
                                         ranked_at=at))
    return len(lists)


def ranked_in(region: str) -> list[tuple[str, int]]:
    """The region's list as the schedule last wrote it, best first; empty before its first run."""
    try:
        item = SearchEntryRecord.get(_key(region), SORT)
    except SearchEntryRecord.DoesNotExist:
        return []
    return [(str(cid), int(n)) for cid, n in json.loads(item.ranked or "[]")]


def live_campaigns(ids: list[str]) -> list[Campaign]:
    """The campaigns as they are now, in the order given; a deleted one is left out."""
    return fetch_in_order(ids, LIVE_ATTRIBUTES)
