"""Telling every supporter: an update fanned out page by page, shard by shard.

An event becomes one SQS message per supporter shard (128); each message is one page of that
shard. A worker delivers its page, then queues the next page of the same shard, so 128 chains
run in parallel Lambdas and none runs long. Each delivery starts with a conditional put of the
person's feed item: if the item is already there (a page redelivered after a crash), nothing
is sent again; if it is new, the push and the email follow.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from chalicelib.domain.notifications import update_text
from chalicelib.notify.clients import client
from chalicelib.notify.email import send_update_email
from chalicelib.observability import logger
from chalicelib.settings import get_settings
from chalicelib.store import notifications
from chalicelib.store.campaign_records import CampaignRecord
from chalicelib.store.support_records import SHARDS, SupportCounterRecord, SupportRecord, shard_key

PAGE_SIZE = 250
PARALLEL_DELIVERIES = 8
SQS_BATCH = 10


@lru_cache(maxsize=1)
def queue_url() -> str:
    return client("sqs").get_queue_url(QueueName=get_settings().fanout_queue_name)["QueueUrl"]


def enqueue(pages: list[dict[str, Any]]) -> None:
    for start in range(0, len(pages), SQS_BATCH):
        entries = [{"Id": str(i), "MessageBody": json.dumps(p)} for i, p in enumerate(pages[start:start + SQS_BATCH])]
        failed = client("sqs").send_message_batch(QueueUrl=queue_url(), Entries=entries).get("Failed")
        if failed:
            raise RuntimeError(f"SQS refused {len(failed)} fan-out page(s)")


def plan(event: dict[str, Any]) -> int:
    """The first page of every shard that has supporters (its counter says so, exactly: the
    counter moves in the same transaction as the support); each page queues the next."""
    keys = [shard_key(event["campaign_id"], shard) for shard in range(SHARDS)]
    counters = SupportCounterRecord.batch_get(keys, consistent_read=True, attributes_to_get=["counter_id", "count"])
    shards = sorted(int(c.counter_id.rsplit("#", 1)[1]) for c in counters if int(c.count or 0) > 0)
    enqueue([{"event": event, "shard": shard, "start": None} for shard in shards])
    return len(shards)


def _deliver_to(person_id: str, event: dict[str, Any], campaign: CampaignRecord, settings: Any) -> bool:
    title, text = update_text(event["kind"], campaign.title, event.get("stance"))
    url = f"{get_settings().public_base_url}/c/{campaign.slug}"
    if not notifications.add_feed_item(person_id=person_id, event_at=event["created_at"], campaign_id=campaign.id,
                                       event_key=event["event_key"], kind=event["kind"], title=title, text=text,
                                       url=url):
        return False  # delivered before this page was retried
    channels = notifications.channels_for(settings, event["kind"])
    if "push" in channels and settings is not None and settings.has_devices:
        for device in notifications.devices_of(person_id):
            client("sns").publish(TargetArn=device.endpoint_arn, Message=json.dumps(
                {"default": title, "APNS": json.dumps({"aps": {"alert": title}}),
                 "GCM": json.dumps({"notification": {"title": title, "body": text}})}), MessageStructure="json")
    if "email" in channels and settings is not None and settings.email:
        send_update_email(person_id, settings.email, event["kind"], title, f"{text}\n\n{url}")
    return True


def deliver_page(page: dict[str, Any]) -> dict[str, Any] | None:
    """Deliver one page; returns the next page of the same shard, or None at its end."""
    event = page["event"]
    campaign = CampaignRecord.get(event["campaign_id"])
    results = SupportRecord.query(shard_key(event["campaign_id"], page["shard"]), limit=PAGE_SIZE,
                                  last_evaluated_key=page["start"], attributes_to_get=["supporter_id"])
    people = [r.supporter_id for r in results]
    settings = notifications.settings_of_many(people)
    with ThreadPoolExecutor(max_workers=PARALLEL_DELIVERIES) as pool:
        delivered = sum(pool.map(lambda p: _deliver_to(p, event, campaign, settings.get(p)), people))
    logger.info("fan-out page delivered", extra={"campaign_id": campaign.id, "shard": page["shard"],
                                                 "people": len(people), "new": delivered})
    if results.last_evaluated_key:
        return {"event": event, "shard": page["shard"], "start": results.last_evaluated_key}
    return None
