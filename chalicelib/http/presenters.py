"""Turning what logic gathered (the domain's types, and the names shown beside them) into the
shapes the API shows. Shared by every resource; nothing here reads anything."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal, TypeVar, cast, overload

from chalicelib.domain import campaigns as domain_campaigns
from chalicelib.domain import consultations as domain_consultations
from chalicelib.domain import dialogue, people
from chalicelib.domain.accountability import MinisterRecord
from chalicelib.domain.campaigns import written_in
from chalicelib.domain.consultations import state, stored_dates
from chalicelib.domain.disclosure import disclose
from chalicelib.domain.open_data import spreadsheet_safe
from chalicelib.domain.organisations import shown_kind
from chalicelib.domain.people import KnownPerson, Names, PersonName
from chalicelib.domain.regional_figures import snapshot_of
from chalicelib.domain.times import utcnow
from chalicelib.http.schemas import (
    Badge,
    Campaign,
    CampaignLink,
    CampaignTranslation,
    Consultation,
    ConsultationWithIdeas,
    Idea,
    Manifesto,
    ManifestoMove,
    Member,
    MinisterRecordView,
    OfficialResponse,
    Organisation,
    OrganisationSummary,
    OwnerUpdateShown,
    PersonSummary,
    Profile,
    Reply,
)
from chalicelib.messages import text
from chalicelib.settings import get_settings

ManifestoStage = Literal["shortlisted", "in_draft", "adopted", "not_taken_forward"]
BadgeKind = Literal["owner", "minister", "organisation"]


def profile(person: people.Person) -> Profile:
    return Profile(
        id=person.id, handle=person.handle, display_name=person.display_name, bio=person.bio,
        constituency=person.constituency, roles=list(person.roles), portfolio=list(person.portfolio),
        policy_areas=list(person.policy_areas), region=person.region,
        language="cy" if person.language == "cy" else "en" if person.language == "en" else None,
        version=person.version,
    )


def person_summary(person: people.Person | PersonName | KnownPerson | None) -> PersonSummary:
    if person is None:  # erased accounts keep their words in threads, not their names
        return PersonSummary(id="", handle="", display_name=text("person.former_member"))
    return PersonSummary(id=person.id, handle=person.handle, display_name=person.display_name)


def campaign_link(campaign: domain_campaigns.Campaign) -> CampaignLink:
    return CampaignLink(id=campaign.id, slug=campaign.slug, title=campaign.title, area=campaign.area,
                        status=campaign.status)


def organisation(org: people.Organisation,
                 members: list[tuple[people.Membership, people.Person | None]]) -> Organisation:
    verified = org.verified_at is not None
    return Organisation(
        id=org.id, handle=org.handle, name=org.name, description=org.description,
        members=[Member(person=person_summary(p), role=m.role) for m, p in members],
        kind=shown_kind(org.kind, verified), verified=verified, language=org.language or "en",
    )


def display_time(stored: str | None) -> str | None:
    """Stored times keep microseconds for ordering; clients get whole seconds (API.md)."""
    return f"{stored[:19]}Z" if stored else None


OPEN_DATA_COLUMNS = ["id", "slug", "title", "area", "status", "support_count", "published_at", "closes_at",
                     "closed_at", "official_response_stance", "url"]


def open_data_row(c: domain_campaigns.Campaign) -> list[str]:
    """One row of GET /campaigns.csv, from the projection `logic.lists.open_data` reads; every
    cell spreadsheet-safe (a title may start with `=`)."""
    stance = c.official_response.stance if c.official_response else ""
    row = [c.id, c.slug, c.title, c.area, c.status, c.support_count, display_time(c.published_at),
           display_time(c.closes_at), display_time(c.closed_at), stance, f"{get_settings().public_base_url}/c/{c.slug}"]
    return [spreadsheet_safe(cell) for cell in row]


def manifesto(record: domain_campaigns.Campaign) -> Manifesto | None:
    """The idea's place in the manifesto tracker: its moves, the last being where it is."""
    if record.manifesto is None:
        return None
    history = [ManifestoMove(stage=cast(ManifestoStage, m.stage.value), note=m.note, at=display_time(m.at) or "")
               for m in record.manifesto.history]
    return Manifesto(stage=history[-1].stage, note=history[-1].note, updated_at=history[-1].at, history=history)


def region_breakdown(c: domain_campaigns.Campaign) -> tuple[dict[str, int | str], str | None]:
    """The campaign's supporters by region as anyone may see them, and when they were true: its
    regional snapshot (never the live counts), rounded, suppressed below ten and, where needed,
    withheld (domain.disclosure)."""
    snapshot = snapshot_of(c, utcnow())
    return disclose(snapshot.counts).shown, display_time(snapshot.taken_at)


def _regions(c: domain_campaigns.Campaign) -> dict[str, Any]:
    shown, as_of = region_breakdown(c)
    return {"support_by_region": shown, "support_by_region_as_of": as_of}


def _translation(c: domain_campaigns.Campaign) -> CampaignTranslation | None:
    if not c.translated_title or not c.translated_summary:
        return None
    return CampaignTranslation(language="en" if written_in(c.language) == "cy" else "cy", title=c.translated_title,
                               summary=c.translated_summary)


Shown = TypeVar("Shown", bound=Campaign)


@overload
def campaigns(records: list[domain_campaigns.Campaign], names: Names, *,
              show_moderation: Callable[[domain_campaigns.Campaign], bool] = ...) -> list[Campaign]: ...
@overload
def campaigns(records: list[domain_campaigns.Campaign], names: Names, *,
              show_moderation: Callable[[domain_campaigns.Campaign], bool] = ..., view: type[Shown]) -> list[Shown]: ...
