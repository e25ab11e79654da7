"""The canvass of an area, for its policy team and admins: as JSON and as CSV. No row names a
supporter: each idea's support by region is suppressed below ten, as on its public page."""

from __future__ import annotations

import csv
import io
from typing import Literal

from chalice.app import Response
from pydantic import Field

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import Role, only
from chalicelib.domain.open_data import spreadsheet_safe
from chalicelib.domain.regions import COUNTED_AS
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, ListQuery, StrictModel
from chalicelib.logic import canvass as logic
from chalicelib.settings import get_settings

CANVASSERS = only(Role.POLICY, Role.ADMIN)
CSV_PAGE_ROWS = 500
# For the policy team only: no shared cache may keep it.
CSV_CACHE = "private, no-store"


class CanvassQuery(ListQuery):
    status: Literal["open", "closed"] = "open"


class CanvassCsvQuery(StrictModel):
    cursor: str | None = Field(default=None, max_length=2048)


class CanvassIdea(ApiModel):
    id: str
    slug: str
    title: str
    status: str
    url: str
    support_count: int
    growth_7_days: int | None = Field(description="supporters gained (net) since the end of the day 7 days ago; "
                                      "null while the daily history does not reach back that far")
    growth_30_days: int | None
    minister_stance: str | None = Field(description="the official response's stance; null if not answered")
    replies: int | None = Field(description="replies shown under it, counted hourly; null until first counted")
    consultation_id: str | None
    support_by_region: dict[str, int | str] = Field(description='each region a number, or "<10"')


class Canvass(ApiModel):
    area: str
    status: str
    items: list[CanvassIdea] = Field(description="most supported first")
    next_cursor: str | None


def _shown(idea: logic.Idea) -> CanvassIdea:
    c = idea.campaign
    return CanvassIdea(
        id=c.id, slug=c.slug, title=c.title, status=c.status, url=f"{get_settings().public_base_url}/c/{c.slug}",
        support_count=int(c.support_count or 0), growth_7_days=idea.growth_7_days,
        growth_30_days=idea.growth_30_days,
        minister_stance=c.official_response.stance if c.official_response else None,
        replies=idea.replies, consultation_id=idea.consultation_id,
        support_by_region=presenters.region_breakdown(c))


@endpoint("GET", "/areas/{area_id}/canvass", access=CANVASSERS, query=CanvassQuery, response=Canvass,
          tags=("canvass",), errors=(403, 404),
          summary="An area's ideas ranked by supporters, with growth, stance, replies and support by region "
          "(its policy team and admins)")
def canvass(call: Call, area_id: str) -> Canvass:
    query = call.query
    ideas, cursor = logic.canvass(call.signed_in, area_id, query.status, query.limit, query.cursor)
    return Canvass(area=area_id, status=query.status, items=[_shown(i) for i in ideas], next_cursor=cursor)


CSV_COLUMNS = ["id", "slug", "title", "status", "support_count", "growth_7_days", "growth_30_days",
               "minister_stance", "replies", "consultation_id", *[f"region_{r}" for r in COUNTED_AS], "url"]


def csv_row(idea: CanvassIdea) -> list[str]:
    """Every cell spreadsheet-safe, as in /campaigns.csv: a title may start with `=`."""
    row = [idea.id, idea.slug, idea.title, idea.status, idea.support_count, idea.growth_7_days,
           idea.growth_30_days, idea.minister_stance, idea.replies, idea.consultation_id,
           *[idea.support_by_region.get(r, "") for r in COUNTED_AS], idea.url]
    return [spreadsheet_safe(cell) for cell in row]


@endpoint("GET", "/areas/{area_id}/canvass.csv", access=CANVASSERS, query=CanvassCsvQuery,
          produces="text/csv", tags=("canvass",), errors=(403, 404),
          summary="The canvass as CSV: open ideas, then closed ones, in pages of 500 rows (Link rel=next)")
def canvass_csv(call: Call, area_id: str) -> Response:
    status_name, _, cursor = (call.query.cursor or "open:").partition(":")
    if status_name not in ("open", "closed"):
        raise InvalidInput(code="invalid_cursor")
    ideas, next_cursor = logic.canvass(call.signed_in, area_id, status_name, CSV_PAGE_ROWS, cursor or None)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if not call.query.cursor:
        writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(_shown(i)) for i in ideas)
    following = f"{status_name}:{next_cursor}" if next_cursor else ("closed:" if status_name == "open" else None)
    headers: dict[str, str | list[str]] = {"Content-Type": "text/csv; charset=utf-8", "Cache-Control": CSV_CACHE,
               "Content-Disposition": f'attachment; filename="canvass-{area_id}.csv"'}
    if following:
        headers["Link"] = f'</areas/{area_id}/canvass.csv?cursor={following}>; rel="next"'
    return Response(body=buffer.getvalue(), status_code=200, headers=headers)
