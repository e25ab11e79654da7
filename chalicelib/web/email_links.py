"""The links in emails, for the person who clicks them: a page that says what happened, not the
API's JSON. The API declares both routes (`html=True`, api/notifications.py); these pages register
under the same paths and do the same one thing through the same logic."""

from __future__ import annotations

from chalice.app import Response

from chalicelib.domain.errors import InvalidInput
from chalicelib.http.negotiation import html_view
from chalicelib.logic import notifications as logic
from chalicelib.web import render


def _token(query: dict[str, str]) -> str:
    token = query.get("token", "").strip()
    if not token:
        raise InvalidInput(wording="incomplete_link")
    return token


def _done(done: str, kind: str | None = None) -> Response:
    """The page saying what the link did (`email_link.html` has its words)."""
    return render.page("email_link.html", cache=render.CACHE_NEVER, done=done, kind=kind,
                       extra_headers={"Vary": "Accept"})


@html_view("/notifications/confirm-email", query=True)
def confirmed_page(query: dict[str, str]) -> Response:
    try:
        logic.confirm_email(_token(query))
        return _done("confirmed")
    except Exception as exc:  # the domain's errors as the HTML error page; others re-raised
        return render.error_page(exc)


@html_view("/notifications/unsubscribe", query=True)
def unsubscribed_page(query: dict[str, str]) -> Response:
    try:
        kind = logic.unsubscribe(_token(query))
        return _done("unsubscribed", kind)
    except Exception as exc:
        return render.error_page(exc)
