"""Supporting a campaign, withdrawing, following and unfollowing: idempotent per person."""

from __future__ import annotations

from chalice.app import Blueprint
from pydantic import BaseModel, Field

from chalicelib.api.campaigns import visible_campaign
from chalicelib.domain.campaigns import PUBLIC, Status
from chalicelib.domain.consent import require_support_consent
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import SIGNED_IN
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import StrictModel
from chalicelib.store import follows
from chalicelib.store import supports as store


class SupportRequest(StrictModel):
    consent_version: str | None = Field(default=None, max_length=64,
                                        description="the version from GET /consent/support the person agreed to")


class SupportState(BaseModel):
    supported: bool
    support_count: int = Field(description="the count shown on the campaign: exact, at most seconds behind")


class FollowState(BaseModel):
    following: bool


supports = Blueprint(__name__)


@endpoint(supports, "PUT", "/campaigns/{campaign_id}/support", access=SIGNED_IN, body=SupportRequest,
          response=SupportState, tags=("support",), errors=(400, 404, 409),
          summary="Support an open campaign, with consent to the wording of GET /consent/support (its version); "
          "supporting twice counts once")
def support(call: Call, campaign_id: str) -> SupportState:
    consent_version = require_support_consent(call.body.consent_version)
    store.support(campaign_id, call.signed_in.id, consent_version=consent_version)
    return SupportState(supported=True, support_count=store.campaign_snapshot(campaign_id)[1])


@endpoint(supports, "DELETE", "/campaigns/{campaign_id}/support", access=SIGNED_IN, response=SupportState,
          tags=("support",), errors=(404, 409), summary="Withdraw your support; withdrawing twice is harmless")
def withdraw(call: Call, campaign_id: str) -> SupportState:
    store.withdraw(campaign_id, call.signed_in.id)
    return SupportState(supported=False, support_count=store.campaign_snapshot(campaign_id)[1])


@endpoint(supports, "PUT", "/campaigns/{campaign_id}/follow", access=SIGNED_IN, response=FollowState,
          tags=("support",), errors=(404, 409),
          summary="Follow an open or closed campaign's updates without supporting it; following twice is harmless")
def follow(call: Call, campaign_id: str) -> FollowState:
    campaign, _ = visible_campaign(call.signed_in, campaign_id)
    if Status(campaign.status) not in PUBLIC or campaign.hidden:
        raise Conflict("Only open or closed campaigns can be followed.", code="campaign_not_public")
    follows.follow(campaign_id, call.signed_in.id)
    return FollowState(following=True)


@endpoint(supports, "DELETE", "/campaigns/{campaign_id}/follow", access=SIGNED_IN, response=FollowState,
          tags=("support",), errors=(404,), summary="Stop following; unfollowing twice is harmless")
def unfollow(call: Call, campaign_id: str) -> FollowState:
    visible_campaign(call.signed_in, campaign_id)
    follows.unfollow(campaign_id, call.signed_in.id)
    return FollowState(following=False)
