"""The canvass of an area: its ideas ranked by supporters, for the area's policy team and admins.
One Query on `top_by_area_status` and one BatchGetItem (of the attributes shown, no bodies), plus
the caller's profile for a policy member's areas: no Scan, and no read of who supports what."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from chalicelib.domain.areas import is_area, no_such_area
from chalicelib.domain.campaigns import Campaign, Status
from chalicelib.domain.canvass import growth
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.permissions import can_steer_ideas_in
from chalicelib.domain.times import utcnow
from chalicelib.logic.people import profile
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained


@dataclass(frozen=True)
class Idea:
    """An idea on an area's canvass: the campaign, its growth, its replies and the consultation it answers."""

    campaign: Campaign
    growth_7_days: int | None
    growth_30_days: int | None
    replies: int | None  # None until the hourly schedule has counted them
    consultation_id: str | None
    consultation_question: str | None = None  # what it answers, as the policy team asked it


def require_canvasser(caller: Caller, area: str) -> None:
    if not is_area(area):
        raise no_such_area()
    policy_areas = [] if caller.has(Role.ADMIN) else list(profile(caller).policy_areas)
    if not can_steer_ideas_in(caller, policy_areas, area):
        raise Forbidden(code="not_your_area", area=area)


def _day(stored: str | None) -> date | None:
    return date.fromisoformat(stored[:10]) if stored else None


def idea(campaign: Campaign, today: date) -> Idea:
    history = list(campaign.daily_counts or ())
    total = campaign.support_count

    def over(days: int) -> int | None:
        return growth(history, _day(campaign.daily_counts_day), today, total, days, _day(campaign.published_at))

    return Idea(campaign, over(7), over(30), campaign.reply_count, campaign.consultation_id)


def canvass(caller: Caller, area: str, status: str, limit: int, cursor: str | None) -> tuple[list[Idea], str | None]:
    """A page of the area's ideas in `status`, most supported first."""
    require_canvasser(caller, area)
    with explained():
        records, next_cursor = stores().campaign_lists.canvass(status=Status(status), area=area, limit=limit,
                                                               cursor=cursor)
    today = utcnow().date()
    ideas = [idea(c, today) for c in records]
    questions = stores().consultations.questions_of({i.consultation_id for i in ideas if i.consultation_id})
    return [replace(i, consultation_question=questions.get(i.consultation_id or "")) for i in ideas], next_cursor
