"""Admins read who was refused a decision for a conflict of interest (README, "Moderation policy")."""

from __future__ import annotations

from pydantic import Field

from chalicelib.domain.identity import Role, only
from chalicelib.domain.moderation import parse_target
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, CampaignLink, ListQuery, PersonSummary
from chalicelib.logic import conflicts as logic


class RefusalShown(ApiModel):
    at: str = Field(description="when, ISO 8601 UTC")
    person: PersonSummary = Field(description="who was refused (\"a former member\" once their account is erased)")
    decision: str = Field(description="campaign_decision, moderation, manifesto, official_response or amendment")
    requested: str = Field(description="what they asked for: approve or reject, hide or restore, a stage, a stance")
    rule: str = Field(description="their stake: author, campaign_owner or hosting_organisation")
    target_type: str = Field(description="campaign, reply or amendment")
    target_id: str
    campaign: CampaignLink | None = Field(description="the campaign it concerned; null once it is gone")


class RefusalPage(ApiModel):
    items: list[RefusalShown]
    next_cursor: str | None = None


@endpoint("GET", "/refusals", access=only(Role.ADMIN), query=ListQuery, response=RefusalPage,
          tags=("moderation",),
          summary="Admins: every decision refused for a conflict of interest (its author, the owner of its "
          "campaign, or a member of the hosting organisation asked to decide it), newest first")
def recent(call: Call) -> RefusalPage:
    page = logic.recent_refusals(call.query.limit, call.query.cursor)
    campaigns = {i: presenters.campaign_link(c) for i, c in page.campaigns.items()}
    items = []
    for r in page.refusals:
        target_type, target_id = parse_target(r.target)
        items.append(RefusalShown(at=presenters.display_time(r.at) or "", person=presenters.person_summary(
            page.names.people.get(r.actor_id)), decision=r.decision, requested=r.requested, rule=r.rule,
            target_type=target_type, target_id=target_id, campaign=campaigns.get(r.campaign_id)))
    return RefusalPage(items=items, next_cursor=page.next_cursor)
