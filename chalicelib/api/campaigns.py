"""One campaign: create, read, edit, and move it through its lifecycle."""

from __future__ import annotations

from chalice.app import Blueprint
from pydantic import Field, field_validator

from chalicelib.api import idempotency
from chalicelib.domain.areas import is_area
from chalicelib.domain.campaigns import PUBLIC, Status
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Caller, Role, only
from chalicelib.domain.permissions import can_close_campaign, can_edit_campaign, can_see_unpublished
from chalicelib.domain.similarity import most_similar
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint, if_match_version
from chalicelib.http.schemas import Campaign, CampaignWithSimilar, SimilarCampaign, StrictModel
from chalicelib.store import campaign_lists, profiles
from chalicelib.store import campaigns as store
from chalicelib.store.tables.campaigns import CampaignRecord


class CampaignText(StrictModel):
    title: str = Field(min_length=10, max_length=120)
    summary: str = Field(min_length=20, max_length=500, description="what should change, in a sentence or two")
    body: str = Field(min_length=50, max_length=10_000, description="why the party should take it up")


class CampaignCreate(CampaignText):
    area: str = Field(description="a policy area id from GET /areas")
    organisation: str | None = Field(default=None, description="handle of a hosting organisation you belong to")

    @field_validator("area")
    @classmethod
    def _known_area(cls, area: str) -> str:
        if not is_area(area):
            raise ValueError("not a policy area; see GET /areas")
        return area


class Decision(StrictModel):
    decision: str = Field(pattern="^(approve|reject)$")
    reason: str = Field(min_length=5, max_length=2000, description="shown to the campaign's owner")


class CampaignEdit(StrictModel):
    title: str | None = Field(default=None, min_length=10, max_length=120)
    summary: str | None = Field(default=None, min_length=20, max_length=500)
    body: str | None = Field(default=None, min_length=50, max_length=10_000)
    area: str | None = None

    @field_validator("area")
    @classmethod
    def _known_area(cls, area: str | None) -> str | None:
        if area is not None and not is_area(area):
            raise ValueError("not a policy area; see GET /areas")
        return area

    @field_validator("title", "summary", "body")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("cannot be null")
        return value


class CloseRequest(StrictModel):
    reason: str = Field(default="", max_length=2000)


campaigns = Blueprint(__name__)


def visible_campaign(caller: Caller | None, campaign_id: str) -> tuple[CampaignRecord, bool]:
    """The campaign and whether the caller may edit it. Unpublished campaigns are 404 to
    anyone who may not see them, so their existence does not leak."""
    campaign = store.get_campaign(campaign_id)
    member = caller is not None and profiles.membership_role(campaign.organisation_id, caller.id) is not None
    restricted = Status(campaign.status) not in PUBLIC or bool(campaign.hidden)
    if restricted and not can_see_unpublished(caller, campaign.owner_id, member):
        raise NotFound("No such campaign.", code="campaign_not_found")
    return campaign, member


def _editable(call: Call, campaign_id: str) -> CampaignRecord:
    campaign, member = visible_campaign(call.signed_in, campaign_id)
    if not can_edit_campaign(call.signed_in, campaign.owner_id, member):
        raise Forbidden("Only the campaign's owner or its organisation's members may do this.")
    return campaign


def _with_similar(campaign: CampaignRecord) -> CampaignWithSimilar:
    candidates = [c for c in campaign_lists.most_supported_open_titles(campaign.area) if c.id != campaign.id]
    by_id = {c.id: c for c in candidates}
    similar = [by_id[cid] for cid, _ in most_similar(campaign.title, [(c.id, c.title) for c in candidates])]
    shown = presenters.campaign(campaign, show_moderation=True, view=CampaignWithSimilar)
    shown.similar = [SimilarCampaign(id=c.id, slug=c.slug, title=c.title, support_count=int(c.support_count))
                     for c in similar]
    return shown


@endpoint(campaigns, "POST", "/campaigns", access=SIGNED_IN, body=CampaignCreate, response=CampaignWithSimilar,
          status=201, tags=("campaigns",), headers=("Idempotency-Key",), errors=(404, 409),
          summary="Start a campaign as a draft; lists similar open campaigns")
