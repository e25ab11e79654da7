"""Shapes shared by the API and the pages: request basics, the error body, and how things are shown."""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from chalicelib.domain.areas import is_area
from chalicelib.domain.errors import InvalidValue

T = TypeVar("T")

# The languages content is written in (domain.campaigns.CONTENT_LANGUAGES): a campaign, a reply, an amendment.
ContentLanguage = Literal["en", "cy"]
WRITTEN_IN_ON_CREATE = ("; if absent or null, the request's language (?lang, the lang cookie, Accept-Language): "
                        "the page's, on a page's form")


class ApiModel(BaseModel):
    """Every model the API and the pages validate or show. Its validator and serializer are built
    on first use, not when the class is defined: a cold start then pays only for the models its
    request uses, not for all of them."""

    model_config = ConfigDict(defer_build=True)


class StrictModel(ApiModel):
    """Request bodies refuse unknown fields, so a misspelt field is a 400, not silently lost."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _known_area(area: str) -> str:
    if not is_area(area):
        raise InvalidValue("not_an_area")
    return area


# A policy area's id, checked against the list (`GET /areas`) with one wording wherever a request names one.
KnownArea = Annotated[str, AfterValidator(_known_area)]


class SupportRequest(StrictModel):
    """Supporting a campaign or an amendment: the consent the person agreed to."""

    consent_version: str | None = Field(default=None, max_length=64,
                                        description="the version from GET /consent/support the person agreed to")


class ErrorDetail(ApiModel):
    code: str = Field(description="snake_case, stable: clients branch on it")
    message: str = Field(description="for a person to read")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(ApiModel):
    error: ErrorDetail


class Page(ApiModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class ListQuery(StrictModel):
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=2048)


class PersonSummary(ApiModel):
    id: str
    handle: str
    display_name: str


class Profile(ApiModel):
    id: str
    handle: str
    display_name: str
    bio: str
    constituency: str
    roles: list[str]
    portfolio: list[str]
    policy_areas: list[str] = []
    region: str | None = Field(default=None, description="one of GET /regions, or null")
    language: Literal["en", "cy"] | None = Field(
        default=None, description="the language of their pages, updates and emails; null until they choose")
    version: int


class Member(ApiModel):
    person: PersonSummary
    role: str
    state: Literal["invited", "member"] = Field(
        default="member", description="invited until the person accepts; only members are listed or act as members")


class Organisation(ApiModel):
    id: str
    handle: str
    name: str
    description: str
    members: list[Member]
    kind: str | None = Field(default=None, description="constituency_party, branch, affiliated_union, "
                             "socialist_society or other: shown once an admin verified it, null before")
    verified: bool = Field(default=False, description="an admin checked what it is; only then it proposes amendments")
    language: str = Field(default="en", description="the language its name and description are written in: en or cy "
                          "(one made before languages were kept: en)")


class Badge(ApiModel):
    kind: Literal["owner", "minister", "organisation"]
    portfolio: list[str] | None = None
    organisation: str | None = None


class Reply(ApiModel):
    id: str
    campaign_id: str
    parent_id: str | None
    depth: int
    author: PersonSummary
    body: str
    badges: list[Badge]
    created_at: str
    edited: bool
    edited_at: str | None
    removed: bool = Field(description="deleted by its author: a tombstone that keeps the thread's shape")
    hidden: bool = Field(description="hidden by moderation: only its author and moderators see it")
    version: int
    language: ContentLanguage = Field(default="en", description="the language it is written in (en: English, "
                                      "cy: Welsh); en for replies from before replies said")


class OwnerUpdateShown(ApiModel):
    id: str
    headline: str
    body: str
    created_at: str


class OrganisationSummary(ApiModel):
    id: str
    handle: str
    name: str


class OfficialResponse(ApiModel):
    minister: PersonSummary
    stance: str
    body: str
    created_at: str


class CampaignLink(ApiModel):
    """Enough of a campaign to name it and link to it (/c/{slug}): what a report or a refusal was about."""

    id: str
    slug: str
    title: str
    area: str
    status: str


class SimilarCampaign(ApiModel):
    id: str
    slug: str
    title: str
    support_count: int


class ManifestoMove(ApiModel):
    stage: Literal["shortlisted", "in_draft", "adopted", "not_taken_forward"]
    note: str = Field(description="the policy team's public note on this move")
    at: str


class Manifesto(ApiModel):
    stage: Literal["shortlisted", "in_draft", "adopted", "not_taken_forward"]
    note: str
    updated_at: str
    history: list[ManifestoMove] = Field(description="every move, oldest first (at most 4: moves only go forward)")


class CampaignTranslation(ApiModel):
    language: Literal["en", "cy"] = Field(description="the other language than the campaign's")
    title: str
    summary: str


class Campaign(ApiModel):
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
    support_by_region: dict[str, int | str] = Field(
        default_factory=dict, description='settled supporters by the UK nation or region they gave ("unknown": none '
        'given), from the hourly snapshot taken at support_by_region_as_of: each rounded to the nearest 5; a count '
        'below 10 is "<10"; "10+" is 10 or more, withheld so that no "<10" can be worked out from the total. '
        'A support counts here once its account and region are a few days old (README, "Privacy")')
    support_by_region_as_of: str | None = Field(
        default=None, description="when the regional figures were true (the snapshot; at most hourly while open)")
    created_at: str
    published_at: str | None
    closes_at: str | None
    closed_at: str | None = None
    version: int
    milestones: list[int]
    official_response: OfficialResponse | None
    moderation_reason: str | None = Field(default=None, description="shown to the owner and moderators only")
    url: str
    consultation_id: str | None = Field(default=None, description="the consultation this campaign answers, if any")
    manifesto: Manifesto | None = Field(default=None, description="where the idea is in the manifesto tracker")
    language: Literal["en", "cy"] = Field(default="en", description="the language title, summary and body are "
                                          "written in (en: English, cy: Welsh)")
    translation: CampaignTranslation | None = Field(
        default=None, description="the title and summary in the other language, if the author gave them")


class CampaignWithSimilar(Campaign):
    similar: list[SimilarCampaign] = Field(
        default_factory=list, description="up to 5 open campaigns in the same area with similar titles"
    )


class CampaignPage(ApiModel):
    items: list[Campaign]
    next_cursor: str | None


class MinisterRecordView(ApiModel):
    """A minister's record on campaigns past the response threshold (README, "Ministers' record")."""

    minister_id: str
    portfolio: list[str] = Field(description="the areas whose campaigns wait on this minister now")
    answered: int = Field(description="campaigns this minister answered while they waited past the threshold "
                                      "(first answers only; kept if the portfolio changes)")
    waiting: int = Field(description="campaigns of the current portfolio past the threshold with no answer")
    overdue: int = Field(description="of those waiting, the ones past the response deadline")
    median_days_to_answer: float | None = Field(description="whole days from the threshold to the answer; "
                                                            "null before a first answer")
    response_threshold: int = Field(description="supporters that put a campaign in the inbox")
    response_deadline_days: int = Field(description="days waiting after which a campaign is overdue")
class Idea(ApiModel):
    """A campaign answering a consultation, as the consultation lists it."""

    id: str
    slug: str
    title: str
    summary: str
    status: str
    support_count: int
    url: str


class Consultation(ApiModel):
    id: str
    area: str
    question: str
    brief: str
    opens_at: str
    closes_at: str = Field(description="when it stops taking answers; closed early, when it closed")
    status: Literal["upcoming", "open", "closed"] = Field(
        description="from the dates and the close: open from opens_at until closes_at or its close")
    closed_at: str | None = Field(description="when the policy team closed it with its summary")
    summary: str | None = Field(description="the policy team's summary, once closed")
    created_by: PersonSummary
    url: str = Field(description="its page")
    answer_url: str = Field(description="the page that starts a campaign answering it")
    language: str = Field(default="en", description="the language its question and brief are written in: en or cy "
                          "(one opened before languages were kept: en)")


class ConsultationWithIdeas(Consultation):
    ideas: list[Idea] = Field(description="its public ideas (campaigns), most supported first: the first 100")
    idea_count: int
    supporter_count: int = Field(description="supports across its ideas: one person supporting two counts twice")


class ConsultationPage(ApiModel):
    items: list[Consultation]
    next_cursor: str | None
