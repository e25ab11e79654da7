"""What the manifesto tracker shows: "You said, we did", every idea in it, by stage and by area (a
campaign's own timeline is its page's, `views.timeline`). Public ideas only, as every page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from chalicelib.domain.documents import Status
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.manifesto import LISTED, Stage
from chalicelib.domain.times import iso
from chalicelib.http import document_shapes, presenters
from chalicelib.http.schemas import Campaign
from chalicelib.logic import documents, lists
from chalicelib.messages import label, text
from chalicelib.web.shown_areas import SHOWN_BY_ID

SECTION_LIST = 20  # ideas per stage on the page; "More" pages on with the list's cursor
STAGES = frozenset(s.value for s in Stage)


@dataclass
class Section:
    """One stage of the manifesto tracker as its page shows it."""

    stage: str
    label: str
    ideas: list[Campaign]
    more: str | None  # the cursor to the rest of this stage


def tracker(query: dict[str, str]) -> dict:
    """Each stage's newest moves (one Query each), or one stage paged on, in one area or all."""
    area, stage, cursor = query.get("area") or None, query.get("stage") or None, query.get("cursor") or None
    if stage is not None and stage not in STAGES:
        raise InvalidInput(wording="stage", details={"fields": {"stage": text("field.see_manifesto")}})
    sections = []
    for shown in ([Stage(stage)] if stage else list(LISTED)):
        listed = lists.manifesto(area=area, stage=shown.value, limit=SECTION_LIST, cursor=cursor if stage else None)
        sections.append(Section(shown.value, label("manifesto.stage", shown.value),
                                presenters.campaigns(listed.campaigns, listed.names), listed.next_cursor))
    now = datetime.now(UTC)
    adopted, _more = documents.listed(area=area, status=Status.ADOPTED, now=now, limit=SECTION_LIST, cursor=None)
    return {"sections": sections, "area": SHOWN_BY_ID.get(area) if area else None, "stage": stage,
            "areas_by_id": SHOWN_BY_ID, "adopted": [document_shapes.summary(d, iso(now)) for d in adopted]}
