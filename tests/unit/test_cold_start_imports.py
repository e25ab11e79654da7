"""A cold start imports only what every request needs (issue 19, bench/cold_start.py): heavy
modules that only some requests use are imported on first use, not by `import app`.

Each check imports the app in a fresh interpreter, as a deployed stage has it (bench's app_env),
and looks at what landed in sys.modules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIST_MODULES = "import json, sys; import app; print(json.dumps(sorted(sys.modules)))"

# What `import app` must leave for later, and the requests that import it when they need it.
LAZY = {
    "aws_xray_sdk": "only where tracing is on (in Lambda, unless POWERTOOLS_TRACE_DISABLED)",
    "jinja2": "only pages render templates",
    "jwt": "only a request that carries a token verifies it",
    "cryptography": "only a request that carries a token verifies it (through PyJWT)",
    "snowballstemmer": "only searching, indexing and similar titles stem words",
    "aws_lambda_powertools.utilities.batch": "only a stream's Lambda processes records in batches",
    "babel": "Babel maintains the catalogue (make messages); run time reads it with the standard library",
    "chalicelib.messages.errors": "the words' tables are read when the first message is, not at start",
    "pydantic": "only a route's module uses it, imported on that route's first call (http/lazy_routes.py)",
    "chalicelib.api.supports": "a route's module is imported on that route's first call",
    "chalicelib.web.pages": "a page's module is imported on that page's first call",
    **{f"chalicelib.events.{name}": "an event function's module is imported on its first invocation "
                                    "(events/lazy_events.py)"
       for name in ("alert_schedules", "erasure", "fanout", "lifecycle", "publishing", "recount", "retention",
                    "search_index", "support_counts", "trending")},
    "chalicelib.notify.alerts": "only the schedules and the outbox's publisher send alerts",
}


def last_line_printed(code: str, **extra_env: str) -> str:
    """Run `code` in a fresh interpreter in the app's directory, as bench's app_env has it."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"AWS_ENDPOINT_URL", "LAMBDA_TASK_ROOT", "POWERTOOLS_TRACE_DISABLED"}}
    env.update(STAGE="dev", AWS_DEFAULT_REGION="eu-west-2", AWS_REGION="eu-west-2",
               PUBLIC_BASE_URL="https://labourspace.example", **extra_env)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,  # noqa: S603 - fixed arguments
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def modules_after_import(**extra_env: str) -> set[str]:
    return set(json.loads(last_line_printed(LIST_MODULES, **extra_env)))


@pytest.fixture(scope="module")
def cold_modules() -> set[str]:
    return modules_after_import()


@pytest.mark.parametrize("module", sorted(LAZY))
def test_import_app_leaves_heavy_module_for_first_use(cold_modules: set[str], module: str) -> None:
    assert module not in cold_modules, f"import app pulled in {module}; leave it for first use: {LAZY[module]}"


def test_the_app_itself_is_imported(cold_modules: set[str]) -> None:
    # Guards the check above: an import that failed or imported nothing would pass it.
    assert {"app", "chalice", "chalicelib.route_table", "chalicelib.event_table"} <= cold_modules


def test_a_routes_first_call_imports_its_module_and_not_the_others() -> None:
    code = ("import json, sys; import app; from chalice.test import Client\n"
            "with Client(app.app) as client:\n"
            "    answer = client.http.get('/areas')\n"
            "print(json.dumps([answer.status_code, answer.json_body[0]['id'],\n"
            "                  'chalicelib.api.meta' in sys.modules, 'chalicelib.api.supports' in sys.modules]))")
    status, first_area, meta_loaded, supports_loaded = json.loads(last_line_printed(code))
    assert (status, meta_loaded, supports_loaded) == (200, True, False)
    assert first_area


def test_tracing_on_in_lambda_still_imports_the_xray_sdk() -> None:
    modules = modules_after_import(LAMBDA_TASK_ROOT=str(ROOT))
    assert "aws_xray_sdk.core" in modules


def test_no_api_model_is_built_at_import() -> None:
    """Every model of the API defers building its validator to first use (ApiModel), even with
    every route module imported (as the OpenAPI document does)."""
    code = ("import app; from pydantic import BaseModel\n"
            "from chalicelib.http.lazy_routes import import_every_route_module; import_every_route_module()\n"
            "def walk(c):\n    for s in c.__subclasses__():\n        yield s\n        yield from walk(s)\n"
            "ours = [m for m in walk(BaseModel) if m.__module__.startswith('chalicelib')]\n"
            "print(len(ours), sorted(m.__qualname__ for m in ours if m.__pydantic_complete__))")
    count, built = last_line_printed(code).split(" ", 1)
    assert int(count) > 50  # the walk found the app's models
    assert built == "[]", f"built at import: {built}"


