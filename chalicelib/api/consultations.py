"""Consultations: the party asks a question in a policy area; people answer with campaigns."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import AwareDatetime, Field

from chalicelib import messages
from chalicelib.domain.identity import ANYONE, Role, only
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import (
    Consultation,
    ConsultationPage,
    ConsultationWithIdeas,
    KnownArea,
    ListQuery,
    StrictModel,
)
from chalicelib.logic import consultations as logic


class ConsultationCreate(StrictModel):
    area: KnownArea = Field(description="a policy area id from GET /areas; yours as the policy team")
    question: str = Field(min_length=10, max_length=200, description='e.g. "How should we cut NHS waiting lists?"')
    brief: str = Field(min_length=20, max_length=2000, description="a short brief: what the party wants to learn")
    opens_at: AwareDatetime = Field(description="ISO 8601 with a time zone; campaigns may answer from then")
    closes_at: AwareDatetime = Field(description="after opens_at, in the future, at most 366 days after opens_at")
    language: Literal["en", "cy"] | None = Field(
        default=None, description="the language the question and brief are written in: en (English) or cy (Welsh); "
        "if absent or null, the request's language (?lang, cookie, Accept-Language). Search reads them in it")


class CloseConsultation(StrictModel):
    summary: str = Field(min_length=20, max_length=4000,
                         description="what the party heard and will do: told to everyone linked to an idea")


class ConsultationQuery(ListQuery):
    area: KnownArea | None = None
    status: Literal["open", "closed", "upcoming"] = "open"




def _now() -> datetime:
    return datetime.now(UTC)


@endpoint("GET", "/consultations", access=ANYONE, query=ConsultationQuery, response=ConsultationPage,
          tags=("consultations",), html=True, summary="Consultations in an area (or all), open (closing soonest "
          "first), upcoming, or closed (most recently first); a browser asking for text/html gets the page")
def list_consultations(call: Call) -> ConsultationPage:
    query, now = call.query, _now()
    listed = logic.listed(area=query.area, state=query.status, now=now, limit=query.limit, cursor=query.cursor)
    return ConsultationPage(items=presenters.consultations(listed.consultations, listed.names, now),
                            next_cursor=listed.next_cursor)


@endpoint("POST", "/consultations", access=only(Role.POLICY, Role.ADMIN), body=ConsultationCreate,
          response=Consultation, status=201, tags=("consultations",), errors=(403,),
          summary="Open a consultation (the policy team of its area, or an admin)")
def open_consultation(call: Call) -> Consultation:
    body, now = call.body, _now()
    opened = logic.open_consultation(call.signed_in, area=body.area, question=body.question, brief=body.brief,
                                     opens_at=body.opens_at, closes_at=body.closes_at, now=now,
                                     language=body.language or messages.active_language())
    return presenters.consultations(opened.consultations, opened.names, now)[0]


@endpoint("GET", "/consultations/{consultation_id}", access=ANYONE, response=ConsultationWithIdeas,
          tags=("consultations",), errors=(404,), html=True,
          summary="A consultation, its ideas most supported first, and how many ideas and supports; a browser "
          "asking for text/html gets its page")
def get_consultation(call: Call, consultation_id: str) -> ConsultationWithIdeas:
    shown = logic.shown(consultation_id)
    return presenters.consultation_with_ideas(shown.consultation, shown.ideas, shown.names, _now())


@endpoint("POST", "/consultations/{consultation_id}/close", access=only(Role.POLICY, Role.ADMIN),
          body=CloseConsultation, response=ConsultationWithIdeas, tags=("consultations",), errors=(403, 404, 409),
          summary="Close a consultation with its summary, told to every idea's owner, supporters and followers")
def close_consultation(call: Call, consultation_id: str) -> ConsultationWithIdeas:
    now = _now()
    shown = logic.close(call.signed_in, consultation_id, call.body.summary, now)
    return presenters.consultation_with_ideas(shown.consultation, shown.ideas, shown.names, now)
