"""The jobs table: where long batch jobs keep their place between runs."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class JobCheckpointRecord(BaseRecord):
    """One item per batch job.
    Access patterns:
    - a job's checkpoint: GetItem on `job`; saved by PutItem
    """

    Meta = meta_for("jobs")
    job = UnicodeAttribute(hash_key=True)
    cursor = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute()
