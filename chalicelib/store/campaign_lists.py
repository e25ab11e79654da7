"""Every list of campaigns is a Query on a keys-only index, then one BatchGetItem: no Scan."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from chalicelib.domain.campaigns import Campaign, Status, is_public
from chalicelib.store import front_lists, to_domain
from chalicelib.store.base import iso, utcnow
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.read_cache import list_order, lists_moved_here
from chalicelib.store.regional_snapshots import SNAPSHOT_ATTRIBUTES
from chalicelib.store.tables.campaigns import ANSWERED, CampaignRecord

# (sort, whether an area is given) -> the index that serves it
INDEXES = {
    ("new", False): CampaignRecord.by_status,
    ("new", True): CampaignRecord.by_area_status,
    ("top", False): CampaignRecord.top_by_status,
    ("top", True): CampaignRecord.top_by_area_status,
    ("trending", False): CampaignRecord.trending_by_status,
    ("trending", True): CampaignRecord.trending_by_area_status,
}


# What a card needs: not the bodies, which can be 10 KB each.
CARD_ATTRIBUTES = ["id", "slug", "title", "area", "status", "hidden", "support_count"]
# What the open data writes (and `hidden`, to leave hidden ones out): no bodies, owners or responses' words.
OPEN_DATA_ATTRIBUTES = [*CARD_ATTRIBUTES, "published_at", "closes_at", "closed_at", "official_response.stance"]
# What the canvass shows of an idea: no bodies, and nothing of who supports it.
CANVASS_ATTRIBUTES = sorted({"id", "slug", "title", "area", "status", "hidden", "support_count", "daily_counts",
                             "daily_counts_day", "reply_count", "official_response.stance", "published_at",
                             "consultation_id", "manifesto_stage", *SNAPSHOT_ATTRIBUTES})


def fetch_in_order(ids: list[str], attributes: list[str] | None = None) -> list[Campaign]:
    """The campaigns in the order given (one BatchGetItem a hundred); a deleted one is left out."""
    if not ids:
        return []
    found = {c.id: c for c in CampaignRecord.batch_get(ids, attributes_to_get=attributes)}
    return [to_domain.campaign(found[i]) for i in ids if i in found]


def titles_of(ids: list[str]) -> list[Campaign]:
    """The campaigns in the order given, with only what a link to each shows (its title, area, status)."""
    return fetch_in_order(ids, ["id", "slug", "title", "area", "status"])


def _page(index, hash_value: str, *, limit: int, cursor: str | None, newest_first: bool,
          range_condition=None, attributes: list[str] | None = None) -> tuple[list[Campaign], str | None]:
    scope = f"{index.Meta.index_name}:{hash_value}"
    results = index.query(hash_value, range_condition, scan_index_forward=not newest_first, limit=limit,
                          last_evaluated_key=decode_cursor(scope, cursor))
    ids = [r.id for r in results]
    return fetch_in_order(ids, attributes), encode_cursor(scope, results.last_evaluated_key)


def browse(*, status: Status, area: str | None, sort: str, limit: int, cursor: str | None,
           attributes: list[str] | None = None) -> tuple[list[Campaign], str | None]:
    """A page of public campaigns; only `attributes` of each when given (a projection)."""
    index = INDEXES[(sort, area is not None)]
    hash_value = f"{status.value}#{area}" if area else status.value
    page, next_cursor = _page(index, hash_value, limit=limit, cursor=cursor, newest_first=True, attributes=attributes)
    return [c for c in page if is_public(c.status, c.hidden)], next_cursor  # hidden by moderation: off lists


def open_data(*, status: Status, limit: int, cursor: str | None) -> tuple[list[Campaign], str | None]:
    """A page of the open data, newest first: only the columns it writes are read (no bodies, no
    owners), so a page of 1,000 rows stays a few hundred KB of reads."""
    return browse(status=status, area=None, sort="new", limit=limit, cursor=cursor, attributes=OPEN_DATA_ATTRIBUTES)


def canvass(*, status: Status, area: str, limit: int, cursor: str | None) -> tuple[list[Campaign], str | None]:
    """A page of an area's ideas, most supported first, with only what the canvass shows."""
    return browse(status=status, area=area, sort="top", limit=limit, cursor=cursor, attributes=CANVASS_ATTRIBUTES)


def by_answer(state: str, *, limit: int, cursor: str | None) -> tuple[list[Campaign], str | None]:
    """A page of public campaigns waiting for a minister's answer (longest waiting first) or answered
    (newest answer first): one Query of the sparse `by_answer_state` index, one BatchGetItem."""
    page, next_cursor = _page(CampaignRecord.by_answer_state, state, limit=limit, cursor=cursor,
                              newest_first=state == ANSWERED)
    return [c for c in page if is_public(c.status, c.hidden)], next_cursor


