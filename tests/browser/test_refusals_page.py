"""An admin finds who was refused for a conflict of interest by clicking, from "Your space", on a phone
and on a desktop: the page lists the refusal, and axe finds nothing serious. Nobody else is offered it."""

from __future__ import annotations

import json
import uuid

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import open_campaign
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD


@pytest.fixture(scope="module")
def refused(api, make_user) -> dict:
    """A policy member of the area who belongs to the organisation hosting an idea, refused its move."""
    admin, policy = make_user("admins", name="refusals-admin"), make_user("policy", name="refusals-policy")
    owner, moderator = make_user(name="refusals-owner"), make_user("moderators", name="refusals-mod")
    me = json.loads(api.get("/me", user=policy).body)
    assert api.put(f"/policy-team/{me['id']}/areas", user=admin, json_body={"areas": ["health"]}).status_code == 200
    handle = f"midwives-{uuid.uuid4().hex[:6]}"
    assert api.post("/organisations", user=owner, json_body={"handle": handle, "name": "Midwives"}).status_code == 201
    assert api.post(f"/organisations/{handle}/members", user=owner, json_body={"handle": me["handle"]}).status_code \
        == 201
    assert api.post(f"/organisations/{handle}/members/me/accept", user=policy).status_code == 200
    title = f"A midwife for every birth {uuid.uuid4().hex[:6]}"
    campaign = open_campaign(api, owner, moderator, area="health", organisation=handle, title=title)
    moved = api.put(f"/campaigns/{campaign['id']}/manifesto", user=policy,
                    headers={"If-Match": str(campaign["version"])},
                    json_body={"stage": "shortlisted", "note": "Our own organisation's idea."})
    assert moved.status_code == 403, moved.body
    return {"admin": admin, "policy": me, "title": title, "slug": campaign["slug"], "citizen": owner}


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_an_admin_clicks_through_to_the_refusals_and_reads_who_was_refused(site, open_browser, refused, width, height):
    watched = open_browser(width=width, height=height)
    sign_in(watched, site, refused["admin"].email, "/my", password=PASSWORD)
    page = watched.page
    page.get_by_role("link", name="Refused for a conflict of interest").click()
    page.wait_for_url(site.url("/admin/refusals"))
    card = page.locator("#refusals > li").filter(has_text=refused["title"])
    expect(card).to_contain_text(f"{refused['policy']['display_name']} asked to move it through the manifesto "
                                 "(shortlisted). Refused: they belong to the organisation hosting it.")
    expect(card.get_by_role("link", name=refused["title"])).to_have_attribute("href", f"/c/{refused['slug']}")
    assert _serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not watched.errors, watched.errors


def test_nobody_else_is_offered_the_page_and_the_api_refuses_them(site, open_browser, refused):
    watched = open_browser(width=390, height=844)
    sign_in(watched, site, refused["citizen"].email, "/my", password=PASSWORD)
    page = watched.page
    expect(page.get_by_role("heading", name="Your space")).to_be_visible()
    expect(page.get_by_role("link", name="Refused for a conflict of interest")).to_have_count(0)
    page.goto(site.url("/admin/refusals"))
    expect(page.locator("#refusals-state")).to_contain_text("Only admins")
    expect(page.locator("#refusals > li")).to_have_count(0)
