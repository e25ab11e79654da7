"""The fixed taxonomy of policy areas, each with the department that answers for it."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.messages import text


@dataclass(frozen=True)
class PolicyArea:
    """A policy area and the government department that answers for it."""

    id: str
    name: str
    department: str


POLICY_AREAS: tuple[PolicyArea, ...] = (
    PolicyArea("business", "Business and trade", "Department for Business and Trade"),
    PolicyArea("culture", "Culture, media and sport", "Department for Culture, Media and Sport"),
    PolicyArea("defence", "Defence", "Ministry of Defence"),
    PolicyArea("education", "Education", "Department for Education"),
    PolicyArea("energy", "Energy and net zero", "Department for Energy Security and Net Zero"),
    PolicyArea("environment", "Environment and farming", "Department for Environment, Food and Rural Affairs"),
    PolicyArea("foreign-affairs", "Foreign affairs", "Foreign, Commonwealth and Development Office"),
    PolicyArea("health", "Health and social care", "Department of Health and Social Care"),
    PolicyArea("home-affairs", "Home affairs and policing", "Home Office"),
    PolicyArea("housing", "Housing and communities", "Ministry of Housing, Communities and Local Government"),
    PolicyArea("justice", "Justice", "Ministry of Justice"),
    PolicyArea("science", "Science and technology", "Department for Science, Innovation and Technology"),
    PolicyArea("transport", "Transport", "Department for Transport"),
    PolicyArea("treasury", "Economy and tax", "HM Treasury"),
    PolicyArea("work-pensions", "Work and pensions", "Department for Work and Pensions"),
)

AREAS_BY_ID: dict[str, PolicyArea] = {area.id: area for area in POLICY_AREAS}


def is_area(area_id: str) -> bool:
    return area_id in AREAS_BY_ID


def unknown_area() -> InvalidInput:
    """An area named in a query that is no policy area: a 400 naming the field."""
    return InvalidInput(wording="unknown_area", details={"fields": {"area": text("field.see_areas")}})


def no_such_area() -> NotFound:
    """An area named in a path that is no policy area: a 404."""
    return NotFound(code="area_not_found")
