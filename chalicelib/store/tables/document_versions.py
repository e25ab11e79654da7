"""The document-versions table: the text of every published version of every policy document."""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class DocumentVersionRecord(BaseRecord):
    """One item per published version, never changed once written: its chapters of clauses (each
    with its id, number and words) and the clauses that changed in it with the amendments behind
    each. At most ~300 KB (domain.documents.VERSION_BYTES_MAX), under DynamoDB's 400 KB.
    Access patterns:
    - one version: GetItem on (`document_id`, `number`); kept by a container once read (immutable)
    - the versions between two (a diff): BatchGetItem of their keys
    """

    Meta = meta_for("document-versions")
    document_id = UnicodeAttribute(hash_key=True)
    number = NumberAttribute(range_key=True)
    chapters = JSONAttribute()  # [{"heading": ..., "clauses": [[id, number, text], ...]}, ...]
    changes = JSONAttribute(default=dict)  # clause id -> [amendment ids]
    published_at = UnicodeAttribute()
    note = UnicodeAttribute(default="")
