"""Each person's sign-in record (domain.sign_ins): their not-before time, and the power roles and
authenticator last seen. A token with a power role reads it fresh; any other is checked against
this container's copy (`read_cache.sign_ins`, at most RECORD_CACHE_SECONDS old). A change made here
replaces the copy at once, so this container refuses an ended sign-in from the next request on."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.domain.sign_ins import SignInState
from chalicelib.store.base import is_condition_failure
from chalicelib.store.read_cache import sign_ins as copies
from chalicelib.store.tables.sign_ins import SignInRecord


def _state(record: SignInRecord) -> SignInState:
    return SignInState(not_before=int(record.not_before or 0), second_factor=bool(record.second_factor),
                       power_roles=frozenset(record.power_roles or ()))


def state_of(person_id: str, *, fresh: bool) -> SignInState:
    """The person's record (an empty one if they have none): read now if `fresh`, else this
    container's copy while it is young enough."""
    if not fresh:
        held = copies.get(person_id)
        if held is not None:
            return held
    try:
        state = _state(SignInRecord.get(person_id, consistent_read=True))
    except DoesNotExist:
        state = SignInState()
    return copies.put(person_id, state)


def _seen_actions(state: SignInState) -> list:
    roles = SignInRecord.power_roles
    return [SignInRecord.second_factor.set(state.second_factor),
            roles.set(set(state.power_roles)) if state.power_roles else roles.remove()]


def end_sign_ins(person_id: str, not_before: int, seen: SignInState | None = None) -> SignInState:
    """Every sign-in before `not_before` stops counting (the time only ever moves forward); `seen`,
    when given, is what the app now knows of the person's roles and authenticator."""
    record = SignInRecord(person_id=person_id)
    actions = [SignInRecord.not_before.set(not_before), *(_seen_actions(seen) if seen else [])]
    try:
        record.update(actions=actions, condition=SignInRecord.not_before.does_not_exist()
                      | (SignInRecord.not_before < not_before))
    except UpdateError as exc:
        if not is_condition_failure(exc):
            raise
        if seen is not None:  # another request ended them later still: keep its time, note the rest
            record.update(actions=_seen_actions(seen))
    return state_of(person_id, fresh=True)


def note(person_id: str, seen: SignInState) -> SignInState:
    """What the app now knows of the person's roles and authenticator; the not-before time stays."""
    SignInRecord(person_id=person_id).update(actions=_seen_actions(seen))
    return copies.put(person_id, seen)


def forget(person_id: str) -> None:
    """Erasure: the record goes; the finished erasure's own marker refuses the old tokens after it."""
    SignInRecord(person_id=person_id).delete()
    copies.forget(person_id)
