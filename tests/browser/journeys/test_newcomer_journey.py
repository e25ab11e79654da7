"""Issue 27's newcomer, at desktop and phone width, only clicking from the home page and reading their
email in the local mailbox: joining (a refused password said by its field), confirming with the
emailed code, the welcome and a handle, the header naming them (not their email), Your space without
any power user's tools, the house rules on /start, and everything held about them set out to read
(their region and role by name)."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.journeys.frame_walk import DATE_IN_WORDS, WIDTHS, Walk

PASSWORD = "Swansea-market-on-a-Saturday-4"


@pytest.mark.parametrize("width,height,label", WIDTHS)
def test_a_newcomer_joins_finds_their_space_and_reads_what_is_held(site, open_browser, width, height, label):
    walk = Walk(site, open_browser(width, height), "newcomer", label)
    page = walk.page
    email = f"newcomer-{label}-{uuid.uuid4().hex[:8]}@example.org"
    walk.home()

    walk.click_link("Join", "join")
    page.get_by_label("Your name, as others will see it").fill("Nia Newcomer")
    page.get_by_label("Nation or region (optional)").select_option(label="Wales")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Choose a password").fill("all lower case words")  # long enough, but no capital or digit
    page.get_by_role("button", name="Create my account").click()
    error = page.locator("#password-error")
    expect(error).to_contain_text("does not meet the rules")
    field = page.get_by_label("Choose a password")
    assert abs(error.bounding_box()["y"] - field.bounding_box()["y"]) < 120, "the error is said by its field"
    walk.shot("join-refused")
    field.fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    walk.arrive("confirm")

    code = re.search(r"\b(\d{6})\b", walk.email(email, "code")).group(1)
    page.get_by_label("The code from the email").fill(code)
    page.get_by_role("button", name="Confirm my email").click()

    # Welcomed, and named in the header by their name: never by their email address.
    walk.arrive("welcome", re.compile(r"/my/profile\?welcome=1$"))
    header = page.locator("header.site")
    expect(header.get_by_text("Signed in as Nia Newcomer")).to_be_visible()
    expect(header).not_to_contain_text(email)
    expect(page.get_by_role("heading", name="Welcome to Labourspace")).to_be_visible()
    page.get_by_label("Handle").fill(f"nia-{label}-{uuid.uuid4().hex[:6]}")
    page.get_by_role("button", name="Save your profile").click()
    expect(page.locator("#profile-status")).to_contain_text("Saved")

    # Their space: their own pages, and no tools (they hold no role).
    walk.click_link("Your space", "your-space", within=header)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your space")
    expect(page.get_by_role("link", name="Supports and follows")).to_be_visible()
    expect(page.get_by_role("heading", name="Your tools")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Your tools")).to_be_hidden()

    # Starting a campaign: the house rules come before the form.
    walk.click_link("Start a campaign", "start", within=header)
    rules = page.get_by_role("heading", name="The house rules")
    expect(rules).to_be_visible()
    expect(page.locator(".rules")).to_contain_text("Be civil")
    assert rules.bounding_box()["y"] < page.get_by_role("button", name="Save as a draft").bounding_box()["y"]

    # Everything held about them, to read as well as to download.
    walk.click_link("Your space", "your-space-again", within=header)
    walk.click_link("Your data", "your-data", within=page.locator("main"))
    page.get_by_role("link", name="read everything held about you").click()
    held = page.locator("#export")
    expect(held.get_by_role("heading", name="Your profile")).to_be_visible(timeout=30_000)  # gathered, then read
    walk.arrive("data-read")
    expect(held.get_by_role("heading", name="Your profile")).to_be_visible()
    expect(held).to_contain_text("Nia Newcomer")
    expect(held).to_contain_text(DATE_IN_WORDS)  # when they joined, in words
    record = held.locator("dl.record").first  # names, not the ids the export keeps ("wales", "citizen")
    expect(record.locator("dt:has-text('Nation or region') + dd")).to_have_text("Wales")
    expect(record.locator("dt:has-text('Roles') + dd")).to_have_text("member")

    page.get_by_role("button", name="Sign out").click()
    walk.arrive("signed-out", site.url("/"))
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    walk.clean("status of 400")  # Cognito refusing the weak password, which the browser logs
