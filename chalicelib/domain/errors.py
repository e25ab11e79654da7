"""What can go wrong, in the domain's terms. The API maps each to a status code in one place
(`chalicelib.http.errors`); nothing here knows about HTTP, and the words are the catalogue's."""

from __future__ import annotations

from typing import Any

from chalicelib.messages import english, plural_text, text


class LabourspaceError(Exception):
    """An error the API answers in its shape. A raise site names the error's `code` (or leaves the
    class's own) and fills its message's placeholders; the words are the catalogue's
    (`chalicelib.messages.errors`), read in the language of whoever is answered:

        raise NotFound(code="campaign_not_found")
        raise Conflict(code="invalid_transition", status=current, action=action, details={...})
        raise InvalidToken(wording="malformed")    # the code's second wording: `invalid_token.malformed`

    A message whose words change with a number takes it as `count`. The store raises none of
    these: it reports which condition failed (`ConditionFailed`) or that it gave up (`Busy`)."""

    code = "error"

    def __init__(self, message: str | None = None, *, code: str | None = None, wording: str | None = None,
                 details: dict[str, Any] | None = None, **placeholders: Any):
        if code:
            self.code = code
        self.details = details or {}
        self.written = message
        self.message_id = None if message is not None else f"{self.code}.{wording}" if wording else self.code
        self.placeholders = placeholders
        super().__init__(message if message is not None else self.message_id)

    @property
    def message(self) -> str:
        if self.message_id is None:
            return self.written or ""
        if isinstance(english()[self.message_id], tuple):  # its words change with `count`
            count = self.placeholders["count"]
            return plural_text(self.message_id, count, **self.placeholders)
        return text(self.message_id, **self.placeholders)

    def __str__(self) -> str:
        return self.message


class InvalidInput(LabourspaceError):
    code = "invalid_input"


class InvalidValue(ValueError):
    """A validator's reason for refusing one field's value, named by its id in the catalogue's
    `field.` family (`InvalidValue("handle_reserved")`, `InvalidValue("unknown_areas", areas="x, y")`).
    A ValueError, as pydantic turns one raised by a validator into that field's `value_error`; the
    API reads the reason from it in the reader's language (http/errors.validation_details)."""

    def __init__(self, reason: str, /, **placeholders: Any):
        self.message_id = f"field.{reason}"
        self.placeholders = placeholders
        super().__init__(self.message_id)

    @property
    def message(self) -> str:
        return text(self.message_id, **self.placeholders)

    def __str__(self) -> str:
        return self.message


def field_words(reason: str, /, **placeholders: Any) -> str:
    """The words for why one field is refused, where a raise site names it in `details.fields` itself
    (`details={"fields": {"cursor": field_words("expired")}}`): the catalogue's `field.<reason>`, in
    the language of the request being answered, never words written at the raise site."""
    return text(f"field.{reason}", **placeholders)


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

    def __init__(self, message: str | None = None, *, retry_after: int = 1, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class DependencyUnavailable(LabourspaceError):
    code = "dependency_unavailable"

    def __init__(self, message: str | None = None, *, retry_after: int = 5, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ConditionFailed(Exception):
    """How the store reports a read or write it could not make: which of its conditions failed,
    by the labels its transactions give them (`store.base.Transaction`): "slug", "counter",
    "erasing", "document", "amendment"... Never shown to anyone: logic turns each into the error the
    domain defines for it (one that escapes is a 500, a refusal nobody explained)."""

    def __init__(self, *failed: str, retry_after: int | None = None):
        super().__init__(", ".join(failed))
        self.failed = frozenset(failed)
        self.retry_after = retry_after  # "limit": when the next use fits


class Busy(Exception):
    """The store gave up: other writes held the same items through every retry. Logic answers
    that the person should try again shortly."""
