"""Amendments to policy documents: proposed by anyone signed in (or for a verified organisation they
administer), supported as campaigns are, decided by the policy team with a reason, read beside
their clause (README, "The manifesto as a document")."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import Field

from chalicelib import messages
from chalicelib.domain.amendments import REASON_MAX, TEXT_MAX
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Role, only
from chalicelib.http import document_shapes as shapes
from chalicelib.http.presenters import display_time
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import (
    WRITTEN_IN_ON_CREATE,
    ApiModel,
    ContentLanguage,
    ListQuery,
    StrictModel,
    SupportRequest,
)
from chalicelib.logic import amendments as logic
from chalicelib.logic import own_part
from chalicelib.observability import count_event


class AmendmentCreate(StrictModel):
    clause_id: str = Field(min_length=1, max_length=64, description="a clause of the current version")
    action: Literal["replace", "insert_after", "delete"]
    text: str = Field(default="", max_length=TEXT_MAX, description="the words proposed (none for a deletion)")
    reason: str = Field(max_length=REASON_MAX, description="why: at least 10 characters")
    organisation: str | None = Field(default=None, max_length=40,
                                     description="the handle of a verified organisation you administer, to "
                                     "propose on its behalf")
    language: ContentLanguage | None = Field(default=None, description="the language its words and reason are "
                                             "written in: en (English) or cy (Welsh)" + WRITTEN_IN_ON_CREATE)


class AmendmentQuery(ListQuery):
    clause_id: str | None = Field(default=None, max_length=64,
                                  description="one clause's, in the document's order; none: the document's, "
                                  "clause by clause")


class DecisionRequest(StrictModel):
    decision: Literal["accepted", "accepted_in_part", "composited", "rejected"]
    reason: str | None = Field(default=None, max_length=REASON_MAX, description="always: members read it")
    text: str | None = Field(default=None, max_length=TEXT_MAX,
                             description="accepted_in_part: the wording taken; composited: the one wording")
    composite_of: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=19, description="composited: the other amendments to the same clause")


class SupportState(ApiModel):
    supported: bool
    support_count: int = Field(description="the amendment's count: exact, at most seconds behind")


def _now() -> datetime:
    return datetime.now(UTC)


@endpoint("POST", "/documents/{document_id}/amendments", access=SIGNED_IN, body=AmendmentCreate,
          response=shapes.AmendmentModel, status=201, tags=("amendments",), errors=(400, 403, 404, 409, 429),
          erasure_in_write=True,
          summary="Propose an amendment to one clause: replace it, insert a clause after it, or delete it, with a "
          "reason; for yourself or a verified organisation you administer; 409 outside the window")
def propose_amendment(call: Call, document_id: str) -> shapes.AmendmentModel:
    body = call.body
    made = logic.propose(call.signed_in, document_id, clause_id=body.clause_id, action=body.action, text=body.text,
                         reason=body.reason, organisation=body.organisation, now=_now(),
                         language=body.language or messages.active_language())
    return shapes.amendment(logic.present(made))


@endpoint("GET", "/documents/{document_id}/amendments", access=ANYONE, query=AmendmentQuery,
          response=shapes.AmendmentList, tags=("amendments",), errors=(404,),
          summary="A clause's amendments in the order the policy team chose (most supported by default), or the "
          "document's clause by clause")
def list_amendments(call: Call, document_id: str) -> shapes.AmendmentList:
    query = call.query
    page = logic.of_clause(document_id, query.clause_id, query.limit, query.cursor)
    return shapes.AmendmentList(items=[shapes.amendment(a) for a in page.items], next_cursor=page.next_cursor,
                                order=page.document.amendment_order.value,
                                clause=shapes.clause(page.clause, page.document))


@endpoint("GET", "/amendments/{amendment_id}", access=ANYONE, response=shapes.AmendmentModel,
          tags=("amendments",), errors=(404,), html=True,
          summary="An amendment, its support and its decision; a browser asking for text/html gets its page, "
          "with its trail")
def get_amendment(call: Call, amendment_id: str) -> shapes.AmendmentModel:
    return shapes.amendment(logic.shown(amendment_id))


@endpoint("PUT", "/amendments/{amendment_id}/support", access=SIGNED_IN, body=SupportRequest,
          response=SupportState, tags=("amendments",), errors=(400, 404, 409, 429), erasure_in_write=True,
          summary="Support an amendment waiting for its decision, with consent to the wording of "
          "GET /consent/support; supporting twice counts once")
def support_amendment(call: Call, amendment_id: str) -> SupportState:
    count = logic.support(call.signed_in, amendment_id, call.body.consent_version)
    count_event("Supports")
    return SupportState(supported=True, support_count=count)


@endpoint("DELETE", "/amendments/{amendment_id}/support", access=SIGNED_IN, response=SupportState,
          tags=("amendments",), errors=(404, 409, 429),
          summary="Withdraw your support at any time; once decided it is anonymised and the final count stays")
def withdraw_amendment_support(call: Call, amendment_id: str) -> SupportState:
    return SupportState(supported=False, support_count=logic.withdraw(call.signed_in, amendment_id))


class YourSupport(ApiModel):
    amendment_id: str
    supported: bool
    supported_at: str | None = Field(description="when you gave your support")
    consent_version: str | None = Field(description="the version of the consent wording you agreed to")
    support_count: int = Field(description="the amendment's count: exact, at most seconds behind")


@endpoint("GET", "/amendments/{amendment_id}/support", access=SIGNED_IN, response=YourSupport,
          tags=("amendments",), errors=(404,),
          summary="Whether you support an amendment (with the consent you gave), so its page offers withdrawing; "
          "never cached")
def your_amendment_support(call: Call, amendment_id: str) -> YourSupport:
    given, count = own_part.amendment_support(call.signed_in, amendment_id)
    return YourSupport(amendment_id=amendment_id, supported=given is not None,
                       supported_at=display_time(given.supported_at) if given else None,
                       consent_version=given.consent_version if given else None, support_count=count)


@endpoint("PUT", "/amendments/{amendment_id}/decision", access=only(Role.POLICY, Role.ADMIN),
          body=DecisionRequest, response=shapes.AmendmentModel, tags=("amendments",), errors=(400, 403, 404, 409),
          summary="Decide an amendment, always with a reason: accepted, accepted in part (with the wording taken), "
          "composited with others (into one wording) or rejected. Never your own or your organisation's")
def decide_amendment(call: Call, amendment_id: str) -> shapes.AmendmentModel:
    body = call.body
    return shapes.amendment(logic.decide(call.signed_in, amendment_id, verdict=body.decision, reason=body.reason,
                                         text=body.text, composite_of=body.composite_of, now=_now()))
