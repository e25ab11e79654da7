"""After signing in, `next` may only lead back into this site (Trust and safety item 8): each
hostile `next` below left the site in Chromium when `next` was checked as text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DEMO_PASSWORD, SIGNED_IN_AS

GP = "/c/guarantee-a-gp-appointment-within-a-week"  # demo: health, open

HOSTILE_NEXT = [
    "/%5Cevil.example/",      # `/\evil.example/`: a backslash is a slash in http(s) URLs
    "/%09/evil.example/",     # a tab, which URL parsing drops: `//evil.example/`
    "//evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/%2F%2Fevil.example",    # decodes to `///evil.example`
]


def _sign_in_with_next(watched, site, raw_next: str) -> list[str]:
    """Sign in from `/sign-in?next=<raw_next>` as typed in the address bar; the URLs of every
    request to evil.example (answered here, so nothing leaves the machine)."""
    page = watched.page
    went_to_evil: list[str] = []

    def evil(route) -> None:
        went_to_evil.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<h1>evil</h1>")

    page.context.route(re.compile(r"^[a-z]+://([^/]*\.)?evil\.example"), evil)
    page.goto(site.url(f"/sign-in?next={raw_next}"))
    page.get_by_label("Email address").fill("ada@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in" not in url, timeout=10_000)
    page.wait_for_load_state()
    return went_to_evil


@pytest.mark.parametrize("raw_next", HOSTILE_NEXT)
def test_sign_in_never_leaves_the_site_whatever_next_says(site, open_browser, raw_next):
    watched = open_browser()
    went_to_evil = _sign_in_with_next(watched, site, raw_next)
    page = watched.page
    here, ours = urlsplit(page.url), urlsplit(site.base)
    assert (here.scheme, here.netloc) == (ours.scheme, ours.netloc), f"left the site for {page.url}"
    assert here.path == "/", "a hostile next falls back to the home page"
    assert went_to_evil == []
    assert watched.dialogs == []
    page.get_by_text(SIGNED_IN_AS).wait_for()


def test_a_next_on_this_site_is_honoured_with_its_query_and_fragment(site, open_browser):
    watched = open_browser()
    _sign_in_with_next(watched, site, f"{GP}%3Fshare%3D1%23replies")
    page = watched.page
    assert page.url == site.url(f"{GP}?share=1#replies")
    page.get_by_text(SIGNED_IN_AS).wait_for()
