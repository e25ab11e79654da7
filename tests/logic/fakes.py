"""In-memory stand-ins for every port in `chalicelib.logic.ports.Stores`, with the store modules'
observable semantics: conditional writes that report which condition failed (`ConditionFailed`,
with the store's labels), idempotency per person, and the domain's own types in and out (frozen:
every read is a copy). Unlike AWS, `support_count` is recounted at once and the snapshot is never
cached (a test wanting a stale cache patches it); the counters' stream (`logic.counting`) runs on
these fakes too. No AWS: `store.outbox` is imported only for its key helpers (importing PynamoDB
models makes no call)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import datetime

from chalicelib.domain.campaigns import (
    EDITABLE,
    TRANSITIONS,
    Campaign,
    SlugClaim,
    Status,
    closing_date,
    is_public,
    slugify,
)
from chalicelib.domain.consultations import Consultation
from chalicelib.domain.dialogue import OwnerUpdate
from chalicelib.domain.events import EventKind
from chalicelib.domain.search_terms import Found
from chalicelib.domain.times import iso
from chalicelib.logic.campaign_ports import Page
from chalicelib.logic.ports import Stores
from chalicelib.settings import get_settings
from chalicelib.store.outbox import UPDATE_PREFIX, milestone_key, rejected_key, update_key
from tests.logic.fake_accounts import FakeAccountCodes, FakeSignIns
from tests.logic.fake_dialogue import FakeRateLimits, FakeReplies, FakeReports, FakeResponses
from tests.logic.fake_documents import FakeAmendments, FakeDocuments, FakeOrigins, FakeProposers
from tests.logic.fake_manifesto import FakeManifesto
from tests.logic.fake_notifications import FakeErasures, FakeMyData, FakeNotifications
from tests.logic.fake_own_part import FakeOwnPart, FakeWaiting
from tests.logic.fake_people import FakePeople
from tests.logic.fake_refusals import FakeRefusals
from tests.logic.fake_search import FakePopular, FakeSearchIndex
from tests.logic.fake_support import FakeSupports
from tests.logic.fakes_base import Clock, ConditionFailed, OutboxEvent
from tests.logic.paging import page_of

__all__ = ["ConditionFailed", "OutboxEvent", "build"]


class FakeOutbox:
    """The campaign-events table: the outbox port, and owner updates (which are outbox events)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.events: dict[tuple[str, str], OutboxEvent] = {}
        self.updates: dict[tuple[str, str], OwnerUpdate] = {}
        self.campaigns: FakeCampaigns  # wired by `build`

    def add(self, event: OutboxEvent) -> bool:
        """`outbox.add_to`: a conditional put, so an event is written once ("event" otherwise)."""
        if (event.campaign_id, event.event_key) in self.events:
            raise ConditionFailed("event")
        self.events[(event.campaign_id, event.event_key)] = event
        return True

    def add_once(self, event: OutboxEvent) -> bool:
        """`outbox.raise_event`: False if it had been raised already."""
        try:
            return self.add(event)
        except ConditionFailed:
            return False

    def updates_of(self, campaign_id: str, limit: int = 50) -> list[OwnerUpdate]:
        keys = sorted(k for c, k in self.updates if c == campaign_id)
        return [self.updates[(campaign_id, k)] for k in reversed(keys)][:limit]

    def post_update(self, campaign: Campaign, author_id: str, headline: str, body: str) -> OwnerUpdate:
        stored, now = self.campaigns.items[campaign.id], self.clock.iso()
        if not is_public(stored.status, stored.hidden):  # `store.campaigns.public_condition`
            raise ConditionFailed("campaign")
        key = update_key(now)
        self.add(OutboxEvent(stored.id, key, EventKind.OWNER_UPDATE.value, stored.area, now))
        update = OwnerUpdate(key.removeprefix(UPDATE_PREFIX), stored.id, headline, body, author_id, now)
        self.updates[(stored.id, key)] = update
        # Counted on the campaign in the same write (a system update: the version stays), so its page
        # knows to read its updates.
        self.campaigns.items[stored.id] = replace(stored, updates_posted=stored.updates_posted + 1)
        return update


