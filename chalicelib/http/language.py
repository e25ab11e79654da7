"""Which language a request is answered in: the one rule, read once per request. Pages, API error
messages and anything else rendered while answering it (chalicelib.messages) speak it.

English is the only language for now. Issue 29 adds Welsh here: the person's choice (a cookie for
visitors, their profile once signed in), then `Accept-Language` on a first visit; whatever decides
must also be part of what caches key on (`Vary`), so no cached page answers in the other language."""

from __future__ import annotations

from collections.abc import Callable

from chalice.app import Request, Response

from chalicelib import messages


def language_of(request: Request) -> str:
    return messages.DEFAULT


def language_middleware(request: Request, get_response: Callable[[Request], Response]) -> Response:
    with messages.speaking(language_of(request)):
        return get_response(request)
