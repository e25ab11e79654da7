"""What can go wrong, in the domain's words. The API maps each to a status code in one place
(`chalicelib.http.errors`); nothing here knows about HTTP."""

from __future__ import annotations

from typing import Any


class LabourspaceError(Exception):
    code = "error"

    def __init__(self, message: str, *, code: str | None = None, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details or {}


class InvalidInput(LabourspaceError):
    code = "invalid_input"


class PayloadTooLarge(LabourspaceError):
    code = "payload_too_large"


class NotSignedIn(LabourspaceError):
    code = "not_signed_in"


class InvalidToken(LabourspaceError):
    code = "invalid_token"


class Forbidden(LabourspaceError):
    code = "forbidden"


class NotFound(LabourspaceError):
    code = "not_found"


class Conflict(LabourspaceError):
    code = "conflict"


class StaleVersion(LabourspaceError):
    code = "stale_version"


class RateLimited(LabourspaceError):
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int = 1, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class DependencyUnavailable(LabourspaceError):
    code = "dependency_unavailable"

    def __init__(self, message: str, *, retry_after: int = 5, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ConditionFailed(Exception):
    """How the store reports a read or write it could not make: which of its conditions failed,
    by the labels its transactions give them (`store.base.Transaction`): "document", "amendment"...
    Never shown to anyone: logic turns each into the error the domain defines for it (one that
    escapes is a 500, a refusal nobody explained)."""

    def __init__(self, *failed: str):
        super().__init__(", ".join(failed))
        self.failed = frozenset(failed)
