"""Counting DynamoDB calls through botocore's event hooks, for tests and benchmarks.

`install()` makes every DynamoDB client created afterwards report each call (operation,
request parameters, consumed capacity) to the recorders that are open at the time. Install it
before the app makes its first client (PynamoDB keeps clients per model).
"""

from __future__ import annotations

import math
import threading
from collections import Counter
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
    # A key read's items as returned, by table: their sizes (DynamoDB's rules), for `read_units`.
    returned: dict[str, list[int]] = field(default_factory=dict)

    @property
    def is_write(self) -> bool:
        return self.operation in WRITE_OPERATIONS

    @property
    def capacity_units(self) -> float:
        """As DynamoDB reports them (moto reports CapacityUnits, not read/write apart)."""
        return sum(c.get("CapacityUnits", 0) or 0 for c in self.consumed)

    @property
    def read_units(self) -> float:
        """A read's units by DynamoDB's rules where moto's are constants (GetItem 0.5, BatchGetItem 1 a
        key, whatever the consistency or size): a key read costs, per item, 1 a started 4 KB read
        consistently and 0.5 eventually consistent (twice consistent in a transaction), an item not
        found as one under 4 KB. Sized as returned: a projection makes it a lower bound. A Query or
        Scan keeps moto's figure (it depends on what was read, not returned). 0 for a write."""
        if self.is_write:
            return 0.0
        if self.operation == "GetItem":
            asked = {self.params["TableName"]: (1, 1.0 if self.params.get("ConsistentRead") else 0.5)}
        elif self.operation == "BatchGetItem":
            asked = {table: (len(request["Keys"]), 1.0 if request.get("ConsistentRead") else 0.5)
                     for table, request in self.params["RequestItems"].items()}
        elif self.operation == "TransactGetItems":
            tables = Counter(entry["Get"]["TableName"] for entry in self.params["TransactItems"])
            asked = {table: (keys, 2.0) for table, keys in tables.items()}
        else:
            return self.capacity_units
        units = 0.0
        for table, (keys, per_4kb) in asked.items():
            sizes = self.returned.get(table, [])
            units += per_4kb * (sum(max(1, math.ceil(size / 4096)) for size in sizes) + max(0, keys - len(sizes)))
        return units


def value_size(value: dict[str, Any]) -> int:
    """An attribute value's size by DynamoDB's rules (wire format: {"S": ...}, {"N": ...}, ...)."""
    (kind, raw), = value.items()
    if kind in ("S", "B"):
        return len(raw.encode() if kind == "S" else raw)
    if kind == "N":
        return (len(raw.lstrip("-").replace(".", "").strip("0")) + 1) // 2 + 1
    if kind in ("SS", "NS", "BS"):
        return sum(value_size({kind[0]: v}) for v in raw)
    if kind == "L":
        return 3 + sum(1 + value_size(v) for v in raw)
    if kind == "M":
        return 3 + sum(len(k.encode()) + 1 + value_size(v) for k, v in raw.items())
    return 1  # BOOL, NULL


def item_size(item: dict[str, Any]) -> int:
    return sum(len(name.encode()) + value_size(value) for name, value in item.items())


def _returned(operation: str, params: dict[str, Any], parsed: dict[str, Any]) -> dict[str, list[int]]:
    """A key read's items by table, sized (nothing for other calls)."""
    if operation == "GetItem":
        return {params["TableName"]: [item_size(parsed["Item"])] if parsed.get("Item") else []}
    if operation == "BatchGetItem":
        return {table: [item_size(i) for i in items] for table, items in parsed.get("Responses", {}).items()}
    if operation == "TransactGetItems":
        sized: dict[str, list[int]] = {}
        for entry, response in zip(params["TransactItems"], parsed.get("Responses", []), strict=False):
            if response.get("Item"):
                sized.setdefault(entry["Get"]["TableName"], []).append(item_size(response["Item"]))
        return sized
    return {}


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
    call.returned = _returned(call.operation, call.params, parsed)
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
