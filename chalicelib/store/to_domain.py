"""Stored records as the domain's types: the one place a PynamoDB record becomes what the logic
sees (`logic/ports.py`), so nothing above the store holds a record, and a list read with a
projection gives the same type with the defaults for what it did not read.

PynamoDB's stubs type a list attribute's items as attributes; each value is converted here as
what it is stored as (text, a number)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalicelib.domain.campaigns import Answer, Campaign, Status
from chalicelib.domain.consultations import Consultation
from chalicelib.domain.dialogue import Badge, Edit, OwnerUpdate, Reply, Response
from chalicelib.domain.manifesto import Move, Stage, Tracked
from chalicelib.domain.people import Membership, Organisation, Person
from chalicelib.domain.privacy import Support

if TYPE_CHECKING:
    from chalicelib.domain.moderation import OpenReport, Report
    from chalicelib.domain.notifications import Device, FeedItem, Settings

# The moderators' and the notifications' types are imported by the functions that make them: the store
# modules a campaign page and a support read through import this one, and need neither (README, "Cold start").


def texts(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def numbers(values: Any) -> tuple[int, ...]:
    return tuple(int(v) for v in values or ())


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def tracked(manifesto: Any) -> Tracked | None:
    """The campaign's place in the manifesto tracker (a ManifestoMap), as the rules see it."""
    if manifesto is None or not manifesto.history:
        return None
    return Tracked(tuple(Move(Stage(m.stage), m.note, m.at) for m in manifesto.history))


def campaign(record: Any) -> Campaign:
    """A CampaignRecord, whole or read with a projection."""
    answer = record.official_response
    regions = record.support_by_region
    return Campaign(
        id=record.id, slug=record.slug or "", title=record.title or "", summary=record.summary or "",
        body=record.body or "", area=record.area or "", status=record.status or Status.DRAFT.value,
        owner_id=record.owner_id or "", organisation_id=record.organisation_id,
        support_count=int(record.support_count or 0),
        support_by_region={str(r): int(n) for r, n in regions.as_dict().items()} if regions else None,
        created_at=record.created_at or "", listed_at=record.listed_at or "",
        submitted_at=record.submitted_at, published_at=record.published_at,
        closes_at=record.closes_at, closed_at=record.closed_at, moderation_reason=record.moderation_reason,
        milestones=numbers(record.milestones), hidden=bool(record.hidden), version=int(record.version or 0),
        official_response=Answer(answer.minister_id or "", answer.stance, answer.body or "", answer.created_at or "")
        if answer is not None else None,
        consultation_id=record.consultation_id, manifesto=tracked(record.manifesto), inbox_area=record.inbox_area,
        threshold_reached_at=record.threshold_reached_at, hourly_counts=numbers(record.hourly_counts),
        daily_counts=numbers(record.daily_counts) if record.daily_counts is not None else None,
        daily_counts_day=record.daily_counts_day, reply_count=_int_or_none(record.reply_count),
        count_read_at=record.count_read_at,
        regions_settling={str(day): {str(c): int(n) for c, n in cells.items()}
                          for day, cells in record.regions_settling.as_dict().items()}
        if record.regions_settling is not None else None,
        regional_snapshot={str(c): int(n) for c, n in record.regional_snapshot.as_dict().items()}
        if record.regional_snapshot is not None else None,
        regional_snapshot_at=record.regional_snapshot_at, manifesto_stage=record.manifesto_stage,
        updates_posted=int(record.updates_posted or 0), language=record.language,
        translated_title=record.translated_title, translated_summary=record.translated_summary,
        shaped_clauses=record.shaped_clauses.as_dict() if record.shaped_clauses is not None else None,
        adopted_in=record.adopted_in.as_dict() if record.adopted_in is not None else None,
    )


def person(record: Any) -> Person:
    return Person(id=record.id, handle=record.handle, display_name=record.display_name, bio=record.bio or "",
                  constituency=record.constituency or "", roles=texts(record.roles), portfolio=texts(record.portfolio),
                  policy_areas=texts(record.policy_areas), region=record.region, created_at=record.created_at,
                  version=int(record.version or 0), region_since=record.region_since, language=record.language)


