"""`GET /dev/mailbox` for a browser (local stage only): every email the embedded AWS sent,
newest first, and the ministers' alert mailboxes, as a plain page. The API declares the route
(`html=True`, in api/notifications.py); this page registers itself under the same path."""

from __future__ import annotations

import re

from chalice.app import Response

from chalicelib.domain.errors import InvalidInput, NotFound
from chalicelib.domain.notifications import is_mailable_address
from chalicelib.http.negotiation import html_view
from chalicelib.notify.mailbox import read_emails, read_mailboxes
from chalicelib.settings import get_settings
from chalicelib.web import render

_LINK = re.compile(r"(https?://[^\s<>\"]+)")


def linked(text: str) -> list[list[tuple[str, bool]]]:
    """An email's text as paragraphs of pieces, True where a piece is a link to follow (as a mail
    client would show it); the template escapes every piece."""
    return [[(piece, bool(_LINK.fullmatch(piece))) for piece in _LINK.split(line.strip()) if piece]
            for line in text.splitlines() if line.strip()]


def _shown(sent: dict) -> dict:
    unsubscribe = (sent.get("list_unsubscribe") or "").strip("<>") or None
    return {**sent, "paragraphs": linked(sent["text"]), "unsubscribe_link": unsubscribe}


@html_view("/dev/mailbox", query=True)
def dev_mailbox_page(query: dict[str, str]) -> Response:
    try:
        if not get_settings().is_local:
            raise NotFound(wording="dev_only")
        to = query.get("to", "").strip() or None
        if to is not None and not is_mailable_address(to):
            raise InvalidInput(wording="mailbox_address")
        return render.page("dev_mailbox.html", cache=render.CACHE_NEVER, to=to,
                           emails=[_shown(e) for e in read_emails(to)], mailboxes=read_mailboxes(),
                           extra_headers={"Vary": "Accept"})
    except Exception as exc:  # the domain's errors as the HTML error page; others re-raised
        return render.error_page(exc)
