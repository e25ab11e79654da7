"""Staying signed in: an ID token that expires mid-session is renewed from the session cookie
without the person noticing, and the write they were making goes through."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from tests.browser.conftest import SIGNED_IN_AS, sign_in
from tests.conftest import PASSWORD
from tests.token_forge import expired_copy

GP = "/c/guarantee-a-gp-appointment-within-a-week"  # demo: health, open
ID_KEY = "labourspace.idToken"


def _writes_to_follow(sent: list) -> list:
    return [r for r in sent if r.url.endswith("/follow") and r.method in ("PUT", "DELETE")]


def _expire_the_token_in_the_tab(page) -> str:
    expired = expired_copy(page.evaluate("key => sessionStorage.getItem(key)", ID_KEY))
    page.evaluate("([key, token]) => sessionStorage.setItem(key, token)", [ID_KEY, expired])
    return expired


def test_an_expired_token_is_renewed_before_the_next_write(site, open_browser, make_user):
    watched = open_browser()
    page = watched.page
    # A new person each time: one who already follows the campaign is offered "Stop following".
    sign_in(watched, site, make_user(name="renewed-before").email, GP, password=PASSWORD)
    expired = _expire_the_token_in_the_tab(page)
    sent: list = []
    page.on("request", lambda request: sent.append(request))

    page.get_by_role("button", name="Follow its updates").click()

    expect(page.locator("#follow-status")).to_contain_text("Following")
    follows = _writes_to_follow(sent)
    assert len(follows) == 1, [r.url for r in sent]
    assert follows[0].headers["authorization"] != f"Bearer {expired}"
    renewals = [r for r in sent if r.url.endswith("/auth/refresh")]
    assert len(renewals) == 1 and sent.index(renewals[0]) < sent.index(follows[0])
    assert page.evaluate("key => sessionStorage.getItem(key)", ID_KEY) != expired
    assert not watched.errors, watched.errors


def test_a_token_the_server_finds_expired_is_renewed_and_the_write_sent_once_more(site, open_browser, make_user):
    """A phone whose clock is an hour slow believes an expired token is still good: the API's 401
    `token_expired` makes the page renew it and send the write again, once."""
    watched = open_browser()
    page = watched.page
    sign_in(watched, site, make_user(name="slow-clock").email, GP, password=PASSWORD)
    expired = _expire_the_token_in_the_tab(page)
    page.clock.set_system_time(time.time() - 2 * 3600)  # the tab's clock, not the server's
    sent: list = []
    page.on("request", lambda request: sent.append(request))

    page.get_by_role("button", name="Follow its updates").click()

    expect(page.locator("#follow-status")).to_contain_text("Following")
    follows = _writes_to_follow(sent)
    assert [f.headers["authorization"] == f"Bearer {expired}" for f in follows] == [True, False]
    assert sum(r.url.endswith("/auth/refresh") for r in sent) == 1
    assert not [e for e in watched.errors if "401" not in e], watched.errors


def test_a_new_tab_restores_the_session_and_signing_out_ends_it_in_every_tab(site, browser):
    context = browser.new_context()
    first = context.new_page()
    from tests.browser.conftest import _watch

    sign_in(_watch(first), site, "chloe@example.org", "/")
    second = context.new_page()  # no token in this tab's sessionStorage: only the cookie
    second.goto(site.url("/my/campaigns"))
    expect(second.get_by_text(SIGNED_IN_AS)).to_be_visible()

    first.get_by_role("button", name="Sign out").click()
    first.wait_for_url(site.url("/"))
    expect(first.get_by_role("link", name="Sign in")).to_be_visible()
    refreshed = second.request.post(site.url("/auth/refresh"))
    assert refreshed.status == 401  # revoked: the other tab cannot renew, and will be asked to sign in
    assert not [c for c in context.cookies() if c["name"] == "labourspace_session"]
    context.close()
