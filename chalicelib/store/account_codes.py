"""The codes joining and a password reset mail (domain.accounts), kept as keyed hashes under a keyed
hash of the address, so the table can tell neither the code nor whose address it was for.

A code works once, for its lifetime, and for CODE_ATTEMPTS wrong tries; a new one replaces it.
"""

from __future__ import annotations

import hmac
import time

from pynamodb.exceptions import DeleteError, DoesNotExist, UpdateError

from chalicelib.domain.accounts import CODE_ATTEMPTS, CODE_SECONDS, Taken
from chalicelib.store.base import is_condition_failure
from chalicelib.store.signing import signature
from chalicelib.store.tables.account_codes import AccountCodeRecord


def _now() -> float:
    return time.time()  # one place, so a test can move the clock


def address_digest(address: str) -> str:
    """A keyed hash of a normalised address: a rate-limit or code key that names nobody."""
    return signature(address, "account-address")


def client_digest(client: str) -> str:
    """A keyed hash of the address a request came from: a rate-limit key that keeps no IP address."""
    return signature(client, "account-client")


def _key(purpose: str, address: str) -> str:
    return f"{purpose}#{address_digest(address)}"


def _code_digest(key: str, code: str) -> str:
    return signature(f"{key}:{code}", "account-code")


def keep(purpose: str, address: str, code: str, now: float | None = None) -> None:
    """The code just mailed for `purpose` to `address`; any earlier one stops working."""
    issued = int(now if now is not None else _now())
    key = _key(purpose, address)
    AccountCodeRecord(key=key, code_digest=_code_digest(key, code), attempts=0, issued_at=issued,
                      expires_at=issued + CODE_SECONDS[purpose]).save()


def take(purpose: str, address: str, code: str, now: float | None = None) -> Taken:
    """Spend the code if it is the right one and still good. A wrong one counts against it, and the
    CODE_ATTEMPTS-th wrong one spends it; a right one works once (a conditional delete)."""
    key = _key(purpose, address)
    try:
        record = AccountCodeRecord.get(key, consistent_read=True)
    except DoesNotExist:
        return Taken.WRONG
    held = AccountCodeRecord.code_digest == record.code_digest  # still the code this read saw
    if not hmac.compare_digest(record.code_digest, _code_digest(key, code)):
        try:
            if int(record.attempts) + 1 >= CODE_ATTEMPTS:
                record.delete(condition=held)
            else:
                record.update(actions=[AccountCodeRecord.attempts.add(1)], condition=held)
        except (UpdateError, DeleteError) as exc:
            if not is_condition_failure(exc):
                raise
        return Taken.WRONG
    if int(now if now is not None else _now()) >= int(record.expires_at):
        return Taken.EXPIRED
    try:
        record.delete(condition=held)
    except DeleteError as exc:
        if is_condition_failure(exc):
            return Taken.WRONG  # spent a moment ago by another request, or replaced
        raise
    return Taken.RIGHT
