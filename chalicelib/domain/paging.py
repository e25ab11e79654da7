"""Lists come in pages: a client is given a cursor with each page and sends it back for the next.
The cursor is the store's, signed and dated (store/pagination.py); what a bad one is, in words."""

from __future__ import annotations

from chalicelib.domain.errors import InvalidInput, field_words


def bad_cursor() -> InvalidInput:
    """Not a cursor this list gave out: forged, altered, another list's."""
    return InvalidInput(code="invalid_cursor",
                        details={"fields": {"cursor": field_words("not_our_cursor")}})


def expired_cursor() -> InvalidInput:
    return InvalidInput(code="invalid_cursor", wording="expired",
                        details={"fields": {"cursor": field_words("expired")}})
