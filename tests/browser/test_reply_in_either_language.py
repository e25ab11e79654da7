"""A reply written in Welsh on an English page, at phone width (README, "Content in either language"):
the reply form offers the language, starting at the page's; the posted reply is marked with its own
`lang`; editing it starts at the reply's language; on the Welsh page the choice starts at Welsh and the
Welsh reply needs no mark. axe clean throughout, its `lang` rules included."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from tests.api.campaign_helpers import open_campaign
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD

PHONE = (390, 844)


def test_a_reply_in_welsh_on_an_english_page_on_a_phone(site, open_browser, api, make_user):
    tag = uuid.uuid4().hex[:6]
    campaign = open_campaign(api, make_user(name="reply-lang-host"), make_user("moderators", name="reply-lang-mod"),
                             title=f"Benches at bus stops {tag}")
    writer = make_user(name="reply-lang-writer")
    watched = open_browser(*PHONE)
    page = watched.page
    sign_in(watched, site, writer.email, f"/c/{campaign['slug']}", password=PASSWORD)

    choice = page.get_by_label("Reply written in")
    expect(choice).to_have_value("en")  # the page's language
    expect(choice.locator("option[value=cy]")).to_have_attribute("lang", "cy")
    assert _serious_violations(page) == []
    welsh = f"Does dim mainc yn fy arhosfan i o gwbl. {tag}"
    page.get_by_label("Your reply", exact=True).fill(welsh)
    choice.select_option("cy")
    page.get_by_role("button", name="Post the reply").click()

    reply = page.locator("article.reply", has_text=welsh)
    expect(reply).to_be_visible()
    expect(reply.locator(".reply-body")).to_have_attribute("lang", "cy")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    assert _serious_violations(page) == []

    reply.get_by_role("button", name="Edit your reply").click()
    expect(reply.get_by_label("Reply written in")).to_have_value("cy")  # the reply's own
    expect(reply.get_by_role("button", name="Edit your reply")).to_be_hidden()  # put away while editing
    assert _serious_violations(page) == []

    page.goto(site.url(f"/c/{campaign['slug']}?lang=cy"))
    expect(page.get_by_label("Ateb wedi'i ysgrifennu yn")).to_have_value("cy")
    body = page.locator("article.reply", has_text=welsh).locator(".reply-body")
    expect(body).to_be_visible()
    assert body.get_attribute("lang") is None  # the page's own language
    assert _serious_violations(page) == []
    assert not watched.errors, watched.errors
