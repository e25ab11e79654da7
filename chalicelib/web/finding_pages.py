"""Pages for finding things (issue 27, sections 3 and 7): every consultation, every campaign a page at
a time (those waiting for an answer and answered ones too), and the ministers by area. Public pages
answering a browser on paths the API declares (`html=True`)."""

from __future__ import annotations

from collections.abc import Callable

from chalice.app import Response

from chalicelib.http.negotiation import html_view
from chalicelib.web import consultation_views, list_views, render


def _shown(build: Callable[[], Response]) -> Response:
    try:
        return build()
    except Exception as exc:  # the domain's errors as the HTML error page; others re-raised
        return render.error_page(exc)


@html_view("/consultations", query=True)
def consultations_page(query: dict[str, str]) -> Response:
    """`GET /consultations` for browsers: open, coming up or closed, by area, "More" for the rest."""
    return _shown(lambda: render.page("consultations.html", extra_headers={"Vary": "Accept"},
                                      **consultation_views.listing(query)))


@html_view("/campaigns", query=True)
def campaigns_page(query: dict[str, str]) -> Response:
    """`GET /campaigns` for browsers: every campaign, a page at a time, "More" for the next."""
    return _shown(lambda: render.page("campaigns.html", extra_headers={"Vary": "Accept"},
                                      **list_views.campaigns(query)))


@html_view("/ministers")
def ministers_page() -> Response:
    """`GET /ministers` for browsers: who answers for each area, and each minister's portfolio."""
    return _shown(lambda: render.page("ministers.html", extra_headers={"Vary": "Accept"},
                                      **list_views.ministers_by_area()))
