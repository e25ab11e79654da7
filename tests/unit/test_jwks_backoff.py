"""While Cognito's JWKS cannot be fetched, requests with a token answer 503 at once instead of
each waiting out the fetch's timeout (Trust and safety item 12). A fake download and clock."""

from __future__ import annotations

import io
import threading
import time
import urllib.error
import urllib.request

import pytest

from chalicelib.domain.errors import DependencyUnavailable
from chalicelib.http import auth

SLOW_FETCH_SECONDS = 0.3


@pytest.fixture
def clock(monkeypatch) -> list[float]:
    now = [1000.0]
    monkeypatch.setattr(auth.time, "monotonic", lambda: now[0])
    return now


class FakeJwks:
    """Stands in for Cognito's JWKS endpoint: down (slowly, as a timeout is), or up."""

    def __init__(self) -> None:
        self.up = False
        self.downloads = 0

    def __call__(self, url: str, timeout: float) -> io.BytesIO:  # as urllib.request.urlopen
        self.downloads += 1
        if not self.up:
            time.sleep(SLOW_FETCH_SECONDS)
            raise urllib.error.URLError("timed out")
        return io.BytesIO(b'{"keys": []}')


def _refused(cache: auth.JwksCache, kid: str = "k1") -> tuple[DependencyUnavailable, float]:
    started = time.perf_counter()
    with pytest.raises(DependencyUnavailable) as refused:
        cache.key_for(kid)
    return refused.value, time.perf_counter() - started


def test_a_failed_jwks_fetch_backs_off_and_later_requests_answer_503_at_once(monkeypatch, clock):
    from chalicelib.http.errors import response_for

    cache = auth.JwksCache("http://127.0.0.1:9/unused")
    jwks = FakeJwks()
    monkeypatch.setattr(urllib.request, "urlopen", jwks)

    first, waited = _refused(cache)
    assert jwks.downloads == 1 and waited >= SLOW_FETCH_SECONDS

    clock[0] += 10
    second, waited = _refused(cache)
    assert jwks.downloads == 1, "no fetch within the back-off"
    assert waited < SLOW_FETCH_SECONDS / 3, f"answered at once, not after {waited:.2f}s"
    assert first.retry_after == auth.FAILURE_BACKOFF_SECONDS
    assert second.retry_after == auth.FAILURE_BACKOFF_SECONDS - 10
    answer = response_for(second)
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "20"
    assert answer.body["error"]["code"] == "dependency_unavailable"

    clock[0] += 21  # the back-off is over: one try, which fails again, and the back-off grows
    third, _ = _refused(cache)
    assert jwks.downloads == 2 and third.retry_after == 2 * auth.FAILURE_BACKOFF_SECONDS

    clock[0] += 2 * auth.FAILURE_BACKOFF_SECONDS + 1
    jwks.up = True  # Cognito is back: the fetch succeeds and the back-off is reset
    with pytest.raises(auth.InvalidToken):
        cache.key_for("k1")  # this fake pool has no such key
    assert jwks.downloads == 3

    jwks.up = False
    clock[0] += auth.REFETCH_INTERVAL_SECONDS + 1
    after_reset, _ = _refused(cache, "rotated")
    assert jwks.downloads == 4 and after_reset.retry_after == auth.FAILURE_BACKOFF_SECONDS


def test_requests_do_not_queue_behind_a_jwks_fetch_in_progress(monkeypatch):
    cache = auth.JwksCache("http://127.0.0.1:9/unused")
    started, release = threading.Event(), threading.Event()

    def slow_urlopen(url: str, timeout: float) -> io.BytesIO:
        started.set()
        release.wait(5)
        return io.BytesIO(b'{"keys": []}')

    monkeypatch.setattr(urllib.request, "urlopen", slow_urlopen)
    outcome: list[BaseException] = []

    def first_request() -> None:
        try:
            cache.key_for("k1")
        except BaseException as exc:  # recorded for the assertion below
            outcome.append(exc)

    fetching = threading.Thread(target=first_request)
    fetching.start()
    assert started.wait(5)
    refused, waited = _refused(cache)
    assert refused.retry_after == 1 and waited < 0.1, "answered at once, not queued behind the fetch"
    release.set()
    fetching.join(5)
    assert [type(e) for e in outcome] == [auth.InvalidToken]  # the fetch itself went through
