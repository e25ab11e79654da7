"""Your part in one campaign: what its page shows you alone, read fresh and never cached."""

from __future__ import annotations

from pydantic import Field

from chalicelib.domain.identity import SIGNED_IN
from chalicelib.http.presenters import display_time
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel
from chalicelib.logic.own_part import own_part


class YourReply(ApiModel):
    id: str
    created_at: str
    removed: bool = Field(description="you deleted it: a tombstone keeps the thread's shape")
    hidden: bool = Field(description="hidden by moderation: only you and moderators see it")


class YourPart(ApiModel):
    campaign_id: str
    supported: bool
    supported_at: str | None = Field(description="when you gave your support")
    consent_version: str | None = Field(description="the version of the consent wording you agreed to")
    following: bool
    replies: list[YourReply] = Field(
        description="your replies here, newest first, found among your 20 latest replies anywhere")
    yours: bool = Field(description="you started it, or belong to the organisation hosting it")
    status: str
    version: int = Field(description="the campaign's version now: a page showing an older one is out of date")
    support_count: int = Field(description="the count as you should see it: the shown count, with your own "
                                           "support in it even before the count is next summed")
    manifesto_stage: str | None
    answered: bool = Field(description="a minister has responded officially")




@endpoint("GET", "/me/campaigns/{campaign_id}", access=SIGNED_IN, response=YourPart, tags=("support",),
          errors=(404,), summary="Your part in one campaign: whether you support it (with the consent you gave), "
          "follow it, your replies there, and its count and stage as of now; never cached")
def your_part(call: Call, campaign_id: str) -> YourPart:
    part = own_part(call.signed_in, campaign_id)
    c = part.campaign
    return YourPart(
        campaign_id=campaign_id, supported=part.support is not None,
        supported_at=display_time(part.support.supported_at) if part.support else None,
        consent_version=part.support.consent_version if part.support else None, following=part.following,
        replies=[YourReply(id=r.reply_id, created_at=display_time(r.created_at) or "", removed=bool(r.deleted_at),
                           hidden=r.hidden) for r in part.replies],
        yours=part.yours, status=c.status, version=c.version, support_count=part.support_count,
        manifesto_stage=c.manifesto_stage, answered=c.official_response is not None)
