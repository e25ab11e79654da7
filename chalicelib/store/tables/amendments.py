"""The amendments table: members' and organisations' proposed changes to one clause each."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection

from chalicelib.store.base import BaseRecord, meta_for

DECIDED = "decided"  # `decided_listing` of every decided amendment: the one partition retention reads


class ByClauseSupport(GlobalSecondaryIndex["AmendmentRecord"]):
    """A clause's amendments, most supported first. All attributes: the page beside a clause is then
    one Query (an amendment is 1 to 5 KB; a page of 20 is a few read units)."""

    class Meta:
        index_name = "by_clause_support"
        projection = AllProjection()

    clause_key = UnicodeAttribute(hash_key=True)
    support_count = NumberAttribute(range_key=True)


class ByDocument(GlobalSecondaryIndex["AmendmentRecord"]):
    """A document's amendments clause by clause, each clause's in the order proposed (ids start
    with the time): one clause's, oldest or newest first, with begins_with on the clause's id."""

    class Meta:
        index_name = "by_document"
        projection = AllProjection()

    document_id = UnicodeAttribute(hash_key=True)
    clause_order = UnicodeAttribute(range_key=True)


class Pending(GlobalSecondaryIndex["AmendmentRecord"]):
    """Sparse: decided amendments whose change waits for the next version, by clause."""

    class Meta:
        index_name = "pending"
        projection = AllProjection()

    pending_document = UnicodeAttribute(hash_key=True)
    pending_key = UnicodeAttribute(range_key=True)


class ByProposer(GlobalSecondaryIndex["AmendmentRecord"]):
    class Meta:
        index_name = "by_proposer"
        projection = KeysOnlyProjection()

    proposer_id = UnicodeAttribute(hash_key=True)
    proposed_at = UnicodeAttribute(range_key=True)


class ByDecided(GlobalSecondaryIndex["AmendmentRecord"]):
    class Meta:
        index_name = "by_decided"
        projection = KeysOnlyProjection()

    decided_listing = UnicodeAttribute(hash_key=True)
    decided_at = UnicodeAttribute(range_key=True)


class DecisionMap(MapAttribute):
    verdict = UnicodeAttribute()
    reason = UnicodeAttribute()
    decided_at = UnicodeAttribute()
    text_before = UnicodeAttribute(default="")
    text = UnicodeAttribute(null=True)
    lead_id = UnicodeAttribute(null=True)
    composite_of = ListAttribute(of=UnicodeAttribute, default=list)


class AmendmentRecord(BaseRecord):
    """One amendment to one clause: replace its words, insert a clause after it, or delete it, with
    the proposer's reason; the policy team's decision once made (who decided is in the audit table,
    not here). Supported like a campaign: its supports and counters are the `supports` and
    `support-counters` tables' items keyed by this id, and the counters' stream writes the sum here.
    Access patterns:
    - an amendment by id: GetItem on `id` (a two-second copy on the support path, as a campaign's status)
    - a clause's, most supported first: `by_clause_support` on `clause_key` = "<document>#<clause>"
    - a clause's in the order proposed, or a document's clause by clause: `by_document`
    - decided changes not yet in a version: sparse `pending` on (`pending_document`, "<clause>#<decided at>")
    - a person's (export, erasure): `by_proposer`, keys only
    - decided more than a year ago (retention): `by_decided` on ("decided", `decided_at`), keys only
    """

    Meta = meta_for("amendments")
    id = UnicodeAttribute(hash_key=True)
    document_id = UnicodeAttribute()
    clause_id = UnicodeAttribute()
    clause_key = UnicodeAttribute()
    clause_order = UnicodeAttribute()
    action = UnicodeAttribute()
    text = UnicodeAttribute(default="")
    reason = UnicodeAttribute()
    proposer_id = UnicodeAttribute()
    organisation_id = UnicodeAttribute(null=True)
    against_version = NumberAttribute()
    proposed_at = UnicodeAttribute()
    status = UnicodeAttribute(default="submitted")
    decision = DecisionMap(null=True)
    decided_listing = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    support_count = NumberAttribute(default=0)
    support_by_region: MapAttribute = MapAttribute(null=True)
    count_read_at = UnicodeAttribute(null=True)
    pending_document = UnicodeAttribute(null=True)
    pending_key = UnicodeAttribute(null=True)
    applied_in_version = NumberAttribute(null=True)
    applied_at = UnicodeAttribute(null=True)
    language = UnicodeAttribute(null=True)  # of its words and reason, "en" or "cy"; absent from before: English

    by_clause_support = ByClauseSupport()
    by_document = ByDocument()
    pending = Pending()
    by_proposer = ByProposer()
    by_decided = ByDecided()
