"""Every event function's deployed Lambda starts in app.py, so the app's middleware runs there.

Chalice names a blueprint's event handler after its own module (aws/chalice#1566): the Lambda
would import that module alone and skip app.py, its middleware, the logs' correlation id and the
metrics' flush. These checks resolve each handler string as Lambda's runtime does, in a fresh
interpreter, and call one.
"""

from __future__ import annotations

import json

from tests.unit.test_cold_start_imports import last_line_printed

RESOLVE_EVERY_HANDLER = """
import importlib, json
import app
from chalicelib.observability import event_middleware
found = {}
for source in app.app.event_sources:
    module_name, _, attribute = source.handler_string.rpartition(".")
    handler = getattr(importlib.import_module(module_name), attribute)
    found[source.name] = [source.handler_string, event_middleware in list(handler.middleware_handlers)]
print(json.dumps(found))
"""

# A scheduled event through its handler string in a fresh interpreter, importing only what the
# string names as Lambda's runtime does; its work swapped for a probe that reports what the
# middleware set up around it.
CALL_AS_LAMBDA_DOES = """
import importlib, json
from chalicelib.observability import logger
module_name, _, attribute = HANDLER_STRING.rpartition(".")
handler = getattr(importlib.import_module(module_name), attribute)
seen = {}
def probe(event):
    seen["event"] = type(event).__name__
    seen["correlation_id"] = logger.get_correlation_id()
handler.func = probe
handler({"version": "0", "id": "e1", "detail-type": "Scheduled Event", "source": "aws.events", "account": "1",
         "time": "2026-12-02T00:00:00Z", "region": "eu-west-2", "resources": ["arn:rule"], "detail": {}},
        type("Context", (), {"aws_request_id": "r1", "function_name": "f", "memory_limit_in_mb": 128,
                             "invoked_function_arn": "arn:f", "get_remaining_time_in_millis": lambda self: 1000})())
print(json.dumps(seen))
"""


def test_every_event_function_is_deployed_as_a_handler_in_app_with_the_apps_middleware():
    found = json.loads(last_line_printed(RESOLVE_EVERY_HANDLER))
    assert len(found) >= 10  # the schedules, streams and the fan-out queue
    for name, (handler_string, has_middleware) in found.items():
        assert handler_string == f"app.{name}", name
        assert has_middleware, f"{name}: the app's event middleware is not on its handler"


def test_a_schedule_called_as_lambda_calls_it_runs_inside_the_apps_middleware():
    handler_string = json.loads(last_line_printed(RESOLVE_EVERY_HANDLER))["close_due_campaigns"][0]
    seen = json.loads(last_line_printed(f"HANDLER_STRING = {handler_string!r}\n{CALL_AS_LAMBDA_DOES}"))
    assert seen["event"] == "CloudWatchEvent"
    assert seen["correlation_id"]  # set by event_middleware, which only app.py registers
