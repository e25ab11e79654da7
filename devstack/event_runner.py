"""Run what `chalice local` does not: schedules, SNS, SQS and DynamoDB stream handlers.

Each handler is called through the same object Lambda calls (`app.handler_map[name]`, the
EventSourceHandler that also runs the app's middleware), with events shaped as AWS shapes them.
Everything is pulled from the embedded AWS: it serves one request at a time, so it must never
be asked to push into the app (an SNS http subscription back into the app would deadlock).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
import re
import threading
import time
import uuid
from typing import Any

import boto3
from chalice.app import DynamoDBEventConfig, ScheduledEventConfig, SNSEventConfig, SQSEventConfig

ACCOUNT_ID = "123456789012"  # moto's default account
log = logging.getLogger("devstack.events")


class LambdaContext:
    """The parts of Lambda's context object that handlers and Powertools read."""

    def __init__(self, function_name: str, region: str, timeout_seconds: float = 60.0) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.memory_limit_in_mb = 128
        self.invoked_function_arn = f"arn:aws:lambda:{region}:{ACCOUNT_ID}:function:{function_name}"
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = f"local/{self.aws_request_id}"
        self._deadline = time.monotonic() + timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def _jsonable(value: Any) -> Any:
    """boto3 gives bytes and datetimes; Lambda events carry base64 text and epoch seconds."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.datetime):
        return int(value.timestamp())
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | set):
        return [_jsonable(v) for v in value]
    return value


class _Source:
    """One event source: `poll()` delivers what is pending and says how many events it sent."""

    def __init__(self, runner: EventRunner, config: Any) -> None:
        self.runner, self.config = runner, config
        self.retry_at = 0.0  # after a failure, wait `retry_seconds` before trying again
        self.last_result: Any = None  # what the handler returned, as Lambda reads it

    def invoke(self, event: dict[str, Any]) -> bool:
        """Call the handler as Lambda would; False (and a logged traceback) if it raised."""
        name = self.config.name
        context = LambdaContext(f"{self.runner.function_prefix}-{name}", self.runner.region)
        try:
            self.last_result = self.runner.app.handler_map[name](event, context)
            return True
        except Exception:
            log.exception("handler %s failed; retrying in %ss", name, self.runner.retry_seconds)
            self.retry_at = time.monotonic() + self.runner.retry_seconds
            return False

    def poll(self) -> int:  # each kind of source says how it reads its events
        raise NotImplementedError


class _Schedule(_Source):
    def __init__(self, runner: EventRunner, config: ScheduledEventConfig) -> None:
        super().__init__(runner, config)
        # First run at once, so a developer sees its effect; never if schedules are held back
        # (tests that call scheduled work themselves, whose rounds may outlast the interval).
        self.due = float("inf") if runner.hold_schedules else time.monotonic()

    def poll(self) -> int:
        if time.monotonic() < self.due:
            return 0
        self.due = time.monotonic() + self.runner.schedule_seconds
        rule = f"arn:aws:events:{self.runner.region}:{ACCOUNT_ID}:rule/" \
               f"{self.runner.function_prefix}-{self.config.name}"
        self.invoke({
            "version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event",
            "source": "aws.events", "account": ACCOUNT_ID,
            "time": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": self.runner.region, "resources": [rule], "detail": {},
        })
        return 1  # a failed run is not retried: the next one comes on schedule, as in AWS


class _Queue(_Source):
    """Shared by SNS (through a queue of its own) and SQS sources: receive, deliver, delete."""

    queue_url: str
    queue_arn: str
    batch_size = 10
    max_batches_per_round = 100  # a steady publisher must not hold one round forever

    def deliver(self, messages: list[dict[str, Any]]) -> tuple[int, bool]:
        """Hand messages to the handler; (events sent, whether all succeeded)."""
        raise NotImplementedError

    def poll(self) -> int:
        sent = 0
        for _ in range(self.max_batches_per_round):
            messages = self._receive()
            if not messages:
                break
            count, succeeded = self.deliver(messages)
            sent += count
            if not succeeded:  # the failed ones wait retry_seconds; so does this source
                break
        return sent

    def _receive(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = []
        while len(messages) < self.batch_size:
            got = self.runner.sqs.receive_message(
                QueueUrl=self.queue_url, WaitTimeSeconds=0, AttributeNames=["All"],
                MessageAttributeNames=["All"],
                MaxNumberOfMessages=min(10, self.batch_size - len(messages)),
            ).get("Messages", [])
            if not got:
                break
            messages += got
        return messages

    def _settle(self, messages: list[dict[str, Any]], delivered: bool) -> None:
        for message in messages:
            if delivered:
                self.runner.sqs.delete_message(QueueUrl=self.queue_url,
                                               ReceiptHandle=message["ReceiptHandle"])
            else:  # back in the queue after retry_seconds, like a visibility timeout running out
                self.runner.sqs.change_message_visibility(
                    QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"],
                    VisibilityTimeout=int(self.runner.retry_seconds))


class _Sns(_Queue):
    def __init__(self, runner: EventRunner, config: SNSEventConfig) -> None:
        super().__init__(runner, config)
        topic = config.topic
        if not topic.startswith("arn:"):
            topic = f"arn:aws:sns:{runner.region}:{ACCOUNT_ID}:{topic}"
        # Unique per runner: moto's state is per process, shared by every runner in it.
        name = re.sub(r"[^A-Za-z0-9_-]", "-", f"devstack-sns-{config.name}")[:71]
        name = f"{name}-{uuid.uuid4().hex[:8]}"
        self.queue_url = runner.sqs.create_queue(
            QueueName=name, Attributes={"VisibilityTimeout": "5"})["QueueUrl"]
        self.queue_arn = runner.sqs.get_queue_attributes(
            QueueUrl=self.queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        try:  # raw delivery stays off: the SQS body is the SNS notification JSON
            self.subscription_arn = runner.sns.subscribe(
                TopicArn=topic, Protocol="sqs", Endpoint=self.queue_arn,
                ReturnSubscriptionArn=True)["SubscriptionArn"]
        except runner.sns.exceptions.NotFoundException:
            raise RuntimeError(f"handler {config.name} listens to {topic}, "
                               "which the deployed stack does not have") from None

    def deliver(self, messages: list[dict[str, Any]]) -> tuple[int, bool]:
        all_succeeded = True
        for message in messages:  # Lambda gives SNS messages one per invocation
            note = json.loads(message["Body"])
            record = {
                "EventSource": "aws:sns", "EventVersion": "1.0",
                "EventSubscriptionArn": self.subscription_arn,
                "Sns": {
                    "Type": note["Type"], "MessageId": note["MessageId"],
                    "TopicArn": note["TopicArn"], "Subject": note.get("Subject"),
                    "Message": note["Message"], "Timestamp": note["Timestamp"],
                    "SignatureVersion": note.get("SignatureVersion", "1"),
                    "Signature": note.get("Signature", ""),
                    "SigningCertUrl": note.get("SigningCertURL", ""),
                    "UnsubscribeUrl": note.get("UnsubscribeURL", ""),
                    "MessageAttributes": note.get("MessageAttributes", {}),
                },
            }
            succeeded = self.invoke({"Records": [record]})
            self._settle([message], succeeded)
            all_succeeded = all_succeeded and succeeded
        return len(messages), all_succeeded


class _Sqs(_Queue):
    def __init__(self, runner: EventRunner, config: SQSEventConfig) -> None:
        super().__init__(runner, config)
        name = config.queue or str(config.queue_arn).rsplit(":", 1)[-1]
        self.queue_url = runner.sqs.get_queue_url(QueueName=name)["QueueUrl"]
        self.queue_arn = config.queue_arn or runner.sqs.get_queue_attributes(
            QueueUrl=self.queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        self.batch_size = config.batch_size or 10

    def _record(self, message: dict[str, Any]) -> dict[str, Any]:
        attributes = {
            name: {"stringValue": a.get("StringValue"),
                   "binaryValue": _jsonable(a.get("BinaryValue")),
                   "stringListValues": a.get("StringListValues", []),
                   "binaryListValues": _jsonable(a.get("BinaryListValues", [])),
                   "dataType": a["DataType"]}
            for name, a in message.get("MessageAttributes", {}).items()
        }
        return {"messageId": message["MessageId"], "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"], "attributes": message.get("Attributes", {}),
                "messageAttributes": attributes, "md5OfBody": message["MD5OfBody"],
                "eventSource": "aws:sqs", "eventSourceARN": self.queue_arn,
                "awsRegion": self.runner.region}

    def deliver(self, messages: list[dict[str, Any]]) -> tuple[int, bool]:
        # Without ReportBatchItemFailures Lambda retries the whole batch, so settle it whole.
        succeeded = self.invoke({"Records": [self._record(m) for m in messages]})
        self._settle(messages, succeeded)
        return 1, succeeded


class _Stream(_Source):
    """Lambda's stream polling: batches from a checkpoint per shard; a failed batch is sent again
    from its first unprocessed record before anything after it. Under the handler's
    `stream_failure_policy` (chalicelib/events/stream_failures.py) it does what the event source
    mapping does with ReportBatchItemFailures, BisectBatchOnFunctionError, MaximumRetryAttempts
    and an OnFailure queue; without one, a failing batch is retried until it succeeds."""

    def __init__(self, runner: EventRunner, config: DynamoDBEventConfig) -> None:
        super().__init__(runner, config)
        streams = runner.streams
        shards = streams.describe_stream(StreamArn=config.stream_arn)["StreamDescription"]["Shards"]
        position = config.starting_position or "LATEST"
        if position == "LATEST" and runner.fresh_stack:
            # In AWS the mapping exists from deploy time; this stack was deployed moments ago,
            # so everything in the stream (demo data included) came after "LATEST".
            position = "TRIM_HORIZON"
        self.shard_ids = [shard["ShardId"] for shard in shards]
        self.iterators = [streams.get_shard_iterator(
            StreamArn=config.stream_arn, ShardId=shard_id,
            ShardIteratorType=position)["ShardIterator"] for shard_id in self.shard_ids]
        self.pending: list[list[dict[str, Any]]] = [[] for _ in shards]  # read, not yet processed
        self.policy = getattr(getattr(runner.app.handler_map[config.name], "func", None),
                              "stream_failure_policy", None)
        self.failed_attempts: dict[str, int] = {}  # by the sequence number a failing batch starts at
        self.bisected_size: int | None = None

    def poll(self) -> int:
        sent = 0
        for index in range(len(self.iterators)):
            for _ in range(100):  # batches until the shard is drained, bounded per round
                self._read(index)
                batch = self.pending[index][:self.bisected_size or None]
                if not batch:
                    break
                sent += 1
                if not self._deliver(index, batch):
                    return sent  # Lambda's semantics: from the failed record again, nothing after
        return sent

    def _read(self, index: int) -> None:
        """Gather a batch as the mapping does: until it is full, the stream has nothing more, or the
        batching window is over. Without the window, a stream written to without pause (a viral
        campaign's counters) kept the batch gathering until full: 1,000 supports before a count."""
        limit = self.config.batch_size or 100
        window = self.config.maximum_batching_window_in_seconds or 0
        pending = self.pending[index]
        gathering_since = time.monotonic()
        while len(pending) < limit and self.iterators[index] is not None:  # None: the shard closed
            got = self.runner.streams.get_records(ShardIterator=self.iterators[index], Limit=limit - len(pending))
            self.iterators[index] = got.get("NextShardIterator")
            if not got["Records"]:
                break
            pending += [self._record(r) for r in got["Records"]]
            if time.monotonic() - gathering_since >= window:
                break

    def _deliver(self, index: int, batch: list[dict[str, Any]]) -> bool:
        pending, policy = self.pending[index], self.policy
        if self.invoke({"Records": batch}):
            reported = (self.last_result or {}).get("batchItemFailures") if policy else None
            numbers = [r["dynamodb"]["SequenceNumber"] for r in batch]
            failed = [numbers.index(f["itemIdentifier"]) for f in reported or [] if f["itemIdentifier"] in numbers]
            if not failed or min(failed) > 0:  # the batch's first record is done
                self.failed_attempts.pop(numbers[0], None)
            if not failed:
                del pending[:len(batch)]
                self.bisected_size = None
                return True
            log.warning("handler %s reported %d failed records", self.config.name, len(failed))
            self.retry_at = time.monotonic() + self.runner.retry_seconds
            del pending[:min(failed)]  # done up to the first failed record: retried from there
            self._count_failure(index, pending[:1])
        elif policy and policy.bisect and len(batch) > 1:
            self.bisected_size = (len(batch) + 1) // 2  # a split is not a retry
        else:
            self._count_failure(index, batch)
        return False

    def _count_failure(self, index: int, batch: list[dict[str, Any]]) -> None:
        first = batch[0]["dynamodb"]["SequenceNumber"]
        attempts = self.failed_attempts[first] = self.failed_attempts.get(first, 0) + 1
        if self.policy is None or attempts <= self.policy.max_retries:
            return
        self._dead_letter(index, batch, attempts)
        del self.pending[index][:len(batch)]
        del self.failed_attempts[first]
        self.bisected_size = None

    def _dead_letter(self, index: int, batch: list[dict[str, Any]], attempts: int) -> None:
        """What Lambda sends to an OnFailure destination: where the records are, not the records."""
        def arrival(record: dict[str, Any]) -> str:
            return dt.datetime.fromtimestamp(record["dynamodb"]["ApproximateCreationDateTime"], dt.UTC).isoformat()

        queue_url = self.runner.sqs.get_queue_url(QueueName=self.policy.dead_letter_queue_name)["QueueUrl"]
        self.runner.sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps({
            "requestContext": {"requestId": str(uuid.uuid4()), "condition": "RetryAttemptsExhausted",
                               "functionArn": LambdaContext(f"{self.runner.function_prefix}-{self.config.name}",
                                                            self.runner.region).invoked_function_arn,
                               "approximateInvokeCount": attempts},
            "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
            "version": "1.0", "timestamp": dt.datetime.now(dt.UTC).isoformat(),
            "DDBStreamBatchInfo": {
                "shardId": self.shard_ids[index], "streamArn": self.config.stream_arn, "batchSize": len(batch),
                "startSequenceNumber": batch[0]["dynamodb"]["SequenceNumber"],
                "endSequenceNumber": batch[-1]["dynamodb"]["SequenceNumber"],
                "approximateArrivalOfFirstRecord": arrival(batch[0]),
                "approximateArrivalOfLastRecord": arrival(batch[-1]),
            },
        }))
        log.error("handler %s: %d records to %s after %d attempts", self.config.name, len(batch),
                  self.policy.dead_letter_queue_name, attempts)

    def _record(self, record: dict[str, Any]) -> dict[str, Any]:
        # moto writes eventVersion 1.0 and awsRegion us-east-1; Lambda's events say otherwise.
        return {**_jsonable(record), "eventVersion": "1.1", "awsRegion": self.runner.region,
                "eventSourceARN": self.config.stream_arn}


