"""The cookie that keeps a browser's refresh token (README, "Where the tokens live").

HttpOnly, so no script on the page, injected or not, can read it; SameSite=Strict and only sent
to /auth, so no other site's page can make a browser send it and no API route ever reads it: the
API still takes only `Authorization: Bearer`, which is why the rest of the API needs no CSRF token.
"""

from __future__ import annotations

from urllib.parse import urlparse

from chalice.app import Request

from chalicelib.domain.errors import Forbidden
from chalicelib.http.cookies import cookie_value
from chalicelib.settings import get_settings

NAME = "labourspace_session"
MAX_AGE_SECONDS = 30 * 24 * 3600  # the app client's RefreshTokenValidity (infra/template.yaml)
# What a browser's own page sends (Fetch Metadata); "none" is a person typing the address.
SAME_SITE_FETCHES = {"same-origin", "none"}


def _attributes(max_age: int) -> str:
    settings = get_settings()
    base = urlparse(settings.public_base_url)
    path = f"{base.path.rstrip('/')}/auth"  # behind API Gateway's stage prefix too
    # Plain HTTP only in the local stage, on loopback: everywhere else the cookie is Secure whatever
    # the address says (and settings refuse to start there without an https PUBLIC_BASE_URL).
    secure = "" if settings.is_local and base.scheme != "https" else "; Secure"
    return f"Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"


def set_cookie(refresh_token: str) -> str:
    return f"{NAME}={refresh_token}; {_attributes(MAX_AGE_SECONDS)}"


def clear_cookie() -> str:
    return f"{NAME}=; {_attributes(0)}"


def refresh_token_of(request: Request) -> str | None:
    return cookie_value(request, NAME)


def refuse_cross_site(request: Request) -> None:
    """Belt to SameSite's braces: a browser that says the call came from another site is refused."""
    fetched_from = request.headers.get("sec-fetch-site") if request.headers else None
    if fetched_from is not None and fetched_from not in SAME_SITE_FETCHES:
        raise Forbidden(code="cross_site")
