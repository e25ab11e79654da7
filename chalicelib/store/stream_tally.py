"""The shard counters, moved by the supports' and the follows' streams rather than in the
person's write (README, "What a support costs against AWS's quotas (issue 30)").

A support's INSERT adds one to its shard's count, and to the region and settling day the item
itself holds (stored when it was made, from the profile read then); a REMOVE takes one off where
the OLD image says it was counted, so a withdrawal never guesses. A batch's changes to one counter
are one item of a TransactWriteItems of up to a hundred counters: 2 write units a counter, far
under one a support at a viral batch's size, and one call, so a batch's counters move in a moment.

Exactly once, although Lambda delivers a batch at least once and retries it: each counter keeps
the sequence number of the last record it applied from each stream (`applied_supports`,
`applied_follows`, zero-padded so that strings compare as numbers), written by the same update
as the counts, on condition that it is still the one read. Records at or below it are skipped. A
counter's records all come from one stream shard (it is the items' partition key), in order, and
the mapping's ParallelizationFactor is 1, so "at or below" means "already applied".

A frozen counter (the campaign closed) keeps when it froze (`frozen_at`). A support made before
then (its request read the counter open and was answered yes) still counts when its record comes;
one made at or after it is removed uncounted (`late`), so a shard still holds one item per counted
support; a REMOVE moves it only for a support made before the freeze and taken back before it too
(a withdrawal that lands after the freeze, from a container whose status copy still said open, is
`kept`: an anonymous support is put back in its place, the count being final once closed).
Anonymising moves no count: the anonymous item's id (`anonymous#...`) is skipped, and the
replaced support is marked `anonymising` before it goes. A counter frozen before `frozen_at` existed
moves no more at all. A support or follow whose person's erasure had started
is counted, then removed by the stream's second reader (`settle`; its REMOVE takes it off again):
the erasure's sweep may have looked before it landed. The same reader charges the rate limit
(store/stream_backstop.py).
"""

from __future__ import annotations

import hashlib
import random
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action

from chalicelib.domain.limits import FOLLOWS as FOLLOWS_LIMIT
from chalicelib.domain.limits import SUPPORT_CHANGES, Limit
from chalicelib.domain.privacy import ANONYMOUS_SUPPORTER_PREFIX, erasure_id_for
from chalicelib.domain.regional_figures import RegionalStanding
from chalicelib.domain.regions import counted_as, counted_region
from chalicelib.domain.shards import campaign_of
from chalicelib.settings import get_settings
from chalicelib.store import stream_backstop
from chalicelib.store.base import Transaction, batch_get, is_condition_failure
from chalicelib.store.tables.follows import FollowRecord
from chalicelib.store.tables.support_counters import (
    SupportCounterRecord,
    region_attribute_name,
    settling_attribute,
)
from chalicelib.store.tables.supports import SupportRecord

SEQUENCE_DIGITS = 40  # DynamoDB's stream sequence numbers are 21 to 40 digits
BATCH_KEYS = 100
TRANSACTION_ITEMS = 100  # TransactWriteItems' limit
RETRIES = 8


@dataclass(frozen=True)
class Change:
    """One counted item's INSERT (+1) or REMOVE (-1) as its stream gave it."""

    counter_id: str  # the item's partition key: the campaign's shard
    member_id: str  # supporter_id or person_id
    sequence: str  # zero-padded
    by: int
    image: dict[str, Any]  # the new image of an INSERT, the old one of a REMOVE (DynamoDB JSON)
    day: date  # when the stream received it (UTC): which settling days have come
    at: float = 0.0  # when the stream received it (epoch seconds, rounded down: what Lambda's record says)

    def text(self, name: str) -> str | None:
        value = self.image.get(name)
        return value.get("S") if value else None


@dataclass
class Applied:
    counted: int = 0  # changes applied to a counter (+ and -)
    skipped: int = 0  # at or below a counter's checkpoint: delivered again
    late: list[str] = field(default_factory=list)  # supports refused by a frozen counter, removed
    erased: int = 0  # supports or follows of a person being erased, removed after being counted
    kept: list[str] = field(default_factory=list)  # withdrawals after a close, kept as anonymous supports
    corrected: int = 0  # supports whose region came from a stale copy, put right before counting
    over_limit: int = 0  # supports or follows past the person's rate limit, removed after being counted


