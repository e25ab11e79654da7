"""The campaign-events table: the outbox (written through `store.outbox`)."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class CampaignEventRecord(BaseRecord):
    """The outbox: events that must not be lost (a milestone crossed, a response given), each
    written once by a conditional put in the same transaction as the change it reports.
    The table's stream feeds the publisher.
    Access patterns:
    - has this event happened: the conditional put on (`campaign_id`, `event_key`)
    - a campaign's events, in order of key: Query on `campaign_id`
    - a campaign's owner updates, newest first: Query on `campaign_id`, key begins with "update#"
    Events about something other than one campaign are in partitions of their own:
    `consultation#<id>`, `organisation#<id>` (store.outbox).
    """

    Meta = meta_for("campaign-events")
    campaign_id = UnicodeAttribute(hash_key=True)
    event_key = UnicodeAttribute(range_key=True)  # "milestone#0000010000", ...
    kind = UnicodeAttribute()
    area = UnicodeAttribute()
    value = NumberAttribute(null=True)
    stance = UnicodeAttribute(null=True)  # responses: what the minister said, for the updates
    # owner updates: the event is the update itself (one write, so it cannot be lost)
    headline = UnicodeAttribute(null=True)
    body = UnicodeAttribute(null=True)
    author_id = UnicodeAttribute(null=True)
    # a consultation closing, told on each of its ideas: which one, and the policy team's summary
    consultation_id = UnicodeAttribute(null=True)
    summary = UnicodeAttribute(null=True)
    # manifesto moves: the stage reached and the policy team's public note, for the updates
    stage = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)  # and a moderator's reason, told to a rejected campaign's owner
    # policy documents: the document an event is about (an amendment's, an adoption's, a clause's)
    document_id = UnicodeAttribute(null=True)
    # notices (domain.events.Addressee): the reply answered and the answer; the organisation that
    # invited and whom (an invitation's event is deleted once told: store.outbox.forget_told)
    parent_id = UnicodeAttribute(null=True)
    reply_id = UnicodeAttribute(null=True)
    organisation_id = UnicodeAttribute(null=True)
    person_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
