"""Finishing erasures (DELETE /me marks an account erasing; this runs the job to the end).

Each step is idempotent and recorded on the job when done, so a run that stops (a timeout, a
failure) is carried on by the next, every minute, until the job is finished. Logged by the
job's id (a hash), the step and numbers only: never who it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint, Rate

from chalicelib.domain.privacy import ERASURE_STEPS
from chalicelib.logic import counting
from chalicelib.notify import forget
from chalicelib.observability import logger, metrics
from chalicelib.store import erasure_steps as store
from chalicelib.store import erasures, my_data
from chalicelib.store import sign_ins as sign_in_records
from chalicelib.store.tables.erasures import ErasureRecord

blueprint = Blueprint(__name__)
STOP_WITH_MILLIS_LEFT = 60_000


STEP_FUNCTIONS: dict[str, Callable[[ErasureRecord], int]] = {
    "supports": store.erase_supports,
    "follows": lambda job: store.erase_follows(job.person_id),
    "replies": lambda job: store.erase_replies(job.person_id),
    "amendments": lambda job: store.erase_amendments(job.person_id),
    "responses": lambda job: store.erase_responses(job.person_id),
    "reports": lambda job: store.erase_reports(job.person_id),
    "updates": lambda job: store.erase_updates_authorship(job.person_id),
    "campaigns": lambda job: store.erase_campaigns(job.person_id),
    "audit": lambda job: store.erase_audit_actor(job.person_id),
    "memberships": lambda job: store.erase_memberships(job.person_id),
    "subscriptions": lambda job: forget.drop_subscriptions(
        job.person_id, store.notification_settings(job.person_id), my_data.devices(job.person_id)),
    "notifications": lambda job: store.erase_notification_records(job.person_id),
    "profile": lambda job: store.erase_profile(job.person_id),
    "account": lambda job: _erase_account(job.person_id),
    "recount": lambda job: counting.recount(list(job.touched_campaigns or [])),
}
assert tuple(STEP_FUNCTIONS) == ERASURE_STEPS


def _erase_account(person_id: str) -> int:
    """The Cognito user, then the sign-in record (its not-before time): from here the finished job's
    own marker refuses what a token issued before the erasure tries (store/erasures.py)."""
    deleted = forget.delete_account(person_id)
    sign_in_records.forget(person_id)
    return deleted


def run_erasure(erasure_id: str) -> bool:
    """Carry the job on from its checkpoint to the end; True once it is finished."""
    job = erasures.load(erasure_id)
    if job.state == erasures.ERASED:
        return True
    for step in ERASURE_STEPS:
        if step in (job.done_steps or set()):
            continue
        handled = STEP_FUNCTIONS[step](job)
        erasures.step_done(job, step)
        logger.info("erasure step done", extra={"erasure_id": erasure_id, "step": step, "items": handled})
    erasures.finish(job)
    metrics.add_metric(name="AccountsErased", unit="Count", value=1)
    logger.info("erasure finished", extra={"erasure_id": erasure_id})
    return True


def finish_pending_erasures(remaining_millis: Callable[[], int] = lambda: 10**9) -> int:
    """Every unfinished job, oldest first; one that fails is logged and tried again next run.
    At least one job finishes per run, however short the Lambda's limit: the margin is checked
    only once one has (checked before the first, a 28 s Lambda never erased anyone)."""
    finished = 0
    for erasure_id in erasures.pending_ids():
        if finished and remaining_millis() < STOP_WITH_MILLIS_LEFT:
            break
        try:
            finished += run_erasure(erasure_id)
        except Exception:  # a job that keeps failing must not hold up the ones behind it
            logger.exception("erasure step failed; the next run carries on", extra={"erasure_id": erasure_id})
    return finished


@blueprint.schedule(Rate(1, unit=Rate.MINUTES), name="finish_erasures")
def finish_erasures_on_schedule(event: Any) -> None:
    finish_pending_erasures(event.context.get_remaining_time_in_millis)
