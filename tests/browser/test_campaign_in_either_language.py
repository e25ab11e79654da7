"""A campaign written in Welsh with its title and summary in English too (README, "Content in either
language"), at phone width: its author says so on the start form, an English reader sees the English
version first with the Welsh a tap away, a Welsh reader the Welsh first; axe is clean on each page,
the `lang` of the text in the other language included."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _serious_violations

PHONE = {"width": 390, "height": 844}


def _open(campaign_id: str, moderator_id: str) -> str:
    from chalicelib.store import campaigns

    draft = campaigns.get_campaign(campaign_id)
    opened = campaigns.decide(campaigns.submit(draft, draft.owner_id), moderator_id, True, "Within the rules.")
    return opened.slug


def test_a_welsh_campaign_with_an_english_translation_on_a_phone(site, open_browser, make_user):
    tag = uuid.uuid4().hex[:6]
    welsh_title, english_title = f"Trenau gwell i Gaerdydd {tag}", f"Better trains to Cardiff {tag}"
    author = open_browser(**PHONE)
    page = author.page
    sign_in(author, site, "chloe@example.org", "/start")
    page.get_by_label("Title", exact=True).fill(welsh_title)
    page.get_by_label("Summary", exact=True).fill("Dylai pob tref yn y Cymoedd gael trên bob hanner awr.")
    page.get_by_label("The case").fill("Mae pobl y Cymoedd yn teithio'n bell i'r gwaith.\nMae'r trenau'n brin "
                                       "ac yn llawn bob bore.")
    page.get_by_label("Policy area").select_option("transport")
    page.get_by_label("Written in").select_option("cy")
    expect(page.get_by_label("Heading in the other language")).to_have_attribute("lang", "en")
    page.get_by_label("Heading in the other language").fill(english_title)
    page.get_by_label("Short description in the other language").fill(
        "Every Valleys town should have a train every half hour.")
    assert _serious_violations(page) == []
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator("#form-status")).to_contain_text("Saved as a draft")
    page.wait_for_url(re.compile(r"/my/campaigns/[^/]+/edit$"))
    campaign_id = page.url.split("/")[-2]

    page.reload()  # the edit page shows what was saved
    expect(page.get_by_label("Written in")).to_have_value("cy")
    expect(page.get_by_label("Heading in the other language")).to_have_value(english_title)
    slug = _open(campaign_id, make_user("moderators", name="either-mod").sub)

    reader = open_browser(**PHONE)
    reader.page.goto(site.url(f"/c/{slug}"))
    heading = reader.page.get_by_role("heading", level=1)
    expect(heading).to_have_text(english_title)
    assert heading.get_attribute("lang") is None  # the page's own language
    expect(reader.page.locator(".case > div")).to_have_attribute("lang", "cy")  # the case is only in Welsh
    other = reader.page.locator("details.other-language")
    expect(other.locator("summary")).to_have_attribute("lang", "cy")
    expect(other.get_by_text(welsh_title)).to_be_hidden()
    other.locator("summary").click()  # a tap away
    expect(other.get_by_text(welsh_title)).to_be_visible()
    assert _serious_violations(reader.page) == []

    reader.page.goto(site.url(f"/c/{slug}?lang=cy"))
    expect(reader.page.get_by_role("heading", level=1)).to_have_text(welsh_title)
    expect(reader.page.locator("details.other-language summary")).to_have_text("Read in English")
    assert _serious_violations(reader.page) == []
    assert not author.errors and not reader.errors, (author.errors, reader.errors)
