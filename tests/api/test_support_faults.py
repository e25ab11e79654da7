"""What DynamoDB does under load and moto never does: throttling on the support's write, and on the
stream's counter update. Injected through botocore's `before-send` hook on the client PynamoDB
uses for that table, so PynamoDB, botocore's retries and the app run as in AWS."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from botocore.awsrequest import AWSResponse

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.conftest import assert_error, deliver_until_quiet


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


@contextmanager
def answered(model, operation: str, failures: int, answer) -> Iterator[list[str]]:
    """The next `failures` calls of `operation` on `model`'s table get `answer()`; the rest reach
    the embedded AWS. Yields one entry per attempt on the wire."""
    sent: list[str] = []
    table = model.Meta.table_name

    def hook(request, **_: object):
        if json.loads(request.body or b"{}").get("TableName") != table:
            return None
        sent.append(operation)
        return answer() if len(sent) <= failures else None

    events = model._get_connection().connection.client.meta.events
    events.register(f"before-send.dynamodb.{operation}", hook)
    try:
        yield sent
    finally:
        events.unregister(f"before-send.dynamodb.{operation}", hook)


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


THROTTLED = {
    code: (lambda code=code: dynamodb_error(code, "Rate of requests exceeds the allowed throughput."))
    for code in ("ProvisionedThroughputExceededException", "ThrottlingException")
}


@pytest.mark.parametrize("throttle", sorted(THROTTLED))
def test_throttling_on_the_support_path_answers_503_with_retry_after_and_writes_nothing(
        api, people, make_user, throttle, runner):
    from chalicelib.store.tables.supports import SupportRecord

    campaign = open_campaign(api, people["owner"], people["moderator"], area="transport")
    fan = make_user(name="fan")
    fan_id = _person_id(api, fan)

    with answered(SupportRecord, "PutItem", 100, THROTTLED[throttle]) as sent:
        answer = api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT)
    assert len(sent) > 1, "botocore retried the throttled call before giving up"
    assert_error(answer, 503, "dependency_unavailable")
    assert int(answer.headers["Retry-After"]) >= 1
    deliver_until_quiet(runner)
    assert _shard_state(campaign["id"], fan_id) == (0, False)
    # Once DynamoDB takes writes again, the same request goes through, once.
    assert api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT).status_code == 200
    deliver_until_quiet(runner)
    assert _shard_state(campaign["id"], fan_id) == (1, True)


def test_a_throttled_counter_update_is_retried_by_the_stream_and_counted_once(api, people, make_user, runner):
    """The stream's UpdateItem throttled past botocore's retries: the batch fails, Lambda sends it
    again, and the counter's checkpoint makes the second delivery count what the first did not."""
    from chalicelib.store.tables.support_counters import SupportCounterRecord

    campaign = open_campaign(api, people["owner"], people["moderator"], area="transport")
    fans = [make_user(name="fan") for _ in range(3)]
    for fan in fans:
        assert api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT).status_code == 200
    with answered(SupportCounterRecord, "UpdateItem", 5, THROTTLED["ThrottlingException"]) as sent:
        deliver_until_quiet(runner)
    assert len(sent) > 5, "the first delivery failed, and was sent again"
    assert sum(_shard_state(campaign["id"], _person_id(api, fan))[1] for fan in fans) == 3
    shown = json.loads(api.get(f"/campaigns/{campaign['id']}").body)["support_count"]
    assert shown == 3
