"""The erasures table: one item per account being (or lately) erased, keyed by a one-way
hash of the account id, so the finished job keeps no id of the person it erased.
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for


class PendingErasureIndex(GlobalSecondaryIndex["ErasureRecord"]):
    class Meta:
        index_name = "pending"
        projection = KeysOnlyProjection()

    pending = UnicodeAttribute(hash_key=True)  # "erasing" while the job has steps left; removed after
    requested_at = UnicodeAttribute(range_key=True)


class ErasureRecord(BaseRecord):
    """Access patterns:
    - start an erasure once: the conditional put on `erasure_id` (sha256 of the account id)
    - is this account erasing or erased: GetItem on `erasure_id`
    - unfinished jobs, oldest first (the schedule that finishes them): Query on index `pending`
    While running, the item holds the account id and the campaigns whose counts must be redone;
    both go when it finishes, and the item itself expires (TTL) once tokens issued before the
    erasure can no longer be used.
    """

    Meta = meta_for("erasures")
    erasure_id = UnicodeAttribute(hash_key=True)
    state = UnicodeAttribute()  # erasing | erased
    person_id = UnicodeAttribute(null=True)
    done_steps = UnicodeSetAttribute(null=True)  # the checkpoint: steps finished
    touched_campaigns = UnicodeSetAttribute(null=True)
    pending = UnicodeAttribute(null=True)
    requested_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)
    expires_at = NumberAttribute(null=True)
    pending_erasures = PendingErasureIndex()
