"""Where long batch jobs keep their place between runs."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from chalicelib.store.base import iso, utcnow
from chalicelib.store.tables.jobs import JobCheckpointRecord


def load_checkpoint(job: str) -> str | None:
    try:
        return JobCheckpointRecord.get(job, consistent_read=True).cursor
    except DoesNotExist:
        return None


def save_checkpoint(job: str, cursor: str | None) -> None:
    JobCheckpointRecord(job=job, cursor=cursor, updated_at=iso(utcnow())).save()