class FakeCampaigns:
    """The campaign port."""

    def __init__(self, clock: Clock, outbox: FakeOutbox, consultations: FakeConsultations) -> None:
        self.clock, self.outbox, self.consultations = clock, outbox, consultations
        self.frozen: set[str] = set()  # the counters of campaigns that closed
        self.items: dict[str, Campaign] = {}
        self.slugs: dict[str, str] = {}
        self.related: dict[str, tuple[tuple[str, ...], str]] = {}  # slug -> its claim's related ids, when found
        self.audit_trail: list[tuple[str, str, str, str]] = []  # (subject, actor, action, reason)

    def get_campaign(self, campaign_id: str, consistent: bool = False) -> Campaign | None:
        return self.items.get(campaign_id)

    def campaign_by_slug(self, slug: str) -> Campaign | None:
        return self.items.get(self.slugs.get(slug, ""))

    def slug_claim(self, slug: str) -> SlugClaim | None:
        found = self.campaign_by_slug(slug)
        if found is None:
            return None
        related, related_at = self.related.get(slug, (None, None))
        return SlugClaim(found.id, found.owner_id, found.organisation_id, found.title, found.language,
                         related, related_at)

    def read_page(self, campaign_id: str, person_ids: set[str], organisation_ids: set[str], terms: tuple[str, ...],
                  related_ids: tuple[str, ...] = ()
                  ) -> tuple[Campaign | None, dict[str, int | None] | None, list[Found]]:
        live = [self.items[i] for i in related_ids if i in self.items and i != campaign_id]
        found = [Found(id=c.id, slug=c.slug, title=c.title, summary=c.summary, area=c.area, status=c.status,
                       hidden=c.hidden, support_count=c.support_count) for c in live]
        return self.items.get(campaign_id), None, found  # no counts read here: related reads its own

    def store_related(self, slug: str, campaign_id: str, related_ids: list[str], found_at: str) -> bool:
        stored = self.related.get(slug)
        if self.slugs.get(slug) != campaign_id or (stored and stored[1] >= found_at):
            return False
        self.related[slug] = (tuple(related_ids), found_at)
        return True

    def forget_slug(self, slug: str) -> None:
        """No container copy here."""

    def create_campaign(self, *, owner_id: str, title: str, summary: str, body: str, area: str,
                        organisation_id: str | None, consultation_id: str | None = None, language: str | None = None,
                        translated_title: str | None = None, translated_summary: str | None = None) -> Campaign:
        now = self.clock.iso()
        if consultation_id:  # the write's check: still open, whatever the logic read
            answered = self.consultations.items.get(consultation_id)
            if answered is None or answered.closed_at or answered.closes_at <= now:
                raise ConditionFailed("consultation")
        campaign_id, base = f"c{len(self.items) + 1:04d}", slugify(title)
        for attempt in range(5):  # store.campaigns.SLUG_ATTEMPTS
            slug = base if attempt == 0 else f"{base}-{secrets.token_hex(2)}"
            if slug not in self.slugs:
                self.slugs[slug] = campaign_id
                self.items[campaign_id] = Campaign(
                    campaign_id, slug=slug, title=title, summary=summary, body=body, area=area, owner_id=owner_id,
                    organisation_id=organisation_id, created_at=now, listed_at=now, consultation_id=consultation_id,
                    version=1, language=language, translated_title=translated_title,
                    translated_summary=translated_summary)
                return self.items[campaign_id]
        raise ConditionFailed("slug")

    def _move(self, campaign: Campaign, action: str, actor_id: str, reason: str, now: str,
              event: EventKind | None = None, notice: OutboxEvent | None = None, **changes: str | None) -> Campaign:
        stored = self.items[campaign.id]
        if stored.status != campaign.status:  # the condition is the status it leaves, not the version
            raise ConditionFailed("campaign")
        moved = self.items[campaign.id] = replace(stored, status=TRANSITIONS[action][1].value, listed_at=now,
                                                  version=stored.version + 1, **changes)
        self.audit_trail.append((f"campaign#{moved.id}", actor_id, action, reason))
        if event:
            self.outbox.add(OutboxEvent(moved.id, event.value, event.value, moved.area, now))
        if notice is not None:  # the owner's notice of a decision, in the same write
            self.outbox.add(notice)
        return moved

    def submit(self, campaign: Campaign, actor_id: str) -> Campaign:
        now = self.clock.iso()
        return self._move(campaign, "submit", actor_id, "", now, submitted_at=now)

    def decide(self, campaign: Campaign, moderator_id: str, approve: bool, reason: str) -> Campaign:
        moment = self.clock.now()
        now = iso(moment)
        if not approve:
            return self._move(campaign, "reject", moderator_id, reason, now, moderation_reason=reason,
                              notice=OutboxEvent(campaign.id, rejected_key(now), EventKind.CAMPAIGN_REJECTED.value,
                                                 campaign.area, now, note=reason))
        closes = iso(closing_date(moment, get_settings().campaign_open_days))
        return self._move(campaign, "approve", moderator_id, reason, now, EventKind.CAMPAIGN_OPENED,
                          notice=OutboxEvent(campaign.id, EventKind.CAMPAIGN_APPROVED.value,
                                             EventKind.CAMPAIGN_APPROVED.value, campaign.area, now),
                          moderation_reason=reason, published_at=now, closes_at=closes)

    def close(self, campaign: Campaign, actor_id: str, reason: str = "") -> Campaign:
        if campaign.status == Status.OPEN.value:
            self.frozen.add(campaign.id)  # freeze_counters: before the status moves
        now = self.clock.iso()
        return self._move(campaign, "close", actor_id, reason, now, EventKind.CLOSED, closed_at=now)

    def edit_text(self, campaign: Campaign, changes: Mapping[str, str | None]) -> Campaign:
        stored = self.items[campaign.id]
        if stored.version != campaign.version or Status(stored.status) not in EDITABLE:
            raise ConditionFailed("campaign")
        self.items[campaign.id] = replace(stored, **changes, version=stored.version + 1)  # type: ignore[arg-type]
        return self.items[campaign.id]

    def set_hidden(self, campaign: Campaign, hidden: bool) -> None:
        self.items[campaign.id] = replace(self.items[campaign.id], hidden=hidden)  # a system update: version stays

    def audit(self, subject: str, actor_id: str, action: str, reason: str) -> None:
        self.audit_trail.append((subject, actor_id, action, reason))


