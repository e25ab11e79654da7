"""Supporting a campaign, withdrawing, following and unfollowing: idempotent per person."""

from __future__ import annotations

from pydantic import Field

from chalicelib.domain.identity import SIGNED_IN
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, SupportRequest
from chalicelib.logic import support as logic
from chalicelib.observability import count_event


class SupportState(ApiModel):
    supported: bool
    support_count: int = Field(description="the count shown on the campaign: exact, at most seconds behind")


class FollowState(ApiModel):
    following: bool




@endpoint("PUT", "/campaigns/{campaign_id}/support", access=SIGNED_IN, body=SupportRequest,
          response=SupportState, tags=("support",), errors=(400, 404, 409, 429), erasure_in_write=True,
          summary="Support an open campaign, with consent to the wording of GET /consent/support (its version); "
          "supporting twice counts once")
def support(call: Call, campaign_id: str) -> SupportState:
    count = logic.support(call.signed_in, campaign_id, call.body.consent_version)
    count_event("Supports")  # a repeat counts here too, though not on the campaign: rare, and retried clicks
    return SupportState(supported=True, support_count=count)


@endpoint("DELETE", "/campaigns/{campaign_id}/support", access=SIGNED_IN, response=SupportState,
          tags=("support",), errors=(404, 409, 429),
          summary="Withdraw your support at any time; on a closed campaign it is anonymised and the final "
          "count stays; withdrawing twice is harmless")
def withdraw(call: Call, campaign_id: str) -> SupportState:
    return SupportState(supported=False, support_count=logic.withdraw(call.signed_in, campaign_id))


@endpoint("PUT", "/campaigns/{campaign_id}/follow", access=SIGNED_IN, response=FollowState,
          tags=("support",), errors=(404, 409, 429), erasure_in_write=True,
          summary="Follow an open or closed campaign's updates without supporting it; following twice is harmless")
def follow(call: Call, campaign_id: str) -> FollowState:
    logic.follow(call.signed_in, campaign_id)
    return FollowState(following=True)


@endpoint("DELETE", "/campaigns/{campaign_id}/follow", access=SIGNED_IN, response=FollowState,
          tags=("support",), errors=(404, 429), summary="Stop following; unfollowing twice is harmless")
def unfollow(call: Call, campaign_id: str) -> FollowState:
    logic.unfollow(call.signed_in, campaign_id)
    return FollowState(following=False)