def campaigns(records: list[domain_campaigns.Campaign], names: Names, *,
              show_moderation: Callable[[domain_campaigns.Campaign], bool] = lambda c: False,
              view: type[Campaign] = Campaign) -> list[Any]:
    """Many campaigns, with their owners', organisations' and responders' names (`names`: what
    logic gathered for them, `logic.campaigns.names`), each as `view` (a Campaign, or a view that
    adds to one)."""
    people, orgs = names.people, names.organisations
    base = get_settings().public_base_url
    shown = []
    for c in records:
        org = orgs.get(c.organisation_id) if c.organisation_id else None
        response = c.official_response
        shown.append(view(
            id=c.id, slug=c.slug, title=c.title, summary=c.summary, body=c.body, area=c.area, status=c.status,
            owner=person_summary(people.get(c.owner_id)),
            organisation=OrganisationSummary(id=org.id, handle=org.handle, name=org.name) if org else None,
            support_count=c.support_count, **_regions(c),
            created_at=display_time(c.created_at) or "",
            published_at=display_time(c.published_at), closes_at=display_time(c.closes_at),
            closed_at=display_time(c.closed_at), version=c.version, milestones=list(c.milestones),
            official_response=OfficialResponse(
                minister=person_summary(people.get(response.minister_id)), stance=response.stance,
                body=response.body, created_at=display_time(response.created_at) or "",
            ) if response else None,
            moderation_reason=c.moderation_reason if show_moderation(c) else None,
            url=f"{base}/c/{c.slug}", consultation_id=c.consultation_id, manifesto=manifesto(c),
            language="cy" if written_in(c.language) == "cy" else "en", translation=_translation(c),
        ))
    return shown


def cards(records: list[domain_campaigns.Campaign]) -> list[Campaign]:
    """Campaigns as the pages' cards show them (templates/_macros.html `card`: title, summary, count,
    stance, status): no names, so none are read for them; an owner here reads as a former member."""
    return campaigns(records, Names())


@overload
def campaign(record: domain_campaigns.Campaign, names: Names, *, show_moderation: bool = ...) -> Campaign: ...
@overload
def campaign(record: domain_campaigns.Campaign, names: Names, *, show_moderation: bool = ...,
             view: type[Shown]) -> Shown: ...
def campaign(record: domain_campaigns.Campaign, names: Names, *, show_moderation: bool = False,
             view: type[Campaign] = Campaign) -> Campaign:
    return campaigns([record], names, show_moderation=lambda c: show_moderation, view=view)[0]


def replies(records: list[dialogue.Reply], names: Names) -> list[Reply]:
    """With their authors' names (`names`: what logic gathered, `logic.dialogue.authors`)."""
    people = names.people
    shown = []
    for r in records:
        removed = bool(r.deleted_at)
        shown.append(Reply(
            id=r.reply_id, campaign_id=r.campaign_id, parent_id=r.parent_id, depth=r.depth,
            author=person_summary(people.get(r.author_id)),
            body="" if removed else r.body,
            badges=[Badge(kind=cast(BadgeKind, b.kind), portfolio=list(b.portfolio) if b.portfolio else None,
                          organisation=b.organisation) for b in r.badges],
            created_at=display_time(r.created_at) or "", edited=bool(r.edited_at),
            edited_at=display_time(r.edited_at), removed=removed, hidden=r.hidden, version=r.version,
            language="cy" if written_in(r.language) == "cy" else "en",
        ))
    return shown


def owner_update(update: dialogue.OwnerUpdate) -> OwnerUpdateShown:
    """An owner's update as the API and the campaign's page show it."""
    return OwnerUpdateShown(id=update.id, headline=update.headline, body=update.body,
                            created_at=display_time(update.created_at) or "")


def minister_record(person: people.Person, record: MinisterRecord) -> MinisterRecordView:
    settings = get_settings()
    return MinisterRecordView(
        minister_id=person.id, portfolio=sorted(set(person.portfolio)), answered=record.answered,
        waiting=record.waiting, overdue=record.overdue, median_days_to_answer=record.median_days_to_answer,
        response_threshold=settings.response_threshold, response_deadline_days=settings.response_deadline_days)

def consultations(records: list[domain_consultations.Consultation], names: Names,
                  now: datetime) -> list[Consultation]:
    """Consultations with their state as of `now`, and who asked each (`names`)."""
    people = names.people
    base = get_settings().public_base_url
    return [Consultation(
        id=c.id, area=c.area, question=c.question, brief=c.brief, opens_at=display_time(c.opens_at) or "",
        closes_at=display_time(c.closes_at) or "", status=state(*stored_dates(c), now).value,
        closed_at=display_time(c.closed_at), summary=c.summary, created_by=person_summary(people.get(c.created_by)),
        url=f"{base}/consultations/{c.id}", answer_url=f"{base}/start?consultation={c.id}",
        language=c.language or "en",
    ) for c in records]


IDEAS_SHOWN = 100  # the most supported; the counts cover every idea


def consultation_with_ideas(record: domain_consultations.Consultation, ideas: list[domain_campaigns.Campaign],
                            names: Names, now: datetime, at_most: int = IDEAS_SHOWN) -> ConsultationWithIdeas:
    base = get_settings().public_base_url
    shown = [Idea(id=c.id, slug=c.slug, title=c.title, summary=c.summary, status=c.status,
                  support_count=c.support_count, url=f"{base}/c/{c.slug}") for c in ideas[:at_most]]
    return ConsultationWithIdeas(**consultations([record], names, now)[0].model_dump(), ideas=shown,
                                 idea_count=len(ideas), supporter_count=sum(c.support_count for c in ideas))
