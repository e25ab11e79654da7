"""The account-codes table: the codes joining and a password reset mail, expired by TTL."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.store.base import BaseRecord, meta_for


class AccountCodeRecord(BaseRecord):
    """The one code of a purpose (join, reset) waiting for an address. The key names a keyed hash of
    the address, never the address; the code is kept as a keyed hash too, so neither can be read
    back from the table. Access patterns, all on `key` ("<purpose>#<address hash>"):
    - mail a code: PutItem (a new code replaces the one before)
    - a wrong code: UpdateItem adding 1 to `attempts`, conditional on the same code
    - the right code: DeleteItem conditional on the same code (it works once)
    Expires with DynamoDB's TTL when the code does.
    """

    Meta = meta_for("account-codes")
    key = UnicodeAttribute(hash_key=True)
    code_digest = UnicodeAttribute()
    attempts = NumberAttribute(default=0)
    issued_at = NumberAttribute()
    expires_at = NumberAttribute()
