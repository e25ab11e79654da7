"""Writing campaigns through their lifecycle. Every state change is a conditional write on
the status it leaves, so two racing requests cannot both move a campaign. Whether a move is
allowed is the domain's rule (`domain.campaigns.transition`), asked first by `logic.campaigns`;
a write whose condition fails says which (`ConditionFailed`), and logic explains it."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError

from chalicelib.domain.campaigns import EDITABLE, PUBLIC, TRANSITIONS, Campaign, Status, closing_date, slugify
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.settings import get_settings
from chalicelib.store import outbox, to_domain
from chalicelib.store.base import Transaction, is_condition_failure, iso, system_update, utcnow
from chalicelib.store.campaign_lists import forget_list_order
from chalicelib.store.campaign_page import forget_slug as forget_slug
from chalicelib.store.campaign_page import read_page as read_page
from chalicelib.store.campaign_page import slug_claim as slug_claim
from chalicelib.store.campaign_page import store_related as store_related
from chalicelib.store.supports import forget_snapshot, freeze_counters
from chalicelib.store.tables.audit import AuditRecord
from chalicelib.store.tables.campaign_events import CampaignEventRecord
from chalicelib.store.tables.campaigns import ANSWERED, WAITING, CampaignRecord
from chalicelib.store.tables.consultations import ConsultationRecord
from chalicelib.store.tables.names import UniqueNameRecord, name_key

SLUG_ATTEMPTS = 5


def public_condition():
    """`domain.campaigns.is_public` as a condition, for writes that need the campaign to stay public."""
    shown = CampaignRecord.hidden.does_not_exist() | (CampaignRecord.hidden == False)  # noqa: E712
    return CampaignRecord.status.is_in(*PUBLIC) & shown


def as_read(campaign: Campaign) -> CampaignRecord:
    """The item's key and the version it was read at: what an update of it names. PynamoDB moves
    the version on with every update (and checks it, unless told not to)."""
    return CampaignRecord(id=campaign.id, version=campaign.version or None)


def get_campaign(campaign_id: str, consistent: bool = False) -> Campaign | None:
    try:
        return to_domain.campaign(CampaignRecord.get(campaign_id, consistent_read=consistent))
    except DoesNotExist:
        return None


def campaign_by_slug(slug: str) -> Campaign | None:
    """Through `read_cache.campaign_slugs`: which campaign a slug names is kept an hour; a kept one
    found gone is looked up again."""
    for _ in range(2):
        claim = slug_claim(slug)
        if claim is None:
            return None
        campaign = get_campaign(claim.campaign_id)
        if campaign is not None:
            return campaign
        forget_slug(slug)
    return None


def _slug_claim(slug: str, campaign: CampaignRecord) -> UniqueNameRecord:
    """The claim, with what the campaign's page reads with it (domain.campaigns.SlugClaim)."""
    return UniqueNameRecord(name=name_key("slug", slug), target_kind="campaign", target_id=campaign.id,
                            owner_id=campaign.owner_id, organisation_id=campaign.organisation_id,
                            title=campaign.title, language=campaign.language)


def create_campaign(*, owner_id: str, title: str, summary: str, body: str, area: str,
                    organisation_id: str | None, consultation_id: str | None = None,
                    now: datetime | None = None, language: str | None = None,
                    translated_title: str | None = None, translated_summary: str | None = None) -> Campaign:
    """A new draft, with a readable slug claimed for it (a short tail is added on collision). One
    answering a consultation is written only while the consultation is still open: a close landing
    after the logic's check refuses it ("consultation"). "slug": no free slug in SLUG_ATTEMPTS."""
    now = now or utcnow()
    campaign_id = str(uuid.uuid4())
    base = slugify(title)
    for attempt in range(SLUG_ATTEMPTS):
        slug = base if attempt == 0 else f"{base}-{secrets.token_hex(2)}"
        campaign = CampaignRecord(
            id=campaign_id, slug=slug, title=title, summary=summary, body=body, area=area,
            status=Status.DRAFT.value, area_status=f"{Status.DRAFT.value}#{area}", owner_id=owner_id,
            organisation_id=organisation_id, created_at=iso(now), listed_at=iso(now), consultation_id=consultation_id,
            language=language, translated_title=translated_title, translated_summary=translated_summary,
        )
        tx = Transaction()
        if consultation_id:
            tx.condition_check(ConsultationRecord, consultation_id, ConsultationRecord.closed_at.does_not_exist()
                               & (ConsultationRecord.closes_at > iso(now)), "consultation")
        tx.save(_slug_claim(slug, campaign), "slug", condition=UniqueNameRecord.name.does_not_exist())
        tx.save(campaign, "campaign")
        try:
            tx.commit()
            return to_domain.campaign(campaign)
        except TransactWriteError as exc:
            if "consultation" in tx.failed:
                raise ConditionFailed("consultation") from exc
            if "slug" not in tx.failed:
                raise
    raise ConditionFailed("slug")


