"""Updates from a campaign's owner (or its organisation's members) to its supporters and followers."""

from __future__ import annotations

from chalice.app import Blueprint
from pydantic import BaseModel, Field

from chalicelib.api import idempotency
from chalicelib.api.campaigns import visible_campaign
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import ANYONE, SIGNED_IN
from chalicelib.domain.permissions import can_edit_campaign
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import StrictModel
from chalicelib.store import owner_updates as store
from chalicelib.store import rate_limits


class OwnerUpdateCreate(StrictModel):
    headline: str = Field(min_length=3, max_length=120)
    body: str = Field(min_length=1, max_length=5000)


class OwnerUpdateShown(BaseModel):
    id: str
    headline: str
    body: str
    created_at: str


class OwnerUpdates(BaseModel):
    items: list[OwnerUpdateShown]


owner_updates = Blueprint(__name__)

# Each update reaches every supporter (a million, on a viral campaign): a few a day is news,
# more is noise.
UPDATES_PER_DAY = 3


def _shown(record) -> OwnerUpdateShown:
    return OwnerUpdateShown(id=record.event_key.removeprefix(store.PREFIX), headline=record.headline,
                            body=record.body, created_at=presenters.display_time(record.created_at) or "")


@endpoint(owner_updates, "POST", "/campaigns/{campaign_id}/updates", access=SIGNED_IN, body=OwnerUpdateCreate,
          response=OwnerUpdateShown, status=201, tags=("dialogue",), headers=("Idempotency-Key",),
          errors=(404, 409, 429),
          summary="Tell everyone who supports or follows the campaign some news (3 a day per campaign)")
def post_update(call: Call, campaign_id: str) -> dict:
    caller, body = call.signed_in, call.body
    campaign, member = visible_campaign(caller, campaign_id)
    if not can_edit_campaign(caller, campaign.owner_id, member):
        raise Forbidden("Only the campaign's owner or its organisation's members may post its updates.")

    def post() -> dict:
        rate_limits.take("campaign_update", campaign.id, UPDATES_PER_DAY, 86400)
        record = store.post_update(campaign, caller.id, body.headline, body.body)
        return _shown(record).model_dump(mode="json")

    return idempotency.once("post_update", caller.id, call.header("Idempotency-Key"),
                            {"campaign_id": campaign_id, **body.model_dump(mode="json")}, post,
                            call.request.lambda_context)


@endpoint(owner_updates, "GET", "/campaigns/{campaign_id}/updates", access=ANYONE, response=OwnerUpdates,
          tags=("dialogue",), errors=(404,), summary="The campaign's updates from its owner, newest first")
def list_updates(call: Call, campaign_id: str) -> OwnerUpdates:
    visible_campaign(call.caller, campaign_id)
    return OwnerUpdates(items=[_shown(r) for r in store.updates_of(campaign_id)])
