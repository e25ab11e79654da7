"""Issue 27's policy team member, by clicking from the home page at desktop and phone width: they
find the consultations from the header, open one in the only area they steer (with plain date
fields), find it again by searching for its question, follow an idea that answers it, move the idea
for the manifesto (its author hears it by email), and close the consultation with what they heard.
The answering idea is started and approved through the API: the author's and moderator's journeys
click those."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import create, decide, submit
from tests.browser.journeys.hearing_steps import SIZES, Clicking
from tests.conftest import PASSWORD

AREA, AREA_NAME = "health", "Health and social care"


@pytest.fixture(scope="module")
def others(api, make_user):
    return {"admin": make_user("admins", name="policy-j-admin"),
            "moderator": make_user("moderators", name="policy-j-mod")}


@pytest.mark.parametrize("width,height,label", SIZES)
def test_a_policy_member_asks_finds_steers_and_closes(site, open_browser, api, make_user, others, width, height, label):
    member, author = make_user("policy", name=f"policy-j-{label}"), make_user(name=f"policy-j-author-{label}")
    member_id = json.loads(api.get("/me", user=member).body)["id"]
    given = api.put(f"/policy-team/{member_id}/areas", user=others["admin"], json_body={"areas": [AREA]})
    assert given.status_code == 200, given.body
    tag = uuid.uuid4().hex[:6]
    question = f"How could hospital parking be fairer for {tag} visitors?"
    me = Clicking(site, open_browser(width=width, height=height), "policy-team", label)
    page = me.page

    # Signing in takes them to their work, the canvass; the header's tools name it and the form.
    me.sign_in(member.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/canvass$"))
    tools = page.locator("header").get_by_role("navigation", name="Your tools")
    expect(tools.get_by_role("link", name="The canvass", exact=True)).to_be_visible()
    expect(tools.get_by_role("link", name="Open a consultation", exact=True)).to_be_visible()
    me.seen("landed-on-canvass")

    # From the header to the consultations, and to the form, which offers only their own area.
    me.header("Consultations")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultations")
    me.seen("consultations")
    me.click("Open a consultation")
    area = page.get_by_label("Policy area")
    expect(area.locator("option")).to_have_text([AREA_NAME])
    page.get_by_label("Question").fill(question)
    page.get_by_label("Brief").fill("Tell us what would make parking fair for patients, visitors and staff.")
    expect(page.get_by_label("Opens on")).to_have_value(date.today().isoformat())  # today: open at once
    page.get_by_label("Closes on").fill((date.today() + timedelta(days=7)).isoformat())
    me.seen("new-consultation")
    page.get_by_role("button", name="Open the consultation").click()
    page.wait_for_url(re.compile(r"/consultations/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    consultation_id = page.url.rsplit("/", 1)[1]
    me.seen("consultation-opened")

    # Someone answers it with a campaign (their own journey clicks that); a moderator approves it.
    idea = create(api, author, area=AREA, consultation_id=consultation_id,
                  title=f"Free parking for carers {tag}")
    decide(api, others["moderator"], submit(api, author, idea), "approve")
    site.deliver_events()  # the search index follows the tables' streams

    # They find the consultation again by its words, from the header's search box.
    me.home()
    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill(f"hospital parking {tag}")
    search.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search\?"))
    me.seen("search")
    me.click(question, within=page.locator("main"))
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    page.reload()  # public pages are cached for 30 s; a reload asks again, as a person would
    expect(page.get_by_text("1 idea, 0 supports.")).to_be_visible()

    # The idea names its consultation; they shortlist it, and its author hears.
    me.click(idea["title"], within=page.locator("main"))
    expect(page.get_by_role("link", name=question)).to_be_visible()
    me.seen("idea")
    steer = page.get_by_role("region", name="Move this idea for the manifesto")
    steer.get_by_label("Stage").select_option(label="Shortlisted")
    steer.get_by_label(re.compile("A public note")).fill("We are costing free parking for carers at every trust.")
    steer.get_by_role("button", name="Move it").click()
    page.wait_for_url(re.compile(r"moved="))
    expect(page.get_by_role("region", name="For the manifesto: Shortlisted")).to_be_visible()
    me.seen("idea-shortlisted")
    site.deliver_events()
    email = me.mail(author.email, "Shortlisted")
    expect(email.get_by_role("heading")).to_contain_text(idea["title"])
    expect(email).to_contain_text("costing free parking for carers")
    me.seen("mail-author-hears")

    # Back to the consultation, from the home page, and closed with what they heard.
    me.home()
    me.header("Consultations")
    me.click(question, within=page.locator("main"))
    close = page.get_by_role("region", name="Close it and publish what you heard")
    close.get_by_label(re.compile("The summary")).fill("You asked for free parking for carers; we are costing it.")
    close.get_by_role("button", name="Close and publish").click()
    page.wait_for_url(re.compile(r"closed=1"))
    expect(page.get_by_role("region", name="What the policy team heard")).to_contain_text("free parking for carers")
    me.seen("consultation-closed")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not me.watched.errors, me.watched.errors
