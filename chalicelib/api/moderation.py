"""Reports from anyone signed in, and moderators hiding or restoring what was reported."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.domain.identity import SIGNED_IN, Role, only
from chalicelib.domain.times import utcnow
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, StrictModel
from chalicelib.logic import moderation as logic
from chalicelib.settings import get_settings


class ReportCreate(StrictModel):
    target_type: Literal["campaign", "reply"]
    target_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=5, max_length=1000)


class ReportAccepted(ApiModel):
    target_type: str
    target_id: str
    reports: int
    hidden: bool


class ModerationAction(StrictModel):
    action: Literal["hide", "restore"]
    reason: str = Field(min_length=5, max_length=2000)




def _shown(state: logic.ReportState) -> ReportAccepted:
    return ReportAccepted(target_type=state.target_type, target_id=state.target_id, reports=state.reports,
                          hidden=state.hidden)


@endpoint("POST", "/reports", access=SIGNED_IN, body=ReportCreate, response=ReportAccepted, status=201,
          tags=("moderation",), errors=(404, 409, 429),
          summary="Report a campaign or a reply, once (20 an hour); enough reports from established accounts "
          "since the last moderator decision hide it until a moderator looks")
def report(call: Call) -> ReportAccepted:
    body = call.body
    return _shown(logic.report(call.signed_in, body.target_type, body.target_id, body.reason,
                               get_settings().reports_to_hide, now=utcnow()))


@endpoint("POST", "/moderation/{target_type}/{target_id}", access=only(Role.MODERATOR),
          body=ModerationAction, response=ReportAccepted, tags=("moderation",), errors=(404,),
          summary="Hide or restore a campaign or reply (not your own), with a reason; audited; the decision "
          "holds until a fresh set of reports")
def moderate(call: Call, target_type: str, target_id: str) -> ReportAccepted:
    return _shown(logic.moderate(call.signed_in, target_type, target_id, call.body.action, call.body.reason))
