"""Reading one cookie from a request: the language choice and the session's refresh token both
come this way, so a malformed Cookie header means the same thing to each (no cookie at all)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice.app import Request

if TYPE_CHECKING:
    from http.cookies import SimpleCookie


def cookie_value(request: Request, name: str) -> str | None:
    """The named cookie's value; None when it is absent or empty, or the header cannot be read."""
    raw = request.headers.get("cookie") if request.headers else None
    if not raw:
        return None
    # Imported here: its parser's patterns take ~2 ms to compile, and most first requests (the apps',
    # a browser's first visit) carry no Cookie header (README, "Cold start").
    from http.cookies import CookieError, SimpleCookie

    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel and morsel.value else None