def change_of(record: dict[str, Any], member_key: str) -> Change | None:
    """A stream record (as Lambda gives it) as a Change; None for what moves no count (an edit,
    an anonymised support)."""
    name = record.get("eventName")
    if name not in ("INSERT", "REMOVE"):
        return None
    stream = record["dynamodb"]
    keys = stream["Keys"]
    member = keys[member_key]["S"]
    if member.startswith(ANONYMOUS_SUPPORTER_PREFIX):
        return None
    image = stream.get("NewImage" if name == "INSERT" else "OldImage") or {}
    at = float(stream["ApproximateCreationDateTime"])
    return Change(counter_id=keys["campaign_shard"]["S"], member_id=member,
                  sequence=str(stream["SequenceNumber"]).zfill(SEQUENCE_DIGITS),
                  by=1 if name == "INSERT" else -1, image=image, day=datetime.fromtimestamp(at, UTC).date(), at=at)


def _region_deltas(change: Change) -> dict[str, int]:
    """What one support moves besides the count (as `supports._region_moves` did in the write):
    its region's counter, and while it has not settled, its cell's counter for the day it settles."""
    counts_from = change.text("region_counts_from")
    standing = RegionalStanding(change.text("region"), date.fromisoformat(counts_from) if counts_from else None)
    counted_in = counted_region(standing.region)
    deltas = {region_attribute_name(counted_in): change.by} if counted_in else {}
    # Settling on the day the support was made (as the write did), taken off on the day it goes.
    made_at = change.text("supported_at")
    today = date.fromisoformat(made_at[:10]) if change.by > 0 and made_at else change.day
    if not standing.settled_on(today) and standing.counts_from is not None:
        name = settling_attribute(standing.counts_from, counted_as(counted_in)).attr_name
        deltas[name] = deltas.get(name, 0) + change.by
    return deltas


@dataclass(frozen=True)
class StreamKind:
    """What differs between the supports' stream and the follows'."""

    checkpoint: str  # the counter's attribute holding the last applied sequence number
    count: str  # the counter's attribute the stream moves
    frozen_applies: bool  # supports stop at a frozen counter; follows do not
    regions: bool
    limit: Limit  # what each change is a use of (store/stream_backstop.py)


SUPPORTS = StreamKind("applied_supports", "count", frozen_applies=True, regions=True, limit=SUPPORT_CHANGES)
FOLLOWS = StreamKind("applied_follows", "followers", frozen_applies=False, regions=False, limit=FOLLOWS_LIMIT)


def _read_counters(counter_ids: list[str], stream: StreamKind) -> dict[str, dict[str, Any]]:
    table = get_settings().table_name("support-counters")
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(counter_ids), BATCH_KEYS):
        request: dict[str, Any] = {table: {
            "Keys": [{"counter_id": {"S": c}} for c in counter_ids[start:start + BATCH_KEYS]],
            "ConsistentRead": True, "ProjectionExpression": "counter_id, frozen, frozen_at, #checkpoint",
            "ExpressionAttributeNames": {"#checkpoint": stream.checkpoint}}}
        found.update({item["counter_id"]["S"]: item for item in batch_get(request).get(table, [])})
    return found


def _state(item: dict[str, Any] | None, stream: StreamKind) -> tuple[str | None, bool, str | None]:
    """(checkpoint, frozen, frozen_at) of a counter as read."""
    if item is None:
        return None, False, None
    checkpoint = item.get(stream.checkpoint, {}).get("S")
    return checkpoint, bool(item.get("frozen", {}).get("BOOL")), item.get("frozen_at", {}).get("S")


def _counts(change: Change, frozen: bool, frozen_at: str | None) -> bool:
    """Whether a support's change moves a frozen counter: an INSERT made before the freeze (its
    request found the campaign open and was answered yes), and the REMOVE of such a support only if
    it certainly came before the freeze too; never an anonymising."""
    if not frozen:
        return True
    made_at = change.text("supported_at")
    if frozen_at is None or made_at is None or made_at >= frozen_at:
        return False
    if change.by > 0:
        return True
    return not (change.image.get("anonymising", {}).get("BOOL") or _removed_after(change, frozen_at))


def _removed_after(change: Change, frozen_at: str) -> bool:
    """A REMOVE that certainly came after the freeze. The record's time is rounded down to the
    second, so one in the freeze's own second is taken as before, as a withdrawal whose read found
    the counter open a moment before the freeze was (an erasure that takes a support off, then
    closes the person's own campaign, does it within that second)."""
    return change.at > datetime.fromisoformat(frozen_at).timestamp()


