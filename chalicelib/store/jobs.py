"""Where long batch jobs keep their place between runs."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist

from chalicelib.store.base import BaseRecord, iso, meta_for, utcnow


class JobCheckpointRecord(BaseRecord):
    """One item per batch job.
    Access patterns:
    - a job's checkpoint: GetItem on `job`; saved by PutItem
    """

    Meta = meta_for("jobs")
    job = UnicodeAttribute(hash_key=True)
    cursor = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()


def load_checkpoint(job: str) -> str | None:
    try:
        return JobCheckpointRecord.get(job, consistent_read=True).cursor
    except DoesNotExist:
        return None


def save_checkpoint(job: str, cursor: str | None) -> None:
    JobCheckpointRecord(job=job, cursor=cursor, updated_at=iso(utcnow())).save()
