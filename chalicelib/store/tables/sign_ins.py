"""The sign-ins table: each person's "not before" time, and what the app last saw of how they sign in."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, UnicodeSetAttribute

from chalicelib.store.base import BaseRecord, meta_for


class SignInRecord(BaseRecord):
    """One item per person whose sign-ins the app has ended or noted (most people have none).
    Access patterns:
    - is this token's sign-in still good: GetItem on `person_id` (consistent for a power role,
      else through a container cache of a minute: store/sign_ins.py)
    - end every sign-in before now: UpdateItem on `person_id`, `not_before` only ever moving forward
    - erasure: DeleteItem on `person_id`
    """

    Meta = meta_for("sign-ins")
    person_id = UnicodeAttribute(hash_key=True)
    not_before = NumberAttribute(default=0)  # epoch seconds: a token whose auth_time is older is refused
    second_factor = BooleanAttribute(default=False)  # an authenticator app, as last seen or recorded
    power_roles = UnicodeSetAttribute(null=True)  # ministers', moderators'... as last seen; none: empty
