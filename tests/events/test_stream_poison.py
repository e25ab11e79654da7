"""A poison record in the counters' stream: its campaign cannot be counted, ever. The records
around it are counted, and after its retries it goes to the dead-letter queue, where an operator
finds it by its sequence number (Lambda's OnFailure record says where, not what)."""

from __future__ import annotations

import json

import boto3
import pytest

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.conftest import REGION, event_runner


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(name="owner"), "moderator": make_user("moderators", name="mod"),
            "fan": make_user(name="fan")}


def _count(api, campaign_id: str) -> int:
    return json.loads(api.get(f"/campaigns/{campaign_id}").body)["support_count"]


def _set_milestones(campaign_id: str, value: dict) -> None:
    from chalicelib.store.tables.campaigns import CampaignRecord

    CampaignRecord._get_connection().connection.client.update_item(
        TableName=CampaignRecord.Meta.table_name, Key={"id": {"S": campaign_id}},
        UpdateExpression="SET milestones = :value", ExpressionAttributeValues={":value": value})


@pytest.fixture
def poison():
    """A campaign item no code can read back (as a bad hand edit or an old writer leaves one),
    mended afterwards as an operator would: it is open, so the worker's later tests list it."""
    poisoned = []

    def make(campaign_id: str) -> None:
        poisoned.append(campaign_id)
        _set_milestones(campaign_id, {"S": "broken"})

    yield make
    for campaign_id in poisoned:
        _set_milestones(campaign_id, {"L": []})


def _dead_letters(sqs, queue_url: str) -> list[dict]:
    letters, got = [], True
    while got:
        got = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
        letters += [json.loads(m["Body"]) for m in got]
    return letters


def _campaigns_in_stream(streams, info: dict) -> list[str]:
    """What an operator does with a dead letter: read its records back from the stream."""
    from chalicelib.domain.shards import campaign_of

    iterator = streams.get_shard_iterator(
        StreamArn=info["streamArn"], ShardId=info["shardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
        SequenceNumber=info["startSequenceNumber"])["ShardIterator"]
    records = streams.get_records(ShardIterator=iterator, Limit=info["batchSize"])["Records"]
    return [campaign_of(r["dynamodb"]["Keys"]["counter_id"]["S"]) for r in records]


def test_a_poison_record_goes_to_the_dead_letter_queue_and_the_rest_are_counted(api, app, stack, people, poison):
    from chalicelib.settings import get_settings
    endpoint = stack["aws"].endpoint
    sqs = boto3.client("sqs", endpoint_url=endpoint, region_name=REGION)
    streams = boto3.client("dynamodbstreams", endpoint_url=endpoint, region_name=REGION)
    queue_url = sqs.get_queue_url(QueueName=get_settings().stream_dead_letter_queue_name)["QueueUrl"]
    runner = event_runner(app, stack)  # from the streams' ends: earlier tests' records are not this test's
    _dead_letters(sqs, queue_url)  # what earlier tests left in the queue

    before, poisoned, after = (open_campaign(api, people["owner"], people["moderator"], area="health")["id"]
                               for _ in range(3))
    poison(poisoned)
    for campaign_id in (before, poisoned, after):  # one batch: a good record each side of the bad one
        assert api.put(f"/campaigns/{campaign_id}/support", user=people["fan"], json_body=CONSENT).status_code == 200

    for _ in range(10):  # each round is one more try, as Lambda retries after a failure
        runner.run_once()
    assert (_count(api, before), _count(api, after)) == (1, 1)

    letters = _dead_letters(sqs, queue_url)
    assert letters, "the poison record went to the dead-letter queue"
    for letter in letters:  # moto may write more than one stream record for one support: each is poison
        assert letter["requestContext"]["condition"] == "RetryAttemptsExhausted"
        assert letter["requestContext"]["approximateInvokeCount"] == 4  # the first try and 3 retries
        info = letter["DDBStreamBatchInfo"]
        assert info["batchSize"] == 1 and info["streamArn"] == get_settings().counters_stream_arn
        assert _campaigns_in_stream(streams, info) == [poisoned]

    # The stream has moved on: later supports are counted at once.
    api.delete(f"/campaigns/{before}/support", user=people["fan"])
    runner.run_once()
    assert _count(api, before) == 0
    assert _dead_letters(sqs, queue_url) == []
