"""Following and unfollowing: idempotent per person, like supporting. The shard's counter
keeps how many follow there, so the fan-out knows which shards to page; nobody is shown it."""

from __future__ import annotations

from chalicelib.domain.limits import Limit
from chalicelib.domain.shards import campaign_of, shard_key, shard_of
from chalicelib.store.base import Transaction, iso, utcnow
from chalicelib.store.guards import Guards
from chalicelib.store.pagination import campaigns_of_person
from chalicelib.store.supports import commit_changed
from chalicelib.store.tables.follows import FollowRecord
from chalicelib.store.tables.support_counters import SupportCounterRecord


def _key(campaign_id: str, person_id: str) -> str:
    return shard_key(campaign_id, shard_of(person_id))


def _counter(campaign_id: str, person_id: str) -> SupportCounterRecord:
    return SupportCounterRecord(counter_id=_key(campaign_id, person_id), campaign_id=campaign_id)


def follow(campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
    """True if the follow is new; following twice keeps the first follow (and its time). One use of
    `limit` (if given) and the erasure check go in the same transaction."""
    def build() -> Transaction:
        tx = Transaction()
        tx.save(FollowRecord(campaign_shard=_key(campaign_id, person_id), person_id=person_id,
                             campaign_id=campaign_id, followed_at=iso(utcnow())),
                "person", condition=FollowRecord.person_id.does_not_exist())
        tx.update(_counter(campaign_id, person_id), [SupportCounterRecord.followers.add(1),
                                                     SupportCounterRecord.campaign_id.set(campaign_id)],
                  "counter", check_version=False)
        return tx

    return commit_changed(build, Guards(person_id, limit))


def unfollow(campaign_id: str, person_id: str, limit: Limit | None = None) -> bool:
    """True if the person had followed; one use of `limit` (if given) in the same transaction."""
    def build() -> Transaction:
        tx = Transaction()
        tx.delete(FollowRecord(campaign_shard=_key(campaign_id, person_id), person_id=person_id),
                  "person", condition=FollowRecord.person_id.exists())
        tx.update(_counter(campaign_id, person_id), [SupportCounterRecord.followers.add(-1)], "counter",
                  check_version=False)
        return tx

    return commit_changed(build, Guards(person_id, limit, not_erasing=False))


def followed_by(person_id: str, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """The campaigns a person follows, newest follow first."""
    return campaigns_of_person(FollowRecord.by_person, person_id, limit, cursor)


def followed_campaign_ids(person_id: str) -> list[str]:
    """Every campaign a person follows (export, erasure)."""
    return [campaign_of(r.campaign_shard) for r in FollowRecord.by_person.query(person_id)]