def create_campaign(call: Call) -> dict:
    caller, body = call.signed_in, call.body

    def create() -> dict:
        profiles.ensure_person(caller)
        organisation_id = None
        if body.organisation:
            org = profiles.organisation_by_handle(body.organisation)
            if profiles.membership_role(org.id, caller.id) is None:
                raise Forbidden("Only members of an organisation may start campaigns it hosts.")
            organisation_id = org.id
        record = store.create_campaign(owner_id=caller.id, title=body.title, summary=body.summary, body=body.body,
                                       area=body.area, organisation_id=organisation_id)
        return {"id": record.id}

    # The replay record keeps only the new campaign's id, never the owner's name or handle: it
    # outlives no erasure with personal data in it. A replay shows the campaign as it is now.
    created = idempotency.once("create_campaign", caller.id, call.header("Idempotency-Key"),
                               body.model_dump(mode="json"), create, call.request.lambda_context)
    return _with_similar(store.get_campaign(created["id"])).model_dump(mode="json")


@endpoint(campaigns, "GET", "/campaigns/{campaign_id}", access=ANYONE, response=Campaign, tags=("campaigns",),
          errors=(404,), summary="One campaign (drafts: their owners and moderators only)")
def get_campaign(call: Call, campaign_id: str) -> Campaign:
    campaign, member = visible_campaign(call.caller, campaign_id)
    insider = call.caller is not None and (
        can_edit_campaign(call.caller, campaign.owner_id, member) or call.caller.has(Role.MODERATOR))
    return presenters.campaign(campaign, show_moderation=insider)


@endpoint(campaigns, "PATCH", "/campaigns/{campaign_id}", access=SIGNED_IN, body=CampaignEdit, response=Campaign,
          tags=("campaigns",), headers=("If-Match",), errors=(404, 409, 412),
          summary="Edit a draft or rejected campaign; needs If-Match: <version>")
def edit_campaign(call: Call, campaign_id: str) -> Campaign:
    version = if_match_version(call, required=True)
    campaign = _editable(call, campaign_id)
    updated = store.edit_text(campaign, call.body.model_dump(exclude_unset=True), version or 0)
    return presenters.campaign(updated, show_moderation=True)


@endpoint(campaigns, "POST", "/campaigns/{campaign_id}/submit", access=SIGNED_IN, response=CampaignWithSimilar,
          tags=("campaigns",), errors=(404, 409), summary="Send a draft or rejected campaign to moderation")
def submit_campaign(call: Call, campaign_id: str) -> CampaignWithSimilar:
    campaign = _editable(call, campaign_id)
    return _with_similar(store.submit(campaign, call.signed_in.id))


@endpoint(campaigns, "POST", "/campaigns/{campaign_id}/decision", access=only(Role.MODERATOR), body=Decision,
          response=Campaign, tags=("moderation",), errors=(404, 409),
          summary="Approve (open) or reject a pending campaign, with a reason shown to its owner")
def decide_campaign(call: Call, campaign_id: str) -> Campaign:
    campaign, _ = visible_campaign(call.signed_in, campaign_id)
    decided = store.decide(campaign, call.signed_in.id, call.body.decision == "approve", call.body.reason)
    return presenters.campaign(decided, show_moderation=True)


@endpoint(campaigns, "POST", "/campaigns/{campaign_id}/close", access=SIGNED_IN, body=CloseRequest,
          response=Campaign, tags=("campaigns",), errors=(404, 409),
          summary="Close an open campaign early (its owner, organisation or an admin)")
def close_campaign(call: Call, campaign_id: str) -> Campaign:
    campaign, member = visible_campaign(call.signed_in, campaign_id)
    if not can_close_campaign(call.signed_in, campaign.owner_id, member):
        raise Forbidden("Only the campaign's owner or an admin may close it.")
    return presenters.campaign(store.close(campaign, call.signed_in.id, call.body.reason))
