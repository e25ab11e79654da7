"""The one mapping from what went wrong to the API's error shape (API.md):
`{"error": {"code", "message", "details"}}`. Unexpected exceptions are logged with their trace
and answered 500 in the same shape, with nothing of the internals."""

from __future__ import annotations

from typing import Any

from chalice.app import Response
from pydantic import ValidationError

from chalicelib.domain import errors
from chalicelib.logic.ports import is_unavailable
from chalicelib.messages import text
from chalicelib.observability import logger

STATUS_BY_ERROR: dict[type[errors.LabourspaceError], int] = {
    errors.InvalidInput: 400,
    errors.NotSignedIn: 401,
    errors.InvalidToken: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.StaleVersion: 412,
    errors.PayloadTooLarge: 413,
    errors.RateLimited: 429,
    errors.DependencyUnavailable: 503,
}

JSON_HEADERS = {"Content-Type": "application/json"}


def error_response(
    status: int, code: str, message: str, details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return Response(body=body, status_code=status, headers={**JSON_HEADERS, **(headers or {})})


def validation_details(exc: ValidationError) -> dict[str, Any]:
    """Name each bad field, as clients show the message next to it."""
    fields: dict[str, str] = {}
    for problem in exc.errors(include_url=False, include_input=False):
        location = ".".join(str(part) for part in problem["loc"]) or "body"
        fields.setdefault(location, problem["msg"])
    return {"fields": fields}


def response_for(exc: BaseException) -> Response:
    if isinstance(exc, ValidationError):
        return error_response(400, "invalid_input", text("invalid_input.fields"), validation_details(exc))
    if isinstance(exc, errors.LabourspaceError):
        status = next(
            (code for kind, code in STATUS_BY_ERROR.items() if isinstance(exc, kind)), 500
        )
        headers = {}
        if isinstance(exc, errors.RateLimited | errors.DependencyUnavailable):
            headers["Retry-After"] = str(exc.retry_after)
        if status >= 500:
            logger.warning("dependency unavailable", extra={"code": exc.code})
        return error_response(status, exc.code, exc.message, exc.details, headers)
    if is_unavailable(exc):
        logger.warning("database unavailable", exc_info=True)
        return error_response(503, "dependency_unavailable", text("dependency_unavailable.database"),
                              headers={"Retry-After": "2"})
    logger.exception("unexpected error")
    return error_response(500, "internal_error", text("internal_error"))
