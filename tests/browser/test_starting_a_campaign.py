"""Starting a campaign: a citizen drafts it, edits it, sends it to moderation; a moderator
approves it from the queue; it is public, and was a 404 until then."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def test_draft_edit_submit_approve_publish(site, open_browser):
    tag = uuid.uuid4().hex[:6]
    title = f"Free swimming lessons for every child {tag}"
    author = open_browser(width=390, height=844)
    page = author.page
    sign_in(author, site, "chloe@example.org", "/start")
    page.get_by_label("Title").fill(f"Swimming lessons {tag}")
    page.get_by_label("Summary").fill("Every child should learn to swim at school, free of charge.")
    page.get_by_label("The case").fill("Drowning is preventable.\nLessons cost families too much, "
                                       "and too many children leave primary school unable to swim 25 metres.")
    page.get_by_label("Policy area").select_option("education")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator("#form-status")).to_contain_text("Saved as a draft")
    page.wait_for_url(re.compile(r"/my/campaigns/[^/]+/edit$"))
    campaign_id = page.url.split("/")[-2]

    page.reload()  # the edit page loads the draft from the API
    expect(page.get_by_label("Title")).to_have_value(f"Swimming lessons {tag}")
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator("#form-status")).to_contain_text("Saved as a draft")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.locator("#form-status")).to_contain_text("Sent to the moderators")

    page.goto(site.url("/my/campaigns"))
    expect(page.locator("#list")).to_contain_text(title)
    expect(page.locator("#list li", has_text=title)).to_contain_text("Status: pending")

    slug = f"swimming-lessons-{tag}"  # made from the first title: an address does not change on edit
    reader = open_browser().page
    assert reader.goto(site.url(f"/c/{slug}")).status == 404  # not public while pending

    moderator = open_browser()
    sign_in(moderator, site, "moderator@example.org", "/moderate")
    item = moderator.page.locator("#list li", has_text=title)
    item.get_by_label("Reason, shown to its owner").fill("Clear and within the rules.")
    item.get_by_role("button", name="Approve").click()
    expect(item.get_by_role("status")).to_have_text("Approved: it is open.")

    response = reader.goto(site.url(f"/c/{slug}"))
    assert response.status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(title)
    expect(reader.get_by_role("region", name="The case").locator("p")).to_have_count(2)
    assert reader.locator("[data-campaign-id]").get_attribute("data-campaign-id") == campaign_id
    assert not author.errors and not moderator.errors, (author.errors, moderator.errors)


def test_a_ministers_inbox_and_a_signed_out_visitor(site, open_browser):
    minister = open_browser()
    sign_in(minister, site, "housing.minister@example.org", "/inbox")
    expect(minister.page.locator("#list")).to_contain_text("Nothing past the threshold is waiting for an answer.")
    expect(minister.page.get_by_role("region", name="Housing and communities")).to_be_visible()  # the rest, by area
    visitor = open_browser().page
    visitor.goto(site.url("/inbox"))
    expect(visitor.get_by_text("You need to sign in as a minister.")).to_be_visible()
