"""Routes declared to Chalice from the generated table, their modules imported on first call.

A Lambda container imports app.py before its first answer. Importing every route module (and with
them pydantic, PynamoDB and our ~150 modules) cost more than twice a bare Chalice app; most
containers serve a few routes. So app.py declares each route with a stand-in view, and the first
call of a route imports its module, turns the module's blueprint into route entries and puts them
in place of its stand-ins. Later calls go straight to the real views. (README, "Cold start".)
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from typing import Any

from chalice import Chalice
from chalice.app import Blueprint

Row = tuple[str, str, str, str, str, "str | None", tuple[str, ...]]
_loading = threading.Lock()  # the local server answers on threads; a Lambda container one at a time


class _Declarations(Chalice):
    """A throwaway app that turns one blueprint's declarations into route entries. The blueprint
    keeps it as its app, so its `current_request` is answered from the app that serves."""

    def __init__(self, serving: Chalice) -> None:
        self._serving = serving
        super().__init__(app_name=serving.app_name)

    @property  # type: ignore[override]
    def current_request(self) -> Any:
        return self._serving.current_request

    @current_request.setter
    def current_request(self, _value: Any) -> None:
        pass  # Chalice.__init__ sets None; the serving app owns the request

    @property  # type: ignore[override]
    def lambda_context(self) -> Any:
        return self._serving.lambda_context

    @lambda_context.setter
    def lambda_context(self, _value: Any) -> None:
        pass


def load(app: Chalice, module_name: str, blueprint_name: str) -> None:
    """Import a route module and put its blueprint's real views where its stand-ins were; and
    import the modules of the pages its paths show browsers, as no stand-in of its will run again."""
    from chalicelib.route_table import ROUTES

    rows = [row for row in ROUTES if (row[3], row[4]) == (module_name, blueprint_name)]
    with _loading:
        method, path = rows[0][0], rows[0][1]
        if not getattr(app.routes[path][method].view_function, "stands_in", False):
            return  # loaded already, by another route of the module or another thread
        for *_route, page_module, _types in rows:
            if page_module is not None:
                importlib.import_module(page_module)  # it registers its page on import
        blueprint = getattr(importlib.import_module(module_name), blueprint_name)
        assert isinstance(blueprint, Blueprint), f"{module_name}.{blueprint_name} is not a blueprint"
        declarations = _Declarations(app)
        declarations.register_blueprint(blueprint)
        for path, methods in declarations.routes.items():
            for method, entry in methods.items():
                app.routes[path][method] = entry  # one assignment: a request on another thread sees one or the other


def _stand_in(app: Chalice, row: Row) -> Callable[..., Any]:
    method, path, view_name, module_name, blueprint_name, _page_module, _types = row

    def view(**path_params: str) -> Any:
        load(app, module_name, blueprint_name)
        return app.routes[path][method].view_function(**path_params)

    view.__name__ = view_name
    view.stands_in = True  # type: ignore[attr-defined]
    return view


def declare(app: Chalice, rows: Iterable[Row]) -> None:
    for row in rows:
        method, path, view_name, _module, _blueprint, _page, content_types = row
        app.route(path, methods=[method], name=view_name, content_types=list(content_types))(_stand_in(app, row))


def import_every_route_module() -> None:
    """For what describes every route (the OpenAPI document): each module's `endpoint`s declare
    their specs as it is imported. Their stand-ins stay until called."""
    from chalicelib.route_table import ROUTES

    for _method, _path, _view, module_name, _blueprint, page_module, _types in ROUTES:
        importlib.import_module(module_name)
        if page_module is not None:
            importlib.import_module(page_module)
