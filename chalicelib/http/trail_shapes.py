"""How a campaign's or an amendment's trail is shown: its own module, as a campaign's page shows its
trail and nothing else of the documents (their shapes and domain modules, about 12 ms of a new
container's first page; issue 30)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from chalicelib.http.presenters import display_time
from chalicelib.http.schemas import ApiModel
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from chalicelib.domain.trail import Trail


class StepShown(ApiModel):
    at: str
    kind: str
    text: str
    link: str | None


class TrailShown(ApiModel):
    steps: list[StepShown] = Field(description="oldest first")
    outcome: str = Field(description="where it ended, or stands now")


def trail(found: Trail, absolute: bool = True) -> TrailShown:
    """Links are the site's public addresses in the API; a page links within itself (relative)."""
    base = get_settings().public_base_url if absolute else ""
    return TrailShown(steps=[StepShown(at=display_time(s.at) or s.at, kind=s.kind.value, text=s.text,
                                       link=f"{base}{s.link}" if s.link else None) for s in found.steps],
                      outcome=found.outcome)
