"""A poison record must not hold up a stream (README, "Faults").

Without this, a record whose processing always raises fails its whole batch, and Lambda retries
that batch until the record expires from the stream (24 hours): every record behind it waits.
A handler under a `StreamFailurePolicy` processes each record alone (Powertools' BatchProcessor)
and answers `batchItemFailures`; Lambda retries from the first failed record, bisects a batch
that fails whole, and after `max_retries` sends the failed record's batch info to the
dead-letter queue. Chalice's `on_dynamodb_record` cannot set these on the event source mapping,
so the policy is declared here, beside the handler; the deploy sets it on the mapping and the
local event runner (devstack/event_runner.py) does what Lambda does with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord


@dataclass(frozen=True)
class StreamFailurePolicy:
    """The event source mapping's settings for one stream handler, in Lambda's own terms."""

    max_retries: int  # MaximumRetryAttempts
    dead_letter_queue_name: str  # DestinationConfig.OnFailure (its ARN in AWS)
    bisect: bool = True  # BisectBatchOnFunctionError
    report_batch_item_failures: bool = True  # FunctionResponseTypes: ReportBatchItemFailures


def stream_failure_policy(max_retries: int = 3) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Mark a stream handler (put under its `on_dynamodb_record`) with the policy its mapping has."""
    policy = StreamFailurePolicy(max_retries=max_retries,
                                 dead_letter_queue_name=get_settings().stream_dead_letter_queue_name)

    def mark(handler: Callable[..., Any]) -> Callable[..., Any]:
        handler.stream_failure_policy = policy  # type: ignore[attr-defined]
        return handler

    return mark


def policy_of(handler: Any) -> StreamFailurePolicy | None:
    return getattr(handler, "stream_failure_policy", None)


def process_each_record(raw_event: dict[str, Any], handle: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Call `handle` on each stream record alone; the ones that raised are reported as
    `batchItemFailures` (by sequence number). If every record failed, it raises, and the batch
    fails whole (Lambda bisects it)."""
    # Imported here, not at the top: Powertools' batch utility builds its parser models on import,
    # and only a stream's Lambda processes records; an API cold start skips it.
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    def handle_record(record: DynamoDBRecord) -> None:
        handle(record.raw_event)

    return dict(process_partial_response(event=raw_event, record_handler=handle_record,
                                         processor=BatchProcessor(event_type=EventType.DynamoDBStreams)))
