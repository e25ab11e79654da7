"""Ministers' portfolios: the policy areas each answers for."""

from __future__ import annotations

from chalice.app import Blueprint
from pydantic import BaseModel, Field, field_validator

from chalicelib.domain.areas import is_area
from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.identity import Role, only
from chalicelib.domain.permissions import can_hold_portfolio
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import StrictModel
from chalicelib.notify import subscriptions
from chalicelib.store import notifications as notification_store
from chalicelib.store import profiles


class PortfolioUpdate(StrictModel):
    areas: list[str] = Field(max_length=15, description="policy area ids from GET /areas")

    @field_validator("areas")
    @classmethod
    def _known_areas(cls, areas: list[str]) -> list[str]:
        unknown = [a for a in areas if not is_area(a)]
        if unknown:
            raise ValueError(f"unknown policy areas: {', '.join(unknown)}")
        return sorted(set(areas))


class Portfolio(BaseModel):
    minister_id: str
    areas: list[str]


ministers = Blueprint(__name__)


@endpoint(ministers, "PUT", "/ministers/{minister_id}/portfolio", access=only(Role.ADMIN),
          body=PortfolioUpdate, response=Portfolio, tags=("ministers",), errors=(404, 409),
          summary="Set the policy areas a minister answers for (admins only)")
def put_portfolio(call: Call, minister_id: str) -> Portfolio:
    person = profiles.get_person(minister_id)
    if person is None:
        raise NotFound("No such person.", code="person_not_found")
    if not can_hold_portfolio(list(person.roles)):
        raise Conflict("Only members of the ministers group can hold a portfolio.", code="not_a_minister")
    profiles.set_portfolio(person, call.body.areas)
    alerts = notification_store.settings_of(person.id)
    if alerts.alert_kinds:  # their email subscription's filter policy follows the portfolio
        subscriptions.sync(alerts, call.body.areas)
        notification_store.save_settings(alerts)
    return Portfolio(minister_id=person.id, areas=call.body.areas)
