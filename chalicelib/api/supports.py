"""Supporting a campaign, and withdrawing: idempotent per person."""

from __future__ import annotations

from chalice.app import Blueprint

from chalicelib.api.routing import Call, endpoint
from chalicelib.domain.campaign_views import SupportState
from chalicelib.domain.identity import SIGNED_IN
from chalicelib.store import supports as store

supports = Blueprint(__name__)


@endpoint(supports, "PUT", "/campaigns/{campaign_id}/support", access=SIGNED_IN, response=SupportState,
          tags=("support",), errors=(404, 409), summary="Support an open campaign; supporting twice counts once")
def support(call: Call, campaign_id: str) -> SupportState:
    store.support(campaign_id, call.signed_in.id)
    return SupportState(supported=True, support_count=store.campaign_snapshot(campaign_id)[1])


@endpoint(supports, "DELETE", "/campaigns/{campaign_id}/support", access=SIGNED_IN, response=SupportState,
          tags=("support",), errors=(404, 409), summary="Withdraw your support; withdrawing twice is harmless")
def withdraw(call: Call, campaign_id: str) -> SupportState:
    store.withdraw(campaign_id, call.signed_in.id)
    return SupportState(supported=False, support_count=store.campaign_snapshot(campaign_id)[1])