class FakeCampaignLists:
    """Lists over the fake campaigns, in the orders the indexes give (public ones only where they are)."""

    def __init__(self, campaigns: FakeCampaigns, responses: FakeResponses) -> None:
        self.campaigns, self.responses = campaigns, responses
        self.front_pages_refreshed: list[str] = []

    def _public(self, status: Status, area: str | None) -> list[Campaign]:
        return [c for c in self.campaigns.items.values() if c.status == status.value and is_public(c.status, c.hidden)
                and (area is None or c.area == area)]

    def browse(self, *, status: Status, area: str | None, sort: str, limit: int, cursor: str | None) -> Page:
        found = self._public(status, area)
        ordered = sorted(found, key=(lambda c: c.support_count) if sort in ("top", "trending") else
                         (lambda c: c.listed_at), reverse=True)
        return page_of(ordered, f"browse:{status}:{area}:{sort}", limit, cursor)

    def open_data(self, *, status: Status, limit: int, cursor: str | None) -> Page:
        return self.browse(status=status, area=None, sort="new", limit=limit, cursor=cursor)

    def canvass(self, *, status: Status, area: str, limit: int, cursor: str | None) -> Page:
        return self.browse(status=status, area=area, sort="top", limit=limit, cursor=cursor)

    def first_pages(self, wanted: list[tuple[Status, str | None, str, int]],
                    stored_as: str | None = None) -> list[list[Campaign]]:
        return [self.browse(status=status, area=area, sort=sort, limit=limit, cursor=None)[0]
                for status, area, sort, limit in wanted]

    def refresh_front_page(self, page: str, wanted: list[tuple[Status, str | None, str, int]]) -> bool:
        self.front_pages_refreshed.append(page)
        return True

    def fetch_in_order(self, ids: list[str]) -> list[Campaign]:
        return [self.campaigns.items[i] for i in ids if i in self.campaigns.items]

    def titles_of(self, ids: list[str]) -> list[Campaign]:
        return [Campaign(c.id, slug=c.slug, title=c.title, area=c.area, status=c.status)
                for c in self.fetch_in_order(ids)]

    def by_answer(self, state: str, *, limit: int, cursor: str | None) -> Page:
        """The sparse `by_answer_state` index: waiting past the threshold oldest first, answered newest first."""
        public = [c for c in self.campaigns.items.values() if is_public(c.status, c.hidden)]
        if state == "answered":
            found = sorted((c for c in public if c.official_response is not None),
                           key=lambda c: c.official_response.created_at if c.official_response else "", reverse=True)
        else:
            found = sorted((c for c in public if c.threshold_reached_at and c.official_response is None),
                           key=lambda c: c.threshold_reached_at or "")
        return page_of(found, f"answer:{state}", limit, cursor)

    def moderation_queue(self, limit: int, cursor: str | None) -> Page:
        pending = [c for c in self.campaigns.items.values() if c.status == Status.PENDING.value]
        return page_of(sorted(pending, key=lambda c: c.listed_at), "queue", limit, cursor)

    def owned_by(self, owner_id: str, limit: int, cursor: str | None) -> Page:
        owned = [c for c in self.campaigns.items.values() if c.owner_id == owner_id]
        return page_of(sorted(owned, key=lambda c: c.created_at, reverse=True), f"owned:{owner_id}", limit, cursor)

    def hosted_by(self, organisation_id: str, limit: int, cursor: str | None) -> Page:
        hosted = [c for c in self.campaigns.items.values() if c.organisation_id == organisation_id]
        return page_of(sorted(hosted, key=lambda c: c.created_at, reverse=True), f"hosted:{organisation_id}", limit,
                       cursor)

    def due_to_close(self, now: datetime, page_size: int = 100) -> Iterator[Campaign]:
        due = [c for c in self.campaigns.items.values()
               if c.status == Status.OPEN.value and c.closes_at is not None and c.closes_at <= iso(now)]
        yield from sorted(due, key=lambda c: c.closes_at or "")


