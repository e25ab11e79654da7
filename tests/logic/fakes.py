"""In-memory stand-ins for every port in `chalicelib.logic.ports.Stores`, with the store modules'
observable semantics: conditional state changes, the same errors and codes, idempotency per person,
and reads that go stale as DynamoDB's do (every read is a copy). Unlike AWS, `support_count` is
recounted at once and the snapshot is never cached (a test wanting a stale cache patches it).
No AWS: `store.outbox` is imported only for its key helpers (importing PynamoDB models makes no call)."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Callable
from typing import Any

from chalicelib.domain.campaigns import EDITABLE, Status, closing_date, is_public, require_takes_support, slugify
from chalicelib.domain.campaigns import transition as lifecycle
from chalicelib.domain.errors import Conflict, NotFound, StaleVersion
from chalicelib.domain.events import EventKind
from chalicelib.domain.identity import Caller
from chalicelib.domain.limits import Limit
from chalicelib.logic.ports import Stores
from chalicelib.settings import get_settings
from chalicelib.store.outbox import UPDATE_PREFIX, rejected_key, update_key
from tests.logic.fake_dialogue import FakeRateLimits, FakeReplies, FakeReports, FakeResponses
from tests.logic.fake_documents import FakeAmendments, FakeDocuments, FakeOrigins, FakeProposers
from tests.logic.fake_manifesto import FakeManifesto
from tests.logic.fake_refusals import FakeRefusals
from tests.logic.fake_search import FakeSearchIndex
from tests.logic.fakes_base import Campaign, Clock, ConditionFailed, Event, Organisation, Person, Snapshot, stamp


class FakeOutbox:
    """The campaign-events table: the outbox port, and owner updates (which are outbox events)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.events: dict[tuple[str, str], Any] = {}
        self.campaigns: FakeCampaigns  # wired by `build`

    def add(self, event: Any) -> None:
        """`outbox.add_to`: a conditional put, so an event is written once."""
        if (event.campaign_id, event.event_key) in self.events:
            raise ConditionFailed(f"event {event.event_key} exists")
        self.events[(event.campaign_id, event.event_key)] = event

    def updates_of(self, campaign_id: str, limit: int = 50) -> list[Any]:
        keys = sorted(k for c, k in self.events if c == campaign_id and k.startswith(UPDATE_PREFIX))
        return [copy.copy(self.events[(campaign_id, k)]) for k in reversed(keys)][:limit]

    def post_update(self, campaign: Any, author_id: str, headline: str, body: str) -> Any:
        stored, now = self.campaigns.public(campaign.id, "send updates"), self.clock.iso()
        event = Event(stored.id, update_key(now), EventKind.OWNER_UPDATE.value, stored.area, now, headline=headline,
                      body=body, author_id=author_id)
        self.add(event)
        stored.updates_posted = int(getattr(stored, "updates_posted", None) or 0) + 1
        return copy.copy(event)


