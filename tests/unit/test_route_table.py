"""The route table app.py declares from (chalicelib/route_table.py) is generated from the modules
that declare the routes: it must never drift from them."""

from __future__ import annotations

import json
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from chalicelib.route_table import ROUTE_TABLE
from tests.unit.test_cold_start_imports import last_line_printed

CHECK = ("import sys; from ops import route_table\n"
         "fresh = route_table.render(route_table.rows())\n"
         "print(fresh == route_table.TABLE.read_text(), fresh.count(chr(10)))")


def test_the_committed_route_table_is_what_the_route_modules_declare():
    same, lines = last_line_printed(CHECK).split()
    assert int(lines) > 90  # every route, not an empty table
    assert same == "True", "chalicelib/route_table.py is stale: run make route-table"


def test_each_route_has_a_view_name_of_its_own():
    """A page and an API route at different paths are not both `inbox` (item 9 of issue 26): pages'
    views end in `_page`."""
    assert [name for name, count in Counter(route.view for route in ROUTE_TABLE).items() if count > 1] == []
    assert all(route.view.endswith("_page") for route in ROUTE_TABLE
               if route.module == "chalicelib.web.pages" and route.path != "/static/{name}")


PAGES_AFTER_ONE_CALL = """import json, app
from chalicelib.http import lazy_routes, negotiation
from chalicelib.route_table import ROUTE_TABLE
route = next(r for r in ROUTE_TABLE if (r.method, r.path) == ("GET", PATH))
lazy_routes.load([r for r in ROUTE_TABLE if r.module == route.module and r != route])  # its module, first
lazy_routes.load([route])  # then the route's own first call
print(json.dumps(negotiation.html_alternative(PATH) is not None))"""


def test_whichever_route_of_a_module_is_called_first_every_page_of_its_paths_is_there():
    """A path's page is imported by that route's own first call (`Route.page`), even when another
    route had already imported the route's module (an email's link after a settings change)."""
    with_pages = sorted(route.path for route in ROUTE_TABLE if route.page)
    assert "/notifications/unsubscribe" in with_pages

    def first_call_finds_its_page(path: str) -> bool:
        return json.loads(last_line_printed(f"PATH = {path!r}\n{PAGES_AFTER_ONE_CALL}")) is True

    # A fresh interpreter each (a new container), as many at once as there are cores: the fast tier's budget.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        found = dict(zip(with_pages, pool.map(first_call_finds_its_page, with_pages), strict=True))
    assert [path for path, there in found.items() if not there] == []


TWO_APPS = """import json, app
from chalice import Chalice
from chalice.test import Client
from chalicelib.http.lazy_routes import declare
from chalicelib.route_table import ROUTE_TABLE
second = Chalice(app_name="second")
declare(second, ROUTE_TABLE)
answers = []
for serving in (app.app, second, app.app):
    with Client(serving) as client:
        answers.append(client.http.get("/areas").status_code)
views = [serving.routes["/areas"]["GET"].view_function for serving in (app.app, second)]
print(json.dumps(answers + [views[0] is views[1]]))"""


def test_a_second_app_from_the_same_table_serves_its_own_requests():
    """Each app's stand-ins hand the real view that app's own request (a test's or a bench's second
    app would otherwise answer with another's)."""
    assert json.loads(last_line_printed(TWO_APPS)) == [200, 200, 200, False]
