"""The home page's "Popular in <your region>": nothing of it for a visitor, the region's campaigns
for someone signed in who gave one, and a pointer to their profile for someone who did not."""

from __future__ import annotations

import uuid

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.my_space_helpers import newcomer, open_campaign
from tests.browser.test_accessibility import _serious_violations


def test_a_signed_in_person_with_a_region_sees_what_is_popular_there(site, open_browser, accounts):
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.events.trending import recompute_trending
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import people, supports

    me = newcomer(accounts, name="popular")
    people.update_profile(people.get_person(me.id), {"region": "london"})
    title = f"Rent caps for London {uuid.uuid4().hex[:6]}"
    campaign_id, slug = open_campaign(me.id, me.id, title)
    for _ in range(12):
        supports.support(campaign_id, f"pop-{uuid.uuid4()}", consent_version=SUPPORT_CONSENT_VERSION, region="london")
    refresh_count(campaign_id)
    recompute_trending(popular_per_region=10_000)  # room for this worker's every London campaign

    watched = open_browser()
    page = watched.page
    page.goto(site.url("/"))
    expect(page.get_by_role("heading", name="Rising")).to_be_visible()
    expect(page.locator("#popular")).to_be_hidden()  # a visitor: nothing of it
    expect(page.locator("#popular-ask")).to_be_hidden()

    sign_in(watched, site, me.email, "/")
    popular = page.get_by_role("region", name="Popular in London")
    expect(popular.get_by_role("heading", level=2)).to_have_text("Popular in London")
    link = popular.get_by_role("listitem").filter(has_text=title).get_by_role("link", name=title)
    expect(link).to_have_attribute("href", f"/c/{slug}")
    expect(popular.get_by_role("listitem").filter(has_text=title)).to_contain_text("12 supporters in London")
    expect(page.locator("#popular-ask")).to_be_hidden()
    assert _serious_violations(page) == []

    no_region = newcomer(accounts, name="popular-nowhere")
    elsewhere = open_browser()
    sign_in(elsewhere, site, no_region.email, "/")
    expect(elsewhere.page.get_by_text("Give your nation or region on your profile")).to_be_visible()
    expect(elsewhere.page.get_by_role("link", name="your profile")).to_have_attribute("href", "/my/profile")
    expect(elsewhere.page.locator("#popular")).to_be_hidden()
    assert watched.errors == [] and elsewhere.errors == []
