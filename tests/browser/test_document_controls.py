"""Issue 28's last three controls, each clicked as a person would, at phone and desktop width with axe:
a supporter withdraws their support of an amendment (and finds it withdrawn on coming back), the policy
team chooses how amendments are listed beside their clause, and an admin verifies an organisation, whose
admins may then propose amendments for it."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.api.document_helpers import clauses, proposed, publish, team
from tests.browser.conftest import sign_in
from tests.browser.journeys.power_steps import VIEWPORTS, Journey
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_supporter_withdraws_their_support_of_an_amendment(site, open_browser, api, make_user, viewport):
    people = team(api, make_user, prefix="wd")
    document = publish(api, people["policy"])
    amendment = proposed(api, people["ada"], document)
    supporter = make_user(name="wd-supporter")
    watched = open_browser(*viewport)
    page = watched.page
    sign_in(watched, site, supporter.email, f"/amendments/{amendment['id']}", password=PASSWORD)
    expect(page.locator("#consent-purpose")).to_be_visible()
    assert page.locator("#consent-purpose").inner_text().count(". ") == 0, "the consent is one sentence"
    page.get_by_text("Read the full wording").click()
    expect(page.locator(".consent-full")).to_contain_text("This is version support-")
    page.get_by_label(re.compile("keeps my support")).check()
    page.get_by_role("button", name="Support this amendment").click()
    expect(page.get_by_text("You support this", exact=True)).to_be_visible()
    given = api.get(f"/amendments/{amendment['id']}/support", user=supporter).json_body
    assert given["supported"] and given["consent_version"] == page.locator("#amendment-consent").get_attribute(
        "data-consent-version")
    assert _serious_violations(page) == []

    page.reload()  # coming back: the page is everyone's, yours is asked of the API
    expect(page.get_by_text("You support this", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Support this amendment")).to_be_hidden()
    page.get_by_role("button", name="Withdraw your support").click()
    expect(page.locator("#support-status")).to_contain_text("Your support is withdrawn")
    expect(page.get_by_role("button", name="Support this amendment")).to_be_visible()
    assert api.get(f"/amendments/{amendment['id']}/support", user=supporter).json_body["supported"] is False
    page.reload()
    expect(page.get_by_role("button", name="Support this amendment")).to_be_visible()
    expect(page.get_by_text("You support this", exact=True)).to_be_hidden()
    assert _serious_violations(page) == []
    assert not watched.errors, watched.errors


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_policy_team_chooses_the_order_of_amendments(site, open_browser, api, make_user, viewport):
    people = team(api, make_user, prefix="ord")
    document = publish(api, people["policy"])
    first = proposed(api, people["ada"], document, text="Every town keeps three GP surgeries.")
    proposed(api, people["ben"], document, text="Every town keeps four GP surgeries.")
    watched = open_browser(*viewport)
    page = watched.page
    sign_in(watched, site, people["policy"].email, f"/documents/{document['id']}/decide", password=PASSWORD)
    order = page.get_by_role("group", name="How amendments are listed beside their clause")
    expect(order.get_by_label("Most supported first")).to_be_checked()  # the default
    order.get_by_label("Oldest first").check()
    page.get_by_role("button", name="Save the order").click()
    expect(page.locator("#order-status")).to_have_text("Saved: amendments are listed oldest first.")
    assert _serious_violations(page) == []
    assert json.loads(api.get(f"/documents/{document['id']}").body)["amendment_order"] == "oldest_first"

    clause_id = clauses(document)[0]["id"]
    page.goto(site.url(f"/documents/{document['id']}/clauses/{clause_id}"))  # what members see beside it
    expect(page.get_by_text("In the order the policy team chose: oldest first.")).to_be_visible()
    expect(page.locator("li.amendment").first).to_contain_text("three GP surgeries")
    assert first["id"] in (page.locator("li.amendment").first.get_attribute("id") or "")
    assert not watched.errors, watched.errors


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_admin_verifies_an_organisation_and_its_admins_may_amend_for_it(
        site, open_browser, api, make_user, viewport):
    admin, party_admin = make_user("admins", name="ver-admin"), make_user(name="ver-clp")
    handle = f"clp-{uuid.uuid4().hex[:8]}"
    made = api.post("/organisations", user=party_admin, json_body={"handle": handle, "name": "Cardiff North CLP"})
    assert made.status_code == 201, made.body
    document = publish(api, make_policy(api, make_user, admin))
    refused = api.post(f"/documents/{document['id']}/amendments", user=party_admin, json_body={
        "clause_id": clauses(document)[0]["id"], "action": "delete", "text": "", "organisation": handle,
        "reason": "The party wants this clause gone from the text."})
    assert refused.status_code == 403, refused.body  # not verified yet: it may not amend

    journey = Journey(open_browser(*viewport), site, "verify", viewport[0])
    page = journey.page
    journey.home()
    journey.sign_in(admin.email, PASSWORD)
    journey.your_space("Verify an organisation", "/admin/organisations")
    page.get_by_label("Its handle").fill(f"@{handle}")
    page.get_by_role("button", name="Find it").click()
    expect(page.get_by_role("heading", level=2)).to_have_text(f"Cardiff North CLP (@{handle})")
    expect(page.locator("#organisation-state")).to_have_text("Not verified yet")
    page.get_by_label("What it is").select_option("constituency_party")
    page.get_by_role("button", name="Verify it").click()
    expect(page.locator("#verify-status")).to_have_text("Saved: it shows as Constituency party.")
    expect(page.locator("#organisation-state")).to_have_text("Verified: Constituency party")
    journey.seen("organisation verified")

    shown = json.loads(api.get(f"/organisations/{handle}").body)
    assert shown["verified"] and shown["kind"] == "constituency_party"
    allowed = api.post(f"/documents/{document['id']}/amendments", user=party_admin, json_body={
        "clause_id": clauses(document)[0]["id"], "action": "delete", "text": "", "organisation": handle,
        "reason": "The party wants this clause gone from the text."})
    assert allowed.status_code == 201, allowed.body


def make_policy(api, make_user, admin):
    policy = make_user("policy", name="ver-policy")
    person_id = json.loads(api.get("/me", user=policy).body)["id"]
    assert api.put(f"/policy-team/{person_id}/areas", user=admin, json_body={"areas": ["health"]}).status_code == 200
    return policy
