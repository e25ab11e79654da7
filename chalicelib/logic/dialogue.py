"""The dialogue under a campaign: replies, ministers' official responses, owners' updates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain import limits
from chalicelib.domain.campaigns import is_public, require_takes_replies
from chalicelib.domain.dialogue import days_waiting, is_overdue, reply_badges
from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.identity import Caller
from chalicelib.domain.permissions import can_edit_campaign, can_respond_officially, can_see_hidden_reply
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.ports import stores


def thread(caller: Caller | None, campaign_id: str, limit: int, cursor: str | None) -> tuple[list[Any], str | None]:
    """A page of the conversation. Hidden replies show only to their authors and moderators."""
    visible_campaign(caller, campaign_id)
    records, next_cursor = stores().replies.thread(campaign_id, limit, cursor)
    shown = [r for r in records if not r.hidden or can_see_hidden_reply(caller, r.author_id)]
    return shown, next_cursor


def reply(caller: Caller, campaign_id: str, body: str, parent_id: str | None) -> Any:
    """A reply, with the badges that say who wrote it; 30 an hour per person."""
    s = stores()
    seen = visible_campaign(caller, campaign_id)
    campaign = seen.campaign
    require_takes_replies(campaign.status)
    s.rate_limits.take(limits.REPLIES, caller.id)
    person = s.people.ensure_person(caller)
    organisation = s.people.get_organisation(campaign.organisation_id) if campaign.organisation_id else None
    badges = reply_badges(caller, owner_id=campaign.owner_id, portfolio=list(person.portfolio),
                          organisation_handle=organisation.handle if organisation else None,
                          member_of_host=seen.member)
    return s.replies.create_reply(campaign_id=campaign_id, author_id=caller.id, body=body, parent_id=parent_id,
                                  badges=badges, tell_area=campaign.area if campaign.official_response else None)


def _own_reply(caller: Caller, campaign_id: str, reply_id: str) -> Any:
    campaign = visible_campaign(caller, campaign_id).campaign
    record = stores().replies.get_reply(reply_id, campaign_id)
    if record.author_id != caller.id:
        raise Forbidden("Only its author may change a reply.")
    if record.deleted_at:
        raise Conflict("This reply was removed by its author.", code="reply_removed")
    require_takes_replies(campaign.status)
    return record


def edit_reply(caller: Caller, campaign_id: str, reply_id: str, body: str, version: int | None) -> Any:
    return stores().replies.edit_reply(_own_reply(caller, campaign_id, reply_id), body, version)


def delete_reply(caller: Caller, campaign_id: str, reply_id: str) -> None:
    stores().replies.delete_reply(_own_reply(caller, campaign_id, reply_id))


@dataclass(frozen=True)
class GivenResponse:
    record: Any
    minister: Any


def respond(caller: Caller, campaign_id: str, stance: str, body: str) -> GivenResponse:
    """The official response, from a minister whose portfolio holds the campaign's area."""
    s = stores()
    minister = s.people.ensure_person(caller)
    campaign = visible_campaign(caller, campaign_id).campaign
    if not can_respond_officially(caller, list(minister.portfolio), campaign.area):
        raise Forbidden(f"Only a minister whose portfolio holds '{campaign.area}' may answer this campaign.")
    return GivenResponse(s.responses.give_response(campaign, minister.id, stance, body), minister)


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
        since = datetime.fromisoformat(campaign.threshold_reached_at.replace("Z", "+00:00"))
        waiting.append(Waiting(campaign, days_waiting(since, now), is_overdue(since, now, deadline_days)))
    return waiting


def post_update(caller: Caller, campaign_id: str, headline: str, body: str) -> Any:
    """News from the campaign's owner (or its organisation) to every supporter and follower."""
    s = stores()
    seen = visible_campaign(caller, campaign_id)
    if not can_edit_campaign(caller, seen.campaign.owner_id, seen.member):
        raise Forbidden("Only the campaign's owner or its organisation's members may post its updates.")
    s.rate_limits.take(limits.OWNER_UPDATES, seen.campaign.id)  # in any 24 hours, not per UTC day
    return s.owner_updates.post_update(seen.campaign, caller.id, headline, body)


def updates_of(caller: Caller | None, campaign_id: str) -> list[Any]:
    visible_campaign(caller, campaign_id)
    return stores().outbox.updates_of(campaign_id)