def test_a_viral_campaigns_first_calls_do_not_import_statistics() -> None:
    """The campaign page and the supports list import the ministers' record (its median), which used
    `statistics`: ~18 ms of a new container's first request (issue 30, bench/cold_start.py)."""
    code = ("import json, sys; import app\n"
            "from chalicelib.http import lazy_routes; from chalicelib.route_table import ROUTE_TABLE\n"
            "wanted = {('PUT', '/campaigns/{campaign_id}/support'), ('GET', '/c/{slug}'), ('GET', '/campaigns')}\n"
            "lazy_routes.load([r for r in ROUTE_TABLE if (r.method, r.path) in wanted])\n"
            "print(json.dumps(['chalicelib.domain.accountability' in sys.modules, 'statistics' in sys.modules]))")
    assert json.loads(last_line_printed(code)) == [True, False]


def test_a_first_calls_imports_are_not_interrupted_by_garbage_collection() -> None:
    """Importing the viral campaign's three first calls' modules ran 32 collections (after `import
    app`'s own) for almost no garbage: the stand-ins pause the collector for each import
    (cold_imports.py), which then collects the young objects once, and stays on."""
    code = ("import gc, json; import app\n"
            "from chalicelib.http import lazy_routes; from chalicelib.route_table import ROUTE_TABLE\n"
            "runs = []\n"
            "gc.callbacks.append(lambda phase, info: runs.append(info['generation']) if phase == 'start' else None)\n"
            "wanted = {('PUT', '/campaigns/{campaign_id}/support'), ('GET', '/c/{slug}'), ('GET', '/campaigns')}\n"
            "lazy_routes.load([r for r in ROUTE_TABLE if (r.method, r.path) in wanted])\n"
            "during = len(runs); [[] for _ in range(5000)]\n"
            "print(json.dumps([during, gc.isenabled(), len(runs) > during]))")
    during, collector_on, collected_after = json.loads(last_line_printed(code))
    assert during <= 3, f"{during} collections while importing three routes' modules"
    assert (collector_on, collected_after) == (True, True)



def test_a_routes_first_call_runs_without_collections_and_keeps_what_it_built_frozen() -> None:
    """A first call builds what the container keeps (its modules, stores, clients) and little garbage:
    the collector is paused for all of it, then that is frozen, so the collection that follows does not
    walk it (about 30 ms of the viral campaign's three first calls, README "Cold start"). The next
    calls collect as usual."""
    code = ("import gc, json; import app; from chalice.test import Client\n"
            "runs = []\n"
            "gc.callbacks.append(lambda phase, info: runs.append(info['generation']) if phase == 'start' else None)\n"
            "with Client(app.app) as client:\n"
            "    gc.collect(); runs.clear(); frozen_before = gc.get_freeze_count()\n"
            "    first = client.http.get('/areas')\n"
            "    during, frozen = len(runs), gc.get_freeze_count() - frozen_before\n"
            "    [[] for _ in range(5000)]\n"
            "    again = client.http.get('/areas')\n"
            "print(json.dumps([first.status_code, again.status_code, during, frozen, gc.isenabled(),\n"
            "                  len(runs) > during]))")
    first, again, during, frozen, collector_on, collected_after = json.loads(last_line_printed(code))
    assert (first, again) == (200, 200)
    assert during == 0, f"{during} collections during a route's first call"
    assert frozen > 10_000, "the first call's modules were not frozen out of later collections"
    assert (collector_on, collected_after) == (True, True)


# A new interpreter after GET /areas' first call (which froze what it built), with GET /campaigns'
# route row as `later`, for the tests of what a later first call does.
AFTER_ONE_ROUTES_FIRST_CALL = (
    "import gc, json; import app\n"
    "from chalicelib.http import lazy_routes; from chalicelib.route_table import ROUTE_TABLE\n"
    "two = {('GET', '/areas'), ('GET', '/campaigns')}\n"
    "first, later = (r for r in ROUTE_TABLE if (r.method, r.path) in two)\n"
    "lazy_routes.load([first])\n")


