"""The search's results page: a public page answering a browser on the path the API declares
(`html=True`). A module of its own, so the lists' and the campaign page's first calls do not import
the search's views (issue 30, http/lazy_routes.py)."""

from __future__ import annotations

from chalice.app import Response

from chalicelib.http.negotiation import html_view
from chalicelib.web import render, search_views


@html_view("/search", query=True)
def search_page(query: dict[str, str]) -> Response:
    """`GET /search` for browsers: results without JavaScript; the API declares the route with `html=True`."""
    return render.negotiated("search.html", lambda: search_views.results(query))
