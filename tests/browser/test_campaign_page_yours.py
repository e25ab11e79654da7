"""The campaign page at phone and desktop width (issue 27, section 5): the support button above the fold,
after the outcome; what is yours shown to you alone; and never older than your own act, though the page
is the same for everyone and cached."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, sign_in
from tests.browser.my_space_helpers import newcomer, open_campaign
from tests.browser.test_accessibility import _serious_violations

SOLAR = "/c/solar-panels-on-every-school-roof"  # demo: open, 96 supporters, in the draft manifesto
GP = "/c/guarantee-a-gp-appointment-within-a-week"  # demo: open, shaped clause 1.2 of the health document


def _count(page) -> int:
    return int(page.locator(".support [data-count]").inner_text().replace(",", ""))


def test_on_a_phone_the_outcome_and_the_support_button_are_above_the_fold(site, open_browser):
    for width, height, name in ((390, 844, "phone"), (1280, 900, "desktop")):
        page = open_browser(width, height).page
        page.goto(site.url(SOLAR))
        button = page.get_by_role("button", name="Support this campaign")
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box and box["y"] + box["height"] <= height, f"{name}: the button ends {box} px down"
        outcome = page.get_by_role("heading", name=re.compile("For the manifesto: In the draft manifesto"))
        assert outcome.bounding_box()["y"] < box["y"], "what happened comes first"
        expect(page.get_by_text("responds at 10,000 supporters")).to_be_visible()
        expect(page.locator("#support-by-region")).to_be_hidden()  # folded away, lower down
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"campaign-{name}-fold.png"))  # the viewport: what shows first
        if name == "phone":  # the "after", beside the "before" taken on main
            page.screenshot(path=str(SCREENSHOTS.parent / "campaign-phone-fold-after.png"))
        assert _serious_violations(page) == []


def test_with_a_trail_of_clauses_it_shaped_the_support_button_stays_above_the_fold(site, open_browser):
    """The demo's GP idea shaped a clause of the health document (version 2): its trail follows the support
    box, its steps folded under where it ended and a tap away, so supporting stays above the fold."""
    for width, height, name in ((390, 844, "phone"), (1280, 900, "desktop")):
        page = open_browser(width, height).page
        page.goto(site.url(GP))
        trail = page.get_by_role("region", name="What became of this idea")
        expect(trail).to_be_visible()
        button = page.get_by_role("button", name="Support this campaign")
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box and box["y"] + box["height"] <= height, f"{name}: the button ends {box} px down"
        assert trail.bounding_box()["y"] > box["y"], "supporting first; what became of it just after"
        step = trail.get_by_role("link", name=re.compile("Shaped clause"))
        expect(step).to_be_hidden()  # folded
        trail.get_by_text("Each step it took").click()
        expect(step).to_be_visible()
        assert _serious_violations(page) == []


def test_what_is_yours_shows_and_a_page_is_never_older_than_your_own_act(site, open_browser, accounts):
    me, host = newcomer(accounts, name="yours"), newcomer(accounts, name="yours-host")
    campaign_id, slug = open_campaign(host.id, host.id, f"Warm homes for every renter {uuid.uuid4().hex[:6]}")
    path = f"/c/{slug}"
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, me.email, path)
    assert _count(page) == 0
    page.get_by_label(re.compile("keeps my support")).check()
    page.get_by_role("button", name="Support this campaign").click()
    expect(page.get_by_text("You support this", exact=True)).to_be_visible()
    expect(page.locator("#support-status")).to_contain_text("your support is counted")
    expect(page.get_by_role("button", name="Support this campaign")).to_be_hidden()  # not asked twice
    assert _count(page) == 1  # the counters' stream has not summed it yet
    page.get_by_role("button", name="Follow its updates").click()
    expect(page.get_by_role("button", name="Stop following")).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Your reply").fill("Our landlord has not fixed the boiler in two winters.")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_text("You have replied here 1 time.")).to_be_visible()
    expect(page.locator("article.reply .badge-you")).to_have_text("you")

    # Back to it by its link: whatever copy a cache holds, this person sees what they did.
    acted = int(page.evaluate(f"sessionStorage.getItem('labourspace.acted.{campaign_id}')"))
    page.goto(site.url(path))
    expect(page.get_by_text("You support this", exact=True)).to_be_visible()
    assert int(page.locator("[data-rendered-at]").get_attribute("data-rendered-at")) >= acted
    assert "seen=" not in page.url, "the address people copy stays the campaign's own"
    expect(page.get_by_role("button", name="Stop following")).to_be_visible()
    assert _count(page) == 1
    assert _serious_violations(page) == []

    # Everyone else sees the page as it is for everyone: nothing of this person's.
    stranger = open_browser(1280, 900).page
    stranger.goto(site.url(path))
    expect(stranger.get_by_role("button", name="Support this campaign")).to_be_visible()
    expect(stranger.get_by_text("You support this", exact=True)).to_be_hidden()
    expect(stranger.locator(".badge-you")).to_have_count(0)

    page.get_by_role("button", name="Withdraw your support").click()
    expect(page.locator("#support-status")).to_contain_text("withdrawn")
    expect(page.get_by_role("button", name="Support this campaign")).to_be_visible()
    assert _count(page) == 0
    assert not watched.errors, watched.errors


def test_a_copy_older_than_the_campaign_says_so_with_the_latest_a_tap_away(site, open_browser, accounts):
    me, host = newcomer(accounts, name="stale"), newcomer(accounts, name="stale-host")
    campaign_id, slug = open_campaign(host.id, host.id, f"Free swimming for under-16s {uuid.uuid4().hex[:6]}")
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, me.email, f"/c/{slug}")
    expect(page.locator("#page-stale")).to_be_hidden()
    # Its owner closes it; this person comes back within the 30 s a cache may keep the old copy.
    from chalicelib.store import campaigns

    campaigns.close(campaigns.get_campaign(campaign_id), host.id, reason="Done.")
    page.goto(site.url("/"))
    page.goto(site.url(f"/c/{slug}"))
    if page.locator("[data-status]").get_attribute("data-status") == "open":  # the browser's cached copy
        expect(page.locator("#page-stale")).to_be_visible()
        page.get_by_role("link", name="Show the latest").click()
    expect(page.locator(".closed-line")).to_contain_text("Closed on")
    assert not watched.errors, watched.errors