def _kept_withdrawal(change: Change, frozen: bool, frozen_at: str | None) -> bool:
    """A withdrawal of a counted support that landed after the close (a request whose two-second
    status copy still said open): the count is final once closed, so, as a withdrawal from a closed
    campaign is, it is kept as an anonymous support."""
    made_at = change.text("supported_at")
    return (frozen and change.by < 0 and frozen_at is not None and made_at is not None and made_at < frozen_at
            and not change.image.get("anonymising", {}).get("BOOL") and _removed_after(change, frozen_at))


def _keep_anonymous(change: Change) -> None:
    """Put back the support a late withdrawal took, as nobody's: its region only. Its id comes from
    the stream record (not the person), so a batch delivered again puts the same item."""
    digest = hashlib.blake2b(f"{change.counter_id}#{change.sequence}".encode(), digest_size=8).hexdigest()
    SupportRecord(campaign_shard=change.counter_id, supporter_id=f"{ANONYMOUS_SUPPORTER_PREFIX}{digest}",
                  campaign_id=campaign_of(change.counter_id), region=change.text("region")).save()


def _remove_if_unchanged(change: Change, stream: StreamKind) -> bool:
    """Delete the item the change inserted, if it is still that one (a support made again since,
    after a withdrawal, is another). False if it was gone or changed."""
    if stream is SUPPORTS:
        made_at = change.text("supported_at")
        record: SupportRecord | FollowRecord = SupportRecord(campaign_shard=change.counter_id,
                                                             supporter_id=change.member_id)
        condition: Condition = (SupportRecord.supported_at == made_at) if made_at \
            else SupportRecord.supporter_id.exists()
    else:
        made_at = change.text("followed_at")
        record = FollowRecord(campaign_shard=change.counter_id, person_id=change.member_id)
        condition = (FollowRecord.followed_at == made_at) if made_at else FollowRecord.person_id.exists()
    try:
        record.delete(condition=condition)
        return True
    except DeleteError as exc:
        if is_condition_failure(exc):
            return False
        raise


@dataclass
class _Move:
    """What one counter takes from a batch: its update, on condition its checkpoint is as read."""

    counter_id: str
    actions: list[Action]
    condition: Condition
    counted: int
    late: list[str]
    kept: list[str] = field(default_factory=list)


def _move_of(counter_id: str, changes: list[Change], item: dict[str, Any] | None,
             stream: StreamKind) -> tuple[_Move | None, int]:
    """(the counter's move, how many changes were at or below its checkpoint): None if nothing is new.
    A support made after the freeze is removed here, before the checkpoint moves past it (a retry
    finds it gone)."""
    checkpoint, frozen, frozen_at = _state(item, stream)
    frozen = frozen and stream.frozen_applies
    fresh = [c for c in changes if checkpoint is None or c.sequence > checkpoint]
    if not fresh:
        return None, len(changes)
    counted = [c for c in fresh if _counts(c, frozen, frozen_at)]
    late = [c for c in fresh if c.by > 0 and not _counts(c, frozen, frozen_at)]
    removed = [counter_id for c in late if _remove_if_unchanged(c, stream)]
    kept = [c for c in fresh if _kept_withdrawal(c, frozen, frozen_at)]
    for change in kept:  # before the checkpoint moves past it: a retry puts the same item
        _keep_anonymous(change)
    deltas: defaultdict[str, int] = defaultdict(int)
    for change in counted:
        deltas[stream.count] += change.by
        if stream.regions:
            for name, by in _region_deltas(change).items():
                deltas[name] += by
    actions: list[Action] = [NumberAttribute(attr_name=name).add(by) for name, by in sorted(deltas.items()) if by]
    actions += [UnicodeAttribute(attr_name=stream.checkpoint).set(max(c.sequence for c in fresh)),
                SupportCounterRecord.campaign_id.set(campaign_of(counter_id))]
    held = UnicodeAttribute(attr_name=stream.checkpoint)
    condition = (held == checkpoint) if checkpoint is not None else held.does_not_exist()
    if stream.frozen_applies and not frozen:
        condition &= SupportCounterRecord.frozen.does_not_exist()
    return (_Move(counter_id, actions, condition, len(counted), removed, [counter_id for _ in kept]),
            len(changes) - len(fresh))


