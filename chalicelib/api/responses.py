"""Ministers' official responses, and their inbox of campaigns waiting for one."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.api import idempotency
from chalicelib.domain.dialogue import Response
from chalicelib.domain.identity import ANYONE, Role, only
from chalicelib.domain.people import Names, name_of
from chalicelib.domain.times import utcnow
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, PersonSummary, StrictModel
from chalicelib.logic import responses as logic
from chalicelib.observability import count_event
from chalicelib.settings import get_settings


class ResponseCreate(StrictModel):
    stance: Literal["accepted", "considering", "declined"]
    body: str = Field(min_length=20, max_length=10_000)


class ResponseShown(ApiModel):
    minister: PersonSummary
    area: str
    stance: str
    body: str
    created_at: str
    current: bool


class ResponseHistory(ApiModel):
    items: list[ResponseShown]


class InboxItem(ApiModel):
    campaign_id: str
    slug: str
    title: str
    area: str
    support_count: int
    threshold_reached_at: str
    days_waiting: int
    overdue: bool


class PortfolioCampaign(ApiModel):
    campaign_id: str
    slug: str
    title: str
    area: str
    support_count: int
    answered: bool
    stance: str | None = Field(description="the current answer's stance; null while not answered")


class Inbox(ApiModel):
    items: list[InboxItem] = Field(description="waiting past the response threshold, unanswered, oldest first "
                                               "(so the overdue come first)")
    next_cursor: str | None = None
    portfolio: list[str] = Field(default_factory=list, description="the areas your portfolio holds")
    open: list[PortfolioCampaign] = Field(
        default_factory=list, description="every other open campaign in your portfolio, a page per area: those not "
        "answered yet first, then the answered, each most supported first")
    open_more: dict[str, str | None] = Field(
        default_factory=dict, description="each area read -> the cursor of its next page (send it with area=)")


class InboxQuery(StrictModel):
    area: str | None = Field(default=None, description="one area of your portfolio: page on in it")
    cursor: str | None = Field(default=None, max_length=2048, description="open_more's cursor for that area")
    limit: int = Field(default=20, ge=1, le=100, description="open campaigns per area")




@endpoint("POST", "/campaigns/{campaign_id}/response", access=only(Role.MINISTER), body=ResponseCreate,
          response=ResponseShown, status=201, tags=("dialogue",), headers=("Idempotency-Key",), errors=(404, 409),
          summary="The official response, from a minister whose portfolio holds the campaign's area; one within "
          "10 minutes of the last corrects it without telling supporters again")
def give_response(call: Call, campaign_id: str) -> dict:
    caller, body = call.signed_in, call.body
    given: list[logic.GivenResponse] = []

    def give() -> dict:
        given.append(logic.give_response(caller, campaign_id, body.stance, body.body, now=utcnow()))
        return {"response_key": given[0].response.response_key}

    # The replay record keeps only the response's key, never the minister's name or handle (it
    # outlives no erasure with personal data in it); a replay shows the response as it is now.
    kept = idempotency.once("give_response", caller.id, call.header("Idempotency-Key"),
                            {"campaign_id": campaign_id, **body.model_dump(mode="json")}, give,
                            call.request.lambda_context)
    if given:  # a new response, not the replay of one
        count_event("Responses")
        minister = given[0].minister
        return _shown(given[0].response, Names(people={minister.id: name_of(minister)}),
                      current=True).model_dump(mode="json")
    response, current, names = logic.response_given(caller, campaign_id, kept["response_key"])
    return _shown(response, names, current=current).model_dump(mode="json")


def _shown(response: Response, names: Names, current: bool) -> ResponseShown:
    return ResponseShown(minister=presenters.person_summary(names.people.get(response.minister_id)),
                         area=response.area, stance=response.stance, body=response.body,
                         created_at=presenters.display_time(response.created_at) or "", current=current)


@endpoint("GET", "/campaigns/{campaign_id}/responses", access=ANYONE, response=ResponseHistory,
          tags=("dialogue",), errors=(404,), summary="Every official response, newest (current) first")
def response_history(call: Call, campaign_id: str) -> ResponseHistory:
    history = logic.responses_of(call.caller, campaign_id)
    return ResponseHistory(items=[_shown(r, history.names, current=index == 0)
                                  for index, r in enumerate(history.responses)])


@endpoint("GET", "/ministers/me/inbox", access=only(Role.MINISTER), query=InboxQuery, response=Inbox,
          tags=("ministers",), errors=(400, 403),
          summary="Every open campaign in your portfolio, what needs an answer first: those past the response "
          "threshold (items, oldest first), then the rest (open, a page per area)")
def inbox(call: Call) -> Inbox:
    query = call.query
    waiting = [w for w in logic.inbox(call.signed_in, utcnow(), get_settings().response_deadline_days)
               if query.area is None or w.campaign.area == query.area]
    others = logic.portfolio_open(call.signed_in, query.area, query.cursor, query.limit,
                                  waiting={w.campaign.id for w in waiting})
    return Inbox(items=[InboxItem(campaign_id=w.campaign.id, slug=w.campaign.slug, title=w.campaign.title,
                                  area=w.campaign.area, support_count=w.campaign.support_count,
                                  threshold_reached_at=presenters.display_time(w.campaign.threshold_reached_at) or "",
                                  days_waiting=w.days_waiting, overdue=w.overdue) for w in waiting],
                 portfolio=others.portfolio, open_more=others.more,
                 open=[PortfolioCampaign(campaign_id=c.id, slug=c.slug, title=c.title, area=c.area,
                                         support_count=c.support_count,
                                         answered=c.official_response is not None,
                                         stance=c.official_response.stance if c.official_response else None)
                       for c in others.campaigns])