def organisation(record: Any) -> Organisation:
    return Organisation(id=record.id, handle=record.handle, name=record.name, description=record.description or "",
                        created_by=record.created_by or "", kind=record.kind, verified_at=record.verified_at,
                        language=record.language)


def membership(record: Any) -> Membership:
    return Membership(organisation_id=record.organisation_id, person_id=record.person_id, role=record.role,
                      state=record.state)


def reply(record: Any) -> Reply:
    return Reply(
        reply_id=record.reply_id, campaign_id=record.campaign_id, author_id=record.author_id, body=record.body or "",
        created_at=record.created_at, parent_id=record.parent_id, depth=int(record.depth or 0),
        badges=tuple(Badge(b.kind, texts(b.portfolio) if b.portfolio is not None else None, b.organisation)
                     for b in record.badges or ()),
        edited_at=record.edited_at, history=tuple(Edit(e.body, e.replaced_at) for e in record.history or ()),
        deleted_at=record.deleted_at, hidden=bool(record.hidden), version=int(record.version or 0),
        language=record.language)


def response(record: Any) -> Response:
    return Response(campaign_id=record.campaign_id, response_key=record.response_key, minister_id=record.minister_id,
                    area=record.area, stance=record.stance, body=record.body, created_at=record.created_at)


def owner_update(record: Any, update_id: str) -> OwnerUpdate:
    """An owner's update, kept as its campaign's outbox event (`update_id`: its key without the prefix)."""
    return OwnerUpdate(id=update_id, campaign_id=record.campaign_id, headline=record.headline or "",
                       body=record.body or "", author_id=record.author_id or "", created_at=record.created_at)


def consultation(record: Any) -> Consultation:
    return Consultation(id=record.id, area=record.area, question=record.question, brief=record.brief,
                        opens_at=record.opens_at, closes_at=record.closes_at, created_by=record.created_by,
                        closed_at=record.closed_at, summary=record.summary, version=int(record.version or 0),
                        language=record.language)


def open_report(record: Any) -> OpenReport:
    from chalicelib.domain.moderation import OpenReport

    return OpenReport(target=record.target, report_count=int(record.report_count or 0),
                      first_reported_at=record.first_reported_at)


def report(record: Any) -> Report:
    from chalicelib.domain.moderation import Report

    return Report(target=record.target, reason=record.reason, created_at=record.created_at)


def support(record: Any, campaign_id: str) -> Support:
    return Support(campaign_id=campaign_id, supported_at=record.supported_at, consent_version=record.consent_version,
                   consented_at=record.consented_at, region=record.region,
                   region_counts_from=record.region_counts_from)


def settings(record: Any) -> Settings:
    from chalicelib.domain.notifications import Settings

    channels = record.channels.as_dict() if hasattr(record.channels, "as_dict") else (record.channels or {})
    return Settings(person_id=record.person_id, channels={str(k): texts(v) for k, v in channels.items()},
                    alert_kinds=texts(record.alert_kinds), email=record.email, pending_email=record.pending_email,
                    subscription_arn=record.subscription_arn, mailbox_subscription_arn=record.mailbox_subscription_arn,
                    has_devices=record.has_devices, feed_seen_key=record.feed_seen_key,
                    alerts_chosen_at=record.alerts_chosen_at, language=record.language,
                    updated_at=record.updated_at or "")


def device(record: Any) -> Device:
    from chalicelib.domain.notifications import Device

    return Device(person_id=record.person_id, device_id=record.device_id, platform=record.platform,
                  endpoint_arn=record.endpoint_arn, created_at=record.created_at)


def feed_item(record: Any) -> FeedItem:
    from chalicelib.domain.notifications import FeedItem

    return FeedItem(person_id=record.person_id, item_key=record.item_key, campaign_id=record.campaign_id,
                    kind=record.kind, title=record.title, text=record.text, url=record.url,
                    created_at=record.created_at,
                    translations={str(lang): {str(k): str(v) for k, v in words.items()}
                                  for lang, words in record.translations.as_dict().items()}
                    if record.translations is not None else None)
