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
from chalicelib.logic import dialogue as logic
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


class Inbox(ApiModel):
    items: list[InboxItem]
    next_cursor: str | None = None




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


@endpoint("GET", "/ministers/me/inbox", access=only(Role.MINISTER), response=Inbox, tags=("ministers",),
          summary="Campaigns in your portfolio past the response threshold, unanswered, oldest first")
def inbox(call: Call) -> Inbox:
    waiting = logic.inbox(call.signed_in, utcnow(), get_settings().response_deadline_days)
    return Inbox(items=[InboxItem(campaign_id=w.campaign.id, slug=w.campaign.slug, title=w.campaign.title,
                                  area=w.campaign.area, support_count=w.campaign.support_count,
                                  threshold_reached_at=presenters.display_time(w.campaign.threshold_reached_at) or "",
                                  days_waiting=w.days_waiting, overdue=w.overdue) for w in waiting])
