"""The manifesto tracker in the browser: a policy member moves an open idea from the shortlist to
adopted from its page; a supporter sees the timeline there and finds the idea on /manifesto."""

from __future__ import annotations

import json
import re
import uuid

from playwright.sync_api import expect

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD


def test_a_policy_member_adopts_an_idea_and_its_supporter_sees_what_became_of_it(site, open_browser, api, make_user):
    admin, owner, moderator = make_user("admins"), make_user(name="mj-owner"), make_user("moderators")
    policy, supporter = make_user("policy", name="mj-policy"), make_user(name="mj-supporter")
    policy_id = json.loads(api.get("/me", user=policy).body)["id"]
    assert api.put(f"/policy-team/{policy_id}/areas", user=admin, json_body={"areas": ["health"]}).status_code == 200
    title = f"Free parking for NHS night staff {uuid.uuid4().hex[:6]}"
    campaign = open_campaign(api, owner, moderator, area="health", title=title)
    assert api.put(f"/campaigns/{campaign['id']}/support", user=supporter, json_body=CONSENT).status_code == 200
    path = f"/c/{campaign['slug']}"

    member = open_browser()
    page = member.page
    sign_in(member, site, policy.email, path, password=PASSWORD)
    for stage, note in (("Shortlisted", "We are costing free parking at every NHS trust."),
                        ("In the draft manifesto", "It is in the draft manifesto going to conference."),
                        ("Adopted", "Adopted: free parking for night staff, page 12.")):
        form = page.get_by_role("region", name="Move this idea for the manifesto")
        expect(form).to_be_visible()
        form.get_by_label("Stage").select_option(label=stage)
        form.get_by_label(re.compile("A public note")).fill(note)
        with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/manifesto")) as sent:
            form.get_by_role("button", name="Move it").click()
        assert sent.value.headers.get("if-match"), "the move is sent with the version the page read"
        page.wait_for_url(re.compile(r"moved="))
        expect(page.get_by_role("region", name=f"For the manifesto: {stage}")).to_contain_text(note)
    expect(page.get_by_role("region", name="Move this idea for the manifesto").get_by_label("Stage")).to_have_text(
        "Not taken forward")  # all that is left after adopted
    assert _serious_violations(page) == []  # the timeline and the form, as the policy member sees them
    assert not member.errors, member.errors

    reader = open_browser(width=390, height=844)
    sign_in(reader, site, supporter.email, path, password=PASSWORD)
    timeline = reader.page.get_by_role("region", name="For the manifesto: Adopted")
    expect(timeline.locator("ol.timeline > li")).to_have_count(3)
    expect(timeline.locator("ol.timeline > li").first).to_contain_text("Shortlisted")
    expect(timeline.locator("ol.timeline > li").last).to_contain_text("Adopted: free parking for night staff, page 12.")
    expect(reader.page.get_by_role("region", name="Move this idea for the manifesto")).to_be_hidden()

    timeline.get_by_role("link", name=re.compile("You said, we did")).click()
    reader.page.wait_for_url(re.compile(r"/manifesto$"))
    expect(reader.page.get_by_role("heading", level=1)).to_have_text("You said, we did")
    adopted = reader.page.get_by_role("region", name="Adopted")
    expect(adopted.get_by_role("link", name=title)).to_be_visible()
    areas = reader.page.get_by_role("navigation", name="Policy areas")
    areas.get_by_role("link", name="Health and social care").click()
    reader.page.wait_for_url(re.compile(r"area=health"))
    expect(reader.page.get_by_role("region", name="Adopted").get_by_role("link", name=title)).to_be_visible()
    expect(reader.page.get_by_role("region", name="Adopted")).to_contain_text("page 12")
    assert _serious_violations(reader.page) == []  # "You said, we did" at phone width
    assert reader.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not reader.errors, reader.errors