def _move(campaign: Campaign, action: str, *, actor_id: str, reason: str = "", now: datetime | None = None,
          extra: list | None = None, event_kind: EventKind | None = None,
          notice: CampaignEventRecord | None = None) -> Campaign:
    """One lifecycle step, conditional on the status it leaves ("campaign" if it left it meanwhile),
    audited in the same transaction; `notice` (a decision told to the owner) goes in it too, so a
    decision is never left untold."""
    now = now or utcnow()
    previous = campaign.status
    target = TRANSITIONS[action][1]
    actions = [
        CampaignRecord.status.set(target.value),
        CampaignRecord.area_status.set(f"{target.value}#{campaign.area}"),
        CampaignRecord.listed_at.set(iso(now)),
        CampaignRecord.updated_at.set(now),
        *(extra or []),
    ]
    tx = Transaction()
    # The campaign as read, its version moving on (PynamoDB adds that); the condition is the status it
    # leaves, not the version: a count update meanwhile is no conflict.
    tx.update(as_read(campaign), actions, "campaign", condition=CampaignRecord.status == previous, check_version=False)
    tx.save(audit_record(f"campaign#{campaign.id}", actor_id, action, reason, now), "audit")
    if event_kind:  # told to ministers (opened) or every supporter (closed): must not be lost
        outbox.add_to(tx, outbox.event(campaign.id, event_kind, campaign.area, iso(now)))
    if notice is not None:
        outbox.add_to(tx, notice, "notice")
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "campaign" in tx.failed:
            raise ConditionFailed("campaign") from exc
        raise
    forget_snapshot(campaign.id)  # its status moved: this container's next support or reply reads it
    forget_list_order()  # it entered or left a list: this container shows that at once
    return _reread(campaign.id)


def _reread(campaign_id: str) -> Campaign:
    """The campaign just written (it exists: the write's condition found it)."""
    return to_domain.campaign(CampaignRecord.get(campaign_id))


def submit(campaign: Campaign, actor_id: str, now: datetime | None = None) -> Campaign:
    now = now or utcnow()
    return _move(campaign, "submit", actor_id=actor_id, now=now,
                 extra=[CampaignRecord.submitted_at.set(iso(now))])


def decide(campaign: Campaign, moderator_id: str, approve: bool, reason: str,
           now: datetime | None = None) -> Campaign:
    now = now or utcnow()
    if not approve:  # the reason is told to the owner as the moderator gave it
        return _move(campaign, "reject", actor_id=moderator_id, reason=reason, now=now,
                     extra=[CampaignRecord.moderation_reason.set(reason)],
                     notice=outbox.event(campaign.id, EventKind.CAMPAIGN_REJECTED, campaign.area, iso(now),
                                         key=outbox.rejected_key(iso(now)), note=reason))
    closes = iso(closing_date(now, get_settings().campaign_open_days))
    return _move(campaign, "approve", actor_id=moderator_id, reason=reason, now=now,
                 event_kind=EventKind.CAMPAIGN_OPENED,
                 notice=outbox.event(campaign.id, EventKind.CAMPAIGN_APPROVED, campaign.area, iso(now)), extra=[
        CampaignRecord.moderation_reason.set(reason),
        CampaignRecord.published_at.set(iso(now)),
        CampaignRecord.closes_at.set(closes),
        CampaignRecord.closing_queue.set(Status.OPEN.value),
    ])


def close(campaign: Campaign, actor_id: str, reason: str = "", now: datetime | None = None) -> Campaign:
    """Counters are frozen first, so no support lands between the count and the status."""
    now = now or utcnow()
    if campaign.status == Status.OPEN.value:
        freeze_counters(campaign.id)
    return _move(campaign, "close", actor_id=actor_id, reason=reason, now=now, event_kind=EventKind.CLOSED, extra=[
        CampaignRecord.closed_at.set(iso(now)),
        CampaignRecord.closing_queue.remove(),
    ])


def edit_text(campaign: Campaign, changes: Mapping[str, str | None]) -> Campaign:
    """The edit, if the campaign is still editable and at the version `campaign` was read at
    ("campaign" otherwise). Whether it may be edited is the domain's rule, asked first. None takes
    an optional attribute away (a translation withdrawn)."""
    actions = [getattr(CampaignRecord, field).remove() if value is None else getattr(CampaignRecord, field).set(value)
               for field, value in changes.items()]
    actions.append(CampaignRecord.updated_at.set(utcnow()))
    tx = Transaction()  # the version condition comes with the model (VersionAttribute)
    tx.update(as_read(campaign), actions, "campaign", condition=CampaignRecord.status.is_in(*EDITABLE))
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "campaign" in tx.failed:
            raise ConditionFailed("campaign") from exc
        raise
    return _reread(campaign.id)


def set_hidden(campaign: Campaign, hidden: bool) -> None:
    system_update(CampaignRecord, campaign.id, actions=[CampaignRecord.hidden.set(hidden)])
    forget_snapshot(campaign.id)


def audit_record(subject: str, actor_id: str, action: str, reason: str, now: datetime) -> AuditRecord:
    """Who did what to `subject` (e.g. "reply#<id>"), when and why."""
    return AuditRecord(subject=subject, at_id=f"{iso(now)}#{uuid.uuid4().hex[:8]}", actor_id=actor_id,
                       action=action, reason=reason)


def audit(subject: str, actor_id: str, action: str, reason: str) -> None:
    audit_record(subject, actor_id, action, reason, utcnow()).save()


def mark_answer_state(campaign: CampaignRecord) -> int:
    """A campaign answered or waiting before the public lists existed gets its place in them (1 if
    written). Conditional on the state still missing, so a response landing meanwhile is not undone."""
    answered = campaign.official_response is not None
    state, at = (ANSWERED, campaign.official_response.created_at) if answered else (
        WAITING, campaign.threshold_reached_at)
    if not at:
        return 0
    try:
        system_update(CampaignRecord, campaign.id, actions=[CampaignRecord.answer_state.set(state),
                                                            CampaignRecord.answer_state_at.set(at)],
                      condition=CampaignRecord.answer_state.does_not_exist())
        return 1
    except UpdateError as exc:
        if is_condition_failure(exc):
            return 0
        raise
