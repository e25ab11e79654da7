"""What became of an idea or an amendment: its trail, oldest step first, and its outcome."""

from __future__ import annotations

from chalicelib.domain.identity import ANYONE
from chalicelib.http import trail_shapes as shapes
from chalicelib.http.routing import Call, endpoint
from chalicelib.logic import trail as logic


@endpoint("GET", "/campaigns/{campaign_id}/trail", access=ANYONE, response=shapes.TrailShown,
          tags=("documents",), errors=(404,),
          summary="What became of this idea: its consultation, its manifesto stages with their notes, the clauses "
          "it shaped in which versions, and the outcome")
def campaign_trail(call: Call, campaign_id: str) -> shapes.TrailShown:
    return shapes.trail(logic.of_campaign(campaign_id))


@endpoint("GET", "/amendments/{amendment_id}/trail", access=ANYONE, response=shapes.TrailShown,
          tags=("amendments",), errors=(404,),
          summary="What became of this amendment: proposed, decided (with the reason), in which version, adopted")
def amendment_trail(call: Call, amendment_id: str) -> shapes.TrailShown:
    return shapes.trail(logic.of_amendment(amendment_id))
