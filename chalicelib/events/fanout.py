"""Fan-out workers: one SQS message is one page of a chain of supporter (or follower) shards."""

from __future__ import annotations

import json
from typing import Any

from chalice.app import Blueprint

from chalicelib.notify.fanout import PAGE_LAMBDAS, deliver_page, enqueue
from chalicelib.settings import get_settings

blueprint = Blueprint(__name__)


# One page per invocation: a page of 1,000 takes about half a second in AWS (bench/fanout.py's
# projection), far inside Lambda's limits, and a page that fails is retried alone (its
# deliveries are idempotent). At most PAGE_LAMBDAS pages at once keeps the feed table's writes
# under its quota (bench/fanout.py prints the rate).
@blueprint.on_sqs_message(queue=get_settings().fanout_queue_name, batch_size=1, maximum_concurrency=PAGE_LAMBDAS,
                          name="deliver_fanout_page")
def deliver_fanout_page(event: Any) -> None:
    for record in event:
        following = deliver_page(json.loads(record.body))
        if following is not None:
            enqueue([following])
