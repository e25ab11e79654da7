"""In-memory stand-ins for every port in `chalicelib.logic.ports.Stores`, with the store modules'
observable semantics: conditional state changes, the same errors and codes, idempotency per person,
and reads that go stale as DynamoDB's do (every read is a copy). Unlike AWS, `support_count` is
recounted at once and the snapshot is never cached (a test wanting a stale cache patches it).
No AWS: `store.outbox` and `store.campaign_lists` are imported only for their key helpers and
CARD_ATTRIBUTES (importing PynamoDB models makes no call)."""

from __future__ import annotations

import copy
import secrets
from dataclasses import field, fields, make_dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.domain.campaigns import EDITABLE, Status, closing_date, is_public, require_takes_support, slugify
from chalicelib.domain.campaigns import transition as lifecycle
from chalicelib.domain.dialogue import reply_placement
from chalicelib.domain.errors import Conflict, NotFound, RateLimited, StaleVersion
from chalicelib.domain.identity import Caller
from chalicelib.logic.ports import Stores
from chalicelib.settings import get_settings
from chalicelib.store.campaign_lists import CARD_ATTRIBUTES
from chalicelib.store.outbox import UPDATE_PREFIX, Kind, reply_key, response_key, update_key


class ConditionFailed(Exception):
    """A PynamoDB condition the store does not translate: in production, a 500."""


def _record(name: str, required: str, **optional: Any) -> Any:
    """A mutable record class with the attribute names the logic and the presenters read."""
    spec: list[Any] = [(n, Any) for n in required.split()]
    spec += [(n, Any, field(default_factory=list) if v == [] else field(default=v)) for n, v in optional.items()]
    return make_dataclass(name, spec)


Campaign = _record("Campaign", "id slug title summary body area owner_id organisation_id created_at",
                   status=Status.DRAFT.value, hidden=None, support_count=0, version=1, submitted_at=None,
                   published_at=None, closes_at=None, closed_at=None, moderation_reason=None, official_response=None,
                   inbox_area=None, threshold_reached_at=None, milestones=[])
OfficialResponse = _record("OfficialResponse", "minister_id stance body created_at")
Reply = _record("Reply", "reply_id campaign_id author_id parent_id depth body badges created_at", edited_at=None,
                history=[], deleted_at=None, hidden=False, version=1)
Badge = _record("Badge", "kind", portfolio=None, organisation=None)
Event = _record("Event", "campaign_id event_key kind area created_at", headline=None, body=None, author_id=None,
                stance=None)
Response = _record("Response", "campaign_id response_key minister_id area stance body created_at")
Person = _record("Person", "id handle display_name roles", portfolio=[])
Organisation = _record("Organisation", "id handle name")
Snapshot = _record("Snapshot", "status hidden support_count")


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # store.base.iso's format


