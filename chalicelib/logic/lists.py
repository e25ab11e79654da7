"""Lists of campaigns: browsing, open data, a person's own, the moderators' queue, the manifesto
tracker and the pages' first pages. Every list is a Query on an index and one BatchGetItem: no
Scan. A list that is shown with names (owners, hosts, responders) gathers them too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chalicelib.domain.areas import is_area, unknown_area
from chalicelib.domain.campaigns import Campaign, Status, is_public
from chalicelib.domain.identity import Caller
from chalicelib.domain.people import Names
from chalicelib.domain.search_terms import Found
from chalicelib.logic import search
from chalicelib.logic.campaigns import names
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained

if TYPE_CHECKING:
    from chalicelib.logic import moderation
    from chalicelib.logic.campaign_ports import Page


@dataclass(frozen=True)
class Listed:
    """A page of campaigns as shown: with the names beside them, and the cursor to the next page."""

    campaigns: list[Campaign]
    next_cursor: str | None
    names: Names


def _named(page: Page) -> Listed:
    campaigns, next_cursor = page
    return Listed(campaigns, next_cursor, names(campaigns))


def _require_area(area: str | None) -> None:
    if area is not None and not is_area(area):
        raise unknown_area()


def browse(*, status: str, area: str | None, sort: str, limit: int, cursor: str | None) -> Listed:
    """Public campaigns (open or closed; hidden ones never) by area, newest, most supported or rising."""
    _require_area(area)
    with explained():
        page = stores().campaign_lists.browse(status=Status(status), area=area, sort=sort, limit=limit, cursor=cursor)
    return _named(page)


def by_answer(state: str, *, limit: int, cursor: str | None) -> Listed:
    """Public campaigns waiting for a minister's answer past the response threshold (longest waiting
    first), or answered by one (newest answer first), across every area."""
    with explained():
        return _named(stores().campaign_lists.by_answer(state, limit=limit, cursor=cursor))


def open_data(*, status: str, limit: int, cursor: str | None) -> Page:
    """A page of the open data, newest first: only the columns it writes are read (no bodies, no
    owners), so a page of 1,000 rows stays a few hundred KB of reads."""
    with explained():
        return stores().campaign_lists.open_data(status=Status(status), limit=limit, cursor=cursor)


def mine(caller: Caller, relation: str, limit: int, cursor: str | None) -> Listed:
    """What the caller owns (any status), supports or follows: only they see these lists."""
    s = stores()
    with explained():
        if relation in ("supported", "followed"):
            source = s.supports.supported_by if relation == "supported" else s.follows.followed_by
            ids, next_cursor = source(caller.id, limit, cursor)
            return _named((s.campaign_lists.fetch_in_order(ids), next_cursor))
        return _named(s.campaign_lists.owned_by(caller.id, limit, cursor))


@dataclass(frozen=True)
class Queue:
    """What waits for a moderator: pending campaigns (with the open ones like each), and reports."""

    pending: Listed  # campaigns awaiting a decision, oldest first
    similar: dict[str, list[Found]]  # a pending campaign's id -> open campaigns like it
    reported: moderation.ReportedQueue  # reported content awaiting a moderator, oldest first


def moderation_queue(limit: int, cursor: str | None) -> Queue:
    """Pending campaigns, oldest first, each with the open campaigns in its area like it (so a copy
    is seen before it opens), and the reported content awaiting a moderator."""
    from chalicelib.logic import moderation  # the moderators' alone: not with every list of campaigns

    with explained():
        pending = _named(stores().campaign_lists.moderation_queue(limit, cursor))
    return Queue(pending, {c.id: search.similar_open(c) for c in pending.campaigns}, moderation.reported_queue())


def manifesto(*, area: str | None, stage: str | None, limit: int, cursor: str | None) -> Listed:
    """Every idea in the manifesto tracker (public ones only), by stage and by area."""
    _require_area(area)
    with explained():
        return _named(stores().manifesto.page(area=area, stage=stage, limit=limit, cursor=cursor))


def first_pages(*wanted: tuple[Status, str | None, str, int], stored_as: str | None = None
                ) -> tuple[list[list[Campaign]], Names]:
    """The first page of several lists at once, public campaigns only: their orders (kept 10 s per
    container; else the page's stored lists, `stored_as`), one BatchGetItem for them all, and their
    names (one more for those the container does not keep)."""
    pages = stores().campaign_lists.first_pages(list(wanted), stored_as)
    return pages, names(list({c.id: c for page in pages for c in page}.values()))


# What the home and area pages list: each list's (status, area, sort, how many).
HOME_LIST, HOME_BY_AREA, AREA_LIST = 8, 60, 20
HOME = "home"


def front_page_lists(page: str) -> tuple[tuple[Status, str | None, str, int], ...]:
    """The home page's lists (the most supported, grouped by area there; rising; newest), or an area
    page's (`area#<id>`: the most supported, the newest, the newest closed)."""
    if page == HOME:
        return ((Status.OPEN, None, "top", HOME_BY_AREA), (Status.OPEN, None, "trending", HOME_LIST),
                (Status.OPEN, None, "new", HOME_LIST))
    area = page.removeprefix("area#")
    return ((Status.OPEN, area, "top", AREA_LIST), (Status.OPEN, area, "new", AREA_LIST),
            (Status.CLOSED, area, "new", AREA_LIST))


def area_page_name(area: str) -> str:
    return f"area#{area}"


def front_page(page: str) -> list[list[Campaign]]:
    """A front page's lists (`front_page_lists`), public campaigns only: their orders (kept 10 s per
    container, else the page's stored lists), then one BatchGetItem for them all. No names: the
    pages' cards show none."""
    return stores().campaign_lists.first_pages(list(front_page_lists(page)), page)


def pages_listing(status: str | None, area: str | None) -> set[str]:
    """The front pages a campaign in `status` and `area` is on, or could be: an open one on the home
    page and its area's, a closed one on its area's; none otherwise."""
    pages = {HOME} if status == Status.OPEN.value else set()
    if status in (Status.OPEN.value, Status.CLOSED.value) and area and is_area(area):
        pages.add(area_page_name(area))
    return pages


def refresh_front_pages(pages: set[str]) -> int:
    """Store each page's lists as the indexes have them now (the campaigns' stream handler, after a
    campaign's place in them may have moved); how many were written."""
    lists = stores().campaign_lists
    return sum(lists.refresh_front_page(page, list(front_page_lists(page))) for page in sorted(pages))


def owned_public(owner_id: str, limit: int) -> Listed:
    """A person's public campaigns, newest first (their page)."""
    campaigns, _ = stores().campaign_lists.owned_by(owner_id, limit, None)
    return _named(([c for c in campaigns if is_public(c.status, c.hidden)], None))


def hosted_public(organisation_id: str, limit: int) -> Listed:
    """An organisation's public campaigns, newest first (its page)."""
    campaigns, _ = stores().campaign_lists.hosted_by(organisation_id, limit, None)
    return _named(([c for c in campaigns if is_public(c.status, c.hidden)], None))


def answered_by(minister_id: str, limit: int) -> Listed:
    """The public campaigns a minister answered, most recent answer first (index `by_minister`)."""
    s = stores()
    answered = s.campaign_lists.fetch_in_order(s.responses.campaigns_answered_by(minister_id, limit))
    return _named(([c for c in answered if is_public(c.status, c.hidden)], None))
