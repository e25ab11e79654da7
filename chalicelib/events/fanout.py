"""Fan-out workers: one SQS message is one page of one supporter shard."""

from __future__ import annotations

import json
from typing import Any

from chalice.app import Blueprint

from chalicelib.notify.fanout import deliver_page, enqueue
from chalicelib.settings import get_settings

fanout = Blueprint(__name__)


# One page per invocation: a page of 250 takes seconds, far inside Lambda's limits, and a page
# that fails is retried alone (its deliveries are idempotent). At most 20 pages at once, each with
# 8 deliveries in flight: ~160 concurrent feed puts, ~30,000 writes a second at 5 ms each, under
# DynamoDB's default 40,000 per table (bench/fanout.py projected 158,000 uncapped).
@fanout.on_sqs_message(queue=get_settings().fanout_queue_name, batch_size=1, maximum_concurrency=20,
                       name="deliver_fanout_page")
def deliver_fanout_page(event: Any) -> None:
    for record in event:
        following = deliver_page(json.loads(record.body))
        if following is not None:
            enqueue([following])
