"""A person's own space, as they use it on a desktop and on a phone: their profile, how updates
reach them, their feed and its badge, what they support and follow."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.my_space_helpers import (
    MY_PAGES,
    a_phone,
    newcomer,
    open_campaign,
    support_and_follow,
    updates_in_feed,
)

WIDTHS = [pytest.param((1280, 900), id="desktop"), pytest.param((390, 844), id="phone")]


@pytest.mark.parametrize("size", WIDTHS)
def test_a_person_edits_their_profile_and_sees_it_as_others_will(site, open_browser, accounts, size):
    me = newcomer(accounts, name="profile")
    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, me.email, "/my/profile")
    expect(page.get_by_label("Handle")).to_have_value(me.handle)

    handle = f"rosa-{uuid.uuid4().hex[:6]}"
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Display name").fill("Rosa Mbeki")
    page.get_by_label("Bio").fill("Bus driver in Leeds.\nUnion rep.")
    page.get_by_label("Constituency").fill("Leeds East")
    page.get_by_label("Nation or region (optional)").select_option(label="Yorkshire and The Humber")
    preview = page.get_by_role("region", name="How others see you")
    expect(preview).to_contain_text("Rosa Mbeki")  # as it is typed, before saving
    expect(preview).to_contain_text(f"@{handle} · Leeds East")
    expect(preview.locator("#preview-bio p")).to_have_text(["Bus driver in Leeds.", "Union rep."])
    page.get_by_role("button", name="Save your profile").click()
    expect(page.locator("#profile-status")).to_have_text("Saved. Your public page shows it now.")

    page.get_by_role("link", name=re.compile("Open your public page")).click()
    page.wait_for_url(site.url(f"/people/{handle}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa Mbeki")
    expect(page.get_by_text(f"@{handle} · Leeds East")).to_be_visible()
    expect(page.get_by_text("Yorkshire")).to_have_count(0)  # the region only ever counts, never shows
    page.goto(site.url("/my/profile"))
    expect(page.get_by_label("Nation or region (optional)")).to_have_value("yorkshire-humber")
    assert not watched.errors, watched.errors


def test_a_taken_handle_is_explained_next_to_the_field(site, open_browser, accounts):
    me = newcomer(accounts, name="taken")
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, me.email, "/my/profile")
    expect(page.get_by_label("Handle")).to_have_value(me.handle)
    page.get_by_label("Handle").fill("ada")  # the demo's Ada has it
    page.get_by_label("Display name").fill("Another Ada")
    page.get_by_role("button", name="Save your profile").click()
    handle = page.get_by_label("Handle")
    expect(page.locator("#handle-error")).to_have_text("The handle 'ada' is taken. Choose another.")
    expect(handle).to_have_attribute("aria-invalid", "true")
    assert "handle-error" in (handle.get_attribute("aria-describedby") or "")
    expect(page.locator("#profile-status")).to_have_text("Please correct what is marked above.")

    handle.fill("a")  # too short: the API's own words, next to the field
    page.get_by_role("button", name="Save your profile").click()
    expect(page.locator("#handle-error")).to_contain_text("3 to 30 lower-case letters")
    page.reload()
    expect(page.get_by_label("Display name")).to_have_value("New member")  # nothing was saved
    refused = [e for e in watched.errors if not re.search(r"status of (409|400) .*/me\)$", e)]
    assert len(watched.errors) == 2 and not refused, watched.errors  # the browser notes the two refusals


@pytest.mark.parametrize("size", WIDTHS)
def test_a_person_chooses_how_updates_reach_them_and_removes_a_phone(site, open_browser, accounts, size):
    me = newcomer(accounts, name="channels")
    a_phone(me.id)
    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, me.email, "/my/notifications")
    update = page.get_by_role("group", name="A campaign's owner posts an update")
    expect(update.get_by_label("In your feed")).to_be_checked()  # the defaults, from the API
    expect(update.get_by_label("By email")).not_to_be_checked()
    expect(page.get_by_role("group", name=re.compile("as a minister"))).to_be_hidden()
    update.get_by_label("By email").check()
    page.get_by_role("group", name="A campaign closes").get_by_label("In your feed").uncheck()
    manifesto = page.get_by_role("group", name="An idea moves through the manifesto stages")
    expect(manifesto.get_by_label("On your phones")).to_be_checked()  # its own defaults: feed and push
    manifesto.get_by_label("By email").check()
    page.get_by_role("button", name="Save these choices").click()
    expect(page.locator("#channels-status")).to_have_text("Saved.")
    expect(page.locator("#email-state")).to_have_text(f"Email goes to {me.email} (confirmed).")

    other = f"elsewhere-{uuid.uuid4().hex[:6]}@example.org"
    page.get_by_label("Email address for updates and alerts").fill(other)
    page.get_by_role("button", name="Use this address").click()
    expect(page.locator("#email-status")).to_contain_text("follow the link we sent")
    expect(page.locator("#email-state")).to_contain_text(f"We sent a link to {other}")
    expect(page.locator("#email-state")).to_contain_text(f"Until then, email goes to {me.email} (confirmed).")

    page.reload()
    expect(update.get_by_label("By email")).to_be_checked()
    expect(page.get_by_role("group", name="A campaign closes").get_by_label("In your feed")).not_to_be_checked()
    expect(manifesto.get_by_label("By email")).to_be_checked()
    phone = page.locator("#devices li", has_text="An Android phone, added")
    phone.get_by_role("button", name="Remove this phone").click()
    expect(phone.get_by_role("status")).to_have_text("Removed: nothing more is pushed to it.")
    page.reload()
    expect(page.locator("#devices")).to_have_text("No phones are registered for push.")
    assert not watched.errors, watched.errors


def test_an_address_mail_cannot_reach_is_explained_and_a_minister_chooses_alerts(site, open_browser, accounts):
    minister = newcomer(accounts, "ministers", name="alerts")
    watched = open_browser()
    page = watched.page
    sign_in(watched, site, minister.email, "/my/notifications")
    alerts = page.get_by_role("group", name="Your alerts as a minister, by email")
    expect(alerts).to_be_visible()
    alerts.get_by_label("A campaign passes a milestone").check()
    page.get_by_role("button", name="Save these choices").click()
    expect(page.locator("#channels-status")).to_have_text("Saved.")
    page.reload()
    expect(page.get_by_label("A campaign passes a milestone")).to_be_checked()
    expect(page.get_by_label("The daily digest")).not_to_be_checked()

    page.get_by_label("Email address for updates and alerts").fill("rosa@localhost")  # type=email lets it through
    page.get_by_role("button", name="Use this address").click()
    expect(page.locator("#email-error")).to_contain_text("not an email address mail can be sent to")
    expect(page.locator("#email-status")).to_have_text("Please correct the address marked above.")
    assert len(watched.errors) == 1 and "status of 400" in watched.errors[0], watched.errors  # the refusal


@pytest.mark.parametrize("size", WIDTHS)
def test_the_badge_counts_new_updates_until_the_feed_is_opened(site, open_browser, accounts, size):
    me = newcomer(accounts, name="feed")
    updates_in_feed(me.id, ["Update: older news", "Update: the council listened", "Update: we won"])
    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, me.email, "/")
    badge = page.get_by_role("link", name="3 unread updates in your feed")
    expect(badge).to_be_visible()
    badge.click()
    page.wait_for_url(site.url("/my/feed"))
    items = page.locator("#feed > li")
    expect(items).to_have_count(3)
    expect(items.get_by_role("heading")).to_have_text(["Update: we won", "Update: the council listened",
                                                       "Update: older news"])  # newest first
    expect(items.locator(".new")).to_have_count(3)
    expect(page.locator("#feed-status")).to_have_text("3 new since you last looked.")
    expect(page.locator("[data-unread]")).to_be_hidden()  # read now

    updates_in_feed(me.id, ["Update: one more thing"], minutes_ago=1)
    page.goto(site.url("/my"))  # the badge asked a moment ago: it waits a minute before asking again
    expect(page.locator("[data-unread]")).to_be_hidden()
    page.goto(site.url("/my/feed"))
    expect(items).to_have_count(4)
    expect(items.locator(".new")).to_have_count(1)
    expect(items.first).to_contain_text("Update: one more thing")
    assert not watched.errors, watched.errors


def test_a_signed_out_visitor_costs_no_api_call_and_is_asked_to_sign_in(site, open_browser):
    watched = open_browser(390, 844)
    page = watched.page
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/me" in r.url else None)
    for path in ["/", *MY_PAGES]:
        page.goto(site.url(path))
        expect(page.locator("[data-unread]")).to_be_hidden()
        if path != "/":
            notice = page.get_by_text("This page is yours alone: sign in to see it.")
            expect(notice).to_be_visible()
            expect(notice.get_by_role("link", name="sign in")).to_have_attribute("href", f"/sign-in?next={path}")
            expect(page.locator("[data-mine]").first).to_be_hidden()
    assert asked == []
    assert not watched.errors, watched.errors


def test_without_javascript_each_page_says_why_and_the_erasure_terms_are_readable(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in MY_PAGES:
        page.goto(site.url(path))
        expect(page.get_by_text(re.compile("needs JavaScript: turn it on"))).to_be_visible()
    expect(page.get_by_role("heading", name="What goes")).to_be_visible()
    expect(page.get_by_text(re.compile("final count stays as it was published"))).to_be_visible()
    expect(page.get_by_role("button", name="Erase my account")).to_be_hidden()  # a form that cannot work
    page.goto(site.url("/my"))
    expect(page.get_by_role("link", name="Supports and follows")).to_have_attribute("href", "/my/supports")
    context.close()


@pytest.mark.parametrize("size", WIDTHS)
def test_withdrawing_and_unfollowing_from_the_lists(site, open_browser, accounts, size):
    me, moderator = newcomer(accounts, name="supporter"), newcomer(accounts, "moderators", name="space-mod")
    tag = uuid.uuid4().hex[:6]
    supported = open_campaign(moderator.id, moderator.id, f"Rent caps for young renters {tag}")
    followed = open_campaign(moderator.id, moderator.id, f"Council homes on brownfield land {tag}")
    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, me.email, "/my")
    support_and_follow(page, supported[0], support=True, follow=False)
    support_and_follow(page, followed[0], support=False, follow=True)

    page.get_by_role("link", name="Supports and follows").click()
    page.wait_for_url(site.url("/my/supports"))
    mine = page.get_by_role("region", name="Campaigns you support")
    following = page.get_by_role("region", name="Campaigns you follow")
    expect(mine.get_by_role("heading", level=3)).to_have_text([f"Rent caps for young renters {tag}"])
    expect(following.get_by_role("heading", level=3)).to_have_text([f"Council homes on brownfield land {tag}"])
    mine.get_by_role("button", name="Withdraw your support").click()
    expect(mine.get_by_role("status")).to_have_text("Your support is withdrawn.")
    following.get_by_role("button", name="Stop following").click()
    expect(following.get_by_role("status")).to_have_text("You no longer follow it.")

    page.reload()
    expect(mine.locator("li")).to_have_text(["You do not support any campaign."])
    expect(following.locator("li")).to_have_text(["You do not follow any campaign."])
    assert not watched.errors, watched.errors
