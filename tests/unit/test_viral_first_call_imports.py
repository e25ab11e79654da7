"""A viral campaign's first calls import only what they use (issue 30, README "Cold start"): a new
container's first PUT support, campaign page and list of campaigns once imported the ports' Protocols
(with the policy documents', notifications' and sign-ins' domain modules their signatures name), the
documents', manifesto tracker's and search's views, and boto3 (through the erasure guard's sign-out and
the ministers' alert subscriptions). Each check loads one route's modules in a fresh interpreter, as
its first call does (http/lazy_routes.py), and looks at what landed in sys.modules.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tests.unit.test_cold_start_imports import last_line_printed

SUPPORT = ("PUT", "/campaigns/{campaign_id}/support")
CAMPAIGN_PAGE = ("GET", "/c/{slug}")
LISTS = ("GET", "/campaigns")

# Types for mypy alone: `logic.ports` names them only under TYPE_CHECKING.
PORTS = {f"chalicelib.logic.{seam}_ports" for seam in ("campaign", "dialogue", "document", "moderation", "people",
                                                       "support")}
EVERY_FIRST_CALL = PORTS | {
    "boto3",  # made with the first SNS or Cognito client (notify/clients.py); none of these calls makes one
    "chalicelib.cognito",  # the erasure guard's module signs out only when an account is erased
    "chalicelib.logic.sign_ins",
    "chalicelib.notify.subscriptions",  # a minister's alerts, changed by their portfolio or language alone
    "chalicelib.notify.addresses",
    "chalicelib.domain.notifications",
    "chalicelib.domain.sign_ins",
    "chalicelib.logic.responses",  # ministers' official responses, apart from the replies a page reads
    "chalicelib.logic.amendments",  # the policy documents' use cases
    "chalicelib.logic.documents",
    "chalicelib.web.document_views",  # pages of their own modules (document_pages, search_pages)
    "chalicelib.web.manifesto_views",
    "chalicelib.web.search_views",
}
NOT_IMPORTED = {
    SUPPORT: EVERY_FIRST_CALL | {"chalicelib.domain.amendments", "chalicelib.domain.documents",
                                 "chalicelib.domain.manifesto", "chalicelib.domain.trail"},
    CAMPAIGN_PAGE: EVERY_FIRST_CALL | {"chalicelib.logic.moderation",  # the moderators' queue's
                                       # the documents' shapes: the page shows a trail alone (http/trail_shapes.py)
                                       "chalicelib.http.document_shapes", "chalicelib.domain.amendments",
                                       "chalicelib.domain.versions", "chalicelib.domain.documents"},
    LISTS: EVERY_FIRST_CALL,
}
MODULES_AFTER = """import json, sys; import app
from chalicelib.http import lazy_routes; from chalicelib.route_table import ROUTE_TABLE
routes = [r for r in ROUTE_TABLE if (r.method, r.path) == {route!r}]
lazy_routes.load(routes)
print(json.dumps([len(routes), sorted(sys.modules)]))"""


@pytest.mark.parametrize("route", list(NOT_IMPORTED), ids=" ".join)
def test_a_viral_first_call_leaves_what_it_does_not_use(route: tuple[str, str]) -> None:
    found, modules = json.loads(last_line_printed(MODULES_AFTER.format(route=route)))
    assert found == 1 and "chalicelib.logic.ports" in modules  # the route's modules were loaded
    assert sorted(NOT_IMPORTED[route] & set(modules)) == []



def test_a_campaign_pages_stores_leave_boto3_out() -> None:
    """Its first real call reads through `store.campaign_page` (the related campaigns through
    `store.search_index`, which read items with boto3's TypeDeserializer): PynamoDB's botocore is
    all the store needs."""
    code = ("import json, sys; import app; from chalicelib.store import campaign_page, search_index\n"
            "print(json.dumps('boto3' in sys.modules))")
    assert json.loads(last_line_printed(code)) is False


def _dataclasses_without_a_docstring(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and ast.get_docstring(node) is None and any(
                    "dataclass" in ast.unparse(decorator) for decorator in node.decorator_list):
                found.append(f"{path.name}:{node.lineno} {node.name}")
    return found


@pytest.mark.parametrize("layer", ["domain", "logic", "web"])
def test_every_dataclass_says_what_it_is(layer: str) -> None:
    """A docstring, which also spares a little of the import: without one, `dataclasses` writes one
    from `inspect.signature` as it builds the class (~30 µs each; a viral first call builds ~90)."""
    assert _dataclasses_without_a_docstring(Path(__file__).resolve().parents[2] / "chalicelib" / layer) == []


# What the three first calls import while they run: the stores they read and write through (each
# imported on a port's first use), the sign-in check of a signed-in call, the related campaigns' stems.
THE_CALLS_IMPORT = (
    "import json, sys; import app\n"
    "from chalicelib.http import lazy_routes; from chalicelib.route_table import ROUTE_TABLE\n"
    "wanted = {('PUT', '/campaigns/{campaign_id}/support'), ('GET', '/c/{slug}'), ('GET', '/campaigns')}\n"
    "lazy_routes.load([r for r in ROUTE_TABLE if (r.method, r.path) in wanted])\n"
    "from chalicelib.logic import sign_ins\n"
    "from chalicelib.store import (campaign_lists, campaign_page, campaigns, clause_origins, people, replies,\n"
    "                              search_index, supports)\n"
    "from chalicelib.store import sign_ins as stored_sign_ins\n"
    "from chalicelib.domain.search_terms import terms; terms('Free buses for apprentices')\n"
    "print(json.dumps(sorted(sys.modules)))")
# Each is used by none of the three, and was imported by them before (issue 30, README "Cold start").
LEFT_BY_THE_CALLS = {
    "chalicelib.cognito": "a power role's request or an ending of sign-ins asks Cognito (logic.sign_ins)",
    "chalicelib.notify.user_pool": "only ending sign-ins signs out at Cognito",
    "chalicelib.domain.amendments": "a person's list of supports leaves out their amendments' (store.supports)",
    "chalicelib.domain.notifications": "to_domain makes the notifications' types where it converts them",
    "chalicelib.domain.moderation": "to_domain makes the moderators' types where it converts them",
    "chalicelib.store.notifications": "a first sign-in or a language change, not reading names (store.people)",
    "chalicelib.logic.conflicts": "a moderator's decision alone asks it (logic.campaigns)",
    "chalicelib.logic.moderation": "the moderators' queue's type is for mypy (api.campaign_lists)",
    "snowballstemmer": "its package imports 36 languages' stemmers; search_terms loads English's alone",
}


@pytest.fixture(scope="module")
def modules_the_calls_import() -> set[str]:
    return set(json.loads(last_line_printed(THE_CALLS_IMPORT)))


def test_the_calls_stores_were_imported(modules_the_calls_import: set[str]) -> None:
    # Guards the check below: an import that failed or imported nothing would pass it.
    assert {"chalicelib.store.supports", "chalicelib.store.people", "chalicelib.store.to_domain",
            "chalicelib.logic.sign_ins", "chalicelib.logic.campaigns", "_snowball_english.english_stemmer"} \
        <= modules_the_calls_import


@pytest.mark.parametrize("module", sorted(LEFT_BY_THE_CALLS))
def test_a_viral_campaigns_first_calls_leave_what_none_of_them_uses(modules_the_calls_import: set[str],
                                                                     module: str) -> None:
    assert module not in modules_the_calls_import, f"the first calls imported {module}: {LEFT_BY_THE_CALLS[module]}"
