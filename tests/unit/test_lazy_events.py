"""app.py declares the event functions from a generated table (chalicelib/event_table.py) and
imports each one's module on its first invocation (events/lazy_events.py, issue 30): Chalice must
see exactly what registering the modules' blueprints showed it, and a handler must still run."""

from __future__ import annotations

import json

from tests.unit.test_cold_start_imports import last_line_printed

TABLE_IS_CURRENT = ("from ops import event_table\n"
                    "fresh = event_table.render(event_table.rows())\n"
                    "print(fresh == event_table.TABLE.read_text(), fresh.count(chr(10)))")

# Each stream's ARN and the queue's name distinct, as in a deployed stage, so a setting read for the
# wrong event source shows.
DEPLOYED_SOURCES = {f"{name.upper()}_STREAM_ARN": f"arn:aws:dynamodb:eu-west-2:1:table/{name}/stream/1"
                    for name in ("counters", "campaign_events", "campaigns", "people", "organisations",
                                 "consultations")} | {"FANOUT_QUEUE_NAME": "labourspace-test-fanout-queue"}

# What Chalice knows of every event source: declared from the table, and as registering each event
# module's blueprint (what app.py did before) shows it.
BOTH_WAYS = """import importlib, json, pkgutil
import app
from chalice import Blueprint, Chalice
from chalicelib import events
def described(sources):
    rows = []
    for source in sources:
        fields = {k: (v if isinstance(v, str | int | type(None)) else v.to_string())
                  for k, v in vars(source).items() if k != "handler_string"}
        rows.append([type(source).__name__, fields])
    return sorted(rows, key=json.dumps)
scratch = Chalice(app_name="before")
for info in pkgutil.iter_modules(events.__path__):
    module = importlib.import_module(f"chalicelib.events.{info.name}")
    if isinstance(getattr(module, "blueprint", None), Blueprint):
        scratch.register_blueprint(module.blueprint)
print(json.dumps([described(app.app.event_sources), described(scratch.event_sources),
                  [source.handler_string for source in app.app.event_sources]]))
"""

# A fan-out page through the handler Lambda calls: the first invocation imports the module; the
# next hands its record to the module's function (its page delivery swapped for a probe).
FIRST_INVOCATIONS = """import json, sys
import app
from chalicelib.event_table import EVENT_TABLE
context = type("Context", (), {"aws_request_id": "r1", "function_name": "f", "memory_limit_in_mb": 128,
                               "invoked_function_arn": "arn:f", "get_remaining_time_in_millis": lambda self: 1000})()
handler = app.app.handler_map["deliver_fanout_page"]
imported_at_start = sorted({event.module for event in EVENT_TABLE} & set(sys.modules))
handler({"Records": []}, context)
imported_after = "chalicelib.events.fanout" in sys.modules
from chalicelib.events import fanout
pages = []
fanout.deliver_page = pages.append
handler({"Records": [{"messageId": "m1", "receiptHandle": "h", "body": json.dumps({"shard": 7}),
                      "attributes": {}, "messageAttributes": {}, "eventSource": "aws:sqs",
                      "eventSourceARN": "arn:aws:sqs:eu-west-2:1:q", "awsRegion": "eu-west-2"}]}, context)
print(json.dumps([imported_at_start, imported_after, pages]))
"""

# The stream handlers' failure policy, which the deploy and the local runner read from the handler
# the app registered, against the one the module declares.
POLICIES = """import json
import app
from chalicelib.event_table import EVENT_TABLE
from chalicelib.events.lazy_events import load
from chalicelib.events.stream_failures import policy_of
import importlib
load(EVENT_TABLE)
found = {}
for event in EVENT_TABLE:
    declared = getattr(importlib.import_module(event.module), event.function).func
    found[event.name] = [repr(policy_of(app.app.handler_map[event.name].func)), repr(policy_of(declared))]
print(json.dumps(found))
"""


def test_the_committed_event_table_is_what_the_event_modules_declare():
    same, lines = last_line_printed(TABLE_IS_CURRENT).split()
    assert int(lines) > 20  # every event function, not an empty table
    assert same == "True", "chalicelib/event_table.py is stale: run make route-table"


def test_chalice_sees_every_event_source_as_the_blueprints_declare_it():
    declared, registered, handler_strings = json.loads(last_line_printed(BOTH_WAYS, **DEPLOYED_SOURCES))
    assert len(registered) >= 15  # the schedules, the streams and the fan-out queue
    assert declared == registered
    assert "arn:aws:dynamodb:eu-west-2:1:table/counters/stream/1" in json.dumps(declared)  # the stage's, read at import
    assert all(handler.startswith("app.") for handler in handler_strings)
    # The local runner's one pass goes in this order: the fan-out's pages after the publisher that queues them.
    assert handler_strings.index("app.publish_events") < handler_strings.index("app.deliver_fanout_page")


def test_an_event_functions_module_is_imported_on_its_first_invocation_and_gets_the_event():
    imported_at_start, imported_after, pages = json.loads(last_line_printed(FIRST_INVOCATIONS))
    assert imported_at_start == []
    assert imported_after is True
    assert pages == [{"shard": 7}]


def test_stream_handlers_keep_their_failure_policy_where_the_deploy_reads_it():
    found = json.loads(last_line_printed(POLICIES))
    with_policy = sorted(name for name, (registered, _declared) in found.items() if registered != "None")
    assert "count_supports" in with_policy and "index_campaigns" in with_policy
    assert {name: registered for name, (registered, _) in found.items()} == {
        name: declared for name, (_, declared) in found.items()}
