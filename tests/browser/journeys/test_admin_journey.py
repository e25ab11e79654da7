"""An admin's part, clicked from the home page (issue 27, 'Must show'): from Your space they find a new
minister by handle and give them a portfolio, and a policy team member and give them areas; the
minister then holds those areas, and the policy member steers those ideas."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.journeys.power_steps import VIEWPORTS, Journey
from tests.conftest import PASSWORD


def _find(journey: Journey, handle: str) -> None:
    page = journey.page
    page.get_by_label("Their handle").fill(f"@{handle}")
    page.get_by_role("button", name="Find them").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text(f"(@{handle})")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_admin_gives_portfolios_and_policy_areas(site, open_browser, api, make_user, viewport):
    admin, minister, policy = (make_user(group, name=f"aj-{group}") for group in ("admins", "ministers", "policy"))
    handles = {who: api.get("/me", user=user).json_body["handle"] for who, user in (("minister", minister),
                                                                                    ("policy", policy))}
    journey = Journey(open_browser(*viewport), site, "admin", viewport[0])
    page = journey.page
    journey.home()
    journey.sign_in(admin.email, PASSWORD)
    assert journey.path() == "/my"  # an admin's tools are many: they are listed on Your space
    tools = page.get_by_role("region", name="Your tools")
    for tool in ("The canvass", "Open a consultation", "Refused for a conflict of interest",
                 "Ministers and the policy team"):
        expect(tools.get_by_role("link", name=tool, exact=True)).to_be_visible()
    journey.your_space("Ministers and the policy team", "/admin/people")

    _find(journey, handles["minister"])
    expect(page.locator("#person-roles")).to_have_text("Roles: member, minister")
    portfolio = page.get_by_role("group", name="Portfolio: the areas they answer for")
    portfolio.get_by_label("Culture, media and sport").check()
    portfolio.get_by_label("Justice").check()
    page.get_by_role("button", name="Save the portfolio").click()
    expect(page.locator("#portfolio-status")).to_have_text("Saved: the portfolio is Culture, media and sport, Justice.")
    journey.seen("portfolio given")

    _find(journey, handles["policy"])
    expect(page.get_by_role("group", name="Portfolio: the areas they answer for")).to_be_hidden()  # not a minister
    areas = page.get_by_role("group", name="Policy areas: the ideas they steer")
    areas.get_by_label("Science and technology").check()
    page.get_by_role("button", name="Save the policy areas").click()
    expect(page.locator("#policy-status")).to_contain_text("Science and technology")
    journey.seen("policy areas given")

    assert api.get("/me", user=minister).json_body["portfolio"] == ["culture", "justice"]
    assert api.get(f"/people/{handles['policy']}/roles", user=admin).json_body["policy_areas"] == ["science"]
    print(f"admin journey ({viewport[0]}px): {journey.finish():.1f} s, {len(journey.pages)} pages")
