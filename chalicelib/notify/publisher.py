"""The one event publisher: events from the outbox onto the events topic.

Events reach here from the outbox table's stream, never straight from a request: a write and
its event commit together, and a failed publish fails the stream batch, which Lambda retries
until SNS takes it. Delivery is at least once; each message carries the event's id
(`<campaign>/<event key>`) for consumers to drop repeats.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import boto3

from chalicelib.settings import get_settings

PUBLISH_BATCH = 10  # SNS PublishBatch takes at most 10 messages


@lru_cache(maxsize=1)
def sns_client() -> Any:
    return boto3.client("sns", region_name=get_settings().region)


def event_message(event: dict[str, Any]) -> dict[str, Any]:
    event_id = f"{event['campaign_id']}/{event['event_key']}"
    return {
        "Id": str(abs(hash(event_id)))[:80],
        "Message": json.dumps({"event_id": event_id, **event}, sort_keys=True),
        "MessageAttributes": {
            "kind": {"DataType": "String", "StringValue": event["kind"]},
            "area": {"DataType": "String", "StringValue": event["area"]},
        },
    }


def publish_events(events: list[dict[str, Any]]) -> int:
    """Publish in batches of 10; raises if SNS refuses any message, so the batch is retried."""
    topic = get_settings().events_topic_arn
    for start in range(0, len(events), PUBLISH_BATCH):
        batch = [event_message(e) for e in events[start:start + PUBLISH_BATCH]]
        for index, entry in enumerate(batch):
            entry["Id"] = str(index)
        result = sns_client().publish_batch(TopicArn=topic, PublishBatchRequestEntries=batch)
        if result.get("Failed"):
            raise RuntimeError(f"SNS refused {len(result['Failed'])} event(s): {result['Failed'][0].get('Code')}")
    return len(events)
