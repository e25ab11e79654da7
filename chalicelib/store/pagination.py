"""Opaque, tamper-evident list cursors: DynamoDB's LastEvaluatedKey, signed and dated.

A forged, altered, expired or foreign cursor is refused (ConditionFailed "cursor", or "cursor expired"),
which logic answers with a 400 (`domain.paging`), never a 500."""

from __future__ import annotations

import hmac
import json
import time
from typing import Any

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.shards import campaign_of
from chalicelib.store.signing import b64, signature, unb64

CURSOR_LIFETIME_SECONDS = 24 * 3600


def encode_cursor(scope: str, last_key: dict[str, Any] | None) -> str | None:
    """`scope` names the list (index and its key), so a cursor cannot be replayed on another."""
    if not last_key:
        return None
    payload = b64(json.dumps({"s": scope, "k": last_key, "t": int(time.time())}, separators=(",", ":")).encode())
    return f"{payload}.{signature(payload)}"


def decode_cursor(scope: str, cursor: str | None) -> dict[str, Any] | None:
    if not cursor:
        return None
    bad = ConditionFailed("cursor")
    try:
        payload, signed = cursor.split(".")
        if not hmac.compare_digest(signed, signature(payload)):
            raise bad
        data = json.loads(unb64(payload))
    except (ValueError, TypeError) as exc:
        raise bad from exc
    if data.get("s") != scope:
        raise bad
    if time.time() - int(data.get("t", 0)) > CURSOR_LIFETIME_SECONDS:
        raise ConditionFailed("cursor expired")
    return data["k"]


def campaigns_of_person(index: Any, person_id: str, limit: int, cursor: str | None,
                        filter_condition: Any = None) -> tuple[list[str], str | None]:
    """A page of the campaigns a person supports or follows, newest first, from a keys-only
    index on the person whose items are keyed by `campaign_shard`."""
    scope = f"{index.Meta.index_name}:{person_id}"
    results = index.query(person_id, scan_index_forward=False, limit=limit, filter_condition=filter_condition,
                          last_evaluated_key=decode_cursor(scope, cursor))
    ids = [campaign_of(r.campaign_shard) for r in results]
    return ids, encode_cursor(scope, results.last_evaluated_key)
