"""Finding a campaign from the search box in the header: suggestions as you type, and a results
page when JavaScript is off."""

from __future__ import annotations

import re

from playwright.sync_api import expect

GP_TITLE = "Guarantee a GP appointment within a week"  # demo: health, open
GP = "/c/guarantee-a-gp-appointment-within-a-week"


def test_type_pick_a_suggestion_and_land_on_the_campaign(site, open_browser):
    site.deliver_events()  # the streams have indexed the demo data, as in AWS within seconds
    watched = open_browser()
    page = watched.page
    page.goto(site.url("/"))
    box = page.get_by_role("searchbox", name="Search campaigns, people and organisations")
    box.press_sequentially("guarantee appoi", delay=30)  # the last word still being typed
    suggestion = page.locator("#site-search-suggestions").get_by_role("link", name=re.compile(GP_TITLE))
    expect(suggestion).to_be_visible()
    suggestion.click()
    page.wait_for_url(re.compile(re.escape(GP) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(GP_TITLE)
    assert not watched.errors, watched.errors


def test_the_box_works_without_javascript(site, browser):
    site.deliver_events()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("/"))
    page.get_by_role("searchbox", name="Search campaigns, people and organisations").fill("GP appointments")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search\?q=GP\+appointments"))
    result = page.get_by_role("link", name=GP_TITLE)
    expect(result).to_be_visible()
    expect(result.locator("mark").first).to_have_text("GP")
    result.click()
    page.wait_for_url(re.compile(re.escape(GP) + "$"))
    context.close()
