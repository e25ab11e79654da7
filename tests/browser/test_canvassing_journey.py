"""Canvassing for the manifesto, end to end in the browser, as the people in it live it:
a policy member opens a consultation; a citizen answers it with a campaign; a supporter backs the
idea from their phone; the policy member shortlists it, drafts it in, adopts it and closes the consultation with
a summary; the supporter hears each step in their feed, sees the timeline on the campaign page and
finds the idea on /manifesto ("You said, we did")."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.api.campaign_helpers import decide, submit
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}


def _open_consultation(page, question: str) -> str:
    area = page.get_by_label("Policy area")
    expect(area.locator("option")).to_have_text(["Health and social care"])  # only the member's own area
    area.select_option("health")
    page.get_by_label("Question").fill(question)
    page.get_by_label("Brief").fill("Tell us what would shorten the wait for a first appointment.")
    expect(page.get_by_label("Opens on")).to_have_value(date.today().isoformat())  # today: open at once
    expect(page.get_by_label("Closes on")).to_have_value((date.today() + timedelta(days=42)).isoformat())
    page.get_by_label("Closes on").fill((date.today() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Open the consultation").click()
    page.wait_for_url(re.compile(r"/consultations/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    return page.url


def _answer_with_a_campaign(answering, site, citizen, consultation_url: str, question: str, title: str) -> str:
    page = answering.page
    cid = consultation_url.rsplit("/", 1)[1]
    page.goto(consultation_url)
    page.get_by_role("link", name="Answer this with a campaign").click()
    page.wait_for_url(re.compile(rf"/start\?consultation={cid}$"))
    sign_in(answering, site, citizen.email, f"/start?consultation={cid}", password=PASSWORD)
    expect(page.locator(".answering")).to_contain_text(question)
    assert _serious_violations(page) == []
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("GP surgeries should open until 9pm twice a week.")
    page.get_by_label("The case").fill("Working people cannot take mornings off to see a doctor. " * 2)
    with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/campaigns")) as sent:
        page.get_by_role("button", name="Save as a draft").click()
    assert json.loads(sent.value.post_data or "{}")["consultation_id"] == cid
    expect(page.locator("#form-status")).to_contain_text("Saved as a draft")
    return page.url.split("/my/campaigns/")[1].split("/")[0]


def _move(page, stage: str, note: str) -> None:
    form = page.get_by_role("region", name="Move this idea for the manifesto")
    expect(form).to_be_visible()
    form.get_by_label("Stage").select_option(label=stage)
    form.get_by_label(re.compile("A public note")).fill(note)
    with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/manifesto")) as sent:
        form.get_by_role("button", name="Move it").click()
    assert sent.value.headers.get("if-match"), "the move is sent with the version the page read"
    page.wait_for_url(re.compile(r"moved="))
    expect(page.get_by_role("region", name=f"For the manifesto: {stage}")).to_contain_text(note)


def test_an_idea_goes_from_a_consultation_to_the_manifesto_and_its_supporter_sees_it(
        site, open_browser, browser, api, make_user):
    admin, policy = make_user("admins", name="canvass-admin"), make_user("policy", name="canvass-policy")
    citizen, moderator = make_user(name="canvass-citizen"), make_user("moderators", name="canvass-mod")
    supporter = make_user(name="canvass-supporter")
    policy_id = json.loads(api.get("/me", user=policy).body)["id"]
    assert api.put(f"/policy-team/{policy_id}/areas", user=admin, json_body={"areas": ["health"]}).status_code == 200
    tag = uuid.uuid4().hex[:6]
    question, title = f"How should we cut NHS waiting lists? {tag}", f"Evening GP clinics twice a week {tag}"

    # The policy member asks.
    member = open_browser()
    page = member.page
    sign_in(member, site, policy.email, "/consultations/new", password=PASSWORD)
    consultation_url = _open_consultation(page, question)
    expect(page.get_by_role("region", name="Close it and publish what you heard")).to_be_visible()
    assert _serious_violations(page) == []

    # A citizen answers; the moderators approve it (their own journey is tested elsewhere).
    answering = open_browser()
    campaign_id = _answer_with_a_campaign(answering, site, citizen, consultation_url, question, title)
    draft = json.loads(api.get(f"/campaigns/{campaign_id}", user=citizen).body)
    assert (draft["consultation_id"], draft["area"]) == (consultation_url.rsplit("/", 1)[1], "health")
    decide(api, moderator, submit(api, citizen, draft), "approve")

    # A supporter finds it on the consultation's page, on their phone, and backs it.
    backing = open_browser(**PHONE)
    phone = backing.page
    sign_in(backing, site, supporter.email, consultation_url.replace(site.base, ""), password=PASSWORD)
    expect(phone.get_by_role("region", name="Close it and publish what you heard")).to_be_hidden()
    phone.get_by_role("link", name=title).click()
    phone.wait_for_url(re.compile(r"/c/"))
    campaign_path = phone.url.replace(site.base, "")
    phone.get_by_label(re.compile("keeps my support")).check()
    phone.get_by_role("button", name="Support this campaign").click()
    expect(phone.locator("#support-status")).to_contain_text("your support is counted")
    site.deliver_events()  # the count first, so the fan-out finds the supporter's shard

    # The policy member takes it to the manifesto, from its page, then closes the consultation.
    page.goto(consultation_url)
    page.reload()  # public pages are cached for 30 s; a reload asks again, as a person would
    expect(page.get_by_text("1 idea, 1 support.")).to_be_visible()
    page.get_by_role("link", name=title).click()
    page.wait_for_url(re.compile(r"/c/"))
    _move(page, "Shortlisted", "We are costing evening clinics in every integrated care board.")
    _move(page, "In the draft manifesto", "It is in the draft manifesto going to conference.")
    _move(page, "Adopted", "Adopted: evening GP clinics, page 12 of the manifesto.")
    expect(page.get_by_role("region", name="Move this idea for the manifesto").get_by_label("Stage")).to_have_text(
        "Not taken forward")  # all that is left after adopted
    assert _serious_violations(page) == []
    page.goto(consultation_url)
    close = page.get_by_role("region", name="Close it and publish what you heard")
    close.get_by_label(re.compile("The summary")).fill("You asked for GPs open in the evening; it is in the manifesto.")
    close.get_by_role("button", name="Close and publish").click()
    page.wait_for_url(re.compile(r"closed=1"))
    expect(page.get_by_role("region", name="What the policy team heard")).to_contain_text("GPs open in the evening")
    expect(page.get_by_role("region", name="Close it and publish what you heard")).to_have_count(0)
    site.deliver_events()  # the close's event, its per-idea events, the fan-out: as AWS would within seconds

    # The supporter hears each step, sees the timeline and finds the idea on /manifesto.
    phone.goto(site.url("/my/feed"))
    feed = phone.locator("#feed > li")
    expect(feed.filter(has_text="page 12 of the manifesto")).to_contain_text("The manifesto")
    expect(feed.filter(has_text="costing evening clinics")).to_contain_text("The manifesto")
    expect(feed.filter(has_text="going to conference")).to_contain_text("The manifesto")
    expect(feed.filter(has_text="GPs open in the evening")).to_contain_text("Consultation closed")
    link = feed.filter(has_text="page 12 of the manifesto").get_by_role("link", name=title)
    assert link.get_attribute("href").endswith(campaign_path)  # the site's public address, not this test server's
    phone.goto(site.url(campaign_path))
    phone.reload()  # it was read a moment ago, and public pages are cached for 30 s
    timeline = phone.get_by_role("region", name="For the manifesto: Adopted")
    expect(timeline.locator("ol.timeline > li")).to_have_count(3)
    expect(timeline.locator("ol.timeline > li").first).to_contain_text("Shortlisted")
    expect(timeline.locator("ol.timeline > li").last).to_contain_text("page 12 of the manifesto")
    expect(phone.get_by_role("region", name="Move this idea for the manifesto")).to_be_hidden()
    timeline.get_by_text("How it got here").click()  # the timeline is folded under the outcome
    timeline.get_by_role("link", name=re.compile("You said, we did")).click()
    phone.wait_for_url(re.compile(r"/manifesto$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("You said, we did")
    expect(phone.get_by_role("region", name="Adopted").get_by_role("link", name=title)).to_be_visible()
    phone.get_by_role("navigation", name="Policy areas").get_by_role("link", name="Health and social care").click()
    phone.wait_for_url(re.compile(r"area=health"))
    expect(phone.get_by_role("region", name="Adopted").get_by_role("link", name=title)).to_be_visible()
    assert _serious_violations(phone) == []  # "You said, we did" at phone width
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not backing.errors, backing.errors

    # The consultation's page reads without JavaScript: the summary and the idea.
    reader = browser.new_context(java_script_enabled=False)
    plain = reader.new_page()
    plain.goto(consultation_url)
    expect(plain.get_by_role("link", name=title)).to_be_visible()
    expect(plain.get_by_text("What the policy team heard")).to_be_visible()
    reader.close()
    assert not member.errors, member.errors
    assert not answering.errors, answering.errors
