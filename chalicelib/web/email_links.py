"""The links in emails, for the person who clicks them: a page that says what happened, not the
API's JSON. The API declares both routes (`html=True`, api/notifications.py); these pages register
under the same paths and do the same one thing through the same logic."""

from __future__ import annotations

from chalice.app import Response

from chalicelib.domain.errors import InvalidInput
from chalicelib.http.negotiation import html_view
from chalicelib.logic import notifications as logic
from chalicelib.web import render

KIND_WORDS = {"response": "ministers' responses", "owner_update": "campaign owners' updates",
              "closed": "campaigns closing"}


def _token(query: dict[str, str]) -> str:
    token = query.get("token", "").strip()
    if not token:
        raise InvalidInput("This link is incomplete. Copy the whole link from the email.", code="invalid_input")
    return token


def _done(heading: str, message: str) -> Response:
    return render.page("email_link.html", cache=render.CACHE_NEVER, heading=heading, message=message,
                       extra_headers={"Vary": "Accept"})


@html_view("/notifications/confirm-email", query=True)
def confirmed_page(query: dict[str, str]) -> Response:
    try:
        logic.confirm_email(_token(query))
        return _done("Email address confirmed",
                     "Updates and alerts you chose will now go to this address. You can change it, "
                     "or which updates reach you, in your notification settings.")
    except Exception as exc:  # the domain's errors as the HTML error page; others re-raised
        return render.error_page(exc)


@html_view("/notifications/unsubscribe", query=True)
def unsubscribed_page(query: dict[str, str]) -> Response:
    try:
        kind = logic.unsubscribe(_token(query))
        return _done("Unsubscribed",
                     f"No more emails about {KIND_WORDS.get(kind, kind)}. They still reach your feed on "
                     "Labourspace. You can turn emails back on in your notification settings.")
    except Exception as exc:
        return render.error_page(exc)
