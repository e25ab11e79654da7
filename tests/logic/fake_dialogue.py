"""In-memory stand-ins for the dialogue's ports: replies, responses, reports and rate limits
(see `fakes.py` for what the fakes promise)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from chalicelib.domain.campaigns import Answer, Campaign, is_public
from chalicelib.domain.dialogue import Badge, Edit, Reply, Response, reply_placement
from chalicelib.domain.events import EventKind
from chalicelib.domain.limits import Limit, decide
from chalicelib.domain.moderation import OpenReport, ReportTally, parse_target
from chalicelib.store.outbox import reply_alert_key, reply_notice_key, response_key
from tests.logic.fakes_base import Clock, ConditionFailed, OutboxEvent

if TYPE_CHECKING:
    from tests.logic.fake_notifications import FakeErasures
    from tests.logic.fakes import FakeCampaigns, FakeOutbox


class Unreported(Exception):
    """A PynamoDB condition the store does not report (an update from a copy it just read): in
    production, a 500."""


class FakeRateLimits:
    """Rolling windows, as `store.rate_limits.take`: the last uses' times per key, `domain.limits.decide`."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.uses: dict[str, tuple[float, ...]] = {}

    def take(self, limit: Limit, subject_id: str) -> None:
        key = f"{limit.action}#{subject_id}"
        decision = decide(limit, self.uses.get(key, ()), self.clock.moment.timestamp())
        if not decision.allowed:
            raise ConditionFailed("limit", retry_after=decision.retry_after)
        self.uses[key] = decision.uses


class FakeReplies:
    def __init__(self, clock: Clock, outbox: FakeOutbox, rate_limits: FakeRateLimits, erasures: FakeErasures) -> None:
        self.clock, self.outbox, self.rate_limits, self.erasures = clock, outbox, rate_limits, erasures
        self.items: dict[str, Reply] = {}

    def _update(self, reply: Reply, **changes: object) -> Reply:
        """`ReplyRecord.update(...)`: PynamoDB's version condition, then the version moves on."""
        stored = self.items[reply.reply_id]
        if stored.version != reply.version:
            raise Unreported("the reply changed meanwhile")
        updated = self.items[reply.reply_id] = replace(stored, **changes, version=stored.version + 1)  # type: ignore[arg-type]
        return updated

    def get_reply(self, reply_id: str, campaign_id: str | None = None) -> Reply | None:
        reply = self.items.get(reply_id)
        if reply is None or (campaign_id is not None and reply.campaign_id != campaign_id):
            return None
        return reply

    def thread(self, campaign_id: str, limit: int, cursor: str | None) -> tuple[list[Reply], str | None]:
        ids = sorted(i for i, r in self.items.items() if r.campaign_id == campaign_id and i > (cursor or ""))
        page = [self.items[i] for i in ids[:limit]]
        return page, (page[-1].reply_id if len(page) == limit else None)  # DynamoDB: a full page has a next key

    def create_reply(self, *, campaign_id: str, author_id: str, body: str, parent_id: str | None,
                     badges: Sequence[Badge], tell_area: str | None = None, limit: Limit | None = None,
                     notice_area: str = "", language: str = "en") -> Reply:
        parent = self.get_reply(parent_id, campaign_id) if parent_id else None
        if parent_id and parent is None:
            raise ConditionFailed("parent")
        if (state := self.erasures.state_of(author_id)) is not None:  # in the reply's own transaction
            raise ConditionFailed(state)
        if limit is not None:  # likewise: refused before anything is written
            self.rate_limits.take(limit, author_id)
        attach_to, depth = reply_placement(parent.reply_id if parent else None, parent.depth if parent else None,
                                           parent.parent_id if parent else None)
        reply_id = f"{len(self.items) + 1:020d}-{secrets.token_hex(4)}"  # time first in AWS: creation order
        reply = self.items[reply_id] = Reply(reply_id, campaign_id, author_id, body, self.clock.iso(),
                                             parent_id=attach_to, depth=depth, badges=tuple(badges), version=1,
                                             language=language)
        if tell_area:  # one alert per campaign per hour: a later reply in the hour goes without it
            self.outbox.add_once(OutboxEvent(campaign_id, reply_alert_key(reply.created_at),
                                             EventKind.REPLY_ON_ANSWERED.value, tell_area, reply.created_at))
        if parent is not None and parent.author_id != author_id and not parent.deleted_at and not parent.hidden:
            # The answered reply's author is told, once an hour per reply, in the same write.
            self.outbox.add_once(OutboxEvent(campaign_id, reply_notice_key(parent.reply_id, reply.created_at),
                                             EventKind.REPLY_TO_REPLY.value, notice_area, reply.created_at,
                                             parent_id=parent.reply_id, reply_id=reply_id))
        return reply

    def edit_reply(self, reply: Reply, body: str, language: str | None = None) -> Reply:
        if self.items[reply.reply_id].deleted_at:
            raise Unreported("deleted_at exists")
        now = self.clock.iso()
        history = (*self.items[reply.reply_id].history, Edit(reply.body, now))
        kept = {"language": language} if language is not None else {}
        return self._update(reply, history=history, body=body, edited_at=now, **kept)

    def delete_reply(self, reply: Reply) -> Reply:
        return self._update(reply, body="", history=(), deleted_at=self.clock.iso())

    def set_hidden(self, reply: Reply, hidden: bool) -> Reply:
        return self._update(reply, hidden=hidden)

    def by_author(self, author_id: str, limit: int) -> list[Reply]:
        return sorted((r for r in self.items.values() if r.author_id == author_id), key=lambda r: r.reply_id,
                      reverse=True)[:limit]

    def page_by_author(self, author_id: str, limit: int, cursor: str | None) -> tuple[list[Reply], str | None]:
        newest_first = [r for r in self.by_author(author_id, len(self.items)) if not cursor or r.reply_id < cursor]
        page = newest_first[:limit]
        return page, (page[-1].reply_id if len(page) == limit else None)

    def get_replies(self, reply_ids: list[str]) -> dict[str, Reply]:
        return {i: self.items[i] for i in reply_ids if i in self.items}

    def thread_cursor_after(self, reply: Reply) -> str | None:
        return reply.reply_id


