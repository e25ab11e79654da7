"""When a sign-in stops counting (README, "Sessions end everywhere"). No AWS here.

Each person may have a "not before" time: a token whose sign-in (`auth_time`) is older is refused.
Enrolling an authenticator, being granted a power role, signing out everywhere, a password reset
and erasure each move it to now, and sign the person out everywhere in Cognito too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

# How long a container trusts its copy of a person's record for a token that carries no power
# role: within this, a sign-in ended elsewhere is refused everywhere. A token with a power role
# reads the record fresh on every request, so it is refused at once.
RECORD_CACHE_SECONDS = 60


def not_before_for(now: float) -> int:
    """The not-before time of a change made at `now`: the next whole second. A token says when its
    sign-in happened in whole seconds, so a sign-in in the change's own second cannot be told from
    one just before it; it is refused, and the change's answer waits for the next second, so any
    sign-in the person makes after hearing the answer counts."""
    return math.floor(now) + 1


def counts(signed_in_at: int, not_before: int) -> bool:
    """Whether a token from a sign-in at `signed_in_at` is still good."""
    return signed_in_at >= not_before


@dataclass(frozen=True)
class SignInState:
    """What the app knows about how a person signs in: their not-before time, and the power roles and
    authenticator it last saw (so that a new one, granted or set up out of its sight, is noticed)."""

    not_before: int = 0
    second_factor: bool = False
    power_roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Noticed:
    """What a request showed that the person's record does not hold yet."""

    state: SignInState
    signs_out: bool  # a power role granted or an authenticator set up since: every older sign-in ends


def notice(state: SignInState, power_roles: frozenset[str], second_factor: bool | None) -> Noticed | None:
    """Compare a token's power roles, and Cognito's word on the authenticator (None: not asked), with
    the record. A role granted, or an authenticator set up, that the app did not record as it
    happened may have come after an attacker's sign-in: the person is signed out everywhere. A role
    or an authenticator taken away is only recorded, so that giving it back is noticed again."""
    factor = state.second_factor if second_factor is None else second_factor
    seen = replace(state, second_factor=factor, power_roles=frozenset(power_roles))
    if seen == state:
        return None
    granted = bool(seen.power_roles - state.power_roles)
    enrolled = factor and not state.second_factor
    return Noticed(seen, signs_out=granted or enrolled)
