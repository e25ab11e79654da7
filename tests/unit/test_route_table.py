"""The route table app.py declares from (chalicelib/route_table.py) is generated from the modules
that declare the routes: it must never drift from them."""

from __future__ import annotations

import json

from chalicelib.route_table import ROUTES
from tests.unit.test_cold_start_imports import last_line_printed

CHECK = ("import sys; from ops import route_table\n"
         "fresh = route_table.render(route_table.rows())\n"
         "print(fresh == route_table.TABLE.read_text(), fresh.count(chr(10)))")


def test_the_committed_route_table_is_what_the_route_modules_declare():
    same, lines = last_line_printed(CHECK).split()
    assert int(lines) > 90  # every route, not an empty table
    assert same == "True", "chalicelib/route_table.py is stale: run make route-table"


PAGES_AFTER_ONE_CALL = """import json, app
from chalicelib.http import lazy_routes, negotiation
from chalicelib.route_table import ROUTES
lazy_routes.load(app.app, MODULE, BLUEPRINT)
print(json.dumps({path: negotiation.html_alternative(path) is not None
                  for _m, path, _v, module, blueprint, page, _t in ROUTES
                  if (module, blueprint) == (MODULE, BLUEPRINT) and page}))"""


def test_whichever_route_of_a_module_is_called_first_every_page_of_its_paths_is_there():
    """Only a route's first call runs its stand-in: a page a path shows browsers must be registered
    whichever route of the same module came first (an email's link after a settings change)."""
    with_pages = sorted({(row[3], row[4]) for row in ROUTES if row[5]})
    assert ("chalicelib.api.notifications", "notifications") in with_pages
    for module, blueprint in with_pages:
        pages = json.loads(last_line_printed(f"MODULE, BLUEPRINT = {module!r}, {blueprint!r}\n{PAGES_AFTER_ONE_CALL}"))
        assert pages and all(pages.values()), (module, pages)


TWO_APPS = """import json, app
from chalice import Chalice
from chalice.test import Client
from chalicelib.http.lazy_routes import declare
from chalicelib.route_table import ROUTES
second = Chalice(app_name="second")
declare(second, ROUTES)
answers = []
for serving in (app.app, second, app.app):
    with Client(serving) as client:
        answers.append(client.http.get("/areas").status_code)
print(json.dumps(answers + [getattr(second.routes["/areas"]["GET"].view_function, "stands_in", False)]))"""


def test_a_second_app_from_the_same_table_loads_its_own_routes():
    """What a route module's first call did for one app is not taken as done for another (a test's
    or a bench's second app would otherwise call its own stand-in for ever)."""
    assert json.loads(last_line_printed(TWO_APPS)) == [200, 200, 200, False]
