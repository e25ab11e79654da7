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
    CAMPAIGN_PAGE: EVERY_FIRST_CALL | {"chalicelib.logic.moderation"},  # the moderators' queue's
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
