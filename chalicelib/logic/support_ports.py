"""The ports of a person's part in campaigns: supports, follows, the counts they make, a person's own
part read fresh, and the rate limits. Part of `logic.ports.Stores`; the same rules hold (the domain's
types in and out, ConditionFailed by its label). Only mypy and the tests import this module: a request
reaches storage through `logic.ports.stores()` and never builds these Protocols."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from chalicelib.domain.campaigns import Campaign, Snapshot
from chalicelib.domain.dialogue import Reply
from chalicelib.domain.limits import Limit
from chalicelib.domain.own_view import GivenSupport
from chalicelib.domain.regional_figures import Tally


class SupportPort(Protocol):
    # None: no such campaign. Kept two seconds per container; read for `person_id`, with what the
    # container lacks of theirs for the write to come (region facts if `region`, `limit`'s item).
    def campaign_snapshot(self, campaign_id: str, person_id: str | None = None, limit: Limit | None = None,
                          region: bool = False) -> Snapshot | None: ...
    # `limit`: decided from the container's copy ("limit"); "erasing"/"erased" only on the container
    # that started the erasure. The stream charges the item and removes a change past it, and what
    # a close or an erasure forbids; Busy.
    def support(self, campaign_id: str, person_id: str, *, consent_version: str,
                limit: Limit | None = None) -> bool: ...
    def withdraw(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...
    def anonymise(self, campaign_id: str, person_id: str) -> bool: ...
    def supported_by(self, person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]: ...
    # The exact count, every supporter by cell and those still settling, from one consistent read
    # of every shard; then the settling counters whose day has come can be removed.
    def tally(self, campaign_id: str, today: date) -> Tally: ...
    def remove_gone_by(self, gone_by: Mapping[str, Sequence[str]]) -> int: ...


class FollowPort(Protocol):
    def follow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...
    def unfollow(self, campaign_id: str, person_id: str, limit: Limit | None = None) -> bool: ...
    def followed_by(self, person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]: ...


class CountPort(Protocol):
    """The shown count and what it decides, each write conditional so a retried batch converges."""

    # None: a later reading is there already (or no such campaign); else the campaign as written.
    def write_count(self, campaign_id: str, total: int, read_at: str, by_region: Mapping[str, int] | None = None,
                    settling: Mapping[str, Mapping[str, int]] | None = None) -> Campaign | None: ...
    def raise_milestone(self, campaign_id: str, area: str, milestone: int, now: datetime) -> bool: ...
    def raise_threshold(self, campaign_id: str, area: str, total: int, now: datetime) -> bool: ...
    def record_milestone(self, campaign_id: str, milestone: int) -> None: ...
    def enter_inbox(self, campaign_id: str, area: str, at: str) -> None: ...


class OwnPartPort(Protocol):
    """A person's part in one campaign, read fresh (consistent where their own acts change it)."""

    def campaign_now(self, campaign_id: str) -> Campaign | None: ...  # its state, count and stage only
    def support_of(self, campaign_id: str, person_id: str) -> GivenSupport | None: ...
    def follows(self, campaign_id: str, person_id: str) -> bool: ...
    def replies_on(self, campaign_id: str, author_id: str) -> list[Reply]: ...  # among their latest, newest first


class RateLimitPort(Protocol):
    def take(self, limit: Limit, subject_id: str) -> None: ...  # "limit" (with when it frees); Busy
