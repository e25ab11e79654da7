"""What the pages for finding campaigns and ministers show: every campaign a page at a time (open or
closed, by area and order; or waiting for a minister's answer, or answered), and the ministers by the
areas they answer for. Public, the same for everyone."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.campaigns import Status
from chalicelib.http import presenters
from chalicelib.logic import lists, people
from chalicelib.web.shown_areas import SHOWN_AREAS, SHOWN_BY_ID

PAGE = 20
# The lists a browser can choose (the template has their words): the two statuses, and the two
# answer states that cover every area.
SHOWS = ("open", "waiting", "answered", "closed")
SORTS = ("new", "top", "trending")


def campaigns(query: dict[str, str]) -> dict[str, Any]:
    """`/campaigns` for a browser. A value it does not know is the default, not an error: a page
    always shows a list."""
    answer, status = query.get("answer", ""), query.get("status", "")
    show = answer if answer in ("waiting", "answered") else (status if status in ("open", "closed") else "open")
    cursor = query.get("cursor") or None
    area: str | None = None
    sort: str | None = None
    if show in ("waiting", "answered"):
        listed = lists.by_answer(show, limit=PAGE, cursor=cursor)
    else:
        area = query.get("area") if query.get("area") in SHOWN_BY_ID else None
        chosen = query.get("sort", "")
        sort = chosen if chosen in SORTS else "new"
        listed = lists.browse(status=Status(show).value, area=area, sort=sort, limit=PAGE, cursor=cursor)
    return {"campaigns": presenters.campaigns(listed.campaigns, listed.names), "show": show, "shows": SHOWS,
            "sort": sort, "sorts": SORTS, "area": SHOWN_BY_ID.get(area or ""), "more": listed.next_cursor}


def ministers_by_area() -> dict[str, Any]:
    """`/ministers` for a browser: each area with whoever answers for it, then every minister."""
    everyone = people.ministers()
    return {"by_area": [(area, [p for p in everyone if area.id in p.portfolio]) for area in SHOWN_AREAS],
            "ministers": [(p, [SHOWN_BY_ID[a] for a in p.portfolio if a in SHOWN_BY_ID]) for p in everyone]}

