"""What every model shares: where its table is, how patiently it talks to DynamoDB, and
all-or-nothing writes that say which of their conditions failed."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from pynamodb.connection import Connection, TableConnection
from pynamodb.constants import KEY
from pynamodb.exceptions import PynamoDBConnectionError, TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.domain.errors import Busy
from chalicelib.domain.times import iso as iso
from chalicelib.domain.times import utcnow as utcnow
from chalicelib.settings import get_settings

THROTTLED = {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
             "InternalServerError", "ServiceUnavailable"}


def meta_for(short_name: str) -> Any:
    """A PynamoDB Meta for the stage's table `short_name`: the endpoint is set only locally."""
    settings = get_settings()

    class Meta:
        table_name = settings.table_name(short_name)
        region = settings.region
        host = settings.aws_endpoint_url
        # API Gateway gives up after 29 s; fail well before that and answer 503.
        connect_timeout_seconds = 2
        read_timeout_seconds = 5
        max_retry_attempts = 3

    return Meta


class BaseRecord(Model):
    class Meta:
        abstract = True

    @classmethod
    def _get_connection(cls) -> TableConnection:
        """PynamoDB gives each model a connection with its own botocore session and client, and a new
        session parses botocore's JSON models again (about 60 ms of CPU): a new container's first
        PUT support and campaign page touched ten models and paid it ten times. Every model's
        settings are the same (`meta_for`), so every model's connection uses the one client."""
        table = super()._get_connection()
        if table.connection._client is None:
            table.connection._client = _transaction_connection().client
        return table


@lru_cache(maxsize=1)
def _transaction_connection() -> Connection:
    """One per process, whose client every model uses too (`BaseRecord._get_connection`): making a
    botocore client costs tens of milliseconds, far more than a request's own calls."""
    settings = get_settings()
    return Connection(region=settings.region, host=settings.aws_endpoint_url,
                      connect_timeout_seconds=2, read_timeout_seconds=5, max_retry_attempts=3)


def parse_the_clients_models() -> None:
    """What making the client costs but its credentials (botocore's DynamoDB model and endpoint rules
    parsed on the session the client will be made on), paid by an unsigned client thrown away: for a
    SnapStart snapshot, which must not hold credentials (chalicelib/snapstart.py)."""
    from botocore import UNSIGNED
    from botocore.config import Config

    connection = _transaction_connection()
    connection.session.create_client("dynamodb", connection.region, endpoint_url=connection.host,
                                     config=Config(signature_version=UNSIGNED))


BATCH_TRIES = 8  # ~2.5 s of backoff at most before a read gives up


def dynamodb_client() -> Any:
    """The low-level client, for the few reads PynamoDB cannot shape: a Query of exactly one page,
    and one BatchGetItem across several tables (`batch_get`)."""
    return _transaction_connection().client


def batch_get(request: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """One BatchGetItem of up to a hundred keys, items as DynamoDB sends them by full table name.
    Keys DynamoDB leaves unprocessed under load are asked again, with backoff; if some still are
    after BATCH_TRIES, Busy (a 503, or a stream batch retried): a missing item must never read as an
    absent one (a guard, a counter's checkpoint, an erasure)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for attempt in range(BATCH_TRIES):
        answer = dynamodb_client().batch_get_item(RequestItems=request)
        for table, items in answer.get("Responses", {}).items():
            found.setdefault(table, []).extend(items)
        request = answer.get("UnprocessedKeys") or {}
        if not request:
            return found
        time.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311 - jitter, not security
    raise Busy()


class Transaction:
    """An all-or-nothing write (TransactWriteItems, up to 100 items) whose items carry labels,
    so a cancelled one says which conditions failed. PynamoDB sends checks, deletes, puts and
    updates in that order, whatever order they were added in; the labels follow that order.
    """

    def __init__(self) -> None:
        # A token per transaction: when a reply is lost and botocore sends the same request again,
        # DynamoDB answers the retry with the first outcome instead of running it twice (a second
        # run would find its own write and fail its condition: "pending cannot take submit").
        self.client_request_token = str(uuid.uuid4())
        self._tx = TransactWrite(connection=_transaction_connection(),
                                 client_request_token=self.client_request_token)
        self._labels: dict[str, list[str]] = {"check": [], "delete": [], "put": [], "update": []}
        self.failed: set[str] = set()
        self.conflicted = False  # another transaction held one of the items: worth a retry
        # What a container learns only once the write is in (a rate limit's new revision, say).
        self.after_commit: list[Callable[[], None]] = []

    def condition_check(self, model_cls: type, hash_key: str, condition: Any, label: str,
                        range_key: str | None = None) -> None:
        self._tx.condition_check(model_cls, hash_key, range_key=range_key, condition=condition)
        self._labels["check"].append(label)

    def delete(self, model: Model, label: str, condition: Any = None) -> None:
        self._tx.delete(model, condition=condition)
        self._labels["delete"].append(label)

    def save(self, model: Model, label: str, condition: Any = None) -> None:
        self._tx.save(model, condition=condition)
        self._labels["put"].append(label)

    def update(self, model: Model, actions: list, label: str, condition: Any = None,
               check_version: bool = True) -> None:
        # PynamoDB adds `version = <model's version>` and the increment itself, unless told not to.
        self._tx.update(model, actions=actions, condition=condition, add_version_condition=check_version)
        self._labels["update"].append(label)

    def system_update(self, model_cls: type[Model], hash_key: str, actions: list, label: str,
                      condition: Any = None, range_key: str | None = None) -> None:
        """An update that leaves the VersionAttribute alone (see `system_update` below)."""
        self._tx._update_items.append(model_cls._get_connection().get_operation_kwargs(
            hash_key, range_key=range_key, key=KEY, actions=actions, condition=condition))
        self._labels["update"].append(label)

    def commit(self) -> None:
        """Raises TransactWriteError; `self.failed` then names the items whose condition failed."""
        order = [label for kind in ("check", "delete", "put", "update") for label in self._labels[kind]]
        try:
            self._tx._commit()
        except TransactWriteError as exc:
            reasons = exc.cancellation_reasons or []
            self.failed = {
                label for label, reason in zip(order, reasons, strict=False)
                if reason is not None and reason.code == "ConditionalCheckFailed"
            }
            self.conflicted = any(r is not None and r.code == "TransactionConflict" for r in reasons)
            raise
        for remember in self.after_commit:
            remember()


def system_update(model_cls: type[Model], hash_key: str, actions: list, condition: Any = None,
                  range_key: str | None = None) -> dict[str, Any]:
    """An UpdateItem for what the system maintains (counts, flags), not what people edit: it
    leaves the VersionAttribute alone, so a count changing never makes an editor's copy stale.
    Returns the item's new attributes."""
    return model_cls._get_connection().update_item(
        hash_key, range_key=range_key, actions=actions, condition=condition, return_values="ALL_NEW"
    )


def is_condition_failure(exc: Exception) -> bool:
    """A single put, update or delete refused by its condition."""
    return getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException"


def is_unavailable(exc: Exception) -> bool:
    """Throttled or unreachable after botocore's retries (or a batch read that gave up: Busy): worth
    a 503 and a retry. A transaction is no PynamoDBConnectionError; it is throttled whole (the
    cause) or item by item (a reason)."""
    if isinstance(exc, Busy):
        return True
    if isinstance(exc, TransactWriteError):
        reasons = exc.cancellation_reasons or []
        if any(r is not None and r.code == "ThrottlingError" for r in reasons):
            return True
    elif not isinstance(exc, PynamoDBConnectionError):
        return False
    cause = exc.cause_response_code
    return cause is None or cause in THROTTLED
