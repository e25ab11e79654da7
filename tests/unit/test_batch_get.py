"""The one BatchGetItem loop (store.base.batch_get): keys DynamoDB leaves unprocessed are asked
again, and a read that still has some after its tries gives up loudly (Busy: a 503, or a stream
batch retried) rather than answering as if those items did not exist."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.errors import Busy
from chalicelib.store import base

KEY_A = {"id": {"S": "a"}}
KEY_B = {"id": {"S": "b"}}


class ThrottlingClient:
    """Answers one key per call, leaving the rest unprocessed, `throttled` times in all."""

    def __init__(self, throttled: int) -> None:
        self.throttled = throttled
        self.asked: list[list[dict[str, Any]]] = []

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:  # boto3's argument name
        keys = RequestItems["t"]["Keys"]
        self.asked.append(keys)
        if self.throttled > 0:
            self.throttled -= 1
            return {"Responses": {"t": []}, "UnprocessedKeys": RequestItems}
        first, rest = keys[0], keys[1:]
        return {"Responses": {"t": [first]},
                "UnprocessedKeys": {"t": {**RequestItems["t"], "Keys": rest}} if rest else {}}


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setattr(base.time, "sleep", lambda _seconds: None)

    def install(throttled: int) -> ThrottlingClient:
        fake = ThrottlingClient(throttled)
        monkeypatch.setattr(base, "dynamodb_client", lambda: fake)
        return fake

    return install


def test_unprocessed_keys_are_asked_again_until_every_item_is_read(client):
    fake = client(throttled=3)
    assert base.batch_get({"t": {"Keys": [KEY_A, KEY_B]}}) == {"t": [KEY_A, KEY_B]}
    assert fake.asked[-1] == [KEY_B]  # only what was left, not the whole request again


def test_a_read_still_unprocessed_after_its_tries_is_busy_not_an_absent_item(client):
    fake = client(throttled=base.BATCH_TRIES)
    with pytest.raises(Busy):
        base.batch_get({"t": {"Keys": [KEY_A]}})
    assert len(fake.asked) == base.BATCH_TRIES