def _commit(moves: list[_Move]) -> set[str]:
    """Up to a hundred counters' moves in one TransactWriteItems (one call, so a viral batch's
    counters move together, in a moment, rather than one UpdateItem each): the counters to read and
    move again, empty once they are in. A condition failed: frozen meanwhile, or a retried batch
    racing its first delivery moved it. Another write held one: all of them, after a pause."""
    tx = Transaction()
    for move in moves:
        tx.system_update(SupportCounterRecord, move.counter_id, actions=move.actions, label=move.counter_id,
                         condition=move.condition)
    try:
        tx.commit()
        return set()
    except TransactWriteError:
        if tx.failed:
            return tx.failed
        if not tx.conflicted:
            raise
        time.sleep(random.uniform(0, 0.05))  # noqa: S311 - jitter, not security
        return {move.counter_id for move in moves}


def _apply_counters(counter_ids: list[str], by_counter: dict[str, list[Change]],
                    items: dict[str, dict[str, Any]], stream: StreamKind, applied: Applied) -> None:
    """Move up to a hundred counters by their changes, all or none at a time, until they are in."""
    for _ in range(RETRIES):
        moves: list[_Move] = []
        skipped = 0
        for counter_id in counter_ids:
            move, at_or_below = _move_of(counter_id, by_counter[counter_id], items.get(counter_id), stream)
            skipped += at_or_below
            if move is not None:
                moves.append(move)
                applied.late += move.late  # removed already, whether or not the move goes in now
        if moves:
            again = _commit(moves)
            if again:
                items.update(_read_counters(sorted(again), stream))
                continue
        applied.counted += sum(move.counted for move in moves)
        applied.kept += [counter for move in moves for counter in move.kept]
        applied.skipped += skipped
        return
    raise RuntimeError(f"counters {counter_ids[0]}.. kept moving under the stream's update")


def _erasing(person_ids: Iterable[str]) -> set[str]:
    """Which of these people have an erasure item (erasing, or erased lately): one consistent read."""
    table = get_settings().table_name("erasures")
    by_erasure = {erasure_id_for(p): p for p in set(person_ids)}
    ids = sorted(by_erasure)
    found: set[str] = set()
    for start in range(0, len(ids), BATCH_KEYS):
        request: dict[str, Any] = {table: {"Keys": [{"erasure_id": {"S": e}} for e in ids[start:start + BATCH_KEYS]],
                                           "ConsistentRead": True, "ProjectionExpression": "erasure_id"}}
        found |= {by_erasure[i["erasure_id"]["S"]] for i in batch_get(request).get(table, [])}
    return found


def apply(changes: list[Change], stream: StreamKind = SUPPORTS) -> Applied:
    """Apply a batch's changes to the counters: one counter read (BatchGetItem), the regions of
    supports made from a container's copy checked against the profiles (store/stream_backstop.py),
    one TransactWriteItems per hundred counters moved. Safe to run again on the same records.
    `settle` follows, once the count is shown."""
    applied = Applied()
    if not changes:
        return applied
    counter_ids = sorted({c.counter_id for c in changes})
    counters = _read_counters(counter_ids, stream)
    if stream.regions:
        def fresh(change: Change) -> bool:
            checkpoint = _state(counters.get(change.counter_id), stream)[0]
            return checkpoint is None or change.sequence > checkpoint

        changes, applied.corrected = stream_backstop.correct_regions(changes, fresh)
    by_counter: defaultdict[str, list[Change]] = defaultdict(list)
    for change in changes:
        by_counter[change.counter_id].append(change)
    for start in range(0, len(counter_ids), TRANSACTION_ITEMS):
        _apply_counters(counter_ids[start:start + TRANSACTION_ITEMS], by_counter, counters, stream, applied)
    return applied


def settle(changes: list[Change], stream: StreamKind, applied: Applied) -> None:
    """After the counters: remove what a person being erased added, charge every change to the
    person's rate limit and remove a support or follow past it (each counted, then taken off by its
    REMOVE). Safe to run again: a use already charged is found in the item."""
    if not changes:
        return
    erasing = _erasing(c.member_id for c in changes)
    inserted = [c for c in changes if c.by > 0]
    applied.erased = sum(_remove_if_unchanged(c, stream) for c in inserted if c.member_id in erasing)
    applied.over_limit = stream_backstop.enforce_limit(changes, stream.limit, erasing, supports=stream is SUPPORTS)
