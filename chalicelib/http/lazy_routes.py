"""Routes declared to Chalice from the generated table, their modules imported on first call.

A Lambda container imports app.py before its first answer. Importing every route module (and with
them pydantic, PynamoDB and our ~150 modules) cost more than twice a bare Chalice app; most
containers serve a few routes. So app.py declares each route of `route_table.ROUTE_TABLE` with a
stand-in view (Chalice's public `app.route`); the first call of a route imports the module that
declares it (its `endpoint`) and the module of the page browsers get there, and every call hands
the request to the real view (`routing.endpoint_view`). Chalice's route entries are never touched
after declaring them. (README, "Cold start".)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from chalice import Chalice

from chalicelib.cold_imports import collector_paused

# Every content type reaches the handler, so a wrong one gets the API's own 400 rather than
# Chalice's 415 in another shape.
ANY_CONTENT_TYPE = ["*/*"]


class Route(NamedTuple):
    """One row of the route table: a route, and where its code lives."""

    method: str
    path: str
    view: str  # the view's name, as Chalice knows it (the handler's own name)
    module: str  # the module whose `endpoint` declares it, imported on the route's first call
    page: str | None = None  # the module that registers the page a browser gets at this path, if any


def _real_view(route: Route) -> Callable[..., Any]:
    """Import what serves `route` (Python's import lock makes a race harmless) and find its view."""
    with collector_paused():
        importlib.import_module(route.module)
        if route.page is not None:
            importlib.import_module(route.page)  # it registers the page on import
    from chalicelib.http.routing import endpoint_view

    return endpoint_view(route.method, route.path)


def _stand_in(app: Chalice, route: Route) -> Callable[..., Any]:
    found: list[Callable[..., Any]] = []  # the real view, once the first call found it

    def view(**path_params: str) -> Any:
        if found:
            return found[0](app.current_request, **path_params)
        # The route's first call in this container: what it imports and builds for the first time (its
        # module, its stores', the DynamoDB client, PyJWT, Jinja2) is kept, so it is not collected over.
        with collector_paused():
            found.append(_real_view(route))
            return found[0](app.current_request, **path_params)

    view.__name__ = route.view
    return view


def declare(app: Chalice, routes: Iterable[Route]) -> None:
    for route in routes:
        app.route(route.path, methods=[route.method], name=route.view,
                  content_types=ANY_CONTENT_TYPE)(_stand_in(app, route))


def load(routes: Iterable[Route]) -> None:
    """Import what serves these routes now, as their first calls would (benchmarks, tests)."""
    for route in routes:
        _real_view(route)


def import_every_route_module() -> None:
    """For what describes every route (the OpenAPI document): each module's `endpoint`s declare
    their specs as it is imported."""
    from chalicelib.route_table import ROUTE_TABLE

    load(ROUTE_TABLE)
