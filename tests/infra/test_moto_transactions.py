"""The embedded AWS's transactions stay all-or-nothing (devstack/moto_patches.py makes them
cheaper, not different): a cancelled one leaves no item and no stream record behind."""

from __future__ import annotations

import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.conftest import REGION


@pytest.fixture
def table(stack):
    client = boto3.client("dynamodb", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    return client, f"{stack['env']['TABLE_PREFIX']}-names"


def _stream_from_now(stack) -> tuple:
    """The campaigns stream from this moment on: a LATEST iterator on each shard. Counting the
    whole stream would count every other test's writes (and one read stops at 1,000 records)."""
    streams = boto3.client("dynamodbstreams", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    arn = stack["env"]["CAMPAIGNS_STREAM_ARN"]
    shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
    return streams, [streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                                ShardIteratorType="LATEST")["ShardIterator"] for shard in shards]


def _campaign_ids_written_since(streams, iterators: list[str]) -> list[str]:
    ids = []
    for iterator in iterators:
        while iterator:
            got = streams.get_records(ShardIterator=iterator, Limit=1000)
            ids += [record["dynamodb"]["Keys"]["id"]["S"] for record in got["Records"]]
            iterator = got.get("NextShardIterator") if got["Records"] else None
    return ids


def test_a_cancelled_transaction_writes_nothing(table, stack):
    client, names = table
    campaigns = f"{stack['env']['TABLE_PREFIX']}-campaigns"
    taken, fresh, campaign_id = f"t#{uuid.uuid4()}", f"t#{uuid.uuid4()}", str(uuid.uuid4())
    client.put_item(TableName=names, Item={"name": {"S": taken}, "target_kind": {"S": "x"}, "target_id": {"S": "1"}})
    streams, since_before = _stream_from_now(stack)
    with pytest.raises(ClientError) as raised:
        client.transact_write_items(TransactItems=[
            {"Put": {"TableName": campaigns, "Item": {"id": {"S": campaign_id}}}},
            {"Put": {"TableName": names, "Item": {"name": {"S": fresh}}}},
            {"Put": {"TableName": names, "Item": {"name": {"S": taken}},
                     "ConditionExpression": "attribute_not_exists(#n)", "ExpressionAttributeNames": {"#n": "name"}}},
        ])
    assert raised.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert "Item" not in client.get_item(TableName=campaigns, Key={"id": {"S": campaign_id}})
    assert "Item" not in client.get_item(TableName=names, Key={"name": {"S": fresh}})
    assert client.get_item(TableName=names, Key={"name": {"S": taken}})["Item"]["target_id"] == {"S": "1"}
    assert campaign_id not in _campaign_ids_written_since(streams, since_before)
    control = f"control-{uuid.uuid4()}"  # a write that did happen is seen, so the check above can fail
    client.put_item(TableName=campaigns, Item={"id": {"S": control}})
    client.delete_item(TableName=campaigns, Key={"id": {"S": control}})
    assert _campaign_ids_written_since(streams, since_before).count(control) == 2


def _page_through(client, feed, person, forward: bool, condition: str = "", values: dict | None = None) -> list:
    keys, start = [], None
    while True:
        extra = {"ExclusiveStartKey": start} if start else {}
        got = client.query(TableName=feed, KeyConditionExpression="person_id = :p" + condition,
                           ExpressionAttributeValues={":p": {"S": person}, **(values or {})}, Limit=3,
                           ScanIndexForward=forward, **extra)
        keys += [i["item_key"]["S"] for i in got["Items"]]
        start = got.get("LastEvaluatedKey")
        if not start:
            return keys


def test_a_query_reads_its_own_partition_in_order_page_by_page(stack):
    """The second patch: a Query on a table's key sees one partition, sorted, paged, conditioned."""
    client = boto3.client("dynamodb", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    feed = f"{stack['env']['TABLE_PREFIX']}-feed"
    person, neighbour = f"q-{uuid.uuid4()}", f"q-{uuid.uuid4()}"
    keys = [f"2026-11-{day:02d}#c#k" for day in (7, 3, 9, 1, 5, 8, 2, 6, 4, 10)]
    for owner in (person, neighbour):
        for key in keys:
            client.put_item(TableName=feed, Item={"person_id": {"S": owner}, "item_key": {"S": key},
                                                  "campaign_id": {"S": "c"}})
    assert _page_through(client, feed, person, forward=True) == sorted(keys)
    assert _page_through(client, feed, person, forward=False) == sorted(keys, reverse=True)
    since = _page_through(client, feed, person, True, " AND item_key >= :k", {":k": {"S": "2026-11-06"}})
    assert since == sorted(k for k in keys if k >= "2026-11-06")
    assert _page_through(client, feed, f"q-{uuid.uuid4()}", forward=True) == []
    # Every item is there once, read by its key: a Scan of the shared table would read only its
    # first 1 MB, which other tests' items (the fan-out's 10,000) may fill.
    counted = client.query(TableName=feed, KeyConditionExpression="person_id = :p", Select="COUNT",
                           ExpressionAttributeValues={":p": {"S": person}}, ConsistentRead=True)
    assert counted["Count"] == len(keys)
    for key in keys:
        stored = client.get_item(TableName=feed, Key={"person_id": {"S": person}, "item_key": {"S": key}},
                                 ConsistentRead=True)["Item"]
        assert stored == {"person_id": {"S": person}, "item_key": {"S": key}, "campaign_id": {"S": "c"}}


def _claim(client, name: str, token: str | None = None) -> None:
    """A conditional put that can succeed once: claiming a free name."""
    put = {"TableName": name[0], "Item": {"name": {"S": name[1]}, "owner_id": {"S": "x"}},
           "ConditionExpression": "attribute_not_exists(#n)", "ExpressionAttributeNames": {"#n": "name"}}
    client.transact_write_items(TransactItems=[{"Put": put}], **({"ClientRequestToken": token} if token else {}))


def test_a_resent_transaction_is_answered_not_run_again(table):
    """botocore resends a request whose reply was lost; with the same ClientRequestToken DynamoDB
    answers the resend with the first outcome. Without it, the resend fails its own condition."""
    client, table_name = table
    name = (table_name, f"token-{uuid.uuid4().hex[:8]}")
    token = str(uuid.uuid4())
    _claim(client, name, token)
    _claim(client, name, token)  # the resend: answered, not run again
    with pytest.raises(ClientError) as refused:
        _claim(client, name, str(uuid.uuid4()))  # another transaction: the name is taken
    assert refused.value.response["Error"]["Code"] == "TransactionCanceledException"


def test_every_transaction_of_the_app_carries_its_own_token():
    from chalicelib.store.base import Transaction

    first, second = Transaction(), Transaction()
    assert first.client_request_token and first.client_request_token != second.client_request_token
