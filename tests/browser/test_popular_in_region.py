"""The home page's "Popular in <your region>": nothing of it for a visitor, the region's campaigns
for someone signed in who gave one, and a pointer to their profile for someone who did not. And the
campaign page's table of supporters by region: the snapshot's figures, and when it was taken."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.my_space_helpers import newcomer, open_campaign
from tests.browser.test_accessibility import _serious_violations


def _supported(campaign_id: str, by_region: dict[str | None, int]) -> None:
    """Members of long standing (no accounts needed): they count in regional figures at once."""
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.domain.regional_figures import RegionalStanding
    from chalicelib.store import supports

    for region, how_many in by_region.items():
        for _ in range(how_many):
            supports.support(campaign_id, f"pop-{uuid.uuid4()}", consent_version=SUPPORT_CONSENT_VERSION,
                             standing=RegionalStanding(region))


def test_a_signed_in_person_with_a_region_sees_what_is_popular_there(site, open_browser, accounts):
    from chalicelib.events.trending import recompute_trending
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import people

    me = newcomer(accounts, name="popular")
    people.update_profile(people.get_person(me.id), {"region": "london"})
    title = f"Rent caps for London {uuid.uuid4().hex[:6]}"
    campaign_id, slug = open_campaign(me.id, me.id, title)
    _supported(campaign_id, {"london": 13, "wales": 4, "scotland": 3, None: 3})
    site.deliver_events()  # the supports' stream moves the counters, as in AWS within seconds
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
    expect(popular.get_by_role("listitem").filter(has_text=title)).to_contain_text("About 15 supporters in London")
    expect(page.locator("#popular-ask")).to_be_hidden()
    assert _serious_violations(page) == []

    no_region = newcomer(accounts, name="popular-nowhere")
    elsewhere = open_browser()
    sign_in(elsewhere, site, no_region.email, "/")
    expect(elsewhere.page.get_by_text("Give your nation or region on your profile")).to_be_visible()
    expect(elsewhere.page.get_by_role("link", name="your profile")).to_have_attribute("href", "/my/profile")
    expect(elsewhere.page.locator("#popular")).to_be_hidden()
    assert watched.errors == [] and elsewhere.errors == []


def test_the_campaign_page_shows_the_regional_snapshot_and_when_it_was_taken(site, open_browser, accounts):
    from chalicelib.events.trending import recompute_trending
    from chalicelib.logic.counting import refresh_count

    me = newcomer(accounts, name="regions")
    spread_id, spread = open_campaign(me.id, me.id, f"Regional buses {uuid.uuid4().hex[:6]}")
    _supported(spread_id, {"london": 13, "wales": 4, "scotland": 3, None: 3})
    lonely_id, lonely = open_campaign(me.id, me.id, f"One city's trams {uuid.uuid4().hex[:6]}")
    _supported(lonely_id, {"london": 30})  # everyone in one region: its figure would give the rest away
    site.deliver_events()  # the supports' stream moves the counters, as in AWS within seconds
    for campaign_id in (spread_id, lonely_id):
        refresh_count(campaign_id)
    recompute_trending()

    for width, height in ((1280, 900), (390, 844)):
        page = open_browser(width=width, height=height).page
        page.goto(site.url(f"/c/{spread}"))
        page.get_by_text("Supporters by nation or region", exact=True).click()  # folded lower on the page
        table = page.get_by_role("table", name=re.compile("Supporters by nation or region, as of"))
        expect(table.get_by_role("row", name="London")).to_contain_text("15")
        expect(table.get_by_role("row", name="Wales")).to_contain_text("fewer than 10")
        expect(page.locator("#regions-as-of")).to_contain_text(re.compile(r"As of \d{1,2} \w+ \d{4}, \d\d:\d\d UTC"))
        assert _serious_violations(page) == []
        page.goto(site.url(f"/c/{lonely}"))
        page.get_by_text("Supporters by nation or region", exact=True).click()
        expect(page.get_by_role("row", name="London")).to_contain_text("10 or more (withheld)")
        expect(page.get_by_role("row", name="Wales")).to_contain_text("fewer than 10")
        assert _serious_violations(page) == []
