"""The one event publisher: events from the outbox onto the events topic.

Events reach here from the outbox table's stream, never straight from a request: a write and
its event commit together, and a failed publish fails the stream batch, which Lambda retries
until SNS takes it. Delivery is at least once; each message carries the event's id
(`<campaign>/<event key>`) for consumers to drop repeats.
"""

from __future__ import annotations

import json
from typing import Any

from chalicelib.notify.clients import client
from chalicelib.settings import get_settings

PUBLISH_BATCH = 10  # SNS PublishBatch takes at most 10 messages


def sns_client() -> Any:
    return client("sns")


def event_message(event: dict[str, Any]) -> dict[str, Any]:
    event_id = f"{event['campaign_id']}/{event['event_key']}"
    return {
        "Message": json.dumps({"event_id": event_id, **event}, sort_keys=True),
        "MessageAttributes": {
            "kind": {"DataType": "String", "StringValue": event["kind"]},
            "area": {"DataType": "String", "StringValue": event["area"]},
        },
    }


def publish_batches(topic: str, entries: list[dict[str, Any]]) -> int:
    """PublishBatch in tens; raises if SNS refuses any message, so the stream batch is retried."""
    for start in range(0, len(entries), PUBLISH_BATCH):
        batch = [dict(e, Id=str(index)) for index, e in enumerate(entries[start:start + PUBLISH_BATCH])]
        result = sns_client().publish_batch(TopicArn=topic, PublishBatchRequestEntries=batch)
        if result.get("Failed"):
            raise RuntimeError(f"SNS refused {len(result['Failed'])} message(s): {result['Failed'][0].get('Code')}")
    return len(entries)


def publish_events(events: list[dict[str, Any]]) -> int:
    return publish_batches(get_settings().events_topic_arn, [event_message(e) for e in events])
