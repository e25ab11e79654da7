"""Updates from a campaign's owner (or its organisation's members) to its supporters and followers."""

from __future__ import annotations

from pydantic import Field

from chalicelib.api import idempotency
from chalicelib.domain.dialogue import OwnerUpdate
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, OwnerUpdateShown, StrictModel
from chalicelib.logic import dialogue as logic


class OwnerUpdateCreate(StrictModel):
    headline: str = Field(min_length=3, max_length=120)
    body: str = Field(min_length=1, max_length=5000)


class OwnerUpdates(ApiModel):
    items: list[OwnerUpdateShown]




def _shown(update: OwnerUpdate) -> OwnerUpdateShown:
    return presenters.owner_update(update)


@endpoint("POST", "/campaigns/{campaign_id}/updates", access=SIGNED_IN, body=OwnerUpdateCreate,
          response=OwnerUpdateShown, status=201, tags=("dialogue",), headers=("Idempotency-Key",),
          errors=(404, 409, 429),
          summary="Tell everyone who supports or follows the campaign some news (3 a day per campaign)")
def post_update(call: Call, campaign_id: str) -> dict:
    caller, body = call.signed_in, call.body

    def post() -> dict:
        return _shown(logic.post_update(caller, campaign_id, body.headline, body.body)).model_dump(mode="json")

    return idempotency.once("post_update", caller.id, call.header("Idempotency-Key"),
                            {"campaign_id": campaign_id, **body.model_dump(mode="json")}, post,
                            call.request.lambda_context)


@endpoint("GET", "/campaigns/{campaign_id}/updates", access=ANYONE, response=OwnerUpdates,
          tags=("dialogue",), errors=(404,), summary="The campaign's updates from its owner, newest first")
def list_updates(call: Call, campaign_id: str) -> OwnerUpdates:
    return OwnerUpdates(items=[_shown(r) for r in logic.updates_of(call.caller, campaign_id)])
