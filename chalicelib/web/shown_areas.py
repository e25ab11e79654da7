"""Policy areas as pages show them: the ids are domain.areas', the names and departments the
catalogue's (messages/labels.py), read when the page is rendered, so in the reader's language
wherever a template says `area.name` or `area.department`."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.areas import POLICY_AREAS
from chalicelib.messages import label


@dataclass(frozen=True)
class ShownArea:
    """A policy area as a page shows it, its words in the page's language."""

    id: str

    @property
    def name(self) -> str:
        return label("area", self.id)

    @property
    def department(self) -> str:
        return label("department", self.id)


SHOWN_AREAS: tuple[ShownArea, ...] = tuple(ShownArea(area.id) for area in POLICY_AREAS)
SHOWN_BY_ID: dict[str, ShownArea] = {area.id: area for area in SHOWN_AREAS}


def area_names() -> dict[str, str]:
    """Every area's name in the active language, by id: for a script that names areas (inbox, moderation)."""
    return {area.id: area.name for area in SHOWN_AREAS}
