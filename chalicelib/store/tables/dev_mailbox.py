"""The dev-mailbox table (local stage only)."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class DevMailRecord(BaseRecord):
    """Local stage only: what each minister's email subscription would have received, and every
    email the embedded SES sent (Cognito's codes and the app's own mail).
    Access patterns: a minister's mail, oldest first: Query on `person_id` (their id).
    Every email, newest first: Query on `person_id` "mail#all", descending; one recipient's:
    Query on "mail#to#<address>" (each email is kept under both)."""

    Meta = meta_for("dev-mailbox")
    person_id = UnicodeAttribute(hash_key=True)
    received_key = UnicodeAttribute(range_key=True)  # "<time>#<message id>"
    subject = UnicodeAttribute()
    text = UnicodeAttribute()
    area = UnicodeAttribute()
    kind = UnicodeAttribute()
    recipient = UnicodeAttribute(null=True)  # emails only
    sender = UnicodeAttribute(null=True)  # emails only
    list_unsubscribe = UnicodeAttribute(null=True)  # an email's List-Unsubscribe header, if it had one
    # The language it is written in, as <html lang> says it ("cy-GB"), if it said: the page marks it so.
    language = UnicodeAttribute(null=True)
