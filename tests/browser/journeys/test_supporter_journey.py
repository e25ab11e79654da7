"""Issue 27's supporter, at desktop and phone width, only clicking from the home page: signing in (a
wrong password said by its field), finding a campaign from the header's search, supporting it with
its consent in one sentence, then seeing their own part on the page (you support this, following,
your replies), never stale when they come back to it, and finding it again in Your space; there they
take their own reply back, report someone else's reply and the campaign itself; then their
notification settings and everything held about them."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, SIGNED_IN_AS
from tests.browser.journeys.frame_walk import WIDTHS, Walk
from tests.browser.my_space_helpers import newcomer, open_campaign

OWNER_SAYS = "Write to 14 Acacia Avenue, where the landlord lives, and tell him."  # a reply to report


def _owner_replies(campaign_id: str, owner_id: str) -> None:
    from chalicelib.store import replies

    replies.create_reply(campaign_id=campaign_id, author_id=owner_id, body=OWNER_SAYS, parent_id=None, badges=[])


def _count(page) -> int:
    return int(page.locator(".support [data-count]").inner_text().replace(",", ""))


@pytest.mark.parametrize("width,height,label", WIDTHS)
def test_a_supporter_supports_follows_replies_and_sees_their_own_part(site, open_browser, accounts,
                                                                      width, height, label):
    me, host = newcomer(accounts, name=f"supporter-{label}"), newcomer(accounts, name=f"supported-{label}")
    title = f"Warm homes for every renter {uuid.uuid4().hex[:6]}"  # its own: others count the demo ones
    campaign_id, _slug = open_campaign(host.id, host.id, title)
    _owner_replies(campaign_id, host.id)
    site.deliver_events()  # the search index has it, as in AWS within seconds
    walk = Walk(site, open_browser(width, height), "supporter", label)
    page = walk.page
    header = page.locator("header.site")
    walk.home()

    walk.click_link("Sign in", "sign-in", within=header)
    page.get_by_label("Email address").fill(me.email)
    page.get_by_label("Password").fill("Not-the-password-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#sign-in-form .form-error")).to_contain_text("do not match")
    walk.shot("sign-in-refused")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(header.get_by_text(SIGNED_IN_AS)).to_be_visible()
    expect(header).not_to_contain_text(me.email)
    walk.arrive("signed-in")

    # Supporting: one sentence of consent, a short button; then the page says it is theirs.
    walk.header_search(title, title, "campaign")
    assert _count(page) == 0
    consent = page.get_by_label(re.compile("keeps my support"))
    expect(consent).to_be_visible()
    assert page.locator("#consent-purpose").inner_text().count(". ") == 0, "the consent is one sentence"
    consent.check()
    page.get_by_role("button", name="Support this campaign").click()
    expect(page.get_by_text("You support this", exact=True)).to_be_visible()
    expect(page.locator("#support-status")).to_contain_text("your support is counted")
    expect(page.get_by_role("button", name="Support this campaign")).to_be_hidden()  # not asked twice
    assert _count(page) == 1  # their own support counted, before the counters' stream sums it
    page.get_by_role("button", name="Follow its updates").click()
    expect(page.get_by_role("button", name="Stop following")).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Your reply").fill("Our landlord has not fixed the boiler in two winters.")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_text("You have replied here 1 time.")).to_be_visible()
    walk.shot("supported")

    # Back to it from Your space: whatever copy a cache holds, the page shows what they did.
    walk.click_link("Your space", "your-space", within=header)
    walk.click_link("Supports and follows", "supports", within=page.locator("main"))
    walk.click_link(title, "campaign-again", within=page.locator("#supported"))
    expect(page.get_by_text("You support this", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Stop following")).to_be_visible()
    expect(page.get_by_text("You have replied here 1 time.")).to_be_visible()
    assert _count(page) == 1

    # Their own reply they may take back; someone else's, and the campaign, they may report.
    said = page.get_by_role("article", name=re.compile("Reply by")).filter(has_text="boiler")
    said.get_by_role("button", name="Delete your reply").click()
    said.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_url(re.compile(r"removed="))
    expect(page.get_by_text("Our landlord has not fixed the boiler")).to_have_count(0)
    walk.arrive("reply-deleted")
    theirs = page.get_by_role("article", name=re.compile("Reply by")).filter(has_text=OWNER_SAYS)
    theirs.get_by_role("button", name="Report this reply").click()
    theirs.get_by_label("What is wrong with this reply?").fill("It gives someone's home address.")
    theirs.get_by_role("button", name="Send the report").click()
    expect(theirs.get_by_role("status")).to_have_text("Thank you: your report is with the moderators.")
    report = page.locator("#report")
    report.locator("summary", has_text="Report this campaign").click()
    report.get_by_label("What is wrong with it?").fill("It names a private landlord's home.")
    report.get_by_role("button", name="Send the report").click()
    expect(report.get_by_role("status")).to_have_text("Thank you: your report is with the moderators.")
    walk.shot("reported")

    # How updates reach them, and everything held about them, with the consent they gave.
    walk.click_link("Your space", "your-space-again", within=header)
    walk.click_link("Notifications", "notifications", within=page.locator("main"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    walk.click_link("Your space", "your-space-third", within=header)
    walk.click_link("Your data", "your-data", within=page.locator("main"))
    page.get_by_role("link", name="read everything held about you").click()
    held = page.locator("#export")
    expect(held.get_by_role("heading", name="Your profile")).to_be_visible(timeout=30_000)  # gathered, then read
    walk.arrive("data-read")
    expect(held.get_by_role("heading", name="Your supports, with the consent you gave")).to_be_visible()
    expect(held).to_contain_text(title)
    walk.clean("status of 400")  # Cognito refusing the wrong password, which the browser logs
