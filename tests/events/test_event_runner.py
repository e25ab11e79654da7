"""The local event runner calls a Chalice app's handlers as Lambda would, pulling from moto.

Self-contained: its own embedded AWS on a free port, its own small app and resources. moto's
state is per process (shared with any other server or suite fixture in it), so every test
names its resources uniquely instead of resetting moto.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from chalice import Blueprint, Chalice

from devstack.embedded_aws import EmbeddedAws
from devstack.event_runner import EventRunner

REGION = "eu-west-2"


@pytest.fixture(scope="module")
def aws() -> Iterator[EmbeddedAws]:
    with EmbeddedAws(port=0) as server:
        yield server


def _client(aws: EmbeddedAws, service: str) -> Any:
    return boto3.client(service, endpoint_url=aws.endpoint, region_name=REGION,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


class Stack:
    """The resources, the app, what its handlers received, and a runner for it."""

    def __init__(self, aws: EmbeddedAws) -> None:
        self.sns, self.sqs, self.ddb = (_client(aws, s) for s in ("sns", "sqs", "dynamodb"))
        suffix = uuid.uuid4().hex[:8]
        self.topic, self.queue, self.table = (
            f"{name}-{suffix}" for name in ("alerts", "work", "campaigns"))
        self.topic_arn = self.sns.create_topic(Name=self.topic)["TopicArn"]
        self.queue_url = self.sqs.create_queue(QueueName=self.queue)["QueueUrl"]
        self.ddb.create_table(
            TableName=self.table, BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        self.stream_arn = self.ddb.describe_table(TableName=self.table)["Table"]["LatestStreamArn"]
        self.received: dict[str, list[Any]] = {"schedule": [], "sns": [], "sqs": [], "stream": []}
        self.middleware: list[str] = []
        self.failures_left = {"sns": 0, "stream": 0}
        self.app = self._app()
        self.runner = EventRunner(self.app, aws.endpoint, REGION, schedule_seconds=3600,
                                  retry_seconds=0)

    def _fail_if_asked(self, kind: str) -> None:
        if self.failures_left[kind]:
            self.failures_left[kind] -= 1
            raise RuntimeError(f"{kind} handler failing on purpose")

    def _app(self) -> Chalice:
        app = Chalice(app_name="runner-test")

        def record_calls(event: Any, get_response: Any) -> Any:
            self.middleware.append(type(event).__name__)
            return get_response(event)

        @app.schedule("rate(1 hour)")
        def digest(event: Any) -> None:
            self.received["schedule"].append(event)

        @app.on_sns_message(topic=self.topic)  # a name, resolved to the topic's ARN
        def on_alert(event: Any) -> None:
            self.received["sns"].append(event)
            self._fail_if_asked("sns")

        @app.on_sqs_message(queue=self.queue, batch_size=2)
        def on_work(event: Any) -> None:
            self.received["sqs"].append([record.to_dict() for record in event])

        @app.on_dynamodb_record(stream_arn=self.stream_arn)
        def on_campaign(event: Any) -> None:
            self.received["stream"].append(list(event))
            self._fail_if_asked("stream")

        # Registered after the handlers, as app.py does: Chalice must still apply it.
        app.register_middleware(record_calls, "all")
        return app


@pytest.fixture
def stack(aws: EmbeddedAws) -> Stack:
    return Stack(aws)


def test_schedule_fires_at_start_then_only_when_due(stack: Stack) -> None:
    assert stack.runner.run_once() == 1
    assert stack.runner.run_once() == 0  # the next one is an hour away

    (event,) = stack.received["schedule"]
    assert event.detail_type == "Scheduled Event"
    assert event.source == "aws.events"
    assert event.account == "123456789012"
    assert event.region == REGION
    assert event.detail == {}
    rule = f"arn:aws:events:{REGION}:123456789012:rule/runner-test-local-digest"
    assert event.resources == [rule]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", event.time)
    assert event.context.function_name == "runner-test-local-digest"
    assert event.context.get_remaining_time_in_millis() > 0
    assert stack.middleware == ["CloudWatchEvent"]


def test_sns_message_arrives_with_body_subject_and_attributes(stack: Stack) -> None:
    stack.runner.run_once()  # the schedule's first run, out of the way
    stack.sns.publish(TopicArn=stack.topic_arn, Message='{"campaign": "c1"}', Subject="milestone",
                      MessageAttributes={"area": {"DataType": "String", "StringValue": "health"}})

    assert stack.runner.run_once() == 1

    (event,) = stack.received["sns"]
    assert event.message == '{"campaign": "c1"}'
    assert event.subject == "milestone"
    assert event.message_attributes == {"area": {"Type": "String", "Value": "health"}}
    record = event.to_dict()["Records"][0]
    assert record["EventSource"] == "aws:sns"
    assert record["Sns"]["TopicArn"] == stack.topic_arn
    assert record["Sns"]["Type"] == "Notification"
    assert set(record["Sns"]) >= {"MessageId", "Timestamp", "SigningCertUrl", "UnsubscribeUrl"}
    assert "SNSEvent" in stack.middleware
    assert stack.runner.run_once() == 0  # delivered once, then deleted


def test_failed_sns_message_is_delivered_again(stack: Stack) -> None:
    stack.runner.run_once()
    stack.failures_left["sns"] = 1
    stack.sns.publish(TopicArn=stack.topic_arn, Message="again")

    assert stack.runner.run_once() == 1  # raised: left in the queue
    assert stack.runner.run_once() == 1  # delivered again, and succeeded
    assert stack.runner.run_once() == 0

    assert [e.message for e in stack.received["sns"]] == ["again", "again"]


def test_stream_record_carries_the_new_image(stack: Stack) -> None:
    stack.ddb.put_item(TableName=stack.table, Item={"pk": {"S": "c1"}, "supporters": {"N": "3"}})

    assert stack.runner.run_once() == 2  # the schedule, and one stream batch

    ((record,),) = stack.received["stream"]
    assert record.event_name == "INSERT"
    assert record.keys == {"pk": {"S": "c1"}}
    assert record.new_image == {"pk": {"S": "c1"}, "supporters": {"N": "3"}}
    assert record.event_source_arn == stack.stream_arn
    assert record.aws_region == REGION
    assert record.table_name == stack.table
    raw = record.to_dict()
    assert raw["eventSource"] == "aws:dynamodb"
    assert raw["eventVersion"] == "1.1"
    assert isinstance(raw["dynamodb"]["ApproximateCreationDateTime"], int)
    assert "DynamoDBEvent" in stack.middleware


def test_failed_stream_batch_is_retried_before_later_records(stack: Stack) -> None:
    stack.runner.run_once()
    stack.failures_left["stream"] = 1
    stack.ddb.put_item(TableName=stack.table, Item={"pk": {"S": "c1"}})

    assert stack.runner.run_once() == 1  # raised
    stack.ddb.put_item(TableName=stack.table, Item={"pk": {"S": "c2"}})
    assert stack.runner.run_once() == 1  # the same position again: c1 first, then c2
    assert stack.runner.run_once() == 0

    keys = [[r.keys["pk"]["S"] for r in batch] for batch in stack.received["stream"]]
    assert keys == [["c1"], ["c1", "c2"]]


class _WrittenWhileRead:
    """The stream of a table written to without pause: each read finds one more record, until
    the handler has had its first batch."""

    def __init__(self, streams: Any, stack: Stack, delivered: list[list[str]]) -> None:
        self.streams, self.stack, self.delivered = streams, stack, delivered
        self.written = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.streams, name)

    def get_records(self, **kwargs: Any) -> Any:
        if not self.delivered:
            self.written += 1
            self.stack.ddb.put_item(TableName=self.stack.table, Item={"pk": {"S": f"w{self.written}"}})
        return self.streams.get_records(**kwargs)


@pytest.mark.parametrize("window", [0, 1])
def test_a_stream_never_quiet_is_delivered_once_its_batching_window_is_over(aws: EmbeddedAws, window: int) -> None:
    stack = Stack(aws)
    delivered: list[list[str]] = []
    app = Chalice(app_name="window-test")

    @app.on_dynamodb_record(stream_arn=stack.stream_arn, batch_size=1000,
                            maximum_batching_window_in_seconds=window, starting_position="TRIM_HORIZON")
    def on_write(event: Any) -> None:
        delivered.append([r.keys["pk"]["S"] for r in event])

    runner = EventRunner(app, aws.endpoint, REGION, retry_seconds=0)
    streams = runner.streams = _WrittenWhileRead(runner.streams, stack, delivered)

    assert runner.run_once() == 1
    (batch,) = delivered
    assert batch == [f"w{n}" for n in range(1, streams.written + 1)]
    assert len(batch) < 1000  # not held until the batch was full, as it was
    if window == 0:
        assert batch == ["w1"]  # Lambda invokes with the first read's records


def test_sqs_messages_arrive_in_batches_and_are_deleted(stack: Stack) -> None:
    stack.runner.run_once()
    for n in range(3):
        stack.sqs.send_message(QueueUrl=stack.queue_url, MessageBody=f"job {n}",
                               MessageAttributes={"kind": {"DataType": "String",
                                                           "StringValue": "resize"}})

    assert stack.runner.run_once() == 2  # one round drains the queue, two at a time
    assert stack.runner.run_once() == 0

    batches = stack.received["sqs"]
    assert [len(b) for b in batches] == [2, 1]
    first = batches[0][0]
    assert first["body"].startswith("job ")
    assert first["eventSource"] == "aws:sqs"
    assert first["eventSourceARN"] == f"arn:aws:sqs:{REGION}:123456789012:{stack.queue}"
    assert first["awsRegion"] == REGION
    assert first["messageAttributes"]["kind"]["stringValue"] == "resize"
    assert first["messageAttributes"]["kind"]["dataType"] == "String"
    assert {"messageId", "receiptHandle", "md5OfBody", "attributes"} <= set(first)
    left = stack.sqs.get_queue_attributes(QueueUrl=stack.queue_url,
                                          AttributeNames=["ApproximateNumberOfMessages"])
    assert left["Attributes"]["ApproximateNumberOfMessages"] == "0"
    assert "SQSEvent" in stack.middleware


def test_blueprint_handlers_run_through_the_apps_middleware(aws: EmbeddedAws) -> None:
    # As app.py does it: middleware first, then the blueprints that hold the handlers.
    seen: list[str] = []
    events = Blueprint(__name__)

    @events.schedule("rate(5 minutes)")
    def close_expired(event: Any) -> None:
        seen.append(f"handler:{event.context.function_name}")

    app = Chalice(app_name="blueprint-test")
    app.register_middleware(lambda event, get_response: (seen.append("middleware"),
                                                         get_response(event))[1], "scheduled")
    app.register_blueprint(events)

    assert EventRunner(app, aws.endpoint, REGION).run_once() == 1
    assert seen == ["middleware", "handler:blueprint-test-local-close_expired"]


def test_one_round_delivers_every_pending_message_and_stream_batch(stack: Stack) -> None:
    stack.runner.run_once()
    for n in range(12):  # more than one receive's worth
        stack.sns.publish(TopicArn=stack.topic_arn, Message=f"m{n}")
    for n in range(3):
        stack.ddb.put_item(TableName=stack.table, Item={"pk": {"S": f"c{n}"}})

    assert stack.runner.run_once() == 13  # twelve SNS invocations, one stream batch

    assert sorted(e.message for e in stack.received["sns"]) == sorted(f"m{n}" for n in range(12))
    assert [len(batch) for batch in stack.received["stream"]] == [3]


def test_a_batch_that_fails_whole_is_bisected_and_its_poison_record_dead_lettered(aws: EmbeddedAws) -> None:
    """As the mapping does with BisectBatchOnFunctionError, MaximumRetryAttempts and OnFailure."""
    from chalicelib.events.stream_failures import StreamFailurePolicy

    stack = Stack(aws)
    dead_letters = f"stream-dlq-{uuid.uuid4().hex[:8]}"
    queue_url = stack.sqs.create_queue(QueueName=dead_letters)["QueueUrl"]
    app = Chalice(app_name="bisect-test")
    batches: list[list[str]] = []

    def on_campaign(event: Any) -> None:
        keys = [record.keys["pk"]["S"] for record in event]
        batches.append(keys)
        if "bad" in keys:  # raises: the whole batch fails, nothing says which record
            raise RuntimeError("poison")

    # What @stream_failure_policy does, under the registration as in chalicelib/events.
    on_campaign.stream_failure_policy = StreamFailurePolicy(  # type: ignore[attr-defined]
        max_retries=1, dead_letter_queue_name=dead_letters)
    app.on_dynamodb_record(stream_arn=stack.stream_arn)(on_campaign)
    runner = EventRunner(app, aws.endpoint, REGION, retry_seconds=0)
    for key in ("a", "b", "bad", "c"):
        stack.ddb.put_item(TableName=stack.table, Item={"pk": {"S": key}})

    for _ in range(8):
        runner.run_once()

    assert batches[:4] == [["a", "b", "bad", "c"], ["a", "b"], ["bad", "c"], ["bad"]]  # halved to the one
    assert batches[4:] == [["bad"], ["c"]]  # one retry, then past it
    (letter,) = stack.sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    info = json.loads(letter["Body"])["DDBStreamBatchInfo"]
    assert info["batchSize"] == 1 and info["streamArn"] == stack.stream_arn