class FakeCounts:
    """`store.support_counts`: the count written once per reading, and what it decides, each once."""

    def __init__(self, campaigns: FakeCampaigns) -> None:
        self.campaigns, self.outbox = campaigns, campaigns.outbox
        self.read_at: dict[str, str] = {}

    def write_count(self, campaign_id: str, total: int, read_at: str, by_region: Mapping[str, int] | None = None,
                    settling: Mapping[str, Mapping[str, int]] | None = None) -> Campaign | None:
        stored = self.campaigns.items.get(campaign_id)
        if stored is None or self.read_at.get(campaign_id, "") >= read_at:  # a later reading is there
            return None
        self.read_at[campaign_id] = read_at
        written = self.campaigns.items[campaign_id] = replace(
            stored, support_count=total, count_read_at=read_at,
            support_by_region=dict(by_region) if by_region is not None else stored.support_by_region,
            regions_settling=settling if settling is not None else stored.regions_settling)
        return written

    def raise_milestone(self, campaign_id: str, area: str, milestone: int, now: datetime) -> bool:
        return self.outbox.add_once(OutboxEvent(campaign_id, milestone_key(milestone), EventKind.MILESTONE.value, area,
                                                iso(now), value=milestone))

    def raise_threshold(self, campaign_id: str, area: str, total: int, now: datetime) -> bool:
        return self.outbox.add_once(OutboxEvent(campaign_id, EventKind.RESPONSE_THRESHOLD.value,
                                                EventKind.RESPONSE_THRESHOLD.value, area, iso(now), value=total))

    def record_milestone(self, campaign_id: str, milestone: int) -> None:
        stored = self.campaigns.items[campaign_id]
        if milestone not in stored.milestones:
            self.campaigns.items[campaign_id] = replace(stored, milestones=(*stored.milestones, milestone))

    def enter_inbox(self, campaign_id: str, area: str, at: str) -> None:
        stored = self.campaigns.items[campaign_id]
        if stored.threshold_reached_at is None and stored.official_response is None:
            self.campaigns.items[campaign_id] = replace(stored, inbox_area=area, threshold_reached_at=at)


