"""axe-core on every page of a person's own space, filled in as a busy person sees it (a phone, a
feed, supports and follows, organisations and an invitation), on a desktop and on a phone:
no serious or critical violations, and nothing to scroll sideways."""

from __future__ import annotations

import uuid

import pytest

from tests.browser.conftest import sign_in
from tests.browser.my_space_helpers import Person, a_phone, newcomer, open_campaign, updates_in_feed
from tests.browser.test_accessibility import _serious_violations

# Each page, and what shows that its script has filled it in.
FILLED = {
    "/my": ".space-links li",
    "/my/profile": "#preview-meta:not(:empty)",
    "/my/notifications": "#devices li",
    "/my/feed": "#feed li",
    "/my/supports": "#followed li",
    "/my/organisations": "#invitations li",
    "/my/data": "#download",
}


@pytest.fixture(scope="module")
def busy(site, accounts) -> Person:
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.domain.identity import Caller
    from chalicelib.store import follows, people, supports

    me, other = newcomer(accounts, name="busy"), newcomer(accounts, name="busy-host")
    a_phone(me.id)
    updates_in_feed(me.id, ["Update: the council listened", "Closed: Free buses for carers"])
    tag = uuid.uuid4().hex[:6]
    supported, _ = open_campaign(other.id, other.id, f"Safe routes to school {tag}")
    followed, _ = open_campaign(other.id, other.id, f"Libraries open on Sundays {tag}")
    supports.support(supported, me.id, consent_version=SUPPORT_CONSENT_VERSION)
    follows.follow(followed, me.id)
    people.create_organisation(Caller(id=me.id, username=me.id), f"walkers-{tag}", "Walkers Group", "")
    host = people.create_organisation(Caller(id=other.id, username=other.id), f"readers-{tag}", "Readers Union", "")
    people.invite(host.id, me.id, "member")
    return me


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", list(FILLED))
def test_no_serious_or_critical_violations_and_no_sideways_scrolling(site, open_browser, busy, path, width):
    watched = open_browser(width=width)
    sign_in(watched, site, busy.email, path)
    page = watched.page
    page.locator(FILLED[path]).first.wait_for()
    assert _serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not watched.errors, watched.errors


@pytest.mark.parametrize("width", [1280, 375])
def test_the_signed_out_state_and_the_header_badge_pass_too(site, open_browser, accounts, width):
    visitor = open_browser(width=width)
    visitor.page.goto(site.url("/my/notifications"))
    visitor.page.get_by_text("This page is yours alone").wait_for()
    assert _serious_violations(visitor.page) == []

    unread = newcomer(accounts, name="unread")
    updates_in_feed(unread.id, ["Update: a new meeting"])
    reader = open_browser(width=width)
    sign_in(reader, site, unread.email, "/")
    reader.page.locator("[data-unread]:not([hidden])").wait_for()
    assert _serious_violations(reader.page) == []
    assert reader.page.evaluate("document.documentElement.scrollWidth") <= width
