"""Pages for finding things (issue 27, sections 3 and 7): every consultation, every campaign a page at
a time (those waiting for an answer and answered ones too), and the ministers by area. Public pages
answering a browser on paths the API declares (`html=True`)."""

from __future__ import annotations

from chalice.app import Response

from chalicelib.http.negotiation import html_view
from chalicelib.web import consultation_views, list_views, render


@html_view("/consultations", query=True)
def consultations_page(query: dict[str, str]) -> Response:
    """`GET /consultations` for browsers: open, coming up or closed, by area, "More" for the rest."""
    return render.negotiated("consultations.html", lambda: consultation_views.listing(query))


@html_view("/campaigns", query=True)
def campaigns_page(query: dict[str, str]) -> Response:
    """`GET /campaigns` for browsers: every campaign, a page at a time, "More" for the next."""
    return render.negotiated("campaigns.html", lambda: list_views.campaigns(query))


@html_view("/ministers")
def ministers_page() -> Response:
    """`GET /ministers` for browsers: who answers for each area, and each minister's portfolio."""
    return render.negotiated("ministers.html", list_views.ministers_by_area)