def test_garbage_left_before_a_later_first_call_is_not_frozen_with_it() -> None:
    """Each route's first call freezes what exists when it ends. Cycles of garbage that warm requests
    left before it (here 20 MB, unreachable) must still be freed, not frozen for the container's life."""
    code = (AFTER_ONE_ROUTES_FIRST_CALL + "import weakref\n"
            "class Left: pass\n"
            "left = Left(); left.payload = bytearray(20_000_000); left.itself = left; freed = weakref.ref(left)\n"
            "del left\n"
            "lazy_routes.load([later]); gc.collect()\n"
            "print(json.dumps([gc.get_freeze_count() > 10_000, freed() is None, gc.isenabled()]))")
    some_frozen, garbage_freed, collector_on = json.loads(last_line_printed(code))
    assert some_frozen, "the first calls froze nothing: this test would pass without its subject"
    assert garbage_freed, "garbage left before a route's first call was frozen with it, never to be freed"
    assert collector_on


def test_a_later_first_call_does_not_count_what_is_frozen() -> None:
    """gc.get_freeze_count() counts by walking every frozen object: about 10 ms of CPU on each later
    first call once the modules and the client are frozen (GET /campaigns' first call took 19 ms
    against 8). Whether a pause has frozen anything is kept instead."""
    code = (AFTER_ONE_ROUTES_FIRST_CALL +
            "counted = []; real_count = gc.get_freeze_count\n"
            "gc.get_freeze_count = lambda: counted.append(1) or real_count()\n"
            "lazy_routes.load([later])\n"
            "gc.get_freeze_count = real_count\n"
            "print(json.dumps([real_count() > 10_000, len(counted), gc.isenabled()]))")
    some_frozen, counts, collector_on = json.loads(last_line_printed(code))
    assert some_frozen, "the first call froze nothing: this test would pass without its subject"
    assert counts == 0, "a route's first call walked every frozen object to count them"
    assert collector_on


# What a request's common path must leave alone: the modules every route's view goes through (the
# stand-in, routing, auth, the error mapping, the language, the logs) import none of it (issue 30).
# A route's own module may bring some: its models bring pydantic, its logic the ports.
COMMON_PATH_LEAVES = {
    "pydantic": "routing and the error mapping ask a model and an error what they are, without importing pydantic",
    "boto3": "only a client made to send (notify.clients) or a secret fetched imports it; PynamoDB needs botocore",
    "s3transfer": "boto3's own import brought it",
    "chalicelib.logic.ports": "the error mapping asks the storage about an error only once nothing else explained it",
    "chalicelib.logic.privacy": "routing checks an erasure only on a signed-in write that does not check it itself",
    "chalicelib.logic.sign_ins": "only a request that carries a token asks whether its sign-in still counts",
    "chalicelib.cognito": "only a request that carries a token asks whether its sign-in still counts",
    "urllib.request": "the signing keys are fetched by the first request that carries a token",
    "http.cookies": "only a request that carries a Cookie header parses it (the language, a session)",
}
COMMON_PATH = ("import json, sys; import app\n"
               "import chalicelib.http.routing, chalicelib.http.auth, chalicelib.http.errors\n"
               "import chalicelib.http.language, chalicelib.http.negotiation, chalicelib.observability\n"
               "print(json.dumps(sorted(sys.modules)))")


@pytest.fixture(scope="module")
def common_path_modules() -> set[str]:
    return set(json.loads(last_line_printed(COMMON_PATH)))


def test_the_common_path_was_imported(common_path_modules: set[str]) -> None:
    # Guards the check below: an import that failed or imported nothing would pass it.
    assert {"chalicelib.http.routing", "chalicelib.http.auth", "chalicelib.http.errors",
            "chalicelib.domain.errors"} <= common_path_modules


@pytest.mark.parametrize("module", sorted(COMMON_PATH_LEAVES))
def test_a_requests_common_path_leaves_heavy_module(common_path_modules: set[str], module: str) -> None:
    assert module not in common_path_modules, (
        f"what every request imports pulled in {module}: {COMMON_PATH_LEAVES[module]}")


def test_a_supports_first_load_leaves_boto3_and_the_erasure_check() -> None:
    """PUT support checks the erasure in its own write (`erasure_in_write`), and sends nothing."""
    code = ("import json, sys; import app\n"
            "from chalicelib.http import lazy_routes; from chalicelib.route_table import ROUTE_TABLE\n"
            "lazy_routes.load([r for r in ROUTE_TABLE if (r.method, r.path) == "
            "('PUT', '/campaigns/{campaign_id}/support')])\n"
            "print(json.dumps([m in sys.modules for m in "
            "('chalicelib.api.supports', 'boto3', 'chalicelib.logic.privacy', 'chalicelib.cognito')]))")
    assert json.loads(last_line_printed(code)) == [True, False, False, False]
