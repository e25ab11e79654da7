"""The language switch on a phone (issue 29): a plain link in every page's header, no script needed,
remembered for a visitor by a cookie and for someone signed in by their profile, so another browser
they sign in on follows. axe checks the page's `lang` (html-has-lang, valid-lang) in either language.
With a stub Welsh catalogue (tests/welsh_stub.py): the machinery, not the translation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def welsh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from tests.welsh_stub import welsh_stub

    with welsh_stub(tmp_path, monkeypatch):
        yield


def _language_of(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_a_visitor_switches_to_welsh_without_script_and_it_is_remembered(site, browser, welsh):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(site.url("/manifesto"))
        assert _language_of(page) == "en-GB"
        switch = page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg")
        assert switch.is_visible() and switch.get_attribute("lang") == "cy-GB"
        with page.expect_navigation(url=site.url("/manifesto")):
            switch.click()
        assert _language_of(page) == "cy-GB" and page.get_by_role("link", name="Neidio i'r cynnwys").count() == 1
        page.goto(site.url("/"))  # another page, the choice kept
        assert _language_of(page) == "cy-GB"
        assert page.get_by_role("navigation", name="Iaith").get_by_role("link", name="English").is_visible()
    finally:
        context.close()


def test_a_welsh_page_is_axe_clean_at_phone_width(site, open_browser, welsh):
    watched = open_browser(**PHONE)
    watched.page.goto(site.url("/?lang=cy"))
    assert _language_of(watched.page) == "cy-GB"
    assert _serious_violations(watched.page) == []


def test_a_first_visit_in_a_welsh_browser_is_in_welsh(site, browser, welsh):
    context = browser.new_context(viewport=PHONE, locale="cy-GB", extra_http_headers={"Accept-Language": "cy"})
    try:
        page = context.new_page()
        page.goto(site.url("/"))
        assert _language_of(page) == "cy-GB"
    finally:
        context.close()


def test_a_signed_in_choice_follows_the_person_to_another_browser(site, open_browser, make_user, welsh):
    person = make_user(name="cymraeg")
    first = open_browser(**PHONE)
    sign_in(first, site, person.email, "/my", password=PASSWORD)
    with first.page.expect_navigation(url=site.url("/my")):
        first.page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    assert _language_of(first.page) == "cy-GB"
    me = first.page.evaluate("async () => (await Labourspace.api('GET', '/me')).data")
    assert me["language"] == "cy", json.dumps(me)

    elsewhere = open_browser(**PHONE)  # another phone: no cookie yet
    sign_in(elsewhere, site, person.email, "/my", password=PASSWORD)
    elsewhere.page.goto(site.url("/"))
    assert _language_of(elsewhere.page) == "cy-GB"
    assert first.errors == [] and elsewhere.errors == []
