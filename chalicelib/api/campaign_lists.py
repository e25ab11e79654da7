"""Lists of campaigns: browsing, open data, your own, and the moderation queue."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Literal

from chalice.app import Response
from pydantic import Field

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Role, only
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import (
    ApiModel,
    CampaignLink,
    CampaignPage,
    CampaignWithSimilar,
    ListQuery,
    PersonSummary,
    SimilarCampaign,
    StrictModel,
)
from chalicelib.logic import lists as logic
from chalicelib.messages import text

if TYPE_CHECKING:  # the moderators' queue's type: the lists' first call need not import their use cases
    from chalicelib.logic.moderation import ReportedQueue


class BrowseQuery(ListQuery):
    area: str | None = None
    status: Literal["open", "closed"] = "open"
    sort: Literal["new", "top", "trending"] = "new"
    answer: Literal["waiting", "answered"] | None = Field(
        default=None, description="waiting: past the response threshold with no minister's answer yet, longest "
        "waiting first; answered: answered by a minister, newest answer first. Either covers every area and "
        "status, so not with area, status or sort")


class MyCampaignsQuery(ListQuery):
    relation: Literal["owned", "supported", "followed"] = "owned"


class CsvQuery(StrictModel):
    cursor: str | None = Field(default=None, max_length=2048)


class ReportedContent(ApiModel):
    campaign: CampaignLink = Field(description="the campaign reported, or the one the reply is on")
    author: PersonSummary = Field(description="who wrote it: the campaign's owner, or the reply's author")
    summary: str | None = Field(description="a campaign's summary; null for a reply")
    body: str = Field(description="a campaign's case, or the reply's words (empty once its author deleted it)")
    removed: bool = Field(description="a reply its author has deleted since")


class ReportedItem(ApiModel):
    target_type: str
    target_id: str
    reports: int
    first_reported_at: str
    hidden: bool = Field(default=False, description="hidden by reports until a moderator decides")
    content: ReportedContent | None = Field(default=None, description="what was reported; null once it is gone")
    reasons: list[str] = Field(default_factory=list, description="what reporters said (never who they are): up to 10")


class ModerationQueue(ApiModel):
    items: list[CampaignWithSimilar] = Field(description="pending campaigns, oldest first, each with the open "
                                                         "campaigns in its area like it")
    next_cursor: str | None
    reported: list[ReportedItem] = Field(description="reported content awaiting a moderator, oldest first")



CSV_PAGE_ROWS = 1000
# Anonymous and the same for everyone: caches (and the CDN) serve repeats; a count is at most 5 minutes old.
CSV_CACHE = "public, max-age=300"


@endpoint("GET", "/campaigns", access=ANYONE, query=BrowseQuery, response=CampaignPage,
          tags=("campaigns",), errors=(400,), html=True,
          summary="Browse open or closed campaigns by area, newest, most supported or rising; or those waiting "
          "for a minister's answer, or answered (a browser asking for text/html gets the page)")
def browse(call: Call) -> CampaignPage:
    query = call.query
    if query.answer is not None:
        mixed = sorted(query.model_fields_set & {"area", "status", "sort"})
        if mixed:
            raise InvalidInput(wording="answer_with_filters",
                               details={"fields": {name: text("field.not_with_answer") for name in mixed}})
        listed = logic.by_answer(query.answer, limit=query.limit, cursor=query.cursor)
    else:
        listed = logic.browse(status=query.status, area=query.area, sort=query.sort, limit=query.limit,
                              cursor=query.cursor)
    return CampaignPage(items=presenters.campaigns(listed.campaigns, listed.names), next_cursor=listed.next_cursor)


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
    listed = logic.mine(call.signed_in, query.relation, query.limit, query.cursor)
    owned = query.relation == "owned"  # an owner sees their campaigns' moderation reasons
    return CampaignPage(items=presenters.campaigns(listed.campaigns, listed.names, show_moderation=lambda c: owned),
                        next_cursor=listed.next_cursor)


@endpoint("GET", "/moderation/queue", access=only(Role.MODERATOR), query=ListQuery,
          response=ModerationQueue, tags=("moderation",),
          summary="Pending campaigns (with the open campaigns like each) and reported content (its words, its place, "
          "the reasons given), oldest first")
def moderation_queue(call: Call) -> ModerationQueue:
    queue = logic.moderation_queue(call.query.limit, call.query.cursor)
    pending: list[CampaignWithSimilar] = []
    for shown in presenters.campaigns(queue.pending.campaigns, queue.pending.names, show_moderation=lambda c: True,
                                      view=CampaignWithSimilar):
        shown.similar = [SimilarCampaign(id=c.id, slug=c.slug, title=c.title, support_count=c.support_count)
                         for c in queue.similar.get(shown.id, [])]
        pending.append(shown)
    return ModerationQueue(items=pending, next_cursor=queue.pending.next_cursor, reported=_reported(queue.reported))


def _reported(queue: ReportedQueue) -> list[ReportedItem]:
    authors = queue.authors.people
    items = []
    for r in queue.items:
        content = None
        if r.campaign is not None:
            c = r.campaign
            author_id = r.reply.author_id if r.reply else c.owner_id
            content = ReportedContent(
                campaign=presenters.campaign_link(c),
                author=presenters.person_summary(authors.get(author_id)), summary=None if r.reply else c.summary,
                body="" if r.reply and r.reply.deleted_at else (r.reply.body if r.reply else c.body),
                removed=bool(r.reply and r.reply.deleted_at))
        hidden = bool(r.reply.hidden if r.reply else (r.campaign is not None and r.campaign.hidden))
        items.append(ReportedItem(target_type=r.target_type, target_id=r.target_id,
                                  reports=r.summary.report_count,
                                  first_reported_at=presenters.display_time(r.summary.first_reported_at) or "",
                                  hidden=hidden, content=content, reasons=r.reasons))
    return items
