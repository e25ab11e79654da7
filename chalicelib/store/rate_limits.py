"""Rolling-window rate limits: exact across Lambda containers.

One item per limited action and person (or campaign) holds the times of its last uses
(`domain.limits.decide` says whether one more fits). It is read consistently and put back only
if nobody wrote it in between (`revision`); two requests racing for the last place cannot both
have it: the loser reads again and is refused.

`take_within` puts the same conditional write inside a caller's transaction, from the copy this
container last saw (`read_cache.rate_limit_uses`; none: assumed absent), so a warm request spends
no call of its own on it. A stale copy fails the condition; the caller rereads (`reload`) and
tries again. A copy can only lack uses, never hold one that did not happen, so a refusal it gives
is as exact as a read's.

`allowed_by_copy` decides from the copy alone, with no write: the support path's (supporting,
withdrawing, following), whose streams charge the item and remove what is past it
(store/stream_backstop.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast

from pynamodb.exceptions import PutError

from chalicelib.domain.errors import Busy, ConditionFailed
from chalicelib.domain.limits import Limit, decide
from chalicelib.store.base import Transaction, is_condition_failure
from chalicelib.store.read_cache import rate_limit_uses
from chalicelib.store.tables.rate_limits import RateLimitRecord

ATTEMPTS = 5  # one person racing themselves; more than this is a script, told to come back


def key_of(limit: Limit, subject_id: str) -> str:
    return f"{limit.action}#{subject_id}"


def _uses(record: RateLimitRecord) -> list[float]:
    """The times a record holds (PynamoDB's stubs type a list of numbers as a list of attributes)."""
    return cast(list[float], record.uses)


def _remember(key: str, uses: tuple[float, ...], revision: int) -> None:
    rate_limit_uses.put(key, (uses, revision))


def take_within(tx: Transaction, limit: Limit, subject_id: str, label: str = "limit") -> None:
    """Add one use of `limit` to `tx`, conditional on the revision this container last saw;
    ConditionFailed "limit" now if that copy already refuses it. If `label` fails, `reload` and rebuild."""
    written, condition, remember = _next_use(limit, key_of(limit, subject_id))
    tx.save(written, label, condition=condition)
    tx.after_commit.append(remember)


def copy_held(key: str) -> bool:
    return key in rate_limit_uses


def keep_copy(key: str, item: dict[str, Any] | None) -> None:
    """The item just read (as DynamoDB sends it; None: absent), kept as this container's copy."""
    if item is None:
        _remember(key, (), 0)
        return
    uses = tuple(float(u["N"]) for u in item.get("uses", {}).get("L", []))
    _remember(key, uses, int(item.get("revision", {}).get("N", "0")))


def allowed_by_copy(limit: Limit, subject_id: str, at: float) -> Callable[[], None]:
    """Whether this container's copy lets one more use at `at` through, with no call: ConditionFailed
    "limit" (with when the next fits) if not; else what to call once the write it guards is made, to
    keep that use in the copy. The DynamoDB item is the backstop: the supports' and follows' streams
    charge every change to it, exactly, and remove a support or follow past it (store/stream_backstop.py).
    A person on one container is refused at once; across containers, within a stream's second."""
    key = key_of(limit, subject_id)
    uses, seen = rate_limit_uses.get(key, ((), 0))
    decision = decide(limit, list(uses), at)
    if not decision.allowed:
        raise ConditionFailed("limit", retry_after=decision.retry_after)
    return lambda: _remember(key, decision.uses, seen)


def written_within_copy(limit: Limit | None, subject_id: str, at: float, write: Callable[[], bool]) -> bool:
    """`write` (a conditional write: True if it changed something) under `limit` as this container's
    copy decides (`allowed_by_copy`: ConditionFailed "limit" before any write); the use is kept in
    the copy only if the write changed something (supporting twice spends nothing)."""
    keep_use = allowed_by_copy(limit, subject_id, at) if limit is not None else None
    changed = write()
    if changed and keep_use is not None:
        keep_use()
    return changed


def _next_use(limit: Limit, key: str) -> tuple[RateLimitRecord, Any, Callable[[], None]]:
    """From this container's copy: the item with one more use, the condition that the copy is still
    the item's revision, and what to remember once it is written. ConditionFailed "limit" past it."""
    uses, seen = rate_limit_uses.get(key, ((), 0))
    decision = decide(limit, list(uses), time.time())
    if not decision.allowed:
        raise ConditionFailed("limit", retry_after=decision.retry_after)
    written = RateLimitRecord(key=key, uses=list(decision.uses), revision=seen + 1,
                              expires_at=int(max(decision.uses)) + limit.window_seconds + 1)
    condition = (RateLimitRecord.revision == seen) if seen else RateLimitRecord.key.does_not_exist()
    return written, condition, lambda: _remember(key, decision.uses, seen + 1)


def reload(limit: Limit, subject_id: str) -> None:
    """The copy `take_within` failed on was stale: read the item as it is now."""
    key = key_of(limit, subject_id)
    try:
        record = RateLimitRecord.get(key, consistent_read=True)
        _remember(key, tuple(_uses(record)), int(record.revision))
    except RateLimitRecord.DoesNotExist:
        rate_limit_uses.forget(key)


def take(limit: Limit, subject_id: str, now: float | None = None) -> None:
    """Count one use of `limit` by `subject_id`; ConditionFailed "limit" (with when the next fits)
    past it; Busy if others kept writing the same item through every attempt."""
    key = key_of(limit, subject_id)
    for _ in range(ATTEMPTS):
        at = now if now is not None else time.time()
        try:
            record = RateLimitRecord.get(key, consistent_read=True)
        except RateLimitRecord.DoesNotExist:
            record = None
        seen = int(record.revision) if record else 0
        decision = decide(limit, _uses(record) if record else [], at)
        if not decision.allowed:
            raise ConditionFailed("limit", retry_after=decision.retry_after)
        written = RateLimitRecord(key=key, uses=list(decision.uses), revision=seen + 1,
                                  expires_at=int(max(decision.uses)) + limit.window_seconds + 1)
        condition = (RateLimitRecord.revision == seen) if record else RateLimitRecord.key.does_not_exist()
        try:
            written.save(condition=condition)
            return
        except PutError as exc:
            if not is_condition_failure(exc):
                raise
    raise Busy()


def forget(subject_id: str, limits: tuple[Limit, ...]) -> None:
    """Erasure: the uses kept under a person's id."""
    for limit in limits:
        rate_limit_uses.forget(key_of(limit, subject_id))
        RateLimitRecord(key=key_of(limit, subject_id)).delete()
