"""Issue 27's "Must show": no route of /openapi.json that a person acts through lacks a page or control.

Each operation is covered when it is a page itself (the route table serves HTML for it), or a template
or a script of the site calls it: a script that names its method and every literal piece of its path in
a string (`L.api("PUT", "/campaigns/" + id + "/support")`), or a template that links to it. The few
that no person acts through are listed below, each with its reason; the routes whose pages are being
built on another branch are listed apart, and this test fails once one of them has its page, so the
list only ever shrinks."""

from __future__ import annotations

import re
from pathlib import Path

from chalicelib.http.openapi import openapi_document
from chalicelib.route_table import ROUTE_TABLE

WEB = Path(__file__).resolve().parents[2] / "chalicelib" / "web"

MACHINE_ONLY = {
    "GET /health": "the load balancer's and the deploy check's probe",
    "GET /consent/support": "the support wording as data for apps; the campaign page shows the same words itself",
    "POST /me/devices": "the phone app registers its push token; a browser has none to give",
    "GET /campaigns/{campaign_id}/responses": "the answer's history as data; the campaign page shows the answer",
    "GET /ministers/{minister_id}/record": "the record as data; the minister's page /people/{handle} shows it",
    "POST /notifications/unsubscribe": "RFC 8058's one-click unsubscribe, posted by the mail client itself;"
                                       " the link in the email opens the GET page",
    "GET /campaigns/{campaign_id}/trail": "the trail as data for apps; the campaign page shows it itself",
    "GET /amendments/{amendment_id}/trail": "the trail as data for apps; the amendment's page shows it itself",
}

# Pages and controls still to build, each removed as it lands (none now: issue 28's last three landed).
BEING_BUILT: dict[str, str] = {}


def _site_texts() -> list[str]:
    return [p.read_text() for p in sorted((WEB / "static").glob("*.js")) + sorted((WEB / "templates").glob("*.html"))]


def _pages() -> set[str]:
    return {f"GET {r.path}" for r in ROUTE_TABLE
            if r.method == "GET" and (r.page or r.module.startswith("chalicelib.web."))}


def _called(method: str, path: str, texts: list[str]) -> bool:
    """Some file names every literal piece of the path at the start of a string or a link, and, for
    anything but a read, the method too."""
    pieces = [piece for piece in re.split(r"\{[^}]+\}", path) if piece]
    starts = [re.compile((r"[\"'`]" if n == 0 else "") + re.escape(piece)) for n, piece in enumerate(pieces)]
    for text in texts:
        if method != "GET" and f'"{method}"' not in text and f"'{method}'" not in text:
            continue
        if all(start.search(text) for start in starts):
            return True
    return False


def _uncovered() -> set[str]:
    texts, pages = _site_texts(), _pages()
    operations = {f"{method.upper()} {path}" for path, ops in openapi_document()["paths"].items() for method in ops}
    assert len(operations) > 90, "every route, not an empty document"
    return {op for op in operations if op not in pages and not _called(*op.split(" ", 1), texts)}


def test_every_route_a_person_acts_through_has_a_page_or_a_control():
    missing = _uncovered() - set(MACHINE_ONLY) - set(BEING_BUILT)
    assert missing == set(), f"routes no page or control calls (add one, or list it with its reason): {sorted(missing)}"


def test_the_lists_name_only_routes_that_exist_and_still_lack_a_page():
    uncovered = _uncovered()
    landed = sorted(set(BEING_BUILT) - uncovered)
    assert landed == [], f"these have their page or control now: take them off BEING_BUILT: {landed}"
    stale = sorted(set(MACHINE_ONLY) - uncovered)
    assert stale == [], f"these are called from a page now, or are gone: take them off MACHINE_ONLY: {stale}"


def test_the_check_sees_a_control_and_misses_a_route_nothing_calls():
    texts = ['L.api("PUT", "/campaigns/" + id + "/support", body)', '<a href="/my/feed">Feed</a>']
    assert _called("PUT", "/campaigns/{campaign_id}/support", texts)
    assert _called("GET", "/my/feed", texts)
    assert not _called("DELETE", "/campaigns/{campaign_id}/support", texts)  # the method is nowhere
    assert not _called("POST", "/reports", texts)
