"""A policy member opens a consultation from the form; a citizen answers it from the consultation's
page with a campaign; once approved, the idea is on the consultation's page, which reads without
JavaScript."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.api.campaign_helpers import decide, submit
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD


def test_a_policy_member_asks_and_a_citizen_answers(site, open_browser, browser, api, make_user):
    admin, policy = make_user("admins", name="journey-admin"), make_user("policy", name="journey-policy")
    citizen, moderator = make_user(name="journey-citizen"), make_user("moderators", name="journey-mod")
    policy_id = json.loads(api.get("/me", user=policy).body)["id"]
    assert api.put(f"/policy-team/{policy_id}/areas", user=admin, json_body={"areas": ["health"]}).status_code == 200

    asking = open_browser()
    page = asking.page
    sign_in(asking, site, policy.email, "/consultations/new", password=PASSWORD)
    question = f"How should we cut NHS waiting lists? {uuid.uuid4().hex[:4]}"
    page.get_by_label("Policy area").select_option("health")
    page.get_by_label("Question").fill(question)
    page.get_by_label("Brief").fill("Tell us what would shorten the wait for a first appointment.")
    page.get_by_label("Opens").fill("2020-01-01T09:00")
    page.get_by_label("Closes").fill("2020-01-02T09:00")  # in the past: the API says which field
    page.get_by_role("button", name="Open the consultation").click()
    expect(page.locator("#form-status")).to_contain_text("closes_at")
    local = "%Y-%m-%dT%H:%M"  # what a datetime-local field takes: the browser's local time, as here
    page.get_by_label("Opens").fill((datetime.now() - timedelta(days=1)).strftime(local))
    page.get_by_label("Closes").fill((datetime.now() + timedelta(days=30)).strftime(local))
    page.get_by_role("button", name="Open the consultation").click()
    page.wait_for_url(re.compile(r"/consultations/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    assert _serious_violations(page) == []
    consultation_url = page.url
    cid = consultation_url.rsplit("/", 1)[1]

    answering = open_browser()
    page = answering.page
    page.goto(consultation_url)
    page.get_by_role("link", name="Answer this with a campaign").click()
    page.wait_for_url(re.compile(rf"/start\?consultation={cid}$"))
    sign_in(answering, site, citizen.email, f"/start?consultation={cid}", password=PASSWORD)
    expect(page.locator(".answering")).to_contain_text(question)
    assert _serious_violations(page) == []
    title = f"Evening GP clinics twice a week {uuid.uuid4().hex[:4]}"
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("GP surgeries should open until 9pm twice a week.")
    page.get_by_label("The case").fill("Working people cannot take mornings off to see a doctor. " * 2)
    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/campaigns")) as sent:
        page.get_by_role("button", name="Save as a draft").click()
    assert json.loads(sent.value.post_data or "{}")["consultation_id"] == cid
    expect(page.locator("#form-status")).to_contain_text("Saved as a draft")
    campaign_id = page.url.split("/my/campaigns/")[1].split("/")[0]
    draft = json.loads(api.get(f"/campaigns/{campaign_id}", user=citizen).body)
    assert (draft["consultation_id"], draft["area"]) == (cid, "health")
    submit(api, citizen, draft)
    decide(api, moderator, draft, "approve")

    reader = browser.new_context(java_script_enabled=False)
    plain = reader.new_page()
    plain.goto(consultation_url)
    expect(plain.get_by_role("link", name=title)).to_be_visible()
    expect(plain.get_by_text("1 idea, 0 supports.")).to_be_visible()
    reader.close()
    # The dates refused on purpose above are the browser's one logged 400; nothing else went wrong.
    unexpected = [e for e in asking.errors + answering.errors if "status of 400" not in e]
    assert unexpected == [], unexpected