class FakeResponses:
    def __init__(self, clock: Clock, campaigns: FakeCampaigns) -> None:
        self.clock, self.campaigns = clock, campaigns
        self.records: list[Response] = []
        self.answered_in: dict[str, list[int]] = {}  # the minister-records table: days each answer took

    def give_response(self, campaign: Campaign, minister_id: str, stance: str, body: str, announce: bool,
                      answered_after_days: int | None = None) -> Response:
        stored, now = self.campaigns.items[campaign.id], self.clock.iso()
        read, current = campaign.official_response, stored.official_response
        answered_since = (read and read.created_at) != (current and current.created_at)
        if (not is_public(stored.status, stored.hidden) or answered_since
                or (answered_after_days is not None and not stored.inbox_area)):  # counted only while it waits
            raise ConditionFailed("campaign")
        if answered_after_days is not None:
            self.answered_in.setdefault(minister_id, []).append(answered_after_days)
        key = f"{now}#{secrets.token_hex(4)}"
        self.campaigns.items[stored.id] = replace(stored, official_response=Answer(minister_id, stance, body, now),
                                                  inbox_area=None, version=stored.version + 1)  # out of the inbox
        record = Response(stored.id, key, minister_id, stored.area, stance, body, now)
        self.records.append(record)
        if announce:
            self.campaigns.outbox.add(OutboxEvent(stored.id, response_key(key), EventKind.RESPONSE.value, stored.area,
                                                  now, stance=stance))
        return record

    def history(self, campaign_id: str) -> list[Response]:
        return sorted((r for r in self.records if r.campaign_id == campaign_id), key=lambda r: r.response_key,
                      reverse=True)

    def _waiting(self, area: str) -> list[Campaign]:
        """The sparse `ministers_inbox` index: whatever has `inbox_area`, oldest threshold first."""
        return sorted((c for c in self.campaigns.items.values() if c.inbox_area == area),
                      key=lambda c: c.threshold_reached_at or "")

    def inbox(self, areas: list[str], per_area: int = 100) -> list[Campaign]:
        found = [c for area in areas for c in self._waiting(area)[:per_area]]
        return sorted(found, key=lambda c: c.threshold_reached_at or "")

    def campaigns_answered_by(self, minister_id: str, limit: int) -> list[str]:
        newest_first = [r.campaign_id for r in sorted(self.records, key=lambda r: r.response_key, reverse=True)
                        if r.minister_id == minister_id]
        return list(dict.fromkeys(newest_first))[:limit]

    def waiting_since(self, area: str) -> list[str]:
        return [c.threshold_reached_at or "" for c in self._waiting(area)]

    def answer_days(self, minister_id: str) -> list[int]:
        return list(self.answered_in.get(minister_id, []))


class FakeReports:
    """`store.reports`: one report per person per target; a summary per target whose counting
    starts again at each moderator decision; hiding for reports only if no decision came since."""

    def __init__(self, clock: Clock, replies: FakeReplies, campaigns: FakeCampaigns) -> None:
        self.clock, self.replies, self.campaigns = clock, replies, campaigns
        self.reports: dict[str, dict[str, str]] = {}  # target -> reporter -> reason
        self.counting: dict[str, int] = {}  # target -> reports that count since the last decision
        self.decided: dict[str, str] = {}  # target -> a mark of its last decision
        self.queue: set[str] = set()  # targets awaiting a moderator
        self.queued_at: dict[str, str] = {}  # each one's first report since it was last decided

    def report(self, target: str, reporter_id: str, reason: str, counts: bool) -> ReportTally:
        reporters = self.reports.setdefault(target, {})
        if reporter_id in reporters:
            raise ConditionFailed("report")
        reporters[reporter_id] = reason
        self.counting[target] = self.counting.get(target, 0) + (1 if counts else 0)
        self.queue.add(target)
        self.queued_at.setdefault(target, self.clock.iso())
        return ReportTally(total=len(reporters), counting=self.counting[target], decided_at=self.decided.get(target))

    def hide_unless_decided(self, target: str, decided_at: str | None) -> bool:
        if self.decided.get(target) != decided_at:
            return False
        target_type, target_id = parse_target(target)
        if target_type == "reply":
            stored = self.replies.items[target_id]
            self.replies.items[target_id] = replace(stored, hidden=True, version=stored.version + 1)
        else:  # a system update: the version stays
            self.campaigns.items[target_id] = replace(self.campaigns.items[target_id], hidden=True)
        return True

    def reviewed(self, target: str) -> int:
        self.queue.discard(target)
        self.queued_at.pop(target, None)
        self.counting[target] = 0
        self.decided[target] = f"decision-{len(self.decided) + 1}-{secrets.token_hex(2)}"
        return len(self.reports.get(target, {}))

    def open_reports(self, limit: int = 100) -> list[OpenReport]:
        oldest_first = sorted(self.queued_at.items(), key=lambda item: item[1])[:limit]
        return [OpenReport(target, len(self.reports.get(target, {})), since) for target, since in oldest_first]

    def reasons_for(self, target: str, limit: int = 10) -> list[str]:
        return [reason for reason in self.reports.get(target, {}).values() if reason][:limit]
