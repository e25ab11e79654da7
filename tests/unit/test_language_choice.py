"""Choosing the language (issue 29, item 1): `?lang=`, then the `lang` cookie, then
`Accept-Language`, then English; the switch that remembers a choice; what a page says about its
language (`<html lang>`, `hreflang`, `Content-Language`) and what caches key on (`Vary`).
Served in-process by Chalice's test client, with a stub Welsh catalogue (tests/welsh_stub.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chalice.test import Client

from chalicelib.http.language import known, preferred, safe_next
from tests.welsh_stub import welsh_stub


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    import app

    with welsh_stub(tmp_path, monkeypatch), Client(app.app) as test_client:
        yield test_client


# Also what the CloudFront Function reducing Accept-Language at the edge must agree with
# (tests/infra/test_edge_language.py runs its code under Node on every one of these).
ACCEPT_LANGUAGE_CASES: list[tuple[str | None, str | None]] = [
    ("cy", "cy"), ("cy-GB,en;q=0.5", "cy"), ("en-GB,en;q=0.9,cy;q=0.8", "en"), ("fr, cy;q=0.3", "cy"),
    ("en;q=0.2, cy;q=0.9", "cy"), ("CY", "cy"), ("fr, de", None), ("*", None), ("", None), (None, None),
    ("cy;q=0", None), ("cy;q=nonsense, en", "en"), (";;,,", None),
    # Weights as Python's float() reads them, ties to the first named, and tags spelt every way.
    ("en;q=0.5, cy;q=0.5", "en"), ("cy;q=0.5, en;q=0.5", "cy"), ("en;q=0.9, cy;q=1e0", "cy"),
    ("en;q=0.9, cy;q=1_0", "cy"), ("en;q=0.9, cy;q=0x1", "en"), ("en;q=0.9, cy;q=.95", "cy"),
    ("en;q=0.9, cy;q=5.", "cy"), ("en;q=0.9, cy;q=inf", "cy"), ("cy;q=NaN, en;q=0.1", "en"),
    ("cy;q=-1, en;q=0.1", "en"), ("cy; Q = 0.8 , en;q=0.7", "cy"), ("cy;q", None), ("cy;q=0.8;q=0", None),
    ("en;q=0.1, cy_GB;q=0.2", "cy"), ("\tcy-Latn-GB ;q=0.3", "cy"), ("cymraeg, en;q=0.1", "en"),
    ("en-US,en;q=0.8,cy;q=0.5", "en"), ("cy-GB,cy;q=0.9,en-GB;q=0.8,en;q=0.7", "cy"), ("en;q=0, cy;q=0", None),
    ("en;q=1_", None), ("cy;q=1__0, en;q=0.1", "en"), ("cy;q=+0.3", "cy"), ("cy;q=1e-400", None),
]


@pytest.mark.parametrize(("header", "language"), ACCEPT_LANGUAGE_CASES)
def test_accept_language_picks_the_best_liked_language_we_speak(header: str | None, language: str | None) -> None:
    assert preferred(header) == language


def test_only_languages_with_a_catalogue_are_known() -> None:
    assert [known(x) for x in ("cy", "cy-GB", "en_GB", "EN", "fr", "", None, "cymraeg")] == \
        ["cy", "cy", "en", "en", None, None, None, None]


@pytest.mark.parametrize(("asked", "returned"), [
    ("/c/free-buses?replies=abc", "/c/free-buses?replies=abc"), ("//evil.example/", "/"), ("/\\evil.example", "/"),
    ("https://evil.example/", "/"), ("javascript:alert(1)", "/"), ("", "/"), (None, "/"), ("/a\r\nSet-Cookie: x", "/"),
])
def test_the_switch_returns_only_to_a_page_of_this_site(asked: str | None, returned: str) -> None:
    assert safe_next(asked) == returned


def _page(client: Client, path: str = "/join", **headers: str):
    response = client.http.get(path, headers={"Accept": "text/html", **headers})
    assert response.status_code == 200, response.body
    return response, response.body.decode()


def test_a_first_visit_follows_accept_language(client: Client) -> None:
    response, html = _page(client, **{"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert '<html lang="cy-GB">' in html and "Neidio i'r cynnwys" in html
    assert response.headers["Content-Language"] == "cy-GB"
    english, html = _page(client, **{"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en-GB">' in html and "Skip to the content" in html
    assert english.headers["Content-Language"] == "en-GB"


def test_the_cookie_outranks_accept_language_and_the_address_outranks_both(client: Client) -> None:
    _, html = _page(client, **{"Accept-Language": "en", "Cookie": "other=1; lang=cy"})
    assert '<html lang="cy-GB">' in html
    _, html = _page(client, "/join?lang=en", **{"Accept-Language": "cy", "Cookie": "lang=cy"})
    assert '<html lang="en-GB">' in html
    _, html = _page(client, "/join?lang=cy")
    assert '<html lang="cy-GB">' in html
    _, html = _page(client, "/join?lang=klingon", **{"Cookie": "lang=nonsense"})  # unknown: ignored, not an error
    assert '<html lang="en-GB">' in html


def test_every_answer_varies_on_what_chooses_its_language(client: Client) -> None:
    page, _ = _page(client)
    assert page.headers["Vary"] == "Accept-Language, Cookie"
    refused = client.http.get("/me", headers={"Accept": "application/json"})
    assert refused.status_code == 401 and refused.headers["Vary"] == "Accept-Language, Cookie"


def test_a_signed_in_shell_has_no_hreflang_alternates(client: Client) -> None:
    """Alternates are for public pages (tests/api/test_language.py); a shell is no-store and personal."""
    response, html = _page(client, "/my", **{"Accept-Language": "cy"})
    assert response.headers["Cache-Control"] == "no-store" and "hreflang=\"x-default\"" not in html


def test_every_page_has_a_switch_to_the_other_language_that_works_without_script(client: Client) -> None:
    _, html = _page(client, "/join?next=%2Fmy", **{"Accept-Language": "cy"})
    switch = html.split('<nav class="languages" aria-label="Iaith">')[1].split("</nav>")[0]
    assert '<span lang="cy-GB" aria-current="true">Cymraeg</span>' in switch
    assert ('<a href="/language?to=en&amp;next=%2Fjoin%3Fnext%3D%252Fmy" hreflang="en-GB" lang="en-GB" '
            'data-language="en">English</a>') in switch


def test_the_switch_remembers_the_choice_and_goes_back(client: Client) -> None:
    switched = client.http.get("/language?to=cy&next=%2Fc%2Ffree-buses%3Freplies%3Dx")
    assert switched.status_code == 303
    assert switched.headers["Location"] == "/c/free-buses?replies=x"
    assert switched.headers["Set-Cookie"].startswith("lang=cy; Path=/; Max-Age=31536000; SameSite=Lax")
    assert switched.headers["Cache-Control"] == "no-store"
    away = client.http.get("/language?to=en&next=%2F%2Fevil.example")
    assert away.headers["Location"] == "/" and away.headers["Set-Cookie"].startswith("lang=en;")


def test_the_switch_refuses_a_language_it_does_not_speak_in_the_readers_language(client: Client) -> None:
    refused = client.http.get("/language?to=fr&next=/", headers={"Accept-Language": "cy"})
    assert refused.status_code == 400 and "Set-Cookie" not in refused.headers
    assert "Dewiswch iaith y mae" in refused.body.decode() and refused.headers["Cache-Control"] == "no-store"


def test_an_api_error_keeps_its_code_and_speaks_the_readers_language(client: Client) -> None:
    asked = {"Accept": "application/json", "Authorization": "Basic a2V5"}
    english = client.http.get("/me", headers={**asked, "Accept-Language": "en-GB"})
    welsh = client.http.get("/me", headers={**asked, "Accept-Language": "cy"})
    assert english.status_code == welsh.status_code == 401
    assert english.json_body["error"]["message"] == "Send the token as 'Authorization: Bearer <ID token>'."
    assert welsh.json_body["error"] == {**english.json_body["error"],
                                        "message": "Anfonwch y tocyn fel 'Authorization: Bearer <ID token>'."}
