"""Issue 27's visitor, at desktop and phone width, only clicking from the home page: a campaign page
that puts what happened first and then a short way to support, with what its numbers mean and the
regional figures folded away; a closed, adopted campaign that leads with its outcome, not a milestone;
supporting asks them to sign in; the footer's house rules, privacy notice, terms and accessibility
statement. Nothing of anyone's own shows to a visitor, and no tools."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys.frame_walk import DATE_IN_WORDS, WIDTHS, Walk

SOLAR = "Solar panels on every school roof"  # demo: open, 96 supporters, in the draft manifesto
PARKING = "Scrap hospital car parking charges for staff"  # demo: closed with 210, adopted


@pytest.mark.parametrize("width,height,label", WIDTHS)
def test_a_visitor_reads_finds_and_is_asked_to_sign_in_only_to_act(site, open_browser, width, height, label):
    walk = Walk(site, open_browser(width, height), "visitor", label)
    page = walk.page
    site.deliver_events()  # the search index has the demo campaigns, as in AWS within seconds
    walk.home()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    expect(page.get_by_role("navigation", name="Your tools")).to_be_hidden()  # no tools for a visitor

    # An open campaign: what happened, then supporting, above the fold; the case and the rest below.
    walk.click_link(SOLAR, "campaign", within=page.locator("main"))
    outcome = page.get_by_role("heading", name="For the manifesto: In the draft manifesto")
    support = page.get_by_role("button", name="Support this campaign")
    expect(support).to_be_visible()
    assert outcome.bounding_box()["y"] < support.bounding_box()["y"], "what happened comes first"
    assert support.bounding_box()["y"] + support.bounding_box()["height"] <= height, "supporting is above the fold"
    expect(page.locator(".thresholds")).to_contain_text("responds at 10,000 supporters")
    expect(page.locator(".thresholds")).to_contain_text(DATE_IN_WORDS)  # when it closes, in words
    expect(page.locator(".campaign header .meta")).to_contain_text(DATE_IN_WORDS)
    expect(page.get_by_text("You support this", exact=True)).to_be_hidden()  # nothing of anyone's own

    page.get_by_text("Read the full wording").click()  # the consent in full, one tap away, versioned
    expect(page.locator(".consent-full")).to_contain_text("This is version support-")
    regions = page.get_by_role("table")
    expect(regions).to_be_hidden()  # folded away, lower down
    page.get_by_text("Supporters by nation or region", exact=True).click()
    expect(regions).to_be_visible()
    expect(regions.get_by_role("columnheader", name="Nation or region")).to_be_visible()
    page.get_by_text("What the numbers mean").click()
    expect(page.locator(".thresholds-more")).to_contain_text("waits in the ministers' inbox")
    walk.shot("campaign-unfolded")

    # Supporting is for people who have signed in: they are asked to, and brought back.
    page.get_by_label(re.compile("keeps my support")).check()
    support.click()
    walk.arrive("sign-in", re.compile(r"/sign-in\?next="))
    expect(page.get_by_label("Email address")).to_be_visible()

    # A closed, adopted campaign, found from the header's search, leads with what became of it.
    walk.header_search("hospital car parking", PARKING, "closed-campaign")
    expect(page.locator(".closed-line")).to_contain_text(re.compile(r"Closed on \d{1,2} \w+ \d{4} with 210 supporters"))
    expect(page.get_by_role("heading", name="For the manifesto: Adopted")).to_be_visible()
    expect(page.get_by_text("the next milestone")).to_have_count(0)
    expect(page.get_by_role("button", name="Support this campaign")).to_be_hidden()

    # The footer, on every page: how the site works and what it promises.
    walk.footer("House rules", "house-rules")
    expect(page.get_by_role("heading", level=1)).to_have_text("House rules")
    expect(page.locator("main")).to_contain_text("Be civil")
    walk.footer("Privacy notice", "privacy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    walk.footer("Terms of use", "terms")
    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of use")
    walk.footer("Accessibility", "accessibility")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accessibility")
    page.get_by_role("link", name="Labourspace", exact=True).click()
    walk.arrive("home-again", site.url("/"))
    walk.clean()
