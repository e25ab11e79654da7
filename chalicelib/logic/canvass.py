"""The canvass of an area: its ideas ranked by supporters, for the area's policy team and admins.
One Query on `top_by_area_status` and one BatchGetItem (of the attributes shown, no bodies), plus
the caller's profile for a policy member's areas: no Scan, and no read of who supports what."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from chalicelib.domain.areas import is_area
from chalicelib.domain.campaigns import Status
from chalicelib.domain.canvass import growth
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.permissions import can_steer_ideas_in
from chalicelib.store import campaign_lists, consultations, profiles, regional_snapshots
from chalicelib.store.base import utcnow

CANVASS_ATTRIBUTES = sorted({"id", "slug", "title", "area", "status", "hidden", "support_count", "daily_counts",
                             "daily_counts_day", "reply_count", "official_response.stance", "published_at",
                             "consultation_id", "manifesto_stage", *regional_snapshots.SNAPSHOT_ATTRIBUTES})


@dataclass(frozen=True)
class Idea:
    campaign: Any
    growth_7_days: int | None
    growth_30_days: int | None
    replies: int | None  # None until the hourly schedule has counted them
    consultation_id: str | None
    consultation_question: str | None = None  # what it answers, as the policy team asked it


def require_canvasser(caller: Caller, area: str) -> None:
    if not is_area(area):
        raise NotFound("No such policy area.", code="area_not_found")
    policy_areas = [] if caller.has(Role.ADMIN) else list(profiles.ensure_person(caller).policy_areas or [])
    if not can_steer_ideas_in(caller, policy_areas, area):
        raise Forbidden(f"Only the policy team for '{area}' and admins see its canvass.", code="not_your_area")


def consultation_of(campaign: Any) -> str | None:
    """The consultation an idea answers: set once consultations exist (another part of issue 16);
    read safely so the canvass works with or without them."""
    return getattr(campaign, "consultation_id", None)


def _day(stored: str | None) -> date | None:
    return date.fromisoformat(stored[:10]) if stored else None


def idea(campaign: Any, today: date) -> Idea:
    history = [int(c) for c in campaign.daily_counts or []]
    total = int(campaign.support_count or 0)

    def over(days: int) -> int | None:
        return growth(history, _day(campaign.daily_counts_day), today, total, days, _day(campaign.published_at))

    replies = None if campaign.reply_count is None else int(campaign.reply_count)
    return Idea(campaign, over(7), over(30), replies, consultation_of(campaign))


def canvass(caller: Caller, area: str, status: str, limit: int, cursor: str | None) -> tuple[list[Idea], str | None]:
    """A page of the area's ideas in `status`, most supported first."""
    require_canvasser(caller, area)
    records, next_cursor = campaign_lists.browse(status=Status(status), area=area, sort="top", limit=limit,
                                                 cursor=cursor, attributes=CANVASS_ATTRIBUTES)
    today = utcnow().date()
    ideas = [idea(c, today) for c in records]
    questions = consultations.questions_of({i.consultation_id for i in ideas if i.consultation_id})
    return [replace(i, consultation_question=questions.get(i.consultation_id or "")) for i in ideas], next_cursor