class FakeCampaigns:
    """The campaign port."""

    def __init__(self, clock: Clock, outbox: FakeOutbox, frozen: set[str]) -> None:
        self.clock, self.outbox, self.frozen = clock, outbox, frozen
        self.items: dict[str, Any] = {}
        self.slugs: dict[str, str] = {}
        self.audit_trail: list[tuple[str, str, str, str]] = []  # (subject, actor, action, reason)

    def stored(self, campaign_id: str) -> Any:
        if campaign_id not in self.items:
            raise NotFound("No such campaign.", code="campaign_not_found")
        return self.items[campaign_id]

    def public(self, campaign_id: str, doing: str) -> Any:
        """`store.campaigns.public_condition` on a write."""
        stored = self.stored(campaign_id)
        if not is_public(stored.status, stored.hidden):
            raise Conflict(f"Only open or closed campaigns can {doing}.", code="campaign_not_public")
        return stored

    def get_campaign(self, campaign_id: str) -> Any:
        return copy.deepcopy(self.stored(campaign_id))

    def campaign_by_slug(self, slug: str) -> Any:
        if slug not in self.slugs:
            raise NotFound("No such campaign.", code="campaign_not_found")
        return self.get_campaign(self.slugs[slug])

    def create_campaign(self, *, owner_id: str, title: str, summary: str, body: str, area: str,
                        organisation_id: str | None, consultation_id: str | None = None, language: str | None = None,
                        translated_title: str | None = None, translated_summary: str | None = None) -> Any:
        campaign_id, base = f"c{len(self.items) + 1:04d}", slugify(title)
        for attempt in range(5):  # store.campaigns.SLUG_ATTEMPTS
            slug = base if attempt == 0 else f"{base}-{secrets.token_hex(2)}"
            if slug not in self.slugs:
                self.slugs[slug] = campaign_id
                self.items[campaign_id] = Campaign(campaign_id, slug, title, summary, body, area, owner_id,
                                                   organisation_id, self.clock.iso(), consultation_id=consultation_id,
                                                   language=language, translated_title=translated_title,
                                                   translated_summary=translated_summary)
                return self.get_campaign(campaign_id)
        raise Conflict("Could not find a free address for this title; change it a little.", code="slug_taken")

    def _move(self, campaign: Any, action: str, actor_id: str, reason: str, now: str, event: EventKind | None = None,
              notice: Any = None, **changes: Any) -> Any:
        target = lifecycle(action, campaign.status)
        stored = self.stored(campaign.id)
        if stored.status != campaign.status:  # the condition is the status it leaves, not the version
            lifecycle(action, stored.status)
            raise StaleVersion("The campaign changed meanwhile; reload it.")
        stored.status, stored.version = target.value, stored.version + 1
        for name, value in changes.items():
            setattr(stored, name, value)
        self.audit_trail.append((f"campaign#{stored.id}", actor_id, action, reason))
        if event:
            self.outbox.add(Event(stored.id, event.value, event.value, stored.area, now))
        if notice is not None:  # the owner's notice of a decision, in the same write
            self.outbox.add(notice)
        return self.get_campaign(stored.id)

    def submit(self, campaign: Any, actor_id: str) -> Any:
        now = self.clock.iso()
        return self._move(campaign, "submit", actor_id, "", now, submitted_at=now)

    def decide(self, campaign: Any, moderator_id: str, approve: bool, reason: str) -> Any:
        moment = self.clock.now()
        now = stamp(moment)
        if not approve:
            return self._move(campaign, "reject", moderator_id, reason, now, moderation_reason=reason,
                              notice=Event(campaign.id, rejected_key(now), EventKind.CAMPAIGN_REJECTED.value,
                                           campaign.area, now, note=reason))
        closes = stamp(closing_date(moment, get_settings().campaign_open_days))
        return self._move(campaign, "approve", moderator_id, reason, now, EventKind.CAMPAIGN_OPENED,
                          notice=Event(campaign.id, EventKind.CAMPAIGN_APPROVED.value,
                                       EventKind.CAMPAIGN_APPROVED.value, campaign.area, now),
                          moderation_reason=reason, published_at=now, closes_at=closes)

    def close(self, campaign: Any, actor_id: str, reason: str = "") -> Any:
        if campaign.status == Status.OPEN.value:
            self.frozen.add(campaign.id)  # freeze_counters: before the status moves
        now = self.clock.iso()
        return self._move(campaign, "close", actor_id, reason, now, EventKind.CLOSED, closed_at=now)

    def edit_text(self, campaign: Any, changes: dict, expected_version: int) -> Any:
        if Status(campaign.status) not in EDITABLE:
            raise Conflict("Only drafts and rejected campaigns can be edited.", code="campaign_frozen",
                           details={"status": campaign.status})
        if expected_version != campaign.version:
            raise StaleVersion("The campaign changed since you read it.", details={"version": campaign.version})
        stored = self.stored(campaign.id)
        if stored.version != campaign.version or Status(stored.status) not in EDITABLE:
            raise StaleVersion("The campaign changed since you read it.")
        for name, value in changes.items():
            setattr(stored, name, value)
        stored.version += 1
        return self.get_campaign(stored.id)

    def set_hidden(self, campaign: Any, hidden: bool) -> None:
        self.stored(campaign.id).hidden = hidden  # a system update: the version stays

    def audit(self, subject: str, actor_id: str, action: str, reason: str) -> None:
        self.audit_trail.append((subject, actor_id, action, reason))


class FakePeople:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.people: dict[str, Any] = {}
        self.organisations: dict[str, Any] = {}
        self.memberships: dict[tuple[str, str], str] = {}

    def ensure_person(self, caller: Caller) -> Any:
        if caller.id not in self.people:
            self.people[caller.id] = Person(caller.id, f"member-{secrets.token_hex(3)}", "New member", [],
                                            created_at=self.clock.now())
        self.people[caller.id].roles = sorted(r.value for r in caller.roles)
        return copy.deepcopy(self.people[caller.id])

    def known_person(self, caller: Caller) -> Any:
        """`store.profiles.known_person`: no container copy here, so always as read."""
        return self.ensure_person(caller)

    def set_portfolio(self, caller: Caller, areas: list[str]) -> None:
        self.ensure_person(caller)
        self.people[caller.id].portfolio = list(areas)

    def set_policy_areas(self, caller: Caller, areas: list[str]) -> None:
        self.ensure_person(caller)
        self.people[caller.id].policy_areas = list(areas)

    def add_organisation(self, handle: str, members: dict[str, str]) -> Any:
        org = Organisation(f"org-{handle}", handle, handle.title())
        self.organisations[org.id] = org
        self.memberships.update({(org.id, person_id): role for person_id, role in members.items()})
        return org

    def membership_role(self, organisation_id: str | None, person_id: str) -> str | None:
        return self.memberships.get((organisation_id, person_id)) if organisation_id else None

    def recent_membership_role(self, organisation_id: str | None, person_id: str) -> str | None:
        return self.membership_role(organisation_id, person_id)

    def organisation_handle(self, organisation_id: str) -> str | None:
        org = self.organisations.get(organisation_id)
        return org.handle if org else None

    def organisation_by_handle(self, handle: str) -> Any:
        for org in self.organisations.values():
            if org.handle == handle:
                return copy.copy(org)
        raise NotFound(f"No organisation has the handle '{handle}'.", code="organisation_not_found")

    def get_organisation(self, organisation_id: str) -> Any:
        return copy.copy(self.organisations.get(organisation_id))


