"""Reports from anyone signed in, and moderators hiding or restoring what was reported."""

from __future__ import annotations

from typing import Literal

from chalice.app import Blueprint
from pydantic import BaseModel, Field

from chalicelib.api.campaigns import visible_campaign
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import SIGNED_IN, Role, only
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import StrictModel
from chalicelib.settings import get_settings
from chalicelib.store import campaigns as campaign_store
from chalicelib.store import replies as reply_store
from chalicelib.store import reports


class ReportCreate(StrictModel):
    target_type: Literal["campaign", "reply"]
    target_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=5, max_length=1000)


class ReportAccepted(BaseModel):
    target_type: str
    target_id: str
    reports: int
    hidden: bool


class ModerationAction(StrictModel):
    action: Literal["hide", "restore"]
    reason: str = Field(min_length=5, max_length=2000)


moderation = Blueprint(__name__)


def _target(target_type: str, target_id: str, caller):
    """The reported thing, if the caller can see it (404 otherwise), and how to hide it."""
    if target_type == "reply":
        reply = reply_store.get_reply(target_id)
        visible_campaign(caller, reply.campaign_id)
        return reply, lambda hidden: reply_store.set_hidden(reply, hidden)
    if target_type == "campaign":
        campaign, _ = visible_campaign(caller, target_id)
        return campaign, lambda hidden: campaign_store.set_hidden(campaign, hidden)
    raise InvalidInput("target_type is campaign or reply.", details={"fields": {"target_type": "campaign|reply"}})


@endpoint(moderation, "POST", "/reports", access=SIGNED_IN, body=ReportCreate, response=ReportAccepted, status=201,
          tags=("moderation",), errors=(404, 409),
          summary="Report a campaign or a reply, once; enough reports hide it until a moderator looks")
def report(call: Call) -> ReportAccepted:
    body = call.body
    target, set_hidden = _target(body.target_type, body.target_id, call.signed_in)
    count = reports.report(f"{body.target_type}#{body.target_id}", call.signed_in.id, body.reason)
    hidden = bool(target.hidden)
    if count >= get_settings().reports_to_hide and not hidden:
        set_hidden(True)
        hidden = True
    return ReportAccepted(target_type=body.target_type, target_id=body.target_id, reports=count, hidden=hidden)


@endpoint(moderation, "POST", "/moderation/{target_type}/{target_id}", access=only(Role.MODERATOR),
          body=ModerationAction, response=ReportAccepted, tags=("moderation",), errors=(404,),
          summary="Hide or restore a campaign or reply, with a reason; audited")
def moderate(call: Call, target_type: str, target_id: str) -> ReportAccepted:
    _, set_hidden = _target(target_type, target_id, call.signed_in)
    hide = call.body.action == "hide"
    set_hidden(hide)
    key = f"{target_type}#{target_id}"
    campaign_store.audit(key, call.signed_in.id, call.body.action, call.body.reason)
    count = reports.reviewed(key)
    return ReportAccepted(target_type=target_type, target_id=target_id, reports=count, hidden=hide)
