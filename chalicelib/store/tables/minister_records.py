"""The minister-records table: each minister's answers to campaigns that reached the threshold."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class MinisterRecordItem(BaseRecord):
    """One item per minister who has answered a waiting campaign, written only in the response's
    own transaction (`store.responses.give_response`), so an answer and its count move together.
    Access patterns:
    - a minister's record (their page, GET /ministers/{id}/record): GetItem on `minister_id`
    `answer_days` holds one whole number per counted answer (days from the threshold to the
    answer), for the median: a few bytes each, ~40 KB after 10,000 answers.
    """

    Meta = meta_for("minister-records")
    minister_id = UnicodeAttribute(hash_key=True)
    answered = NumberAttribute(default=0)
    answer_days = ListAttribute(of=NumberAttribute, default=list)
    last_answered_at = UnicodeAttribute(null=True)
