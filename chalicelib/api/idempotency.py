"""`Idempotency-Key` for writes that create: the same key and body replay the first answer.

Powertools' idempotency utility keeps the answers in the `idempotency` table (24 h TTL). The
work itself is passed through a context variable, because the decorated function can only
take JSON-able data, and that data is what identifies the request: operation, caller, key.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import boto3
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)

from chalicelib.domain.errors import Conflict, InvalidInput
from chalicelib.messages import text
from chalicelib.settings import get_settings

_work: contextvars.ContextVar[Callable[[], dict[str, Any]]] = contextvars.ContextVar("idempotent_work")


def _run_work(request: dict[str, Any]) -> dict[str, Any]:
    return _work.get()()


@lru_cache(maxsize=1)
def _replayable() -> tuple[Callable[..., dict[str, Any]], IdempotencyConfig]:
    """Made on first use, so a cold start that creates nothing pays for no DynamoDB client."""
    settings = get_settings()
    persistence = DynamoDBPersistenceLayer(
        table_name=settings.table_name("idempotency"),
        boto3_session=boto3.session.Session(region_name=settings.region),
    )
    config = IdempotencyConfig(
        event_key_jmespath="[operation, caller, key]",
        payload_validation_jmespath="body",
        expires_after_seconds=24 * 3600,
        raise_on_no_idempotency_key=True,
    )
    replayable = idempotent_function(data_keyword_argument="request", persistence_store=persistence,
                                     config=config)(_run_work)
    return replayable, config


def once(operation: str, caller_id: str, key: str | None, body: dict[str, Any],
         work: Callable[[], dict[str, Any]], lambda_context: Any = None) -> dict[str, Any]:
    """Run `work` once per (operation, caller, key); without a key, just run it."""
    if key is None:
        return work()
    if not (1 <= len(key) <= 128) or not key.isprintable():
        raise InvalidInput(code="invalid_idempotency_key",
                           details={"fields": {"Idempotency-Key": text("field.idempotency_key")}})
    replayable, config = _replayable()
    if hasattr(lambda_context, "get_remaining_time_in_millis"):
        # Lets an in-progress record expire with the invocation, should Lambda time out mid-way.
        config.register_lambda_context(lambda_context)
    token = _work.set(work)
    try:
        return replayable(request={"operation": operation, "caller": caller_id, "key": key, "body": body})
    except IdempotencyValidationError as exc:
        raise Conflict(code="idempotency_key_reused") from exc
    except IdempotencyAlreadyInProgressError as exc:
        raise Conflict(code="request_in_progress") from exc
    finally:
        _work.reset(token)
