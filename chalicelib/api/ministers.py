"""Who answers for which policy areas: ministers' portfolios, and the policy team's areas."""

from __future__ import annotations

from pydantic import Field, field_validator

from chalicelib.domain.areas import is_area
from chalicelib.domain.errors import InvalidValue
from chalicelib.domain.identity import ANYONE, Role, only
from chalicelib.domain.times import utcnow
from chalicelib.http import presenters
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, MinisterRecordView, PersonSummary, StrictModel
from chalicelib.logic import people as logic
from chalicelib.logic.accountability import minister_record_by_id


class PortfolioUpdate(StrictModel):
    areas: list[str] = Field(max_length=15, description="policy area ids from GET /areas")

    @field_validator("areas")
    @classmethod
    def _known_areas(cls, areas: list[str]) -> list[str]:
        unknown = [a for a in areas if not is_area(a)]
        if unknown:
            raise InvalidValue("unknown_areas", areas=", ".join(unknown))
        return sorted(set(areas))


class Portfolio(ApiModel):
    minister_id: str
    areas: list[str]


class MinisterShown(ApiModel):
    minister: PersonSummary
    portfolio: list[str] = Field(description="the policy area ids they answer for (GET /areas)")
    url: str = Field(description="their page: their record and responses")


class Ministers(ApiModel):
    items: list[MinisterShown] = Field(description="every minister holding a portfolio, by name")




@endpoint("GET", "/ministers", access=ANYONE, response=Ministers, tags=("ministers",), html=True,
          summary="Every minister holding a portfolio, and the policy areas they answer for (a browser asking "
          "for text/html gets the page, by area)")
def list_ministers(call: Call) -> Ministers:
    return Ministers(items=[MinisterShown(minister=presenters.person_summary(p), portfolio=list(p.portfolio),
                                          url=f"/people/{p.handle}") for p in logic.ministers()])


@endpoint("PUT", "/ministers/{minister_id}/portfolio", access=only(Role.ADMIN),
          body=PortfolioUpdate, response=Portfolio, tags=("ministers",), errors=(404, 409),
          summary="Set the policy areas a minister answers for (admins only)")
def put_portfolio(call: Call, minister_id: str) -> Portfolio:
    person = logic.set_portfolio(minister_id, call.body.areas)
    return Portfolio(minister_id=person.id, areas=call.body.areas)


@endpoint("GET", "/ministers/{minister_id}/record", access=ANYONE, response=MinisterRecordView,
          tags=("ministers",), errors=(404,),
          summary="A minister's record: answered, waiting and overdue campaigns past the response threshold, "
                  "and the median days to answer; 404 for anyone who is not a minister")
def get_record(call: Call, minister_id: str) -> MinisterRecordView:
    person, record = minister_record_by_id(minister_id, utcnow())
    return presenters.minister_record(person, record)


class PolicyAreas(ApiModel):
    person_id: str
    areas: list[str]


@endpoint("PUT", "/policy-team/{person_id}/areas", access=only(Role.ADMIN),
          body=PortfolioUpdate, response=PolicyAreas, tags=("manifesto",), errors=(404, 409),
          summary="Set the policy areas a member of the policy team steers ideas in (admins only)")
def put_policy_areas(call: Call, person_id: str) -> PolicyAreas:
    person = logic.set_policy_areas(person_id, call.body.areas)
    return PolicyAreas(person_id=person.id, areas=call.body.areas)
