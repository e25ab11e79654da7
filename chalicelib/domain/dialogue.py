"""The dialogue's rules and shapes: replies, badges, official responses, reports."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.people import PersonSummary
from chalicelib.domain.schemas import ListQuery, StrictModel

MAX_DEPTH = 3  # levels shown in a thread
REPLIES_PER_HOUR = 30


class ReplyCreate(StrictModel):
    body: str = Field(min_length=1, max_length=5000)
    parent_id: str | None = Field(default=None, max_length=64)


class ReplyEdit(StrictModel):
    body: str = Field(min_length=1, max_length=5000)


class Badge(BaseModel):
    kind: Literal["owner", "minister", "organisation"]
    portfolio: list[str] | None = None
    organisation: str | None = None


class Reply(BaseModel):
    id: str
    campaign_id: str
    parent_id: str | None
    depth: int
    author: PersonSummary
    body: str
    badges: list[Badge]
    created_at: str
    edited: bool
    edited_at: str | None
    removed: bool = Field(description="deleted by its author: a tombstone that keeps the thread's shape")
    hidden: bool = Field(description="hidden by moderation: only its author and moderators see it")
    version: int


class ReplyPage(BaseModel):
    items: list[Reply]
    next_cursor: str | None


class ResponseCreate(StrictModel):
    stance: Literal["accepted", "considering", "declined"]
    body: str = Field(min_length=20, max_length=10_000)


class ResponseShown(BaseModel):
    minister: PersonSummary
    area: str
    stance: str
    body: str
    created_at: str
    current: bool


class ResponseHistory(BaseModel):
    items: list[ResponseShown]


class InboxItem(BaseModel):
    campaign_id: str
    slug: str
    title: str
    area: str
    support_count: int
    threshold_reached_at: str
    days_waiting: int
    overdue: bool


class Inbox(BaseModel):
    items: list[InboxItem]
    next_cursor: str | None = None


class ReportCreate(StrictModel):
    target_type: Literal["campaign", "reply"]
    target_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=5, max_length=1000)


class ReportAccepted(BaseModel):
    target_type: str
    target_id: str
    reports: int
    hidden: bool


class ModerationAction(StrictModel):
    action: Literal["hide", "restore"]
    reason: str = Field(min_length=5, max_length=2000)


class ThreadQuery(ListQuery):
    pass


def reply_badges(caller: Caller, *, owner_id: str, portfolio: list[str], organisation_handle: str | None,
                 member_of_host: bool) -> list[dict]:
    """What a reply shows about who wrote it, decided when it is written."""
    badges: list[dict] = []
    if caller.id == owner_id:
        badges.append({"kind": "owner"})
    if caller.has(Role.MINISTER):
        badges.append({"kind": "minister", "portfolio": sorted(portfolio)})
    if member_of_host and organisation_handle:
        badges.append({"kind": "organisation", "organisation": organisation_handle})
    return badges


def days_waiting(since: datetime, now: datetime) -> int:
    return max(0, (now - since).days)


def is_overdue(since: datetime, now: datetime, deadline_days: int) -> bool:
    return days_waiting(since, now) > deadline_days
