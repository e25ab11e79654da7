"""An organisation's admin's part, clicked from the home page (issue 27, 'Must show'): on Your space's
Organisations page they see who belongs and who is invited, invite someone and withdraw it, take a member
out, then start a campaign the organisation hosts, shown the open campaigns like it before it is sent."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import open_campaign
from tests.browser.journeys.power_steps import VIEWPORTS, Journey
from tests.conftest import PASSWORD


def _handle(api, user) -> str:
    return api.get("/me", user=user).json_body["handle"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_organisations_admin_looks_after_its_people_and_hosts_a_campaign(
        site, open_browser, api, make_user, viewport):
    tag = uuid.uuid4().hex[:6]
    founder, member, newcomer = (make_user(name=n) for n in ("oj-founder", "oj-member", "oj-newcomer"))
    org, name = f"carers-{tag}", f"Carers Branch {tag}"
    assert api.post("/organisations", user=founder, json_body={"handle": org, "name": name}).status_code == 201
    member_handle, newcomer_handle = _handle(api, member), _handle(api, newcomer)
    assert api.post(f"/organisations/{org}/members", user=founder, json_body={"handle": member_handle}).status_code \
        == 201
    assert api.post(f"/organisations/{org}/members/me/accept", user=member).status_code == 200
    theirs = open_campaign(api, make_user(name="oj-other"), make_user("moderators", name="oj-mod"), area="transport",
                           title=f"Half-price rail fares for carers {tag}")
    site.deliver_events()  # into the search index, where /start finds campaigns like a title

    journey = Journey(open_browser(*viewport), site, "organisation-admin", viewport[0])
    page = journey.page
    journey.home()
    journey.sign_in(founder.email, PASSWORD)
    assert journey.path() == "/"  # no queue waits on an organisation's admin: back on the home page
    journey.your_space("Organisations", "/my/organisations")
    people = page.get_by_role("region", name=f"Members and invitations of {name}")
    expect(people).to_contain_text(f"@{member_handle} · member")
    page.get_by_label("Invite someone by their handle").fill(f"@{newcomer_handle}")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text(f"Invited @{newcomer_handle}: they join when they accept.")).to_be_visible()
    invited = people.locator("li", has_text=f"@{newcomer_handle}")
    expect(invited).to_contain_text("invited as a member")
    journey.seen("invited")
    invited.get_by_role("button", name="Withdraw the invitation").click()
    invited.get_by_role("button", name="Yes").click()
    expect(invited).to_have_text(f"Invitation to @{newcomer_handle} withdrawn.")
    row = people.locator("li", has_text=f"@{member_handle}")
    row.get_by_role("button", name="Remove").click()
    row.get_by_role("button", name="Yes").click()
    expect(row).to_have_text(f"@{member_handle} is no longer a member.")
    journey.seen("removed")

    journey.click(page.locator("header").get_by_role("link", name="Start a campaign"), "start", "/start")
    page.get_by_label("Policy area").select_option("transport")
    page.get_by_label("Title").fill(f"Cheaper rail fares for carers {tag}")
    similar = page.get_by_role("region", name="Campaigns like yours are already open")
    expect(similar.get_by_role("link", name=theirs["title"])).to_be_visible()
    page.get_by_label("Hosted by").select_option(org)
    page.get_by_label("Summary").fill("Unpaid carers travel with the people they care for and pay twice.")
    page.get_by_label("The case").fill("Carers save the country billions every year. " * 3)
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator("#form-status")).to_contain_text("Saved as a draft")
    expect(page.locator("#host-shown")).to_have_text(f"Hosted by {name}.")
    expect(similar).to_be_visible()  # still there before it goes to the moderators
    journey.seen("draft")
    assert api.get("/me/campaigns", user=founder).json_body["items"][0]["organisation"]["handle"] == org
    assert api.get("/me/organisations", user=member).json_body["items"] == []
    assert api.get("/me/invitations", user=newcomer).json_body["items"] == []
    print(f"organisation admin journey ({viewport[0]}px): {journey.finish():.1f} s, {len(journey.pages)} pages")
