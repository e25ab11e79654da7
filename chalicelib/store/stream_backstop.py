"""What the supports' and follows' streams check that a request no longer reads (README, "What a
support costs against AWS's quotas (issue 30)"): a request on a warm container makes one call, its
own conditional write, from this container's copies of the person's region and rate-limit uses.

- **A region from a stale copy** (another container changed the profile): a support made from the
  copy is marked `region_from_copy`; before it is counted, the stream reads the batch's profiles
  (one consistent BatchGetItem per hundred) and, where the copy was stale, corrects the item (on
  condition it is still that support) and counts it where the profile said when it was made. A
  profile whose region changed after the support (`region_since` later) says nothing of then: the
  support stays where it was stored. Its REMOVE later takes it off where the item says: a region
  counted once.
- **The rate limit across containers**: each container refuses from its own copy at once; the
  stream charges every change to the person's DynamoDB item (read consistently, put back on
  condition of its revision, as `rate_limits.take`), exactly: a use's time comes from the record
  itself, so a batch delivered again finds it there and charges nothing twice. A support or follow
  past the limit (made across containers) is marked `over_limit` and removed: counted, then taken
  off by its REMOVE, which is no use of the limit. A withdrawal is never undone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pynamodb.exceptions import DeleteError, PutError, UpdateError

from chalicelib.domain.errors import Busy
from chalicelib.domain.limits import Limit, decide
from chalicelib.domain.regions import counted_region
from chalicelib.settings import get_settings
from chalicelib.store import rate_limits
from chalicelib.store.base import batch_get, is_condition_failure
from chalicelib.store.person_regions import RegionFacts, facts_of
from chalicelib.store.tables.follows import FollowRecord
from chalicelib.store.tables.people import PersonRecord
from chalicelib.store.tables.rate_limits import RateLimitRecord
from chalicelib.store.tables.supports import SupportRecord

if TYPE_CHECKING:
    from chalicelib.store.stream_tally import Change

BATCH_KEYS = 100
REGION_ATTRIBUTES = ["id", "region", "region_since", "created_at"]
LIMIT_ATTRIBUTES = ["key", "uses", "revision"]
PARALLEL_WRITES = 16  # one person's item each: no hot key


def _read(table_short: str, key_name: str, keys: Iterable[str], attributes: list[str]) -> dict[str, dict[str, Any]]:
    """Items by key, consistently, a hundred keys a call."""
    table = get_settings().table_name(table_short)
    ids = sorted(set(keys))
    names = {f"#a{i}": a for i, a in enumerate(attributes)}
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), BATCH_KEYS):
        request: dict[str, Any] = {table: {"Keys": [{key_name: {"S": k}} for k in ids[start:start + BATCH_KEYS]],
                                           "ConsistentRead": True, "ProjectionExpression": ", ".join(names),
                                           "ExpressionAttributeNames": names}}
        found.update({item[key_name]["S"]: item for item in batch_get(request).get(table, [])})
    return found


# --- A region from a stale copy ------------------------------------------------------------------

def _held(facts: RegionFacts, day: date) -> tuple[str | None, str | None]:
    """What a support made on `day` by someone with these facts stores (as `supports._held`)."""
    standing = facts.standing(day)
    return counted_region(standing.region), standing.counts_from.isoformat() if standing.counts_from else None


def correct_regions(changes: list[Change], fresh: Callable[[Change], bool]) -> tuple[list[Change], int]:
    """The batch's changes, each support made from a region copy (and not applied yet) checked
    against the profile and corrected where the copy was stale; and how many were."""
    checked = [c for c in changes if c.by > 0 and c.image.get("region_from_copy", {}).get("BOOL") and fresh(c)]
    if not checked:
        return changes, 0
    profiles = _read("people", "id", (c.member_id for c in checked), REGION_ATTRIBUTES)
    corrected: dict[str, Change] = {}
    for change in checked:
        made_at = change.text("supported_at")
        if made_at is None:
            continue
        raw = profiles.get(change.member_id)
        facts = facts_of(PersonRecord.from_raw_data(raw)) if raw else RegionFacts()
        made = datetime.fromisoformat(made_at)
        if any(moment is not None and moment > made for moment in (facts.region_since, facts.joined_at)):
            continue  # changed since the support: it stays where the profile said then, as stored
        region, counts_from = _held(facts, made.date())
        if (region, counts_from) == (change.text("region"), change.text("region_counts_from")):
            continue
        try:
            SupportRecord(campaign_shard=change.counter_id, supporter_id=change.member_id).update(
                actions=[SupportRecord.region.set(region) if region else SupportRecord.region.remove(),
                         SupportRecord.region_counts_from.set(counts_from) if counts_from
                         else SupportRecord.region_counts_from.remove()],
                condition=SupportRecord.supported_at == made_at)
        except UpdateError as exc:
            if is_condition_failure(exc):  # withdrawn already: its REMOVE takes off what the item said
                continue
            raise
        image = {k: v for k, v in change.image.items() if k not in ("region", "region_counts_from")}
        image |= ({"region": {"S": region}} if region else {}) | \
            ({"region_counts_from": {"S": counts_from}} if counts_from else {})
        corrected[change.sequence] = replace(change, image=image)
    return [corrected.get(c.sequence, c) for c in changes], len(corrected)


# --- The rate limit across containers ------------------------------------------------------------

def use_time(change: Change) -> float:
    """When the change was made, the same on every delivery: an INSERT's own time; a REMOVE's,
    its record's second, told apart within it by its sequence number."""
    made_at = change.text("supported_at") or change.text("followed_at")
    if change.by > 0 and made_at:
        return datetime.fromisoformat(made_at).timestamp()
    return change.at + (int(change.sequence) % 1000) / 1000


