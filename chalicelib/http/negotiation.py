"""Content negotiation: one path that answers JSON to API clients and a page to browsers.

The route is declared once, by the API (`endpoint(..., html=True)`); the page that answers a
browser registers itself here under the same path (`html_view`). So neither the API nor the
pages import each other: both stand on this module.
"""

from __future__ import annotations

from collections.abc import Callable

from chalice.app import Request, Response

HtmlView = Callable[..., Response]
_HTML_VIEWS: dict[str, tuple[HtmlView, bool]] = {}


def wants_html(request: Request) -> bool:
    """A browser asks for HTML first; API clients ask for JSON or anything."""
    accept = str(request.headers.get("accept", "")) if request.headers else ""
    return accept.split(",")[0].strip().lower() == "text/html"


def html_view(path: str, *, query: bool = False) -> Callable[[HtmlView], HtmlView]:
    """Register the page a browser gets for an API path declared with `html=True`. It is called
    with the path's parameters, and with `query=` (the query string as a dict) if it asks."""

    def register(view: HtmlView) -> HtmlView:
        _HTML_VIEWS[path] = (view, query)
        return view

    return register


def page_modules() -> dict[str, str]:
    """Each path with a page, and the module that registered it (for ops/route_table.py)."""
    return {path: view.__module__ for path, (view, _query) in _HTML_VIEWS.items()}


def html_alternative(path: str) -> Callable[[Request, dict[str, str]], Response] | None:
    registered = _HTML_VIEWS.get(path)
    if registered is None:
        return None
    view, wants_query = registered

    def answer(request: Request, path_params: dict[str, str]) -> Response:
        if wants_query:
            return view(query=dict(request.query_params or {}), **path_params)
        return view(**path_params)

    return answer
