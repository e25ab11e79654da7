"""What the consultation pages around a consultation's own show: the list of them (open, coming up,
closed; by area; a page at a time) and the consultation a campaign answers. Public, the same for everyone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chalicelib.http import presenters
from chalicelib.http.schemas import Campaign
from chalicelib.logic import consultations as consultation_logic
from chalicelib.web.shown_areas import SHOWN_BY_ID, area_names

PAGE = 20
STATES = ("open", "upcoming", "closed")  # the template has their words


def listing(query: dict[str, str]) -> dict[str, Any]:
    """`/consultations` for a browser: one state's consultations, in an area or all, with "More"."""
    asked, area_asked = query.get("status", ""), query.get("area", "")
    state = asked if asked in STATES else "open"
    area = area_asked if area_asked in SHOWN_BY_ID else None
    now = datetime.now(UTC)
    found = consultation_logic.listed(area=area, state=state, now=now, limit=PAGE, cursor=query.get("cursor") or None)
    return {"consultations": presenters.consultations(found.consultations, found.names, now), "state": state,
            "states": STATES, "area": SHOWN_BY_ID.get(area or ""), "more": found.next_cursor,
            "area_names": area_names()}


def answering(campaign: Campaign) -> dict[str, Any]:
    """The consultation a campaign answers, for its page to name and link: {"answers": None} if none."""
    found = consultation_logic.question_of(campaign.consultation_id) if campaign.consultation_id else None
    return {"answers": {"id": campaign.consultation_id, "question": found[0]} if found else None}
