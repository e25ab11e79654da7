"""Event functions declared to Chalice from the generated table, their modules imported on first call.

The API's Lambda imports app.py, and so did every schedule's, stream's and queue's: importing the
ten event modules (with them notify/, the stores the schedules use, boto3's clients) cost each API
container's cold start tens of milliseconds for handlers it never runs. So app.py declares each
event function of `event_table.EVENT_TABLE` with a stand-in (Chalice's public `app.schedule`,
`app.on_dynamodb_record`, `app.on_sqs_message`, `app.on_sns_message`); its first invocation imports
the module that declares it on its `blueprint`, and every invocation hands the event to that
function. Chalice sees every event source at import, with the same arguments, so `chalice package`
writes the same template. The handlers are still declared once, in their modules; the table is
generated from them (ops/event_table.py). (README, "Cold start".)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple

from chalice import Chalice

from chalicelib.cold_imports import collector_paused
from chalicelib.events.stream_failures import stream_failure_policy
from chalicelib.settings import get_settings


class Event(NamedTuple):
    """One row of the event table: an event function, its source, and where its code lives."""

    name: str  # as Chalice knows it: the Lambda function's name and `app.<name>`, its handler
    kind: str  # Chalice's decorator: schedule, on_dynamodb_record, on_sqs_message, on_sns_message
    module: str  # the module whose `blueprint` declares it, imported on its first invocation
    function: str  # the decorated function's name in that module
    options: tuple[tuple[str, Any], ...] = ()  # the decorator's arguments that are the same in every stage
    settings: tuple[tuple[str, str], ...] = ()  # the decorator's arguments read from a setting: (argument, field)
    stream_retries: int | None = None  # its `stream_failure_policy`, if it has one


def _real_handler(event: Event) -> Callable[..., Any]:
    """Import what serves `event` (Python's import lock makes a race harmless) and find its function."""
    with collector_paused():
        declared = getattr(importlib.import_module(event.module), event.function)
    # The blueprint's decorator wrapped the function; the app's own wrapper already made the event.
    return getattr(declared, "func", declared)


def _stand_in(event: Event) -> Callable[..., Any]:
    found: list[Callable[..., Any]] = []  # the real function, once the first invocation found it

    def handler(chalice_event: Any) -> Any:
        if not found:
            found.append(_real_handler(event))
        return found[0](chalice_event)

    handler.__name__ = event.name  # Chalice's handler string, `app.<name>`
    if event.stream_retries is not None:
        # What the deploy and the local runner read from the handler (ops/deploy.py, devstack).
        return stream_failure_policy(max_retries=event.stream_retries)(handler)
    return handler


def declare(app: Chalice, events: tuple[Event, ...]) -> None:
    settings = get_settings()
    for event in events:
        assert event.name not in app.handler_map, f"event function {event.name} is declared twice"
        arguments = dict(event.options) | {argument: getattr(settings, field) for argument, field in event.settings}
        getattr(app, event.kind)(name=event.name, **arguments)(_stand_in(event))


def load(events: tuple[Event, ...]) -> None:
    """Import what serves these event functions now, as their first invocations would (tests)."""
    for event in events:
        _real_handler(event)
