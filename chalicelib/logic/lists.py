"""Lists of campaigns: browsing, open data, a person's own, and the moderators' queue.
Every list is a Query on an index and one BatchGetItem: no Scan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain.areas import is_area
from chalicelib.domain.campaigns import Status
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import Caller
from chalicelib.logic import moderation, search
from chalicelib.store import campaign_lists, follows, supports
from chalicelib.store import manifesto as manifesto_store

Page = tuple[list[Any], str | None]


def browse(*, status: str, area: str | None, sort: str, limit: int, cursor: str | None) -> Page:
    """Public campaigns (open or closed; hidden ones never) by area, newest, most supported or rising."""
    if area is not None and not is_area(area):
        raise InvalidInput("Unknown policy area.", details={"fields": {"area": "see GET /areas"}})
    return campaign_lists.browse(status=Status(status), area=area, sort=sort, limit=limit, cursor=cursor)


def by_answer(state: str, *, limit: int, cursor: str | None) -> Page:
    """Public campaigns waiting for a minister's answer past the response threshold (longest waiting
    first), or answered by one (newest answer first), across every area."""
    return campaign_lists.by_answer(state, limit=limit, cursor=cursor)


def open_data(*, status: str, limit: int, cursor: str | None) -> Page:
    """A page of the open data, newest first: only the columns it writes are read (no bodies, no
    owners), so a page of 1,000 rows stays a few hundred KB of reads."""
    return campaign_lists.browse(status=Status(status), area=None, sort="new", limit=limit, cursor=cursor,
                                 attributes=campaign_lists.OPEN_DATA_ATTRIBUTES)


def mine(caller: Caller, relation: str, limit: int, cursor: str | None) -> Page:
    """What the caller owns (any status), supports or follows: only they see these lists."""
    if relation in ("supported", "followed"):
        source = supports.supported_by if relation == "supported" else follows.followed_by
        ids, next_cursor = source(caller.id, limit, cursor)
        return campaign_lists.fetch_in_order(ids), next_cursor
    return campaign_lists.owned_by(caller.id, limit, cursor)


@dataclass(frozen=True)
class Queue:
    """What waits for a moderator: pending campaigns (with the open ones like each), and reports."""

    pending: list[Any]
    similar: dict[str, list[dict[str, Any]]]  # a pending campaign's id -> open campaigns like it
    next_cursor: str | None
    reported: list[moderation.Reported]


def moderation_queue(limit: int, cursor: str | None) -> Queue:
    """Pending campaigns, oldest first, each with the open campaigns in its area like it (so a copy
    is seen before it opens), and the reported content awaiting a moderator."""
    pending, next_cursor = campaign_lists.moderation_queue(limit, cursor)
    return Queue(pending, {c.id: search.similar_open(c) for c in pending}, next_cursor, moderation.reported_queue())


def manifesto(*, area: str | None, stage: str | None, limit: int, cursor: str | None) -> Page:
    """Every idea in the manifesto tracker (public ones only), by stage and by area."""
    if area is not None and not is_area(area):
        raise InvalidInput("Unknown policy area.", details={"fields": {"area": "see GET /areas"}})
    return manifesto_store.page(area=area, stage=stage, limit=limit, cursor=cursor)
