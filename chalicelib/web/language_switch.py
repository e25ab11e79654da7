"""`GET /language?to=cy&next=/c/slug`: the language switch every page's header links to. A plain
link, so it works without script and on any phone: it remembers the choice in the `lang` cookie
and sends the browser back where it was, now in that language (chalicelib.http.language)."""

from __future__ import annotations

from chalice.app import Response

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.identity import ANYONE
from chalicelib.http.language import known, query_value, safe_next, set_cookie
from chalicelib.http.routing import PRIVATE, Call, endpoint
from chalicelib.web import render


@endpoint("GET", "/language", access=ANYONE, summary="Choose the site's language (?to=en|cy), then go back to ?next=",
          produces="text/html", tags=("pages",), status=303, errors=(400,))
def language_switch(call: Call) -> Response:
    asked = query_value(call.request, "to")
    language = known(asked)
    if language is None or len(asked or "") > 10:
        return render.error_page(InvalidInput(wording="language"))
    # Never cached: the answer sets a cookie, and a cache must not hand one person's choice to the next.
    return Response(body="", status_code=303, headers={
        "Location": safe_next(query_value(call.request, "next")), "Set-Cookie": set_cookie(language),
        "Cache-Control": PRIVATE})
