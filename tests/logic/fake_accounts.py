"""In-memory stand-ins for store/sign_ins.py and store/account_codes.py, in the domain's types."""

from __future__ import annotations

from dataclasses import replace

from chalicelib.domain.accounts import CODE_ATTEMPTS, CODE_SECONDS, Taken
from chalicelib.domain.sign_ins import SignInState
from tests.logic.fakes_base import Clock


class FakeSignIns:
    """`store.sign_ins`: the not-before time only moves forward; what was seen is kept beside it."""

    def __init__(self) -> None:
        self.states: dict[str, SignInState] = {}

    def state_of(self, person_id: str, *, fresh: bool) -> SignInState:
        return self.states.get(person_id, SignInState())

    def end_sign_ins(self, person_id: str, not_before: int, seen: SignInState | None = None) -> SignInState:
        held = self.states.get(person_id, SignInState())
        later = max(held.not_before, not_before)
        self.states[person_id] = replace(seen or held, not_before=later)
        return self.states[person_id]

    def note(self, person_id: str, seen: SignInState) -> SignInState:
        held = self.states.get(person_id, SignInState())
        self.states[person_id] = replace(seen, not_before=held.not_before)
        return self.states[person_id]

    def forget(self, person_id: str) -> None:
        self.states.pop(person_id, None)


class FakeAccountCodes:
    """`store.account_codes`: one code per purpose and address; a wrong one counts against it, the
    CODE_ATTEMPTS-th spends it; a right one works once, until it expires."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.codes: dict[tuple[str, str], tuple[str, int, float]] = {}  # (purpose, address): (code, wrong, expires)

    def address_digest(self, address: str) -> str:
        return f"address:{address}"

    def client_digest(self, client: str) -> str:
        return f"client:{client}"

    def _now(self, now: float | None) -> float:
        return now if now is not None else self.clock.now().timestamp()

    def keep(self, purpose: str, address: str, code: str, now: float | None = None) -> None:
        self.codes[(purpose, address)] = (code, 0, self._now(now) + CODE_SECONDS[purpose])

    def take(self, purpose: str, address: str, code: str, now: float | None = None) -> Taken:
        held = self.codes.get((purpose, address))
        if held is None:
            return Taken.WRONG
        right, wrong, expires = held
        if code != right:
            if wrong + 1 >= CODE_ATTEMPTS:
                del self.codes[(purpose, address)]
            else:
                self.codes[(purpose, address)] = (right, wrong + 1, expires)
            return Taken.WRONG
        if self._now(now) >= expires:
            return Taken.EXPIRED
        del self.codes[(purpose, address)]
        return Taken.RIGHT
