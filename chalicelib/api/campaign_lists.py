"""Lists of campaigns: browsing, open data, your own, and the moderation queue."""

from __future__ import annotations

import csv
import io
from typing import Literal

from chalice.app import Response
from pydantic import Field

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Role, only
from chalicelib.domain.moderation import parse_target
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, Campaign, CampaignPage, ListQuery, StrictModel
from chalicelib.logic import lists as logic


class BrowseQuery(ListQuery):
    area: str | None = None
    status: Literal["open", "closed"] = "open"
    sort: Literal["new", "top", "trending"] = "new"


class MyCampaignsQuery(ListQuery):
    relation: Literal["owned", "supported", "followed"] = "owned"


class CsvQuery(StrictModel):
    cursor: str | None = Field(default=None, max_length=2048)


class ReportedItem(ApiModel):
    target_type: str
    target_id: str
    reports: int
    first_reported_at: str


class ModerationQueue(ApiModel):
    items: list[Campaign] = Field(description="pending campaigns, oldest first")
    next_cursor: str | None
    reported: list[ReportedItem] = Field(description="reported content awaiting a moderator, oldest first")



CSV_PAGE_ROWS = 1000
# Anonymous and the same for everyone: caches (and the CDN) serve repeats; a count is at most 5 minutes old.
CSV_CACHE = "public, max-age=300"


@endpoint("GET", "/campaigns", access=ANYONE, query=BrowseQuery, response=CampaignPage,
          tags=("campaigns",), summary="Browse open or closed campaigns by area, newest, most supported or rising")
def browse(call: Call) -> CampaignPage:
    query = call.query
    records, cursor = logic.browse(status=query.status, area=query.area, sort=query.sort, limit=query.limit,
                                   cursor=query.cursor)
    return CampaignPage(items=presenters.campaigns(records), next_cursor=cursor)


@endpoint("GET", "/campaigns.csv", access=ANYONE, query=CsvQuery, produces="text/csv",
          tags=("open data",), summary="Open data: every open and closed campaign with its counts, as CSV. "
          "Large exports come in pages of 1,000 rows: follow the Link rel=next header.")
def campaigns_csv(call: Call) -> Response:
    status_cursor = call.query.cursor or "open:"
    status_name, _, cursor = status_cursor.partition(":")
    if status_name not in ("open", "closed"):
        raise InvalidInput(code="invalid_cursor")
    records, next_cursor = logic.open_data(status=status_name, limit=CSV_PAGE_ROWS, cursor=cursor or None)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if not call.query.cursor:
        writer.writerow(presenters.OPEN_DATA_COLUMNS)
    writer.writerows(presenters.open_data_row(c) for c in records)
    following = f"{status_name}:{next_cursor}" if next_cursor else ("closed:" if status_name == "open" else None)
    headers: dict[str, str | list[str]] = {"Content-Type": "text/csv; charset=utf-8",
               "Content-Disposition": 'inline; filename="labourspace-campaigns.csv"', "Cache-Control": CSV_CACHE}
    if following:
        headers["Link"] = f'</campaigns.csv?cursor={following}>; rel="next"'
    return Response(body=buffer.getvalue(), status_code=200, headers=headers)


@endpoint("GET", "/me/campaigns", access=SIGNED_IN, query=MyCampaignsQuery,
          response=CampaignPage, tags=("campaigns",),
          summary="Campaigns you own (any status), support or follow (only you see these), newest first")
def my_campaigns(call: Call) -> CampaignPage:
    query = call.query
    records, cursor = logic.mine(call.signed_in, query.relation, query.limit, query.cursor)
    owned = query.relation == "owned"  # an owner sees their campaigns' moderation reasons
    return CampaignPage(items=presenters.campaigns(records, show_moderation=lambda c: owned), next_cursor=cursor)


@endpoint("GET", "/moderation/queue", access=only(Role.MODERATOR), query=ListQuery,
          response=ModerationQueue, tags=("moderation",),
          summary="Pending campaigns and reported content, oldest first")
def moderation_queue(call: Call) -> ModerationQueue:
    (records, cursor), open_reports = logic.moderation_queue(call.query.limit, call.query.cursor)
    reported = [ReportedItem(target_type=parse_target(r.target)[0], target_id=parse_target(r.target)[1],
                             reports=int(r.report_count or 0),
                             first_reported_at=presenters.display_time(r.first_reported_at) or "")
                for r in open_reports]
    return ModerationQueue(items=presenters.campaigns(records, show_moderation=lambda c: True), next_cursor=cursor,
                           reported=reported)
