"""A campaign's use cases: who may see it, starting, editing, submitting, deciding, closing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chalicelib.domain.campaigns import is_public, text_changes
from chalicelib.domain.consultations import require_takes_answers, stored_dates
from chalicelib.domain.errors import Forbidden, InvalidInput, NotFound
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.permissions import (
    Decision,
    can_close_campaign,
    can_edit_campaign,
    can_moderate,
    can_see_unpublished,
    conflict_of_interest,
)
from chalicelib.logic import search
from chalicelib.logic.conflicts import refuse_if_interested
from chalicelib.logic.ports import stores


@dataclass(frozen=True)
class Seen:
    """A campaign as one caller may see it."""

    campaign: Any
    member: bool  # the caller belongs to the hosting organisation
    insider: bool  # the caller may edit it or moderates: they see the moderation reason


def not_found() -> NotFound:
    return NotFound("No such campaign.", code="campaign_not_found")


def visible_campaign(caller: Caller | None, campaign_id: str) -> Seen:
    """The campaign, if this caller may see it. A campaign that is not public (a draft, pending,
    rejected or hidden) is a 404 to anyone who may not see it, so its existence does not leak."""
    s = stores()
    campaign = s.campaigns.get_campaign(campaign_id)
    return _seen(caller, campaign)


def _seen(caller: Caller | None, campaign: Any) -> Seen:
    member = caller is not None and stores().people.membership_role(campaign.organisation_id, caller.id) is not None
    if not is_public(campaign.status, campaign.hidden) and not can_see_unpublished(caller, campaign.owner_id, member):
        raise not_found()
    insider = caller is not None and (
        can_edit_campaign(caller, campaign.owner_id, member) or caller.has(Role.MODERATOR))
    return Seen(campaign, member, insider)


def public_campaign(campaign: Any) -> Any:
    """Pages show only what anyone may see: anything else is a 404, for everyone."""
    if not is_public(campaign.status, campaign.hidden):
        raise not_found()
    return campaign


def public_by_slug(slug: str) -> Any:
    return public_campaign(stores().campaigns.campaign_by_slug(slug))


def public_by_id(campaign_id: str) -> Any:
    return public_campaign(stores().campaigns.get_campaign(campaign_id))


def editable_campaign(caller: Caller, campaign_id: str) -> Seen:
    seen = visible_campaign(caller, campaign_id)
    if not can_edit_campaign(caller, seen.campaign.owner_id, seen.member):
        raise Forbidden("Only the campaign's owner or its organisation's members may do this.")
    return seen


def start_campaign(caller: Caller, *, title: str, summary: str, body: str, area: str,
                   organisation_handle: str | None, consultation_id: str | None = None,
                   now: datetime | None = None, language: str = "en",
                   translation: dict[str, str] | None = None) -> Any:
    """A new draft, owned by the caller, hosted by an organisation they belong to if named,
    answering a consultation if named (one open now, in the campaign's area), written in `language`,
    with its title and summary in the other language if given (`translation`)."""
    s = stores()
    if consultation_id is not None:
        _require_answerable(consultation_id, area, now or datetime.now(UTC))
    s.people.ensure_person(caller)
    organisation_id = None
    if organisation_handle:
        org = s.people.organisation_by_handle(organisation_handle)
        if s.people.membership_role(org.id, caller.id) is None:
            raise Forbidden("Only members of an organisation may start campaigns it hosts.")
        organisation_id = org.id
    return s.campaigns.create_campaign(owner_id=caller.id, title=title, summary=summary, body=body, area=area,
                                       organisation_id=organisation_id, consultation_id=consultation_id,
                                       language=language, translated_title=(translation or {}).get("title"),
                                       translated_summary=(translation or {}).get("summary"))


def _require_answerable(consultation_id: str, area: str, now: datetime) -> None:
    try:
        consultation = stores().consultations.get_consultation(consultation_id)
    except NotFound as exc:  # a campaign's field, not the path: a bad value is a 400
        raise InvalidInput("No consultation has this id.", code="consultation_not_open",
                           details={"fields": {"consultation_id": "no such consultation"}}) from exc
    require_takes_answers(*stored_dates(consultation), now, consultation_area=consultation.area, campaign_area=area)


def get_campaign(campaign_id: str) -> Any:
    return stores().campaigns.get_campaign(campaign_id)


def similar_open(campaign: Any, limit: int = 5) -> list[dict[str, Any]]:
    """Open campaigns in the same area whose titles are like this one's, most similar first
    (found through the search index: logic.search.similar_open)."""
    return search.similar_open(campaign, limit)


def similar_to_title(title: str, area: str, limit: int = 5) -> list[dict[str, Any]]:
    """Open campaigns in `area` like a title still being written, before any draft exists."""
    return search.similar_to_title(title, area, limit)


def edit_campaign(caller: Caller, campaign_id: str, changes: dict, version: int) -> Any:
    seen = editable_campaign(caller, campaign_id)
    if seen.campaign.consultation_id and changes.get("area", seen.campaign.area) != seen.campaign.area:
        raise InvalidInput("A campaign answering a consultation stays in the consultation's area.",
                           code="consultation_other_area",
                           details={"fields": {"area": f"must stay {seen.campaign.area}, the consultation's area"}})
    fields = text_changes(changes, getattr(seen.campaign, "language", None),
                          bool(getattr(seen.campaign, "translated_title", None)))
    return stores().campaigns.edit_text(seen.campaign, fields, version)


def submit_campaign(caller: Caller, campaign_id: str) -> Any:
    seen = editable_campaign(caller, campaign_id)
    return stores().campaigns.submit(seen.campaign, caller.id)


def decide_campaign(caller: Caller, campaign_id: str, *, approve: bool, reason: str) -> Any:
    if not can_moderate(caller):
        raise Forbidden("Only moderators may decide campaigns.")
    seen = visible_campaign(caller, campaign_id)
    refuse_if_interested(caller, Decision.CAMPAIGN_DECISION,
                         conflict_of_interest(caller.id, author_id=seen.campaign.owner_id, member_of_host=seen.member),
                         thing="campaign", instead="another moderator decides it.", target=f"campaign#{campaign_id}",
                         campaign_id=campaign_id, requested="approve" if approve else "reject")
    return stores().campaigns.decide(seen.campaign, caller.id, approve, reason)


def close_campaign(caller: Caller, campaign_id: str, reason: str) -> Any:
    seen = visible_campaign(caller, campaign_id)
    if not can_close_campaign(caller, seen.campaign.owner_id, seen.member):
        raise Forbidden("Only the campaign's owner or an admin may close it.")
    return stores().campaigns.close(seen.campaign, caller.id, reason)
