"""The manifesto tracker: the policy team moves ideas through the stages; anyone reads what became of them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.domain.identity import ANYONE, Role, only
from chalicelib.domain.manifesto import NOTE_MAX
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint, if_match_version
from chalicelib.http.schemas import Campaign, CampaignPage, ListQuery, StrictModel
from chalicelib.logic import lists
from chalicelib.logic import manifesto as logic
from chalicelib.logic.campaigns import names

StageName = Literal["shortlisted", "in_draft", "adopted", "not_taken_forward"]


class ManifestoMoveRequest(StrictModel):
    stage: StageName = Field(description="shortlisted -> in_draft -> adopted, or not_taken_forward from any stage")
    note: str = Field(min_length=10, max_length=NOTE_MAX, description="the policy team's public note: "
                      "every supporter and follower reads it")


class ManifestoQuery(ListQuery):
    area: str | None = None
    stage: StageName | None = None




@endpoint("PUT", "/campaigns/{campaign_id}/manifesto", access=only(Role.POLICY, Role.ADMIN),
          body=ManifestoMoveRequest, response=Campaign, tags=("manifesto",), headers=("If-Match",),
          errors=(404, 409, 412),
          summary="Move an idea through the manifesto stages, with a public note (the policy team of its area, "
          "or an admin); needs If-Match: <version>. Every supporter and follower hears of it")
def move(call: Call, campaign_id: str) -> Campaign:
    version = if_match_version(call, required=True)
    moved = logic.move(call.signed_in, campaign_id, stage=call.body.stage, note=call.body.note, version=version or 0)
    return presenters.campaign(moved, names([moved]))


@endpoint("GET", "/manifesto", access=ANYONE, query=ManifestoQuery, response=CampaignPage,
          tags=("manifesto",), html=True,
          summary="You said, we did: every idea in the manifesto tracker, by stage (adopted, in the draft, "
          "shortlisted, not taken forward) and by area, newest move first")
def tracker(call: Call) -> CampaignPage:
    query = call.query
    listed = lists.manifesto(area=query.area, stage=query.stage, limit=query.limit, cursor=query.cursor)
    return CampaignPage(items=presenters.campaigns(listed.campaigns, listed.names), next_cursor=listed.next_cursor)
