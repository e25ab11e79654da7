"""The canvass of an area, for its policy team and admins: as JSON and as CSV. No row names a
supporter: each idea's support by region comes from the public page's snapshot, suppressed below
ten as there, and exact only where that lets no small figure be worked out."""

from __future__ import annotations

import csv
import io
from typing import Literal

from chalice.app import Response
from pydantic import Field

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.disclosure import disclose_in_detail
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import Role, only
from chalicelib.domain.open_data import spreadsheet_safe
from chalicelib.domain.regional_figures import snapshot_of
from chalicelib.domain.regions import COUNTED_AS
from chalicelib.domain.times import utcnow
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


class ConsultationNamed(ApiModel):
    id: str
    question: str


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
    consultation: ConsultationNamed | None = Field(default=None, description="the consultation it answers, by "
                                                   "its question; null when none")
    manifesto_stage: str | None = Field(default=None, description="where it is in the manifesto tracker; null if "
                                        "it has not entered it")
    support_by_region: dict[str, int | str] = Field(
        description='settled supporters by region from the same hourly snapshot as the public page: each a number '
        '(exact), or "~15" (rounded to the nearest 5, where the exact figure would let a small one be worked out), '
        '"<10", or "10+" (withheld for the same reason)')
    support_by_region_as_of: str | None = Field(default=None, description="when the regional figures were true")


class Canvass(ApiModel):
    area: str
    status: str
    items: list[CanvassIdea] = Field(description="most supported first")
    next_cursor: str | None


def _shown(idea: logic.Idea) -> CanvassIdea:
    c = idea.campaign
    return CanvassIdea(
        id=c.id, slug=c.slug, title=c.title, status=c.status, url=f"{get_settings().public_base_url}/c/{c.slug}",
        support_count=c.support_count, growth_7_days=idea.growth_7_days,
        growth_30_days=idea.growth_30_days,
        minister_stance=c.official_response.stance if c.official_response else None,
        replies=idea.replies, consultation_id=idea.consultation_id,
        consultation=ConsultationNamed(id=idea.consultation_id, question=idea.consultation_question)
        if idea.consultation_id and idea.consultation_question else None,
        manifesto_stage=c.manifesto_stage,
        **_regions(c))


def _regions(c: Campaign) -> dict:
    """The canvass's regional figures: the public snapshot, exact where that stays safe (README,
    "Regions and the canvass": what the policy team sees, and why it is safe)."""
    snapshot = snapshot_of(c, utcnow())
    return {"support_by_region": disclose_in_detail(snapshot.counts).labelled(),
            "support_by_region_as_of": presenters.display_time(snapshot.taken_at)}


@endpoint("GET", "/areas/{area_id}/canvass", access=CANVASSERS, query=CanvassQuery, response=Canvass,
          tags=("canvass",), errors=(403, 404),
          summary="An area's ideas ranked by supporters, with growth, stance, replies and support by region "
          "(its policy team and admins)")
def canvass(call: Call, area_id: str) -> Canvass:
    query = call.query
    ideas, cursor = logic.canvass(call.signed_in, area_id, query.status, query.limit, query.cursor)
    return Canvass(area=area_id, status=query.status, items=[_shown(i) for i in ideas], next_cursor=cursor)


CSV_COLUMNS = ["id", "slug", "title", "status", "support_count", "growth_7_days", "growth_30_days",
               "minister_stance", "replies", "consultation_id", *[f"region_{r}" for r in COUNTED_AS], "url",
               "regions_as_of"]


def csv_row(idea: CanvassIdea) -> list[str]:
    """Every cell spreadsheet-safe, as in /campaigns.csv: a title may start with `=`."""
    row = [idea.id, idea.slug, idea.title, idea.status, idea.support_count, idea.growth_7_days,
           idea.growth_30_days, idea.minister_stance, idea.replies, idea.consultation_id,
           *[idea.support_by_region.get(r, "") for r in COUNTED_AS], idea.url, idea.support_by_region_as_of]
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
