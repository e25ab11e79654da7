"""One campaign: create, read, edit, and move it through its lifecycle."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from chalicelib import messages
from chalicelib.api import idempotency
from chalicelib.domain import campaigns as domain
from chalicelib.domain.errors import InvalidValue
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Role, only
from chalicelib.domain.search_terms import Found
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint, if_match_version
from chalicelib.http.schemas import ApiModel, Campaign, CampaignWithSimilar, KnownArea, SimilarCampaign, StrictModel
from chalicelib.logic import campaigns as logic


class CampaignText(StrictModel):
    title: str = Field(min_length=10, max_length=120)
    summary: str = Field(min_length=20, max_length=500, description="what should change, in a sentence or two")
    body: str = Field(min_length=50, max_length=10_000, description="why the party should take it up")


class TranslationText(StrictModel):
    title: str = Field(min_length=10, max_length=120)
    summary: str = Field(min_length=20, max_length=500)


LANGUAGE_DESCRIPTION = "the language title, summary and body are written in: en (English) or cy (Welsh)"
TRANSLATION_DESCRIPTION = "the title and summary in the other language (optional)"


class CampaignCreate(CampaignText):
    language: Literal["en", "cy"] | None = Field(
        default=None, description=LANGUAGE_DESCRIPTION + "; if absent or null, the request's language (?lang, cookie, "
        "Accept-Language)")
    translation: TranslationText | None = Field(default=None, description=TRANSLATION_DESCRIPTION)
    area: KnownArea = Field(description="a policy area id from GET /areas")
    organisation: str | None = Field(default=None, description="handle of a hosting organisation you belong to")
    consultation_id: str | None = Field(default=None, min_length=1, max_length=64,
                                        description="an open consultation in the same area this campaign answers")


class Decision(StrictModel):
    decision: str = Field(pattern="^(approve|reject)$")
    reason: str = Field(min_length=5, max_length=2000, description="shown to the campaign's owner")


class CampaignEdit(StrictModel):
    title: str | None = Field(default=None, min_length=10, max_length=120)
    summary: str | None = Field(default=None, min_length=20, max_length=500)
    body: str | None = Field(default=None, min_length=50, max_length=10_000)
    area: KnownArea | None = None
    language: Literal["en", "cy"] | None = Field(default=None, description=LANGUAGE_DESCRIPTION)
    translation: TranslationText | None = Field(default=None, description=TRANSLATION_DESCRIPTION + "; null takes "
                                                "it away. Sent again (or null) when the language changes")

    @field_validator("title", "summary", "body", "language")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        if value is None:
            raise InvalidValue("not_null")
        return value


class SimilarQuery(StrictModel):
    title: str = Field(min_length=3, max_length=120, description="the title being written")
    area: KnownArea = Field(description="a policy area id from GET /areas")


class SimilarCampaigns(ApiModel):
    items: list[SimilarCampaign] = Field(description="up to 5 open campaigns in the area with titles like it, "
                                                     "most alike first")


class CloseRequest(StrictModel):
    reason: str = Field(default="", max_length=2000)




def _shown(campaign: domain.Campaign, *, insider: bool) -> Campaign:
    return presenters.campaign(campaign, logic.names([campaign]), show_moderation=insider)


def _similar(found: list[Found]) -> list[SimilarCampaign]:
    return [SimilarCampaign(id=c.id, slug=c.slug, title=c.title, support_count=c.support_count) for c in found]


def _with_similar(campaign: domain.Campaign) -> CampaignWithSimilar:
    shown = presenters.campaign(campaign, logic.names([campaign]), show_moderation=True, view=CampaignWithSimilar)
    shown.similar = _similar(logic.similar_open(campaign))
    return shown


@endpoint("GET", "/campaigns/similar", access=ANYONE, query=SimilarQuery, response=SimilarCampaigns,
          tags=("campaigns",), errors=(400,),
          summary="Open campaigns in an area whose titles are like one being written (the start form, before a draft)")
def similar_campaigns(call: Call) -> SimilarCampaigns:
    return SimilarCampaigns(items=_similar(logic.similar_to_title(call.query.title, call.query.area)))


@endpoint("POST", "/campaigns", access=SIGNED_IN, body=CampaignCreate, response=CampaignWithSimilar,
          status=201, tags=("campaigns",), headers=("Idempotency-Key",), errors=(404, 409),
          summary="Start a campaign as a draft; lists similar open campaigns")
def create_campaign(call: Call) -> dict:
    caller, body = call.signed_in, call.body

    def create() -> dict:
        record = logic.start_campaign(caller, title=body.title, summary=body.summary, body=body.body,
                                      area=body.area, organisation_handle=body.organisation,
                                      consultation_id=body.consultation_id,
                                      language=body.language or messages.active_language(),
                                      translation=body.translation.model_dump() if body.translation else None)
        return {"id": record.id}

    # The replay record keeps only the new campaign's id, never the owner's name or handle: it
    # outlives no erasure with personal data in it. A replay shows the campaign as it is now.
    created = idempotency.once("create_campaign", caller.id, call.header("Idempotency-Key"),
                               body.model_dump(mode="json"), create, call.request.lambda_context)
    return _with_similar(logic.get_campaign(created["id"])).model_dump(mode="json")


@endpoint("GET", "/campaigns/{campaign_id}", access=ANYONE, response=Campaign, tags=("campaigns",),
          errors=(404,), summary="One campaign (drafts: their owners and moderators only)")
def get_campaign(call: Call, campaign_id: str) -> Campaign:
    seen = logic.visible_campaign(call.caller, campaign_id)
    return _shown(seen.campaign, insider=seen.insider)


@endpoint("PATCH", "/campaigns/{campaign_id}", access=SIGNED_IN, body=CampaignEdit, response=Campaign,
          tags=("campaigns",), headers=("If-Match",), errors=(404, 409, 412),
          summary="Edit a draft or rejected campaign; needs If-Match: <version>")
def edit_campaign(call: Call, campaign_id: str) -> Campaign:
    version = if_match_version(call, required=True)
    updated = logic.edit_campaign(call.signed_in, campaign_id, call.body.model_dump(exclude_unset=True), version or 0)
    return _shown(updated, insider=True)


@endpoint("POST", "/campaigns/{campaign_id}/submit", access=SIGNED_IN, response=CampaignWithSimilar,
          tags=("campaigns",), errors=(404, 409), summary="Send a draft or rejected campaign to moderation")
def submit_campaign(call: Call, campaign_id: str) -> CampaignWithSimilar:
    return _with_similar(logic.submit_campaign(call.signed_in, campaign_id))


@endpoint("POST", "/campaigns/{campaign_id}/decision", access=only(Role.MODERATOR), body=Decision,
          response=Campaign, tags=("moderation",), errors=(404, 409),
          summary="Approve (open) or reject a pending campaign, with a reason shown to its owner")
def decide_campaign(call: Call, campaign_id: str) -> Campaign:
    decided = logic.decide_campaign(call.signed_in, campaign_id, approve=call.body.decision == "approve",
                                    reason=call.body.reason)
    return _shown(decided, insider=True)


@endpoint("POST", "/campaigns/{campaign_id}/close", access=SIGNED_IN, body=CloseRequest,
          response=Campaign, tags=("campaigns",), errors=(404, 409),
          summary="Close an open campaign early (its owner, organisation or an admin)")
def close_campaign(call: Call, campaign_id: str) -> Campaign:
    return _shown(logic.close_campaign(call.signed_in, campaign_id, call.body.reason), insider=False)
