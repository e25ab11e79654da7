"""In-memory stand-ins for the dialogue's ports: replies, responses, reports and rate limits
(see `fakes.py` for what the fakes promise)."""

from __future__ import annotations

import copy
import secrets
from typing import Any

from chalicelib.domain.dialogue import reply_placement
from chalicelib.domain.errors import Conflict, NotFound, RateLimited, StaleVersion
from chalicelib.domain.events import EventKind
from chalicelib.domain.limits import Limit, decide
from chalicelib.domain.moderation import ReportTally, parse_target
from chalicelib.store.outbox import reply_alert_key, reply_notice_key, response_key
from tests.logic.fakes_base import Badge, Clock, ConditionFailed, Event, OfficialResponse, Reply, Response


class FakeReplies:
    def __init__(self, clock: Clock, outbox: Any, rate_limits: Any) -> None:  # a FakeOutbox, FakeRateLimits
        self.clock, self.outbox, self.rate_limits = clock, outbox, rate_limits
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
                     badges: list[dict], tell_area: str | None = None, limit: Limit | None = None,
                     notice_area: str = "") -> Any:
        parent = self.get_reply(parent_id, campaign_id) if parent_id else None
        if limit is not None:  # in the reply's own transaction: refused before anything is written
            self.rate_limits.take(limit, author_id)
        attach_to, depth = reply_placement(parent.reply_id if parent else None, parent.depth if parent else None,
                                           parent.parent_id if parent else None)
        reply_id = f"{len(self.items) + 1:020d}-{secrets.token_hex(4)}"  # time first in AWS: creation order
        reply = Reply(reply_id, campaign_id, author_id, attach_to, depth, body, [Badge(**b) for b in badges],
                      self.clock.iso())
        self.items[reply_id] = reply
        key = reply_alert_key(reply.created_at)
        if tell_area and (campaign_id, key) not in self.outbox.events:  # one alert per campaign per hour
            self.outbox.add(Event(campaign_id, key, EventKind.REPLY_ON_ANSWERED.value, tell_area, reply.created_at))
        told = parent is not None and parent.author_id != author_id and not parent.deleted_at and not parent.hidden
        key = reply_notice_key(parent.reply_id, reply.created_at) if parent is not None else ""
        if told and (campaign_id, key) not in self.outbox.events:  # one notice per reply answered per hour
            self.outbox.add(Event(campaign_id, key, EventKind.REPLY_TO_REPLY.value, notice_area, reply.created_at,
                                  parent_id=parent.reply_id, reply_id=reply_id))
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
    def __init__(self, clock: Clock, campaigns: Any) -> None:  # campaigns: FakeCampaigns
        self.clock, self.campaigns = clock, campaigns
        self.records: list[Any] = []
        self.answer_days: dict[str, list[int]] = {}  # the minister-records table

    def give_response(self, campaign: Any, minister_id: str, stance: str, body: str, announce: bool,
                      answered_after_days: int | None = None) -> Any:
        stored, now = self.campaigns.public(campaign.id, "be answered"), self.clock.iso()
        read, current = campaign.official_response, stored.official_response
        if (read and read.created_at) != (current and current.created_at):  # answered since the read
            raise StaleVersion("The campaign was answered meanwhile.")
        if answered_after_days is not None:
            if not stored.inbox_area:  # the store's condition: counted only while it waits
                raise StaleVersion("The campaign was answered meanwhile.")
            self.answer_days.setdefault(minister_id, []).append(answered_after_days)
        key = f"{now}#{secrets.token_hex(4)}"
        stored.official_response = OfficialResponse(minister_id, stance, body, now)
        stored.inbox_area, stored.version = None, stored.version + 1  # answered: out of the inbox
        record = Response(stored.id, key, minister_id, stored.area, stance, body, now)
        self.records.append(record)
        if announce:
            self.campaigns.outbox.add(Event(stored.id, response_key(key), EventKind.RESPONSE.value, stored.area, now,
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
    """`store.reports`: one report per person per target; a summary per target whose counting
    starts again at each moderator decision; hiding for reports only if no decision came since."""

    def __init__(self, replies: FakeReplies, campaigns: Any) -> None:  # campaigns: FakeCampaigns
        self.replies, self.campaigns = replies, campaigns
        self.reports: dict[str, dict[str, str]] = {}  # target -> reporter -> reason
        self.counting: dict[str, int] = {}  # target -> reports that count since the last decision
        self.decided: dict[str, str] = {}  # target -> a mark of its last decision
        self.queue: set[str] = set()  # targets awaiting a moderator

    def report(self, target: str, reporter_id: str, reason: str, counts: bool) -> ReportTally:
        reporters = self.reports.setdefault(target, {})
        if reporter_id in reporters:
            raise Conflict("You have reported this already.", code="already_reported")
        reporters[reporter_id] = reason
        self.counting[target] = self.counting.get(target, 0) + (1 if counts else 0)
        self.queue.add(target)
        return ReportTally(total=len(reporters), counting=self.counting[target], decided_at=self.decided.get(target))

    def hide_unless_decided(self, target: str, decided_at: str | None) -> bool:
        if self.decided.get(target) != decided_at:
            return False
        target_type, target_id = parse_target(target)
        if target_type == "reply":
            stored = self.replies.items[target_id]
            stored.hidden, stored.version = True, stored.version + 1
        else:
            self.campaigns.stored(target_id).hidden = True  # a system update: the version stays
        return True

    def reviewed(self, target: str) -> int:
        self.queue.discard(target)
        self.counting[target] = 0
        self.decided[target] = f"decision-{len(self.decided) + 1}-{secrets.token_hex(2)}"
        return len(self.reports.get(target, {}))


class FakeRateLimits:
    """Rolling windows, as `store.rate_limits.take`: the last uses' times per key, `domain.limits.decide`."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.uses: dict[str, tuple[float, ...]] = {}

    def take(self, limit: Limit, subject_id: str) -> None:
        key = f"{limit.action}#{subject_id}"
        decision = decide(limit, self.uses.get(key, ()), self.clock.moment.timestamp())
        if not decision.allowed:
            raise RateLimited(limit.describe(), retry_after=decision.retry_after,
                              details={"limit": limit.count, "window_seconds": limit.window_seconds,
                                       "retry_after_seconds": decision.retry_after})
        self.uses[key] = decision.uses