class FakeSupports:
    """Supports on frozen-able counters, and follows (whose counter never freezes)."""

    def __init__(self, campaigns: FakeCampaigns, rate_limits: FakeRateLimits) -> None:
        self.campaigns, self.frozen, self.rate_limits = campaigns, campaigns.frozen, rate_limits
        self.supporters: dict[str, dict[str, str]] = {}  # campaign -> person -> consent version
        self.anonymous: dict[str, int] = {}  # campaign -> supports that are nobody's (anonymised)
        self.followers: dict[str, set[str]] = {}

    def campaign_snapshot(self, campaign_id: str) -> Any:
        c = self.campaigns.stored(campaign_id)
        return Snapshot(c.status, bool(c.hidden), int(c.support_count or 0), c.owner_id, c.organisation_id,
                        c.area, c.official_response is not None)

    def _change(self, campaign_id: str, person_id: str, consent_version: str | None) -> bool:
        """`store.supports.commit_changed`: a frozen counter refuses first; then the person's item decides."""
        if campaign_id in self.frozen:
            require_takes_support(Status.CLOSED.value, hidden=False)
        people = self.supporters.setdefault(campaign_id, {})
        if (person_id in people) == (consent_version is not None):
            return False
        if consent_version is None:
            del people[person_id]
        else:
            people[person_id] = consent_version
        if campaign_id in self.campaigns.items:  # the stream's recount, at once
            self.campaigns.items[campaign_id].support_count = len(people) + self.anonymous.get(campaign_id, 0)
        return True

    def _spending(self, limit: Limit | None, person_id: str, change: Callable[[], bool]) -> bool:
        """The limit taken in the change's own transaction: refused first; spent only if it moved."""
        if limit is None:
            return change()
        before = dict(self.rate_limits.uses)
        self.rate_limits.take(limit, person_id)
        try:
            changed = change()
        except Exception:
            self.rate_limits.uses = before
            raise
        if not changed:
            self.rate_limits.uses = before
        return changed

    def support(self, campaign_id: str, person_id: str, *, consent_version: str,
                limit: Limit | None = None) -> bool:
        return self._spending(limit, person_id, lambda: self._change(campaign_id, person_id, consent_version))

    def withdraw(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
        return self._spending(limit, person_id, lambda: self._change(campaign_id, person_id, None))

    def anonymise(self, campaign_id: str, person_id: str) -> bool:
        """`store.supports.anonymise`: the person's link goes, the counter (and the count) stays."""
        people = self.supporters.setdefault(campaign_id, {})
        if person_id not in people:
            return False
        del people[person_id]
        self.anonymous[campaign_id] = self.anonymous.get(campaign_id, 0) + 1
        return True

    def follow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
        people = self.followers.setdefault(campaign_id, set())

        def change() -> bool:
            new = person_id not in people
            people.add(person_id)
            return new

        return self._spending(limit, person_id, change)

    def unfollow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
        people = self.followers.setdefault(campaign_id, set())

        def change() -> bool:
            had = person_id in people
            people.discard(person_id)
            return had

        return self._spending(limit, person_id, change)


class FakeConsultations:
    """`store.consultations`' one read the campaign logic needs."""

    def __init__(self) -> None:
        self.items: dict[str, Any] = {}

    def add(self, consultation: Any) -> Any:
        self.items[consultation.id] = consultation
        return consultation

    def get_consultation(self, consultation_id: str) -> Any:
        if consultation_id not in self.items:
            raise NotFound("No such consultation.", code="consultation_not_found")
        return copy.copy(self.items[consultation_id])


def build() -> Stores:
    """A fresh, empty world. The fakes share one clock, one outbox and the frozen counters."""
    clock = Clock()
    outbox = FakeOutbox(clock)
    campaigns = outbox.campaigns = FakeCampaigns(clock, outbox, frozen=set())
    rate_limits = FakeRateLimits(clock)
    supports = FakeSupports(campaigns, rate_limits)
    replies = FakeReplies(clock, outbox, rate_limits)
    people = FakePeople(clock)
    documents = FakeDocuments(clock, outbox)
    return Stores(campaigns=campaigns, people=people, supports=supports,
                  follows=supports, replies=replies, responses=FakeResponses(clock, campaigns),
                  owner_updates=outbox, outbox=outbox, reports=FakeReports(replies, campaigns),
                  rate_limits=rate_limits, consultations=FakeConsultations(),
                  manifesto=FakeManifesto(campaigns, outbox), search=FakeSearchIndex(campaigns, people),
                  documents=documents, amendments=FakeAmendments(clock, documents, supports, rate_limits, outbox),
                  origins=FakeOrigins(outbox), proposers=FakeProposers(people),
                  refusals=FakeRefusals(clock))
