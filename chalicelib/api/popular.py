"""Popular in your region (README, "Search"): anyone may read it; the home page shows a signed-in
person their own region's."""

from __future__ import annotations

from chalice.app import Response
from pydantic import Field

from chalicelib.domain.identity import ANYONE
from chalicelib.domain.regions import REGION_NAMES
from chalicelib.http.errors import JSON_HEADERS
from chalicelib.http.routing import PUBLIC, Call, endpoint
from chalicelib.http.schemas import ApiModel
from chalicelib.logic import popular as logic

# The same for everyone, and ranked hourly: caches may keep it briefly, as they keep pages, so a
# campaign hidden meanwhile is gone from every copy within half a minute.
POPULAR_CACHE = PUBLIC


class PopularCampaign(ApiModel):
    id: str
    slug: str
    title: str
    summary: str
    area: str
    url: str = Field(description="its page")
    region_supporters: int = Field(description="the campaign page's figure for this region (the hourly snapshot "
                                   "of settled supporters, rounded to the nearest 5); a list holds only campaigns "
                                   "whose page shows a number here, not \"<10\" or \"10+\"")
    support_count: int = Field(description="supporters in total")


class PopularInRegion(ApiModel):
    region: str
    region_name: str
    items: list[PopularCampaign] = Field(description="open campaigns with the highest figure in the region first "
                                         "(ties: more supporters in total), at most 10; ranked hourly by the "
                                         "published figures, never by live counts")




@endpoint("GET", "/regions/{region_id}/popular", access=ANYONE, response=PopularInRegion,
          tags=("search",), errors=(400,),
          summary="The open campaigns most supported in a nation or region (GET /regions); unknown region: 400")
def popular_in_region(call: Call, region_id: str) -> Response:
    items = [PopularCampaign(id=p.campaign.id, slug=p.campaign.slug, title=p.campaign.title,
                             summary=p.campaign.summary, area=p.campaign.area, url=f"/c/{p.campaign.slug}",
                             region_supporters=p.region_supporters, support_count=int(p.campaign.support_count or 0))
             for p in logic.popular_in(region_id)]
    shown = PopularInRegion(region=region_id, region_name=REGION_NAMES[region_id], items=items)
    return Response(body=shown.model_dump(mode="json"), status_code=200,
                    headers={**JSON_HEADERS, "Cache-Control": POPULAR_CACHE})
