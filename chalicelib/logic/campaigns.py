"""A campaign's use cases: who may see it, starting, editing, submitting, deciding, closing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chalicelib.domain import campaigns as rules
from chalicelib.domain.campaigns import Campaign, is_public, not_found, text_changes, transition
from chalicelib.domain.consultations import closed_before_answered, require_takes_answers, stored_dates
from chalicelib.domain.errors import ConditionFailed, Conflict, Forbidden, InvalidInput, field_words
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.people import Names, no_such_organisation
from chalicelib.domain.permissions import (
    Decision,
    can_close_campaign,
    can_edit_campaign,
    can_moderate,
    can_see_unpublished,
    conflict_of_interest,
)
from chalicelib.domain.search_terms import Found
from chalicelib.logic import search
from chalicelib.logic.people import profile
from chalicelib.logic.ports import stores
from chalicelib.messages import Words


@dataclass(frozen=True)
class Seen:
    """A campaign as one caller may see it."""

    campaign: Campaign
    member: bool  # the caller belongs to the hosting organisation
    insider: bool  # the caller may edit it or moderates: they see the moderation reason


def visible_campaign(caller: Caller | None, campaign_id: str) -> Seen:
    """The campaign, if this caller may see it. A campaign that is not public (a draft, pending,
    rejected or hidden) is a 404 to anyone who may not see it, so its existence does not leak."""
    return _seen(caller, get_campaign(campaign_id))


def _seen(caller: Caller | None, campaign: Campaign) -> Seen:
    member = caller is not None and stores().people.membership_role(campaign.organisation_id, caller.id) is not None
    if not is_public(campaign.status, campaign.hidden) and not can_see_unpublished(caller, campaign.owner_id, member):
        raise not_found()
    insider = caller is not None and (
        can_edit_campaign(caller, campaign.owner_id, member) or caller.has(Role.MODERATOR))
    return Seen(campaign, member, insider)


def public_campaign(campaign: Campaign) -> Campaign:
    """Pages show only what anyone may see: anything else is a 404, for everyone."""
    if not is_public(campaign.status, campaign.hidden):
        raise not_found()
    return campaign


def public_by_slug(slug: str) -> Campaign:
    campaign = stores().campaigns.campaign_by_slug(slug)
    if campaign is None:
        raise not_found()
    return public_campaign(campaign)


def public_by_id(campaign_id: str) -> Campaign:
    return public_campaign(get_campaign(campaign_id))


def get_campaign(campaign_id: str) -> Campaign:
    campaign = stores().campaigns.get_campaign(campaign_id)
    if campaign is None:
        raise not_found()
    return campaign


def names(campaigns: Sequence[Campaign]) -> Names:
    """The names shown beside campaigns: their owners', their hosts' and their responders' (one
    BatchGetItem across both tables for those the container does not keep)."""
    return stores().people.names_of(
        {c.owner_id for c in campaigns} | {c.official_response.minister_id for c in campaigns if c.official_response},
        {c.organisation_id for c in campaigns if c.organisation_id})


def editable_campaign(caller: Caller, campaign_id: str) -> Seen:
    seen = visible_campaign(caller, campaign_id)
    if not can_edit_campaign(caller, seen.campaign.owner_id, seen.member):
        raise Forbidden(wording="owner_or_members")
    return seen


def start_campaign(caller: Caller, *, title: str, summary: str, body: str, area: str,
                   organisation_handle: str | None, consultation_id: str | None = None,
                   now: datetime | None = None, language: str = "en",
                   translation: Mapping[str, str] | None = None) -> Campaign:
    """A new draft, owned by the caller, hosted by an organisation they belong to if named,
    answering a consultation if named (one open now, in the campaign's area), written in `language`,
    with its title and summary in the other language if given (`translation`)."""
    s = stores()
    if consultation_id is not None:
        _require_answerable(consultation_id, area, now or datetime.now(UTC))
    profile(caller)
    organisation_id = None
    if organisation_handle:
        org = s.people.organisation_by_handle(organisation_handle)
        if org is None:
            raise no_such_organisation(organisation_handle)
        if s.people.membership_role(org.id, caller.id) is None:
            raise Forbidden(wording="members_host")
        organisation_id = org.id
    try:
        return s.campaigns.create_campaign(owner_id=caller.id, title=title, summary=summary, body=body, area=area,
                                           organisation_id=organisation_id, consultation_id=consultation_id,
                                           language=language, translated_title=(translation or {}).get("title"),
                                           translated_summary=(translation or {}).get("summary"))
    except ConditionFailed as refused:
        if "consultation" in refused.failed:  # closed between the check and the write
            raise closed_before_answered() from refused
        if "slug" in refused.failed:
            raise rules.slug_taken() from refused
        raise


def _require_answerable(consultation_id: str, area: str, now: datetime) -> None:
    consultation = stores().consultations.get_consultation(consultation_id)
    if consultation is None:  # a campaign's field, not the path: a bad value is a 400
        raise InvalidInput(code="consultation_not_open", wording="no_such",
                           details={"fields": {"consultation_id": field_words("no_such_consultation")}})
    require_takes_answers(*stored_dates(consultation), now, consultation_area=consultation.area, campaign_area=area)


def similar_open(campaign: Campaign, limit: int = 5) -> list[Found]:
    """Open campaigns in the same area whose titles are like this one's, most similar first
    (found through the search index: logic.search.similar_open)."""
    return search.similar_open(campaign, limit)


def similar_to_title(title: str, area: str, limit: int = 5) -> list[Found]:
    """Open campaigns in `area` like a title still being written, before any draft exists."""
    return search.similar_to_title(title, area, limit)


def edit_campaign(caller: Caller, campaign_id: str, changes: Mapping[str, Any], version: int) -> Campaign:
    seen = editable_campaign(caller, campaign_id)
    if seen.campaign.consultation_id and changes.get("area", seen.campaign.area) != seen.campaign.area:
        raise InvalidInput(code="consultation_other_area", wording="stays", details={"fields": {
            "area": field_words("stays_consultation_area", area=seen.campaign.area)}})
    rules.require_editable(seen.campaign, version)
    fields = text_changes(changes, seen.campaign.language, bool(seen.campaign.translated_title))
    try:
        return stores().campaigns.edit_text(seen.campaign, fields)
    except ConditionFailed as refused:  # edited, submitted or moved on since it was read
        if "campaign" in refused.failed:
            raise rules.stale_edit() from refused
        raise


def moved(campaign: Campaign, action: str, move: Callable[[], Campaign]) -> Campaign:
    """One lifecycle step from `campaign` as read: the rule first (the 409 that says why not), then
    `move` (the write, conditional on the status it leaves). A write that finds the campaign moved
    meanwhile says what it is now: the rule's 409 from its current status, else 412."""
    transition(action, campaign.status)
    try:
        return move()
    except ConditionFailed as refused:
        if "campaign" not in refused.failed:
            raise
        transition(action, get_campaign(campaign.id).status)  # the 409 that explains the current state
        raise rules.moved_meanwhile() from refused


def submit_campaign(caller: Caller, campaign_id: str) -> Campaign:
    campaign = editable_campaign(caller, campaign_id).campaign
    return moved(campaign, "submit", lambda: stores().campaigns.submit(campaign, caller.id))


def decide_campaign(caller: Caller, campaign_id: str, *, approve: bool, reason: str) -> Campaign:
    if not can_moderate(caller):
        raise Forbidden(wording="moderators_decide")
    seen = visible_campaign(caller, campaign_id)
    # Here, not at the top: a moderator's decision alone asks it, and a support's first call imports this module.
    from chalicelib.logic.conflicts import refuse_if_interested

    refuse_if_interested(caller, Decision.CAMPAIGN_DECISION,
                         conflict_of_interest(caller.id, author_id=seen.campaign.owner_id, member_of_host=seen.member),
                         thing="campaign", instead=Words("conflict_of_interest.instead.moderator"),
                         target=f"campaign#{campaign_id}", campaign_id=campaign_id,
                         requested="approve" if approve else "reject")
    return moved(seen.campaign, "approve" if approve else "reject",
                 lambda: stores().campaigns.decide(seen.campaign, caller.id, approve, reason))


def close_campaign(caller: Caller, campaign_id: str, reason: str) -> Campaign:
    seen = visible_campaign(caller, campaign_id)
    if not can_close_campaign(caller, seen.campaign.owner_id, seen.member):
        raise Forbidden(wording="owner_or_admin_closes")
    return moved(seen.campaign, "close", lambda: stores().campaigns.close(seen.campaign, caller.id, reason))


SYSTEM_ACTOR = "system:closing-schedule"


def close_due(now: datetime) -> tuple[int, list[str]]:
    """Close every open campaign past its closing date (the schedule): (how many closed, the ids of
    those closed meanwhile by someone else, skipped)."""
    s, closed, skipped = stores(), 0, []
    for campaign in s.campaign_lists.due_to_close(now):
        def close(due: Campaign = campaign) -> Campaign:
            return s.campaigns.close(due, SYSTEM_ACTOR, reason="closing date reached")

        try:
            moved(campaign, "close", close)
            closed += 1
        except Conflict:
            skipped.append(campaign.id)
    return closed, skipped
