"""When a sign-in stops counting (README, "Sessions end everywhere"). Enrolling an authenticator, a
power role granted, signing out everywhere, a password reset and erasure each end every sign-in
the person made before: Cognito signs them out everywhere (their refresh tokens stop working), and
the app refuses any token from an older sign-in (the not-before time), which Cognito cannot do for
ID tokens already issued.

An authenticator set up, or a role granted, directly against Cognito, out of the app's sight, is
noticed at the person's next request with a power role: it too ends every older sign-in, that
request's included. Nothing a client can skip keeps an old session alive through one."""

from __future__ import annotations

import time

from chalicelib.domain.errors import Conflict, InvalidToken
from chalicelib.domain.identity import Caller
from chalicelib.domain.sign_ins import SignInState, counts, not_before_for, notice
from chalicelib.logic.ports import stores

# Cognito's modules (its client, the user pool's calls) are imported where a power role's request or an
# ending needs them: every signed-in request's first call admits its caller (README, "Cold start").

# The change's answer waits until its not-before second has come, and a little past it for clocks.
CLOCK_MARGIN_SECONDS = 0.05


def session_ended(changed: bool = False) -> InvalidToken:
    """401 `session_ended`: said as a change to the account (a role, an authenticator) or an ending."""
    if changed:
        return InvalidToken(code="session_ended", wording="changed")
    return InvalidToken(code="session_ended", wording="everywhere")


def _power(caller: Caller) -> frozenset[str]:
    return frozenset(role.value for role in caller.power_roles)


def admit(caller: Caller, *, look: bool = True) -> bool | None:
    """Refuse (401 `session_ended`) a token from a sign-in the person has since ended. With `look`,
    compare what a power role's token shows with the record, and end every older sign-in when a
    role or an authenticator is new to it. Returns whether a power caller has an authenticator
    (Cognito's word), None for others: the second-factor guard needs it, and it costs a call."""
    power = _power(caller)
    state = stores().sign_ins.state_of(caller.id, fresh=bool(power))  # power: at once; others: within a minute
    if not counts(caller.signed_in_at, state.not_before):
        raise session_ended()
    if not look:
        return None
    factor = None
    if power:
        from chalicelib.cognito import second_factors

        factor = second_factors.has_authenticator(caller.username)
    noticed = notice(state, power, factor)
    if noticed is not None:
        if noticed.signs_out:
            _end(caller.id, caller.username, noticed.state)
            raise session_ended(changed=True)
        stores().sign_ins.note(caller.id, noticed.state)
    return factor


def _end(person_id: str, username: str, seen: SignInState | None = None) -> None:
    """Every sign-in before now ends: in the app at once, then at Cognito. The answer waits until
    the new not-before second has come, so a sign-in made after it always counts."""
    not_before = not_before_for(time.time())
    stores().sign_ins.end_sign_ins(person_id, not_before, seen)
    from chalicelib.notify import user_pool

    user_pool.sign_out_everywhere(username)
    time.sleep(max(0.0, not_before + CLOCK_MARGIN_SECONDS - time.time()))


def sign_out_everywhere(caller: Caller) -> None:
    _end(caller.id, caller.username)


def end_for_account(person_id: str, username: str) -> None:
    """A password reset (the person is not signed in: the reset proves the address instead)."""
    _end(person_id, username)


def record_enrolment(caller: Caller) -> None:
    """The person has just set up an authenticator app (the pages and apps say so right after
    SetUserMFAPreference): every earlier sign-in ends, this one included, and they sign in again
    with a code. Cognito is asked first: only a real enrolment is recorded."""
    from chalicelib.cognito import second_factors

    if not second_factors.has_authenticator(caller.username):
        raise Conflict(code="no_authenticator")
    state = stores().sign_ins.state_of(caller.id, fresh=True)
    _end(caller.id, caller.username,
         SignInState(state.not_before, second_factor=True, power_roles=state.power_roles | _power(caller)))


def record_new_account(person_id: str, power_roles: frozenset[str], second_factor: bool) -> None:
    """An account made just now with its roles and authenticator (devstack's demo and test accounts,
    as an operator's tooling would): nobody signed in before, so nothing ends; the record only
    stops the first sign-in from looking like a grant made out of sight."""
    stores().sign_ins.note(person_id, SignInState(second_factor=second_factor, power_roles=frozenset(power_roles)))
