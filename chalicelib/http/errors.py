"""The one mapping from what went wrong to the API's error shape (API.md):
`{"error": {"code", "message", "details"}}`. Unexpected exceptions are logged with their trace
and answered 500 in the same shape, with nothing of the internals."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

from chalice.app import Response

from chalicelib.domain import errors
from chalicelib.domain.errors import InvalidValue
from chalicelib.messages import PLACEHOLDER, english, fields, plural_text, text
from chalicelib.observability import logger

if TYPE_CHECKING:
    from pydantic import ValidationError

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
    """Name each bad field, as clients show the reason next to it: the field names are the request's,
    the reasons the catalogue's (`messages/fields.py`) in the reader's language, never pydantic's English."""
    reasons: dict[str, str] = {}
    for problem in exc.errors(include_url=False, include_input=False):
        location = ".".join(str(part) for part in problem["loc"]) or "body"
        reasons.setdefault(location, field_reason(problem["type"], problem.get("ctx") or {}))
    return {"fields": reasons}


def field_reason(kind: str, context: dict[str, Any]) -> str:
    """The words for one of pydantic's errors: keyed by its `type`, its `ctx` filling the placeholders;
    a validator's `value_error` says the reason it named (InvalidValue)."""
    if kind in ("value_error", "assertion_error"):
        error = context.get("error")
        return error.message if isinstance(error, InvalidValue) else text("field.not_valid")
    message_id = f"field.{kind}"
    words = english().get(message_id)
    try:
        if isinstance(words, tuple):
            return plural_text(message_id, int(context[fields.COUNTED_BY[kind]]))
        if words is not None:
            return text(message_id, **{name: _choices(context[name]) if name == "expected" else context[name]
                                       for name in PLACEHOLDER.findall(words)})
    except (KeyError, TypeError, ValueError):  # a ctx not as this pydantic gave it: still the catalogue's words
        logger.warning("field reason without its context", extra={"type": kind})
    return text("field.not_valid")  # a type with no words of its own: never pydantic's English


def _choices(expected: Any) -> str:
    """pydantic's `'en' or 'cy'` as `en, cy`: the English "or" left out, so any language can list them."""
    return ", ".join(choice.strip("'\"") for choice in re.findall(r"'[^']*'|\"[^\"]*\"|[^\s,]+", str(expected))
                     if choice != "or")


def _invalid_input(exc: BaseException) -> ValidationError | None:
    """pydantic's refusal of a body or a query. Only a module that validates imports pydantic, so
    where it is not imported yet nothing could have raised one: every request's error mapping
    needs none of it (README, "Cold start")."""
    pydantic_core = sys.modules.get("pydantic_core")
    return exc if pydantic_core is not None and isinstance(exc, pydantic_core.ValidationError) else None


def _unavailable(exc: BaseException) -> bool:
    """Whether the storage was throttled or unreachable: asked only of an error nothing else
    explained, so the logic's ports (and the store behind them) load only then."""
    from chalicelib.logic.ports import is_unavailable

    return is_unavailable(exc)


def response_for(exc: BaseException) -> Response:
    invalid = _invalid_input(exc)
    if invalid is not None:
        return error_response(400, "invalid_input", text("invalid_input.fields"), validation_details(invalid))
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
    if _unavailable(exc):
        logger.warning("database unavailable", exc_info=True)
        return error_response(503, "dependency_unavailable", text("dependency_unavailable.database"),
                              headers={"Retry-After": "2"})
    logger.exception("unexpected error")
    return error_response(500, "internal_error", text("internal_error"))