def _order(status: Status, area: str | None, sort: str, limit: int) -> list[str]:
    """A list's first `limit` campaign ids, first first: one Query of its keys-only index."""
    index = INDEXES[(sort, area is not None)]
    hash_value = f"{status.value}#{area}" if area else status.value
    return [r.id for r in index.query(hash_value, scan_index_forward=False, limit=limit)]


def _stored_orders(page: str) -> dict[str, list[str]]:
    """The page's stored lists, if made after this container last moved a campaign between lists."""
    found = front_lists.stored(page)
    moved_at = lists_moved_here.get("at")
    if found is None or (moved_at is not None and found.made_at <= moved_at):
        return {}
    return found.orders


def first_pages(wanted: list[tuple[Status, str | None, str, int]], stored_as: str | None = None
                ) -> list[list[Campaign]]:
    """The first page of each (status, area, sort, limit) list, public campaigns only: each list's
    order as kept 10 s (`read_cache.list_order`), else from the page's stored lists (`stored_as`,
    one GetItem for them all), else a Query per list; then every campaign of them all in one
    BatchGetItem. A campaign moved between states on this container (`forget_list_order`) shows at
    once here."""
    keys = [(status.value, area, sort, limit) for status, area, sort, limit in wanted]
    orders = {key: list_order.get(key) for key in keys}
    if stored_as is not None and None in orders.values():
        stored = _stored_orders(stored_as)
        for key, ids in orders.items():
            if ids is None and front_lists.list_key(*key) in stored:
                orders[key] = list_order.put(key, stored[front_lists.list_key(*key)])
    for (status, area, sort, limit), key in zip(wanted, keys, strict=True):
        if orders[key] is None:
            orders[key] = list_order.put(key, _order(status, area, sort, limit))
    ordered = [(status, orders[key] or []) for (status, *_), key in zip(wanted, keys, strict=True)]
    found = {c.id: c for c in fetch_in_order(list(dict.fromkeys(i for _, ids in ordered for i in ids)))}
    return [[found[i] for i in ids if i in found and found[i].status == status.value  # left it since: off
             and is_public(found[i].status, found[i].hidden)] for status, ids in ordered]


def refresh_front_page(page: str, wanted: list[tuple[Status, str | None, str, int]]) -> bool:
    """Store a page's lists as the indexes have them now (a Query each, one PutItem); False if lists
    made later were stored meanwhile."""
    made_at = iso(utcnow())
    orders = {front_lists.list_key(status.value, area, sort, limit): _order(status, area, sort, limit)
              for status, area, sort, limit in wanted}
    return front_lists.store(page, orders, made_at)


def forget_list_order() -> None:
    """A campaign entered or left a status on this container: its lists show it at the next request
    (queried, until the stored lists are made again after it)."""
    list_order.clear()
    lists_moved_here.put("at", iso(utcnow()))


def moderation_queue(limit: int, cursor: str | None) -> tuple[list[Campaign], str | None]:
    """Pending campaigns, oldest submission first."""
    return _page(CampaignRecord.by_status, Status.PENDING.value, limit=limit, cursor=cursor, newest_first=False)


def owned_by(owner_id: str, limit: int, cursor: str | None) -> tuple[list[Campaign], str | None]:
    return _page(CampaignRecord.by_owner, owner_id, limit=limit, cursor=cursor, newest_first=True)


def hosted_by(organisation_id: str, limit: int, cursor: str | None) -> tuple[list[Campaign], str | None]:
    return _page(CampaignRecord.by_organisation, organisation_id, limit=limit, cursor=cursor, newest_first=True)


def due_to_close(now: datetime, page_size: int = 100) -> Iterator[Campaign]:
    """Open campaigns whose closing date has passed, oldest first, a page at a time."""
    results = CampaignRecord.closing_queue_index.query(
        Status.OPEN.value, CampaignRecord.closes_at <= iso(now), page_size=page_size
    )
    batch: list[str] = []
    for key in results:
        batch.append(key.id)
        if len(batch) == page_size:
            yield from fetch_in_order(batch)
            batch = []
    yield from fetch_in_order(batch)


def status_pages(status: Status, page_size: int = 100) -> Iterator[list[Campaign]]:
    """Every campaign in `status`, newest first, one page at a time (batch jobs, open data)."""
    cursor = None
    while True:
        page, cursor = browse(status=status, area=None, sort="new", limit=page_size, cursor=cursor)
        if page:
            yield page
        if cursor is None:
            return

