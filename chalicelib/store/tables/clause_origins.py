"""The clause-origins table: which ideas (campaigns) shaped which clauses."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.store.base import BaseRecord, meta_for


class ByDocument(GlobalSecondaryIndex["ClauseOriginRecord"]):
    class Meta:
        index_name = "by_document"
        projection = AllProjection()

    document_id = UnicodeAttribute(hash_key=True)
    clause_campaign = UnicodeAttribute(range_key=True)


class ClauseOriginRecord(BaseRecord):
    """The policy team's link from a clause to an idea that shaped it, with what a trail shows of
    both when it was made (the clause's number and version, the document's title, the idea's title
    and slug), so a trail or a document page reads no more items. Who linked it is in the audit table.
    Access patterns:
    - an idea's links (its trail): Query on `campaign_id`
    - a document's links, clause by clause (its page): `by_document` on `document_id`;
      one clause's: begins_with(`clause_campaign`, "<clause>#")
    """

    Meta = meta_for("clause-origins")
    campaign_id = UnicodeAttribute(hash_key=True)
    clause_ref = UnicodeAttribute(range_key=True)  # "<document>#<clause>"
    document_id = UnicodeAttribute()
    clause_campaign = UnicodeAttribute()  # "<clause>#<campaign>"
    clause_id = UnicodeAttribute()
    clause_number = UnicodeAttribute()
    document_title = UnicodeAttribute()
    campaign_title = UnicodeAttribute(default="")
    campaign_slug = UnicodeAttribute(default="")
    version = NumberAttribute()
    linked_at = UnicodeAttribute()

    by_document = ByDocument()
