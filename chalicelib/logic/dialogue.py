"""The dialogue under a campaign: replies, ministers' official responses, owners' updates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain import limits
from chalicelib.domain.accountability import counts_toward_record, days_to_answer
from chalicelib.domain.campaigns import Status, is_public, require_takes_back, require_takes_replies
from chalicelib.domain.dialogue import announces_response, days_waiting, is_overdue, reply_badges
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, StaleVersion
from chalicelib.domain.identity import Caller
from chalicelib.domain.permissions import (
    Decision,
    can_edit_campaign,
    can_respond_officially,
    can_see_hidden_reply,
    conflict_of_interest,
)
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.conflicts import refuse_if_interested
from chalicelib.logic.ports import stores
from chalicelib.store import campaign_lists
from chalicelib.store import replies as store_replies


def thread(caller: Caller | None, campaign_id: str, limit: int, cursor: str | None) -> tuple[list[Any], str | None]:
    """A page of the conversation. Hidden replies show only to their authors and moderators."""
    visible_campaign(caller, campaign_id)
    records, next_cursor = stores().replies.thread(campaign_id, limit, cursor)
    shown = [r for r in records if not r.hidden or can_see_hidden_reply(caller, r.author_id)]
    return shown, next_cursor


@dataclass(frozen=True)
class Written:
    reply: Any
    author: Any  # the profile it was written with (a PersonRecord's name and handle)


def reply(caller: Caller, campaign_id: str, body: str, parent_id: str | None) -> Written:
    """A reply, with the badges that say who wrote it; 30 an hour per person. On a warm container
    nothing is read first: the campaign from the support path's two-second cache, the author and
    their organisation from the container's short copies; the rate limit and the erasure check
    go in the reply's own write. A campaign not anyone may see is read in full, to tell who may."""
    s = stores()
    snapshot = s.supports.campaign_snapshot(campaign_id)
    if is_public(snapshot.status, snapshot.hidden):
        status, owner_id, organisation_id = snapshot.status, snapshot.owner_id, snapshot.organisation_id
        area, answered = snapshot.area, snapshot.answered
        member = s.people.recent_membership_role(organisation_id, caller.id) is not None
    else:
        seen = visible_campaign(caller, campaign_id)  # 404 to whoever may not see it
        campaign, member = seen.campaign, seen.member
        status, owner_id, organisation_id = campaign.status, campaign.owner_id, campaign.organisation_id
        area, answered = campaign.area, campaign.official_response is not None
    require_takes_replies(status)
    person = s.people.known_person(caller)
    hosted_by = s.people.organisation_handle(organisation_id) if organisation_id and member else None
    badges = reply_badges(caller, owner_id=owner_id, portfolio=list(person.portfolio),
                          organisation_handle=hosted_by, member_of_host=member)
    record = s.replies.create_reply(campaign_id=campaign_id, author_id=caller.id, body=body, parent_id=parent_id,
                                    badges=badges, tell_area=area if answered else None, limit=limits.REPLIES,
                                    notice_area=area)
    return Written(record, person)


def _own_reply(caller: Caller, campaign: Any, reply_id: str) -> Any:
    try:
        record = stores().replies.get_reply(reply_id, campaign.id)
    except NotFound:
        visible_campaign(caller, campaign.id)
        raise
    if record.author_id != caller.id:
        visible_campaign(caller, campaign.id)  # a stranger learns nothing of a campaign they cannot see
        raise Forbidden("Only its author may change a reply.")
    if record.deleted_at:
        raise Conflict("This reply was removed by its author.", code="reply_removed")
    return record


def edit_reply(caller: Caller, campaign_id: str, reply_id: str, body: str, version: int | None) -> Any:
    campaign = visible_campaign(caller, campaign_id).campaign
    record = _own_reply(caller, campaign, reply_id)
    require_takes_replies(campaign.status)
    return stores().replies.edit_reply(record, body, version)


def delete_reply(caller: Caller, campaign_id: str, reply_id: str) -> None:
    """One's own words can always be taken back, on a closed or hidden campaign too; editing there stays refused."""
    campaign = stores().campaigns.get_campaign(campaign_id)
    require_takes_back(campaign.status)
    stores().replies.delete_reply(_own_reply(caller, campaign, reply_id))


def my_replies(caller: Caller, limit: int, cursor: str | None) -> tuple[list[Any], dict[str, Any], str | None]:
    """A page of the caller's own replies, newest first, hidden and deleted ones too (they are theirs),
    with the campaigns they are on (id, slug, title): two reads and one BatchGetItem."""
    records, next_cursor = store_replies.page_by_author(caller.id, limit, cursor)
    campaigns = campaign_lists.fetch_in_order(list(dict.fromkeys(r.campaign_id for r in records)),
                                              attributes=["id", "slug", "title"])
    return records, {c.id: c for c in campaigns}, next_cursor


@dataclass(frozen=True)
class GivenResponse:
    record: Any
    minister: Any


def respond(caller: Caller, campaign_id: str, stance: str, body: str, *, now: datetime) -> GivenResponse:
    """The official response, from a minister whose portfolio holds the campaign's area. One
    within minutes of the last corrects it: current, in the history, but not announced again."""
    minister = stores().people.ensure_person(caller)
    try:
        return _give_response(caller, minister, campaign_id, stance, body, now)
    except StaleVersion:  # another response landed since the read (a double click): decide on it
        return _give_response(caller, minister, campaign_id, stance, body, now)