class FakeConsultations:
    """`store.consultations`."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.items: dict[str, Consultation] = {}
        self.outbox: FakeOutbox  # wired by `build`
        self.campaigns: FakeCampaigns

    def add(self, consultation: Consultation) -> Consultation:
        """The test's scene: a consultation as if opened earlier."""
        self.items[consultation.id] = consultation
        return consultation

    def get_consultation(self, consultation_id: str) -> Consultation | None:
        return self.items.get(consultation_id)

    def open_consultation(self, *, area: str, question: str, brief: str, opens_at: datetime, closes_at: datetime,
                          created_by: str, now: datetime, language: str | None = None) -> Consultation:
        return self.add(Consultation(f"q{len(self.items) + 1:04d}", area, question, brief, iso(opens_at),
                                     iso(closes_at), created_by, version=1, language=language))

    def listed(self, *, area: str | None, state: str, now: datetime, limit: int,
               cursor: str | None) -> tuple[list[Consultation], str | None]:
        moment = iso(now)
        found = [c for c in self.items.values() if area is None or c.area == area]
        if state == "closed":
            chosen = sorted((c for c in found if c.closes_at <= moment), key=lambda c: c.closes_at, reverse=True)
        else:
            chosen = sorted((c for c in found if c.closes_at > moment and (c.opens_at <= moment) == (state == "open")),
                            key=lambda c: c.closes_at)
        return page_of(chosen, f"consultations:{area}:{state}", limit, cursor)

    def close(self, consultation: Consultation, *, summary: str, actor_id: str, now: datetime) -> Consultation:
        stored = self.items[consultation.id]
        if stored.closed_at is not None:
            raise ConditionFailed("consultation")
        self.items[stored.id] = replace(stored, closed_at=iso(now), summary=summary,
                                        closes_at=min(stored.closes_at, iso(now)), version=stored.version + 1)
        self.outbox.add(OutboxEvent(f"consultation#{stored.id}", f"consultation_closed#{stored.id}",
                                    EventKind.CONSULTATION_CLOSING.value, stored.area, iso(now)))
        return self.items[stored.id]

    def public_ideas(self, consultation_id: str) -> list[Campaign]:
        ideas = [c for c in self.campaigns.items.values()
                 if c.consultation_id == consultation_id and is_public(c.status, c.hidden)]
        return sorted(ideas, key=lambda c: c.support_count, reverse=True)

    def questions_of(self, consultation_ids: set[str]) -> dict[str, str]:
        return {i: self.items[i].question for i in consultation_ids if i in self.items}

    def question_of(self, consultation_id: str) -> tuple[str, str] | None:
        found = self.items.get(consultation_id)
        return (found.question, found.area) if found else None

    def announce_close(self, consultation: Consultation, ideas: list[Campaign]) -> int:
        return sum(self.outbox.add_once(OutboxEvent(idea.id, f"consultation_closed#{consultation.id}",
                                                    EventKind.CONSULTATION_CLOSED.value, idea.area,
                                                    consultation.closed_at or "")) for idea in ideas)


def build() -> Stores:
    """A fresh, empty world. The fakes share one clock, one outbox and the frozen counters."""
    clock = Clock()
    outbox = FakeOutbox(clock)
    consultations = FakeConsultations(clock)
    campaigns = outbox.campaigns = consultations.campaigns = FakeCampaigns(clock, outbox, consultations)
    consultations.outbox = outbox
    erasures = FakeErasures()
    rate_limits = FakeRateLimits(clock)
    people = FakePeople(clock, erasures)
    supports = FakeSupports(campaigns, rate_limits, people, erasures)
    replies = FakeReplies(clock, outbox, rate_limits, erasures)
    responses = FakeResponses(clock, campaigns)
    reports = FakeReports(clock, replies, campaigns)
    notifications = people.notifications = FakeNotifications(clock)
    documents = FakeDocuments(clock, outbox)
    return Stores(
        campaigns=campaigns, campaign_lists=FakeCampaignLists(campaigns, responses), consultations=consultations,
        people=people, supports=supports, follows=supports, counts=FakeCounts(campaigns), replies=replies,
        responses=responses, owner_updates=outbox, outbox=outbox, manifesto=FakeManifesto(campaigns, outbox),
        reports=reports, search=FakeSearchIndex(campaigns, people), popular=FakePopular(campaigns),
        rate_limits=rate_limits, notifications=notifications, erasures=erasures,
        my_data=FakeMyData(people, campaigns, supports, replies, responses, outbox, reports, notifications),
        refusals=FakeRefusals(clock), sign_ins=FakeSignIns(), account_codes=FakeAccountCodes(clock),
        own_part=FakeOwnPart(clock, campaigns, supports, replies), waiting=FakeWaiting(campaigns, reports),
        documents=documents, amendments=FakeAmendments(clock, documents, supports, rate_limits, outbox),
        origins=FakeOrigins(outbox), proposers=FakeProposers(people))