def _chargeable(change: Change, erasing: set[str]) -> bool:
    """The person's own changes through a limited route (the item is marked `limited`; what seeds
    and jobs write is no use of anyone's limit): not the stream's removals of what it had counted,
    not an anonymising, nothing of a person being erased (whose uses the erasure deletes)."""
    image = change.image
    return bool(image.get("limited", {}).get("BOOL")) and change.member_id not in erasing and not (
        change.by < 0 and (image.get("anonymising", {}).get("BOOL") or image.get("over_limit", {}).get("BOOL")))


def _charge_person(limit: Limit, key: str, changes: list[Change], item: dict[str, Any] | None) -> list[Change]:
    """Charge one person's changes to their item, on condition of its revision (read again and
    charged again if another batch wrote it first): the supports or follows past the limit."""
    for _ in range(rate_limits.ATTEMPTS):
        uses = [float(u["N"]) for u in (item or {}).get("uses", {}).get("L", [])]
        seen = int((item or {}).get("revision", {}).get("N", "0"))
        kept, past = list(uses), []
        for change in sorted(changes, key=use_time):
            at = use_time(change)
            if at in kept:  # charged by an earlier delivery of this record
                continue
            decision = decide(limit, kept, at)
            if decision.allowed:
                kept = list(decision.uses)
            elif change.by > 0:
                past.append(change)
        if kept == uses:
            return past
        condition = (RateLimitRecord.revision == seen) if item else RateLimitRecord.key.does_not_exist()
        try:
            RateLimitRecord(key=key, uses=kept, revision=seen + 1,
                            expires_at=int(max(kept)) + limit.window_seconds + 1).save(condition=condition)
            return past
        except PutError as exc:
            if not is_condition_failure(exc):
                raise
        item = _read("rate-limits", "key", [key], LIMIT_ATTRIBUTES).get(key)
    raise Busy()


def _remove_over_limit(change: Change, supports: bool) -> bool:
    """Mark, then delete, a support or follow past the limit, if it is still that one."""
    record: SupportRecord | FollowRecord
    if supports:
        record = SupportRecord(campaign_shard=change.counter_id, supporter_id=change.member_id)
        still, marked = SupportRecord.supported_at == change.text("supported_at"), SupportRecord.over_limit
    else:
        record = FollowRecord(campaign_shard=change.counter_id, person_id=change.member_id)
        still, marked = FollowRecord.followed_at == change.text("followed_at"), FollowRecord.over_limit
    try:
        record.update(actions=[marked.set(True)], condition=still)
        record.delete(condition=marked.exists())
        return True
    except (UpdateError, DeleteError) as exc:
        if is_condition_failure(exc):  # withdrawn or unfollowed meanwhile: nothing left to remove
            return False
        raise


def enforce_limit(changes: list[Change], limit: Limit, erasing: set[str], *, supports: bool) -> int:
    """Charge the batch's changes to each person's rate-limit item and remove the supports or follows
    past it: how many were removed."""
    by_person: defaultdict[str, list[Change]] = defaultdict(list)
    for change in changes:
        if _chargeable(change, erasing):
            by_person[change.member_id].append(change)
    if not by_person:
        return 0
    keys = {person: rate_limits.key_of(limit, person) for person in by_person}
    items = _read("rate-limits", "key", keys.values(), LIMIT_ATTRIBUTES)
    with ThreadPoolExecutor(max_workers=PARALLEL_WRITES) as pool:
        past = [c for found in pool.map(lambda p: _charge_person(limit, keys[p], by_person[p], items.get(keys[p])),
                                        sorted(by_person)) for c in found]
    return sum(_remove_over_limit(c, supports) for c in past)
