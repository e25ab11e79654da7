"""Ministers' official responses, and their inbox of campaigns waiting for one."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.api import idempotency
from chalicelib.domain.identity import ANYONE, Role, only
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, PersonSummary, StrictModel
from chalicelib.logic import dialogue as logic
from chalicelib.observability import count_event
from chalicelib.settings import get_settings
from chalicelib.store import profiles
from chalicelib.store.base import utcnow


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

    def respond() -> dict:
        given.append(logic.respond(caller, campaign_id, body.stance, body.body, now=utcnow()))
        return {"response_key": given[0].record.response_key}

    # The replay record keeps only the response's key, never the minister's name or handle (it
    # outlives no erasure with personal data in it); a replay shows the response as it is now.
    kept = idempotency.once("give_response", caller.id, call.header("Idempotency-Key"),
                            {"campaign_id": campaign_id, **body.model_dump(mode="json")}, respond,
                            call.request.lambda_context)
    if given:  # a new response, not the replay of one
        count_event("Responses")
        return _shown(given[0].record, given[0].minister, current=True).model_dump(mode="json")
    history = logic.responses_of(caller, campaign_id)
    record = next(r for r in history if r.response_key == kept["response_key"])
    return _shown(record, profiles.get_person(record.minister_id), current=record is history[0]).model_dump(
        mode="json")


def _shown(record, minister, current: bool) -> ResponseShown:
    return ResponseShown(minister=presenters.person_summary(minister), area=record.area, stance=record.stance,
                         body=record.body, created_at=presenters.display_time(record.created_at) or "",
                         current=current)


@endpoint("GET", "/campaigns/{campaign_id}/responses", access=ANYONE, response=ResponseHistory,
          tags=("dialogue",), errors=(404,), summary="Every official response, newest (current) first")
def response_history(call: Call, campaign_id: str) -> ResponseHistory:
    records = logic.responses_of(call.caller, campaign_id)
    people = profiles.get_people({r.minister_id for r in records})
    return ResponseHistory(items=[_shown(r, people.get(r.minister_id), current=index == 0)
                                  for index, r in enumerate(records)])


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
                                  area=w.campaign.area, support_count=int(w.campaign.support_count or 0),
                                  threshold_reached_at=presenters.display_time(w.campaign.threshold_reached_at) or "",
                                  days_waiting=w.days_waiting, overdue=w.overdue) for w in waiting],
                 portfolio=others.portfolio, open_more=others.more,
                 open=[PortfolioCampaign(campaign_id=c.id, slug=c.slug, title=c.title, area=c.area,
                                         support_count=int(c.support_count or 0),
                                         answered=c.official_response is not None,
                                         stance=c.official_response.stance if c.official_response else None)
                       for c in others.campaigns])
