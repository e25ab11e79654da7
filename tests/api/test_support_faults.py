"""What DynamoDB does under load and moto never does: a TransactionConflict on a support, and
throttling on the support path. Injected through botocore's `before-send` hook on the
transactions' client, so PynamoDB, botocore's retries and the app run as in AWS."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from botocore.awsrequest import AWSResponse

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.conftest import assert_error

SEND = "before-send.dynamodb.TransactWriteItems"


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(name="owner"), "moderator": make_user("moderators", name="mod")}


class _Body:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: object) -> Iterator[bytes]:
        yield self._body


def dynamodb_error(code: str, message: str, **extra: object) -> AWSResponse:
    body = json.dumps({"__type": f"com.amazonaws.dynamodb.v20120810#{code}", "message": message, **extra})
    return AWSResponse("http://dynamodb.invalid/", 400, {"Content-Type": "application/x-amz-json-1.0"},
                       _Body(body.encode()))


def transaction_conflict() -> AWSResponse:
    """What DynamoDB answers when another transaction holds the counter: the support item's
    reason is None, the counter's TransactionConflict."""
    return dynamodb_error(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]",
        CancellationReasons=[{"Code": "None"},
                             {"Code": "TransactionConflict", "Message": "Transaction is ongoing for the item"}])


@contextmanager
def transactions_answered(failures: int, answer) -> Iterator[list[str]]:
    """The next `failures` TransactWriteItems sent get `answer()`; the rest reach the embedded
    AWS. Yields the operations sent, one entry per attempt on the wire."""
    from chalicelib.store.base import _transaction_connection

    sent: list[str] = []

    def hook(request, **_: object):
        sent.append("TransactWriteItems")
        return answer() if len(sent) <= failures else None

    events = _transaction_connection().client.meta.events
    events.register(SEND, hook)
    try:
        yield sent
    finally:
        events.unregister(SEND, hook)


def _person_id(api, user) -> str:
    return json.loads(api.get("/me", user=user).body)["id"]


def _shard_state(campaign_id: str, person_id: str) -> tuple[int, bool]:
    """The person's shard counter and whether their support item exists, each read by key."""
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.store.tables.support_counters import SupportCounterRecord
    from chalicelib.store.tables.supports import SupportRecord

    key = shard_key(campaign_id, shard_of(person_id))
    counter = next(iter(SupportCounterRecord.batch_get([key], consistent_read=True)), None)
    supported = next(iter(SupportRecord.batch_get([(key, person_id)], consistent_read=True)), None)
    return (int(counter.count or 0) if counter else 0), supported is not None


def test_a_transaction_conflict_on_support_is_retried_and_counted_once(api, people, make_user):
    campaign = open_campaign(api, people["owner"], people["moderator"], area="transport")
    fan = make_user(name="fan")
    fan_id = _person_id(api, fan)
    before = _shard_state(campaign["id"], fan_id)
    assert before == (0, False)

    with transactions_answered(2, transaction_conflict) as sent:
        answer = api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT)
    assert answer.status_code == 200, answer.body
    assert json.loads(answer.body)["supported"] is True
    assert len(sent) == 3, "two conflicts, then the transaction that went through"
    assert _shard_state(campaign["id"], fan_id) == (1, True)


def test_a_support_that_conflicts_every_time_answers_503_and_writes_nothing(api, people, make_user):
    from chalicelib.store.supports import CONFLICT_RETRIES

    campaign = open_campaign(api, people["owner"], people["moderator"], area="transport")
    fan = make_user(name="fan")
    fan_id = _person_id(api, fan)

    with transactions_answered(CONFLICT_RETRIES + 10, transaction_conflict) as sent:
        answer = api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT)
    error = assert_error(answer, 503, "dependency_unavailable")
    assert int(answer.headers["Retry-After"]) >= 1, error
    assert len(sent) == CONFLICT_RETRIES
    assert _shard_state(campaign["id"], fan_id) == (0, False)


def throttled_items() -> AWSResponse:
    """A transaction cancelled because its items' partitions were throttled."""
    return dynamodb_error(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError, None]",
        CancellationReasons=[{"Code": "ThrottlingError", "Message": "Throughput exceeds the current capacity"},
                             {"Code": "None"}])


THROTTLED = {
    code: (lambda code=code: dynamodb_error(code, "Rate of requests exceeds the allowed throughput."))
    for code in ("ProvisionedThroughputExceededException", "ThrottlingException")
} | {"ThrottlingError": throttled_items}


@pytest.mark.parametrize("throttle", sorted(THROTTLED))
def test_throttling_on_the_support_path_answers_503_with_retry_after_and_writes_nothing(
        api, people, make_user, throttle):
    campaign = open_campaign(api, people["owner"], people["moderator"], area="transport")
    fan = make_user(name="fan")
    fan_id = _person_id(api, fan)

    with transactions_answered(100, THROTTLED[throttle]) as sent:
        answer = api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT)
    if throttle != "ThrottlingError":  # botocore retries a throttled call; a cancelled one is final
        assert len(sent) > 1, "botocore retried the throttled call before giving up"
    assert_error(answer, 503, "dependency_unavailable")
    assert int(answer.headers["Retry-After"]) >= 1
    assert _shard_state(campaign["id"], fan_id) == (0, False)
    # Once DynamoDB takes writes again, the same request goes through, once.
    assert api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT).status_code == 200
    assert _shard_state(campaign["id"], fan_id) == (1, True)