class Clock:
    """Every stored time comes from here; each reading is a millisecond later, so order is creation order."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        self.moment += timedelta(milliseconds=1)
        return self.moment

    def iso(self) -> str:
        return stamp(self.now())

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


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
        event = Event(stored.id, update_key(now), Kind.OWNER_UPDATE.value, stored.area, now, headline=headline,
                      body=body, author_id=author_id)
        self.add(event)
        return copy.copy(event)


class FakeCampaigns:
    """The campaign port, and the one list the logic reads (`most_supported_open_titles`)."""

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
                        organisation_id: str | None) -> Any:
        campaign_id, base = f"c{len(self.items) + 1:04d}", slugify(title)
        for attempt in range(5):  # store.campaigns.SLUG_ATTEMPTS
            slug = base if attempt == 0 else f"{base}-{secrets.token_hex(2)}"
            if slug not in self.slugs:
                self.slugs[slug] = campaign_id
                self.items[campaign_id] = Campaign(campaign_id, slug, title, summary, body, area, owner_id,
                                                   organisation_id, self.clock.iso())
                return self.get_campaign(campaign_id)
        raise Conflict("Could not find a free address for this title; change it a little.", code="slug_taken")

    def _move(self, campaign: Any, action: str, actor_id: str, reason: str, now: str, event: Kind | None = None,
              **changes: Any) -> Any:
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
        return self.get_campaign(stored.id)

    def submit(self, campaign: Any, actor_id: str) -> Any:
        now = self.clock.iso()
        return self._move(campaign, "submit", actor_id, "", now, submitted_at=now)

    def decide(self, campaign: Any, moderator_id: str, approve: bool, reason: str) -> Any:
        moment = self.clock.now()
        if not approve:
            return self._move(campaign, "reject", moderator_id, reason, stamp(moment), moderation_reason=reason)
        closes = stamp(closing_date(moment, get_settings().campaign_open_days))
        return self._move(campaign, "approve", moderator_id, reason, stamp(moment), Kind.OPENED,
                          moderation_reason=reason, published_at=stamp(moment), closes_at=closes)

    def close(self, campaign: Any, actor_id: str, reason: str = "") -> Any:
        if campaign.status == Status.OPEN.value:
            self.frozen.add(campaign.id)  # freeze_counters: before the status moves
        now = self.clock.iso()
        return self._move(campaign, "close", actor_id, reason, now, Kind.CLOSED, closed_at=now)

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

    def most_supported_open_titles(self, area: str, limit: int = 100) -> list[Any]:
        """The `top_by_area_status` index on "open#<area>" (hidden campaigns too), read with CARD_ATTRIBUTES only."""
        shown = sorted((c for c in self.items.values() if c.status == Status.OPEN.value and c.area == area),
                       key=lambda c: -c.support_count)[:limit]
        return [Campaign(**{f.name: getattr(c, f.name) if f.name in CARD_ATTRIBUTES else None for f in fields(c)})
                for c in shown]


class FakePeople:
    def __init__(self) -> None:
        self.people: dict[str, Any] = {}
        self.organisations: dict[str, Any] = {}
        self.memberships: dict[tuple[str, str], str] = {}

    def ensure_person(self, caller: Caller) -> Any:
        if caller.id not in self.people:
            self.people[caller.id] = Person(caller.id, f"member-{secrets.token_hex(3)}", "New member", [])
        self.people[caller.id].roles = sorted(r.value for r in caller.roles)
        return copy.deepcopy(self.people[caller.id])

    def set_portfolio(self, caller: Caller, areas: list[str]) -> None:
        self.ensure_person(caller)
        self.people[caller.id].portfolio = list(areas)

    def add_organisation(self, handle: str, members: dict[str, str]) -> Any:
        org = Organisation(f"org-{handle}", handle, handle.title())
        self.organisations[org.id] = org
        self.memberships.update({(org.id, person_id): role for person_id, role in members.items()})
        return org

    def membership_role(self, organisation_id: str | None, person_id: str) -> str | None:
        return self.memberships.get((organisation_id, person_id)) if organisation_id else None

    def organisation_by_handle(self, handle: str) -> Any:
        for org in self.organisations.values():
            if org.handle == handle:
                return copy.copy(org)
        raise NotFound(f"No organisation has the handle '{handle}'.", code="organisation_not_found")

    def get_organisation(self, organisation_id: str) -> Any:
        return copy.copy(self.organisations.get(organisation_id))


class FakeSupports:
    """Supports on frozen-able counters, and follows (whose counter never freezes)."""

    def __init__(self, campaigns: FakeCampaigns) -> None:
        self.campaigns, self.frozen = campaigns, campaigns.frozen
        self.supporters: dict[str, dict[str, str]] = {}  # campaign -> person -> consent version
        self.followers: dict[str, set[str]] = {}

    def campaign_snapshot(self, campaign_id: str) -> Any:
        c = self.campaigns.stored(campaign_id)
        return Snapshot(c.status, bool(c.hidden), int(c.support_count or 0))

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
            self.campaigns.items[campaign_id].support_count = len(people)
        return True

    def support(self, campaign_id: str, person_id: str, *, consent_version: str) -> bool:
        return self._change(campaign_id, person_id, consent_version)

    def withdraw(self, campaign_id: str, person_id: str) -> bool:
        return self._change(campaign_id, person_id, None)

    def follow(self, campaign_id: str, person_id: str) -> bool:
        people = self.followers.setdefault(campaign_id, set())
        new = person_id not in people
        people.add(person_id)
        return new

    def unfollow(self, campaign_id: str, person_id: str) -> bool:
        people = self.followers.setdefault(campaign_id, set())
        had = person_id in people
        people.discard(person_id)
        return had


class FakeReplies:
    def __init__(self, clock: Clock, outbox: FakeOutbox) -> None:
        self.clock, self.outbox = clock, outbox
        self.items: dict[str, Any] = {}

    def _update(self, reply: Any, **changes: Any) -> Any:
        """`reply.update(...)`: PynamoDB's version condition, then the version moves on."""
        stored = self.items[reply.reply_id]
        if stored.version != reply.version:
            raise ConditionFailed("the reply changed meanwhile")
        for name, value in {**changes, "version": stored.version + 1}.items():
            setattr(stored, name, value)
        return copy.deepcopy(stored)

    def get_reply(self, reply_id: str, campaign_id: str | None = None) -> Any:
        reply = self.items.get(reply_id)
        if reply is None or (campaign_id is not None and reply.campaign_id != campaign_id):
            raise NotFound("No such reply.", code="reply_not_found")
        return copy.deepcopy(reply)

    def thread(self, campaign_id: str, limit: int, cursor: str | None) -> tuple[list[Any], str | None]:
        ids = sorted(i for i, r in self.items.items() if r.campaign_id == campaign_id and i > (cursor or ""))
        page = [copy.deepcopy(self.items[i]) for i in ids[:limit]]
        return page, (page[-1].reply_id if len(page) == limit else None)  # DynamoDB: a full page has a next key

    def create_reply(self, *, campaign_id: str, author_id: str, body: str, parent_id: str | None,
                     badges: list[dict], tell_area: str | None = None) -> Any:
        parent = self.get_reply(parent_id, campaign_id) if parent_id else None
        attach_to, depth = reply_placement(parent.reply_id if parent else None, parent.depth if parent else None,
                                           parent.parent_id if parent else None)
        reply_id = f"{len(self.items) + 1:020d}-{secrets.token_hex(4)}"  # time first in AWS: creation order
        reply = Reply(reply_id, campaign_id, author_id, attach_to, depth, body, [Badge(**b) for b in badges],
                      self.clock.iso())
        self.items[reply_id] = reply
        if tell_area:
            self.outbox.add(Event(campaign_id, reply_key(reply_id), Kind.REPLY_ON_ANSWERED.value, tell_area,
                                  reply.created_at))
        return copy.deepcopy(reply)

    def edit_reply(self, reply: Any, body: str, expected_version: int | None) -> Any:
        if expected_version is not None and expected_version != reply.version:
            raise StaleVersion("The reply changed since you read it.", details={"version": reply.version})
        if self.items[reply.reply_id].deleted_at:
            raise ConditionFailed("deleted_at exists")
        now = self.clock.iso()
        history = [*self.items[reply.reply_id].history, {"body": reply.body, "replaced_at": now}]
        return self._update(reply, history=history, body=body, edited_at=now)

    def delete_reply(self, reply: Any) -> Any:
        return self._update(reply, body="", history=[], deleted_at=self.clock.iso())

    def set_hidden(self, reply: Any, hidden: bool) -> Any:
        return self._update(reply, hidden=hidden)


