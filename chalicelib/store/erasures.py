"""An account's erasure job: starting it once, its state (checked by every signed-in write, so this
module stays small) and its checkpoint. The steps themselves are in `erasure_steps`."""

from __future__ import annotations

from datetime import timedelta

from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.privacy import ERASED_MARKER_DAYS, erasure_id_for
from chalicelib.store.base import Transaction, is_condition_failure, iso, utcnow
from chalicelib.store.read_cache import erasures_started
from chalicelib.store.tables.erasures import ErasureRecord

ERASING, ERASED = "erasing", "erased"


def state_of(person_id: str) -> str | None:
    try:
        return ErasureRecord.get(erasure_id_for(person_id), consistent_read=True).state
    except DoesNotExist:
        return None


def report_erasure(person_id: str) -> None:
    """ConditionFailed "erasing" or "erased" if the account's erasure has started or is done (a
    consistent read): what a write refused by `check_within` meets."""
    state = state_of(person_id)
    if state in (ERASING, ERASED):
        raise ConditionFailed(state)


def refuse_if_started_here(person_id: str) -> None:
    """ConditionFailed "erasing"/"erased" if this container started or finished the person's erasure:
    no call. For writes that read no erasure (a support, a follow): elsewhere, their stream removes
    what an erasing person wrote (store/stream_tally.py)."""
    state = erasures_started.get(person_id)
    if state is not None:
        raise ConditionFailed(state)


def check_within(tx: Transaction, person_id: str, label: str = "erasure") -> None:
    """No erasure item, whatever its state, inside a write's own transaction (`label` fails otherwise).
    Checked in the same call as the write, an erasure that starts a moment before cannot miss it."""
    tx.condition_check(ErasureRecord, erasure_id_for(person_id), ErasureRecord.erasure_id.does_not_exist(), label)


def start(person_id: str) -> None:
    """Mark the account erasing, once: ConditionFailed "erasing" if it already is."""
    job = ErasureRecord(erasure_id=erasure_id_for(person_id), state=ERASING, person_id=person_id,
                        pending=ERASING, requested_at=iso(utcnow()))
    try:
        job.save(condition=ErasureRecord.erasure_id.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            raise ConditionFailed(ERASING) from exc
        raise
    erasures_started.put(person_id, ERASING)


def load(erasure_id: str) -> ErasureRecord:
    return ErasureRecord.get(erasure_id, consistent_read=True)


def pending_ids(limit: int = 100) -> list[str]:
    return [k.erasure_id for k in ErasureRecord.pending_erasures.query(ERASING, limit=limit)]


def step_done(job: ErasureRecord, step: str) -> None:
    job.update(actions=[ErasureRecord.done_steps.add({step})])


def finish(job: ErasureRecord) -> None:
    """The job keeps no id of the person; it expires once their old tokens cannot be used."""
    now = utcnow()
    if job.person_id and job.person_id in erasures_started:
        erasures_started.put(job.person_id, ERASED)
    job.update(actions=[
        ErasureRecord.state.set(ERASED), ErasureRecord.person_id.remove(), ErasureRecord.pending.remove(),
        ErasureRecord.touched_campaigns.remove(), ErasureRecord.done_steps.remove(),
        ErasureRecord.finished_at.set(iso(now)),
        ErasureRecord.expires_at.set(int((now + timedelta(days=ERASED_MARKER_DAYS)).timestamp())),
    ])
