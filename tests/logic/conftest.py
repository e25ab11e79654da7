"""The fast tier: the logic on in-memory fakes (`fakes.py`), no AWS. Any attempt to open a network
connection while a test here runs fails the test, so a fake that reaches for DynamoDB is caught."""

from __future__ import annotations

import socket
import time

import pytest

from chalicelib.logic import ports
from tests.logic import fakes, fakes_base


class NetworkUsed(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkUsed(f"a logic test tried to reach the network: {args!r}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)


@pytest.fixture
def fake():
    """Fresh in-memory stores behind the logic for one test; DynamoDB's again afterwards."""
    stores = fakes.build()
    ports.use(stores)
    yield stores
    ports.use(None)


@pytest.fixture
def clock(fake) -> fakes_base.Clock:
    return fake.rate_limits.clock


@pytest.fixture(autouse=True)
def user_pool(monkeypatch) -> list[str]:
    """Cognito stood in for: the usernames whose every session was ended there (AdminUserGlobalSignOut)."""
    from chalicelib.notify import user_pool as cognito

    signed_out: list[str] = []
    monkeypatch.setattr(cognito, "sign_out_everywhere", signed_out.append)
    return signed_out


@pytest.fixture(autouse=True)
def no_wait_for_the_next_second(monkeypatch) -> list[float]:
    """Ending sign-ins waits for the new not-before second (logic.sign_ins._end); the fast tier
    records the wait instead of sleeping it (the API tests wait for real)."""
    from chalicelib.logic import sign_ins

    waits: list[float] = []
    monkeypatch.setattr(sign_ins, "time", _TimeWithoutSleep(waits))
    return waits


class _TimeWithoutSleep:
    def __init__(self, waits: list[float]) -> None:
        self._waits = waits

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        self._waits.append(seconds)