class EventRunner:
    """Deliver events to a Chalice app's non-HTTP handlers, pulling from the embedded AWS.

    Subscriptions and stream positions are taken when the runner is made, so make it before
    anything publishes (before demo data is seeded) for nothing to be missed.
    """

    def __init__(self, app: Any, endpoint: str, region: str = "eu-west-2",
                 schedule_seconds: float = 30.0, *, retry_seconds: float = 5.0,
                 fresh_stack: bool = True, hold_schedules: bool = False) -> None:
        self.app, self.region = app, region
        self.hold_schedules = hold_schedules  # tests that call scheduled work themselves: never run them
        self.schedule_seconds, self.retry_seconds = schedule_seconds, retry_seconds
        self.fresh_stack = fresh_stack
        self.function_prefix = f"{app.app_name}-{os.environ.get('STAGE', 'local')}"
        self.sqs, self.sns, self.streams = (
            boto3.client(name, endpoint_url=endpoint, region_name=region,
                         aws_access_key_id="testing", aws_secret_access_key="testing")
            for name in ("sqs", "sns", "dynamodbstreams"))
        kinds = {ScheduledEventConfig: _Schedule, SNSEventConfig: _Sns, SQSEventConfig: _Sqs,
                 DynamoDBEventConfig: _Stream}
        self.sources: list[_Source] = []
        for config in app.event_sources:
            kind = kinds.get(type(config))
            if kind is None:
                log.info("%s (%s) is not run locally", config.name, type(config).__name__)
                continue
            self.sources.append(kind(self, config))

    def run_once(self) -> int:
        """Deliver everything pending once (schedules only if due); how many events were sent."""
        sent = 0
        for source in self.sources:
            if time.monotonic() >= source.retry_at:
                sent += source.poll()
        return sent

    def run_forever(self, stop: threading.Event, poll_seconds: float = 0.5) -> None:
        """Each source in a thread of its own, as each is a Lambda function of its own in AWS:
        a long scheduled job (the nightly recount) must not hold up the counts' stream."""
        threads = [threading.Thread(target=self._run_source, args=(source, stop, poll_seconds),
                                    name=f"events:{source.config.name}", daemon=True)
                   for source in self.sources]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _run_source(self, source: _Source, stop: threading.Event, poll_seconds: float) -> None:
        while not stop.is_set():
            busy = False
            try:
                if time.monotonic() >= source.retry_at:
                    busy = source.poll() > 0
            except Exception:  # the embedded AWS going away at shutdown, for one
                log.exception("event runner round failed for %s", source.config.name)
            if not busy:
                stop.wait(poll_seconds)
