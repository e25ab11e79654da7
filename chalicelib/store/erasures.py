"""Whether an account is being erased: checked by every signed-in write, so it stays small."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from chalicelib.domain.errors import Conflict, InvalidToken
from chalicelib.domain.privacy import erasure_id_for
from chalicelib.store.tables.erasures import ErasureRecord

ERASING, ERASED = "erasing", "erased"


def account_erasing() -> Conflict:
    return Conflict("This account is being erased; nothing more can be done with it.", code="account_erasing")


def state_of(person_id: str) -> str | None:
    try:
        return ErasureRecord.get(erasure_id_for(person_id), consistent_read=True).state
    except DoesNotExist:
        return None


def refuse_if_erasing(person_id: str) -> None:
    state = state_of(person_id)
    if state == ERASING:
        raise account_erasing()
    if state == ERASED:
        raise InvalidToken("This account has been erased.", code="account_erased")