class FakeResponses:
    def __init__(self, clock: Clock, campaigns: FakeCampaigns) -> None:
        self.clock, self.campaigns = clock, campaigns
        self.records: list[Any] = []

    def give_response(self, campaign: Any, minister_id: str, stance: str, body: str) -> Any:
        stored, now = self.campaigns.public(campaign.id, "be answered"), self.clock.iso()
        key = f"{now}#{secrets.token_hex(4)}"
        stored.official_response = OfficialResponse(minister_id, stance, body, now)
        stored.inbox_area, stored.version = None, stored.version + 1  # answered: out of the inbox
        record = Response(stored.id, key, minister_id, stored.area, stance, body, now)
        self.records.append(record)
        self.campaigns.outbox.add(Event(stored.id, response_key(key), Kind.RESPONSE.value, stored.area, now,
                                        stance=stance))
        return copy.copy(record)

    def history(self, campaign_id: str) -> list[Any]:
        mine = [copy.copy(r) for r in self.records if r.campaign_id == campaign_id]
        return sorted(mine, key=lambda r: r.response_key, reverse=True)

    def inbox(self, areas: list[str], per_area: int = 100) -> list[Any]:
        """The sparse `ministers_inbox` index: whatever has `inbox_area`, oldest threshold first."""
        found = []
        for area in areas:
            waiting = [c for c in self.campaigns.items.values() if c.inbox_area == area]
            found += sorted(waiting, key=lambda c: c.threshold_reached_at or "")[:per_area]
        return [copy.deepcopy(c) for c in sorted(found, key=lambda c: c.threshold_reached_at or "")]


class FakeReports:
    def __init__(self) -> None:
        self.reports: dict[str, dict[str, str]] = {}  # target -> reporter -> reason
        self.queue: set[str] = set()  # targets awaiting a moderator

    def report(self, target: str, reporter_id: str, reason: str) -> int:
        reporters = self.reports.setdefault(target, {})
        if reporter_id in reporters:
            raise Conflict("You have reported this already.", code="already_reported")
        reporters[reporter_id] = reason
        self.queue.add(target)
        return len(reporters)

    def reviewed(self, target: str) -> int:
        self.queue.discard(target)
        return len(self.reports.get(target, {}))


class FakeRateLimits:
    """Fixed windows, as `store.rate_limits.take`: the count resets when the clock enters the next window."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.counts: dict[str, int] = {}

    def take(self, action: str, person_id: str, limit: int, window_seconds: int) -> None:
        now = self.clock.moment.timestamp()
        window_start = int(now // window_seconds * window_seconds)
        key = f"{action}#{person_id}#{window_start}"
        if self.counts.get(key, 0) >= limit:
            retry_after = max(1, int(window_start + window_seconds - now))
            raise RateLimited(f"This can be done {limit} times; try again later.", retry_after=retry_after,
                              details={"limit": limit, "retry_after_seconds": retry_after})
        self.counts[key] = self.counts.get(key, 0) + 1


def build() -> Stores:
    """A fresh, empty world. The fakes share one clock, one outbox and the frozen counters."""
    clock = Clock()
    outbox = FakeOutbox(clock)
    campaigns = outbox.campaigns = FakeCampaigns(clock, outbox, frozen=set())
    supports = FakeSupports(campaigns)
    return Stores(campaigns=campaigns, campaign_lists=campaigns, people=FakePeople(), supports=supports,
                  follows=supports, replies=FakeReplies(clock, outbox), responses=FakeResponses(clock, campaigns),
                  owner_updates=outbox, outbox=outbox, reports=FakeReports(), rate_limits=FakeRateLimits(clock))
