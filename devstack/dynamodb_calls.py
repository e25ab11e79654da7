"""Counting DynamoDB calls through botocore's event hooks, for tests and benchmarks.

`install()` makes every DynamoDB client created afterwards report each call (operation,
request parameters, consumed capacity) to the recorders that are open at the time. Install it
before the app makes its first client (PynamoDB keeps clients per model).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from devstack.botocore_hooks import on_new_clients

# Operations that accept ReturnConsumedCapacity.
CAPACITY_OPERATIONS = {"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
                       "BatchWriteItem", "TransactWriteItems", "TransactGetItems"}
WRITE_OPERATIONS = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
_recorders: list[CallRecorder] = []
_lock = threading.Lock()


@dataclass
class Call:
    operation: str
    params: dict[str, Any]
    consumed: list[dict[str, Any]] = field(default_factory=list)
    # Which thread made it: a benchmark tells its writers' calls from a stream handler's or a reader's.
    thread: str = field(default_factory=lambda: threading.current_thread().name)

    @property
    def is_write(self) -> bool:
        return self.operation in WRITE_OPERATIONS

    @property
    def capacity_units(self) -> float:
        """As DynamoDB reports them (moto reports CapacityUnits, not read/write apart)."""
        return sum(c.get("CapacityUnits", 0) or 0 for c in self.consumed)


@dataclass
class CallRecorder:
    calls: list[Call] = field(default_factory=list)

    def operations(self) -> list[str]:
        return [c.operation for c in self.calls]


def _before_parameter_build(params: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
    if not _recorders:
        return
    if model.name in CAPACITY_OPERATIONS:
        params.setdefault("ReturnConsumedCapacity", "INDEXES")
    context["labourspace_call"] = Call(operation=model.name, params=dict(params))


def _after_call(http_response: Any, parsed: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
    call = context.get("labourspace_call")
    if call is None:
        return
    consumed = parsed.get("ConsumedCapacity")
    call.consumed = consumed if isinstance(consumed, list) else [consumed] if consumed else []
    with _lock:
        for recorder in _recorders:
            recorder.calls.append(call)


def install() -> None:
    """Make each new DynamoDB client report to the open recorders. Idempotent."""
    on_new_clients("dynamodb_calls", _hook_dynamodb)


def _hook_dynamodb(service_name: str, client: Any) -> None:
    if service_name == "dynamodb":
        client.meta.events.register("before-parameter-build.dynamodb", _before_parameter_build)
        client.meta.events.register("after-call.dynamodb", _after_call)


@contextmanager
def recording() -> Iterator[CallRecorder]:
    recorder = CallRecorder()
    with _lock:
        _recorders.append(recorder)
    try:
        yield recorder
    finally:
        with _lock:
            _recorders.remove(recorder)
