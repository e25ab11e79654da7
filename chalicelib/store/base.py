"""What every model shares: where its table is and how patiently it talks to DynamoDB."""

from __future__ import annotations

from datetime import UTC, datetime

from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBConnectionError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.settings import get_settings


THROTTLED = {"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
             "InternalServerError", "ServiceUnavailable"}


def meta_for(short_name: str) -> type:
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


def utcnow() -> datetime:
    return datetime.now(UTC)


def transaction() -> TransactWrite:
    """A TransactWrite on the stage's endpoint (all-or-nothing, up to 100 items)."""
    settings = get_settings()
    return TransactWrite(connection=Connection(region=settings.region, host=settings.aws_endpoint_url))


def cancelled_because_of_condition(exc: Exception) -> list[bool]:
    """For a cancelled transaction: which of its items failed their condition, in order."""
    reasons = getattr(exc, "cancellation_reasons", None) or []
    return [bool(r and r.code == "ConditionalCheckFailed") for r in reasons]


def is_condition_failure(exc: Exception) -> bool:
    cause = getattr(exc, "cause_response_code", None)
    return cause == "ConditionalCheckFailedException" or any(cancelled_because_of_condition(exc))



def is_unavailable(exc: Exception) -> bool:
    """Throttled or unreachable after PynamoDB's own retries: worth a 503 and a retry."""
    if not isinstance(exc, PynamoDBConnectionError):
        return False
    cause = exc.cause_response_code
    return cause is None or cause in THROTTLED
