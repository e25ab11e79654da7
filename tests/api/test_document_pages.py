"""The policy documents' pages as a browser gets them: each reads without JavaScript, is reachable by
links from /manifesto, and shows what a member needs: clause numbers, amendments beside their clause
with their decisions, versions and their diff, an amendment's trail; errors as pages."""

from __future__ import annotations

import json

import pytest

from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
from tests.api.document_helpers import clauses, decide, proposed, publish, team

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def world(api, make_user):
    people = team(api, make_user, "pages")
    document = publish(api, people["policy"])
    kept = proposed(api, people["ada"], document, 0, text="Every town keeps a GP surgery open until 8pm.")
    dropped = proposed(api, people["ben"], document, 2, action="delete", text="")
    decide(api, people["policy"], kept, "accepted")
    decide(api, people["policy"], dropped, "rejected", reason="Waiting lists stay in the plan: members want them.")
    published = api.post(f"/documents/{document['id']}/versions", user=people["policy"], json_body={"note": "Spring."})
    assert published.status_code == 201, published.body
    return people, document, kept, dropped


def _page(api, path: str) -> str:
    response = api.get(path, headers=HTML)
    assert response.status_code == 200, (path, response.status_code)
    assert response.headers["Content-Type"].startswith("text/html")
    return response.body.decode()


def test_the_documents_are_reachable_from_the_manifesto_page(api, world):
    people, _document, _kept, _dropped = world
    manifesto = _page(api, "/manifesto")
    assert "The manifesto: adopted policy documents" in manifesto and 'href="/documents"' in manifesto
    # In an area no other test's documents fill: the page lists each status's first 20.
    transport = publish(api, people["transport"], area="transport")
    listing = _page(api, "/documents?area=transport")
    assert f'href="/documents/{transport["id"]}"' in listing and "Open for amendments" in listing


def test_a_documents_page_shows_its_numbered_clauses_and_its_versions(api, world):
    _people, document, kept, _dropped = world
    page = _page(api, f"/documents/{document['id']}")
    assert "1.1</span> Every town keeps a GP surgery open until 8pm." in page
    assert "version 2 of 2" in page and f'href="/documents/{document["id"]}?version=1"' in page
    assert f'/documents/{document["id"]}/diff?from=1&amp;to=2' in page and f'href="/amendments/{kept["id"]}"' in page
    first = _page(api, f"/documents/{document['id']}?version=1")
    assert "1.1</span> Every town keeps a GP surgery.</p>" in first
    # The same path answers JSON or a page, in the reader's language (as every page since the Welsh catalogue).
    assert api.get(f"/documents/{document['id']}", headers=HTML).headers["Vary"] == "Accept, Accept-Language, Cookie"


def test_a_clause_page_shows_its_amendments_beside_it_and_the_form(api, world):
    _people, document, kept, _dropped = world
    clause = clauses(json.loads(api.get(f"/documents/{document['id']}").body))[0]
    page = _page(api, f"/documents/{document['id']}/clauses/{clause['id']}")
    assert "Clause 1.1" in page and f'id="amendment-{kept["id"]}"' in page and "Accepted." in page
    assert 'id="amend-form"' in page and "Amend this clause" in page
    # The consent asked before supporting: the wording, and the version the script sends with it.
    assert f'data-consent-version="{SUPPORT_CONSENT_VERSION}"' in page
    assert "records that you support this campaign (or amendment)" in page


def test_the_decision_screen_diff_and_amendment_pages(api, world):
    _people, document, kept, dropped = world
    decisions = _page(api, f"/documents/{document['id']}/decide")
    assert "Decisions, clause by clause" in decisions and "Clause 1.1 (1)" in decisions
    diff = _page(api, f"/documents/{document['id']}/diff?from=1&to=2")
    assert "<del>surgery.</del>" in diff and "<ins>surgery open until 8pm.</ins>" in diff
    assert f'href="/amendments/{kept["id"]}"' in diff
    amendment = _page(api, f"/amendments/{dropped['id']}")
    assert "What became of this amendment" in amendment and "Waiting lists stay in the plan" in amendment
    assert "<strong>Rejected.</strong>" in amendment
    assert "Publish a draft policy document" in _page(api, "/documents/new")


def test_unknown_documents_clauses_and_amendments_are_404_pages(api, world):
    _people, document, _kept, _dropped = world
    for path in ("/documents/doc-missing", f"/documents/{document['id']}/clauses/cl-missing", "/amendments/am-none",
                 "/documents/doc-missing/decide"):
        response = api.get(path, headers=HTML)
        assert response.status_code == 404 and "text/html" in response.headers["Content-Type"], path
    assert api.get(f"/documents/{document['id']}?version=9", headers=HTML).status_code == 400
