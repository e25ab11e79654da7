"""Following and unfollowing: idempotent per person, like supporting, and written the same way: the
limit decided from this container's copy (read first if it holds none: store/first_reads.py), then
one conditional write, the one call on a warm container. The follows' stream charges the person's
rate-limit item and removes a follow past it, and removes a follow of a person being erased.
The shard's counter keeps how many follow there, moved by the follows' stream exactly once
(store/stream_tally.py), so the fan-out knows which shards to page; nobody is shown it."""

from __future__ import annotations

import time

from pynamodb.exceptions import DeleteError, PutError

from chalicelib.domain.limits import Limit
from chalicelib.domain.shards import campaign_of, shard_key, shard_of
from chalicelib.store import erasures, first_reads, rate_limits
from chalicelib.store.base import is_condition_failure, iso, utcnow
from chalicelib.store.pagination import campaigns_of_person
from chalicelib.store.tables.follows import FollowRecord


def _key(campaign_id: str, person_id: str) -> str:
    return shard_key(campaign_id, shard_of(person_id))


def follow(campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
    """True if the follow is new; following twice keeps the first follow (and its time) and keeps no
    use of `limit`. ConditionFailed "limit" (this container's copy)."""
    key = _key(campaign_id, person_id)
    moment = utcnow()
    erasures.refuse_if_started_here(person_id)
    first_reads.read_missing(person_id, limit=limit)

    def put() -> bool:
        try:
            FollowRecord(campaign_shard=key, person_id=person_id, campaign_id=campaign_id,
                         followed_at=iso(moment), limited=True if limit is not None else None,
                         ).save(condition=FollowRecord.person_id.does_not_exist())
        except PutError as exc:
            if is_condition_failure(exc):
                return False
            raise
        return True

    return rate_limits.written_within_copy(limit, person_id, moment.timestamp(), put)


def unfollow(campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
    """True if the person had followed; one use of `limit` (if given) kept only then."""
    key = _key(campaign_id, person_id)
    first_reads.read_missing(person_id, limit=limit)

    def delete() -> bool:
        try:
            FollowRecord(campaign_shard=key, person_id=person_id).delete(condition=FollowRecord.person_id.exists())
        except DeleteError as exc:
            if is_condition_failure(exc):
                return False
            raise
        return True

    return rate_limits.written_within_copy(limit, person_id, time.time(), delete)


def followed_by(person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """The campaigns a person follows, newest follow first."""
    return campaigns_of_person(FollowRecord.by_person, person_id, limit, cursor)


def followed_campaign_ids(person_id: str) -> list[str]:
    """Every campaign a person follows (export, erasure)."""
    return [campaign_of(r.campaign_shard) for r in FollowRecord.by_person.query(person_id)]
