"""Reading every item of a table once, a page at a time, for a rebuild (`make reindex`). The one
place a Scan is right: an operator's job that must see everything, never a request."""

from __future__ import annotations

from typing import Any

from chalicelib.store.base import dynamodb_client


def scan_page(model: Any, start: dict[str, Any] | None, page_size: int,
              condition: Any = None) -> tuple[list[Any], dict[str, Any] | None]:
    """One page of `model`'s items from `start` (DynamoDB's key), and where the next begins
    (None after the last). `condition` filters what is returned, not what is read."""
    results = model.scan(condition, limit=page_size, page_size=page_size, last_evaluated_key=start)  # batch job
    items = list(results)
    return items, results.last_evaluated_key


def estimated_items(model: Any) -> int:
    """DynamoDB's item count (refreshed about every six hours): for progress, never for decisions."""
    return int(dynamodb_client().describe_table(TableName=model.Meta.table_name)["Table"].get("ItemCount", 0))