def _give_response(caller: Caller, minister: Any, campaign_id: str, stance: str, body: str,
                   now: datetime) -> GivenResponse:
    seen = visible_campaign(caller, campaign_id)
    campaign = seen.campaign
    if not can_respond_officially(caller, list(minister.portfolio), campaign.area):
        raise Forbidden(f"Only a minister whose portfolio holds '{campaign.area}' may answer this campaign.")
    # The government's answer is never given by the campaign's own side.
    refuse_if_interested(caller, Decision.OFFICIAL_RESPONSE,
                         conflict_of_interest(caller.id, author_id=campaign.owner_id, member_of_host=seen.member),
                         thing="campaign", instead=f"another minister whose portfolio holds '{campaign.area}' "
                         "answers it.", target=f"campaign#{campaign.id}", campaign_id=campaign.id, requested=stance)
    given = campaign.official_response
    answered_at = _moment(given.created_at) if given else None
    announce = announces_response(answered_at, now)
    waiting = bool(campaign.inbox_area and campaign.threshold_reached_at)
    days = (days_to_answer(_moment(campaign.threshold_reached_at), now)
            if counts_toward_record(already_answered=given is not None, waiting=waiting) else None)
    return GivenResponse(stores().responses.give_response(campaign, minister.id, stance, body, announce,
                                                          answered_after_days=days), minister)


def _moment(stored: str) -> datetime:
    return datetime.fromisoformat(stored.replace("Z", "+00:00"))


def responses_of(caller: Caller | None, campaign_id: str) -> list[Any]:
    """Every official response, newest (current) first."""
    visible_campaign(caller, campaign_id)
    return stores().responses.history(campaign_id)


@dataclass(frozen=True)
class Waiting:
    campaign: Any
    days_waiting: int
    overdue: bool


def inbox(caller: Caller, now: datetime, deadline_days: int) -> list[Waiting]:
    """Campaigns in the minister's portfolio past the response threshold, unanswered, oldest first."""
    s = stores()
    minister = s.people.ensure_person(caller)
    waiting = []
    for campaign in s.responses.inbox(list(minister.portfolio)):
        if not is_public(campaign.status, campaign.hidden):  # hidden by moderation: nothing to answer
            continue
        since = _moment(campaign.threshold_reached_at)
        waiting.append(Waiting(campaign, days_waiting(since, now), is_overdue(since, now, deadline_days)))
    return waiting


@dataclass(frozen=True)
class PortfolioOpen:
    """A page of the open campaigns in a minister's portfolio that are not waiting past the threshold."""

    portfolio: list[str]
    campaigns: list[Any]  # not answered yet first, then answered; each group most supported first
    more: dict[str, str | None]  # each area read -> the cursor to its next page


def portfolio_open(caller: Caller, area: str | None, cursor: str | None, limit: int,
                   waiting: set[str]) -> PortfolioOpen:
    """Every open campaign in the minister's portfolio, most supported first, a page per area (one
    Query on `top_by_area_status` and one BatchGetItem each), less those in `waiting` (shown above
    them). `area` pages on in one area of the portfolio from `cursor`."""
    portfolio = sorted(str(a) for a in stores().people.ensure_person(caller).portfolio or [])
    if area is not None and area not in portfolio:
        raise Forbidden(f"'{area}' is not in your portfolio.", code="not_your_area")
    if cursor is not None and area is None:
        raise InvalidInput("A cursor pages on in one area: send the area too.",
                           details={"fields": {"area": "required with cursor"}})
    shown: list[Any] = []
    more: dict[str, str | None] = {}
    for each in [area] if area else portfolio:
        page, more[each] = campaign_lists.browse(status=Status.OPEN, area=each, sort="top", limit=limit,
                                                 cursor=cursor if area else None)
        page = [c for c in page if c.id not in waiting]
        shown += sorted(page, key=lambda c: c.official_response is not None)  # stable: most supported within each
    return PortfolioOpen(portfolio, shown, more)


def post_update(caller: Caller, campaign_id: str, headline: str, body: str) -> Any:
    """News from the campaign's owner (or its organisation) to every supporter and follower."""
    s = stores()
    seen = visible_campaign(caller, campaign_id)
    if not can_edit_campaign(caller, seen.campaign.owner_id, seen.member):
        raise Forbidden("Only the campaign's owner or its organisation's members may post its updates.")
    s.rate_limits.take(limits.OWNER_UPDATES, seen.campaign.id)  # in any 24 hours, not per UTC day
    return s.owner_updates.post_update(seen.campaign, caller.id, headline, body)


UPDATES_ON_PAGE = 10


def shown_updates(campaign: Any) -> list[Any]:
    """A public campaign's latest updates for its page: read only if it has sent any."""
    return stores().outbox.updates_of(campaign.id, UPDATES_ON_PAGE) if campaign.updates_posted else []


def updates_of(caller: Caller | None, campaign_id: str) -> list[Any]:
    visible_campaign(caller, campaign_id)
    return stores().outbox.updates_of(campaign_id)
