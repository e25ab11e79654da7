"""How campaigns are shown (API.md, "A campaign")."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from chalicelib.domain.people import PersonSummary
from chalicelib.domain.schemas import ListQuery, StrictModel


class OrganisationSummary(BaseModel):
    id: str
    handle: str
    name: str


class OfficialResponse(BaseModel):
    minister: PersonSummary
    stance: str
    body: str
    created_at: str


class SimilarCampaign(BaseModel):
    id: str
    slug: str
    title: str
    support_count: int


class Campaign(BaseModel):
    id: str
    slug: str
    title: str
    summary: str
    body: str
    area: str
    status: str
    owner: PersonSummary
    organisation: OrganisationSummary | None
    support_count: int
    created_at: str
    published_at: str | None
    closes_at: str | None
    closed_at: str | None = None
    version: int
    milestones: list[int]
    official_response: OfficialResponse | None
    moderation_reason: str | None = Field(default=None, description="shown to the owner and moderators only")
    url: str


class CampaignWithSimilar(Campaign):
    similar: list[SimilarCampaign] = Field(
        default_factory=list, description="up to 5 open campaigns in the same area with similar titles"
    )


class CampaignPage(BaseModel):
    items: list[Campaign]
    next_cursor: str | None


class BrowseQuery(ListQuery):
    area: str | None = None
    status: Literal["open", "closed"] = "open"
    sort: Literal["new", "top", "trending"] = "new"


class MyCampaignsQuery(ListQuery):
    relation: Literal["owned", "supported", "followed"] = "owned"


class SupportState(BaseModel):
    supported: bool
    support_count: int = Field(description="the count shown on the campaign: exact, at most seconds behind")


class FollowState(BaseModel):
    following: bool


class CsvQuery(StrictModel):
    cursor: str | None = Field(default=None, max_length=2048)


class ReportedItem(BaseModel):
    target_type: str
    target_id: str
    reports: int
    first_reported_at: str


class ModerationQueue(BaseModel):
    items: list[Campaign] = Field(description="pending campaigns, oldest first")
    next_cursor: str | None
    reported: list[ReportedItem] = Field(description="reported content awaiting a moderator, oldest first")
