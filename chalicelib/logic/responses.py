"""Ministers' official responses: giving one (or correcting the last), a campaign's history of them,
and a minister's inbox and portfolio. Apart from the replies and updates (`logic/dialogue.py`), which
a campaign's page reads, so its first call does not build what only a minister's requests use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.accountability import counts_toward_record, days_to_answer
from chalicelib.domain.campaigns import Campaign, Status, is_public
from chalicelib.domain.dialogue import Response, announces_response, answered_meanwhile, days_waiting, is_overdue
from chalicelib.domain.errors import (
    ConditionFailed,
    Conflict,
    Forbidden,
    InvalidInput,
    LabourspaceError,
    StaleVersion,
    field_words,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.people import Names, Person, name_of
from chalicelib.domain.permissions import Decision, can_respond_officially, conflict_of_interest
from chalicelib.domain.times import moment
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.conflicts import refuse_if_interested
from chalicelib.logic.people import profile
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained
from chalicelib.messages import Words


@dataclass(frozen=True)
class GivenResponse:
    """A minister's official response just given, with the minister."""

    response: Response
    minister: Person


def give_response(caller: Caller, campaign_id: str, stance: str, body: str, *, now: datetime) -> GivenResponse:
    """The official response, from a minister whose portfolio holds the campaign's area. One
    within minutes of the last corrects it: current, in the history, but not announced again."""
    minister = profile(caller)
    try:
        return _answer(caller, minister, campaign_id, stance, body, now)
    except ConditionFailed as refused:
        if "campaign" not in refused.failed:
            raise
        why = _not_answered(campaign_id)
        if not isinstance(why, StaleVersion):
            raise why from refused
    try:  # another response landed since the read (a double click): decide on the one that landed
        return _answer(caller, minister, campaign_id, stance, body, now)
    except ConditionFailed as refused:
        if "campaign" not in refused.failed:
            raise
        raise _not_answered(campaign_id) from refused


def _not_answered(campaign_id: str) -> LabourspaceError:
    """Why the response's write was refused, from the campaign as it is now (read consistently):
    hidden meanwhile, or answered meanwhile by another response."""
    current = stores().campaigns.get_campaign(campaign_id, consistent=True)
    if current is None or not is_public(current.status, current.hidden):
        return Conflict(code="campaign_not_public", wording="answer")
    return answered_meanwhile()


def _answer(caller: Caller, minister: Person, campaign_id: str, stance: str, body: str,
            now: datetime) -> GivenResponse:
    seen = visible_campaign(caller, campaign_id)
    campaign = seen.campaign
    if not can_respond_officially(caller, list(minister.portfolio), campaign.area):
        raise Forbidden(wording="portfolio_answers", area=campaign.area)
    # The government's answer is never given by the campaign's own side.
    refuse_if_interested(caller, Decision.OFFICIAL_RESPONSE,
                         conflict_of_interest(caller.id, author_id=campaign.owner_id, member_of_host=seen.member),
                         thing="campaign",
                         instead=Words("conflict_of_interest.instead.another_minister", area=campaign.area),
                         target=f"campaign#{campaign.id}", campaign_id=campaign.id, requested=stance)
    given = campaign.official_response
    answered_at = moment(given.created_at) if given else None
    announce = announces_response(answered_at, now)
    waiting = bool(campaign.inbox_area and campaign.threshold_reached_at)
    days = (days_to_answer(moment(campaign.threshold_reached_at or ""), now)
            if counts_toward_record(already_answered=given is not None, waiting=waiting) else None)
    return GivenResponse(stores().responses.give_response(campaign, minister.id, stance, body, announce,
                                                          answered_after_days=days), minister)


@dataclass(frozen=True)
class Responses:
    """A campaign's official responses, newest (current) first, with their ministers' names."""

    responses: list[Response]
    names: Names


def responses_of(caller: Caller | None, campaign_id: str) -> Responses:
    visible_campaign(caller, campaign_id)
    history = stores().responses.history(campaign_id)
    return Responses(history, ministers(history))


def ministers(responses: list[Response]) -> Names:
    """The names shown beside responses: their ministers' (a person erased since: none)."""
    people = stores().people.get_people({r.minister_id for r in responses})
    return Names(people={i: name_of(p) for i, p in people.items()})


def response_given(caller: Caller, campaign_id: str, response_key: str) -> tuple[Response, bool, Names]:
    """A response as it is now, replayed from its key (Idempotency-Key): (it, whether it is still
    the current one, its minister's name)."""
    visible_campaign(caller, campaign_id)
    history = stores().responses.history(campaign_id)
    found = next(r for r in history if r.response_key == response_key)
    minister = stores().people.get_person(found.minister_id)
    return found, found is history[0], Names(people={minister.id: name_of(minister)} if minister else {})


@dataclass(frozen=True)
class Waiting:
    """A campaign waiting in a minister's inbox: how long, and whether past its deadline."""

    campaign: Campaign
    days_waiting: int
    overdue: bool


def inbox(caller: Caller, now: datetime, deadline_days: int) -> list[Waiting]:
    """Campaigns in the minister's portfolio past the response threshold, unanswered, oldest first."""
    minister = profile(caller)
    waiting = []
    for campaign in stores().responses.inbox(list(minister.portfolio)):
        if not is_public(campaign.status, campaign.hidden):  # hidden by moderation: nothing to answer
            continue
        since = moment(campaign.threshold_reached_at or "")
        waiting.append(Waiting(campaign, days_waiting(since, now), is_overdue(since, now, deadline_days)))
    return waiting


@dataclass(frozen=True)
class PortfolioOpen:
    """A page of the open campaigns in a minister's portfolio that are not waiting past the threshold."""

    portfolio: list[str]
    campaigns: list[Campaign]  # not answered yet first, then answered; each group most supported first
    more: dict[str, str | None]  # each area read -> the cursor to its next page (no names: the inbox shows none)


def portfolio_open(caller: Caller, area: str | None, cursor: str | None, limit: int,
                   waiting: set[str]) -> PortfolioOpen:
    """Every open campaign in the minister's portfolio, most supported first, a page per area (one
    Query on `top_by_area_status` and one BatchGetItem each), less those in `waiting` (shown above
    them). `area` pages on in one area of the portfolio from `cursor`."""
    portfolio = sorted(str(a) for a in profile(caller).portfolio)
    if area is not None and area not in portfolio:
        raise Forbidden(code="not_your_area", wording="portfolio", area=area)
    if cursor is not None and area is None:
        raise InvalidInput(wording="cursor_needs_area",
                           details={"fields": {"area": field_words("required_with_cursor")}})
    shown: list[Campaign] = []
    more: dict[str, str | None] = {}
    for each in [area] if area else portfolio:
        with explained():
            page, more[each] = stores().campaign_lists.browse(status=Status.OPEN, area=each, sort="top", limit=limit,
                                                              cursor=cursor if area else None)
        page = [c for c in page if c.id not in waiting]
        shown += sorted(page, key=lambda c: c.official_response is not None)  # stable: most supported within each
    return PortfolioOpen(portfolio, shown, more)
