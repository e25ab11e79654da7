"""Issue 27's author, by clicking from the home page at desktop and phone width: they start a
campaign and send it to the moderators; they hear it needs changes, with the moderator's reason, in
their feed and by email; they change it and send it again; they hear it is open; they answer in its
discussion, edit what they said, and hear when someone answers them; they hear a minister's answer and
read it on the campaign's page; they tell their supporters some news there, and close the campaign.
Others' parts (the moderator's decisions, the minister's answer, a reader's reply) are done through
the API: their own journeys click them."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import decide
from tests.browser.journeys.hearing_steps import SIZES, Clicking
from tests.conftest import PASSWORD

AREA, AREA_NAME = "culture", "Culture, media and sport"
REASON = "Please say which venues you mean, and who would pay."


@pytest.fixture(scope="module")
def others(api, make_user):
    """The people whose acts the author hears of: a moderator, a minister for AREA, a reader."""
    admin, minister = make_user("admins", name="author-j-admin"), make_user("ministers", name="author-j-minister")
    minister_id = json.loads(api.get("/me", user=minister).body)["id"]
    given = api.put(f"/ministers/{minister_id}/portfolio", user=admin, json_body={"areas": [AREA]})
    assert given.status_code == 200, given.body
    return {"moderator": make_user("moderators", name="author-j-mod"), "minister": minister,
            "reader": make_user(name="author-j-reader")}


def _to_my_campaign(me: Clicking, title: str) -> None:
    me.home()
    me.header("Your space")
    me.click("Your campaigns")
    me.click(title, within=me.page.locator("#list"))


@pytest.mark.parametrize("width,height,label", SIZES)
def test_an_author_hears_what_happens_to_their_campaign(site, open_browser, api, make_user, others,
                                                        width, height, label):
    author = make_user(name=f"author-j-{label}")
    me = Clicking(site, open_browser(width=width, height=height), "author", label)
    page = me.page
    title = f"Free entry to local museums {uuid.uuid4().hex[:6]}"

    me.sign_in(author.email, PASSWORD)
    me.seen("home-signed-in")
    me.header("Start a campaign")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("Every local museum should be free to enter, as the national ones are.")
    page.get_by_label("The case").fill("Families on low pay never see their own town's history.\n"
                                       "Free entry doubled visits to the national museums.")
    page.get_by_label("Policy area").select_option(AREA)
    me.seen("start")
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_url(re.compile(r"/my/campaigns/[^/]+/edit$"))
    campaign_id = page.url.split("/my/campaigns/")[1].split("/")[0]
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.locator("#form-status")).to_contain_text("Sent to the moderators")
    me.seen("sent")

    # A moderator asks for changes; the author hears why, by email and in their feed.
    decide(api, others["moderator"], {"id": campaign_id}, "reject", REASON)
    site.deliver_events()
    email = me.mail(author.email, f"Your campaign needs changes: {title}")
    expect(email).to_contain_text(REASON)
    expect(email).to_contain_text("List-Unsubscribe")  # and a one-click way to stop them
    me.seen("mail-rejected")
    me.home()
    me.header("Your space")
    me.click("Your feed")
    expect(page.locator("#feed > li").filter(has_text=title).first).to_contain_text(REASON)
    me.seen("feed-rejected")

    # They change it and send it again; it is approved, and they hear it is open.
    me.header("Your space")
    me.click("Your campaigns")
    expect(page.locator("#list li", has_text=title)).to_contain_text(REASON)
    me.click(title, within=page.locator("#list"))
    page.get_by_label("Summary").fill("Every council museum should be free to enter, paid for from the arts budget.")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator("#form-status")).to_contain_text("Saved as a draft")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.locator("#form-status")).to_contain_text("Sent to the moderators")
    me.seen("sent-again")
    decide(api, others["moderator"], {"id": campaign_id}, "approve", "Clear, costed and within the rules.")
    site.deliver_events()
    me.mail(author.email, f"Your campaign is open: {title}")
    me.seen("mail-approved")

    # On its page they answer a question; a reader answers them back, and they hear it.
    _to_my_campaign(me, title)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    discussion = page.get_by_role("region", name="Discussion")
    discussion.get_by_label("Your reply").fill("The arts council budget would pay: about 40p a head a year.")
    discussion.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_role("article", name=re.compile("Reply by"))).to_have_count(1)
    me.seen("campaign-replied")
    said = page.get_by_role("article", name=re.compile("Reply by"))
    said.get_by_role("button", name="Edit your reply").click()
    said.get_by_label("Your reply, edited").fill("The arts council budget would pay: about 40p a head a year, "
                                                 "less than a cup of tea.")
    said.get_by_role("button", name="Save the reply").click()
    page.wait_for_url(re.compile(r"edited="))
    expect(page.get_by_role("article", name=re.compile("Reply by"))).to_contain_text("less than a cup of tea")
    me.seen("reply-edited")
    [mine] = json.loads(api.get(f"/campaigns/{campaign_id}/replies").body)["items"]
    answered = api.post(f"/campaigns/{campaign_id}/replies", user=others["reader"],
                        json_body={"body": "Would that include the small volunteer-run ones?", "parent_id": mine["id"]})
    assert answered.status_code == 201, answered.body
    site.deliver_events()
    me.mail(author.email, f"Someone answered your reply: {title}")
    me.seen("mail-reply")

    # A minister answers the campaign; the author hears it and reads the answer on its page.
    response = api.post(f"/campaigns/{campaign_id}/response", user=others["minister"],
                        json_body={"stance": "considering", "body": "We are costing free entry with the councils."})
    assert response.status_code == 201, response.body
    site.deliver_events()
    me.mail(author.email, title)
    expect(page.locator("li.card").filter(has_text=re.compile("respon|replied", re.I)).filter(
        has_text=title).first).to_be_visible()
    me.seen("mail-answered")
    _to_my_campaign(me, title)
    page.reload()  # the public page is cached for 30 s; a reload asks again, as a person would
    expect(page.get_by_role("region", name=re.compile("minister for .* replied", re.I)).first).to_contain_text(
        "We are costing free entry with the councils.")
    me.seen("campaign-answered")

    # They tell their supporters some news, shown on the page too, then close the campaign.
    tools = page.get_by_role("region", name="Run this campaign")
    tools.get_by_label("Headline").fill("Three councils have said yes")
    tools.get_by_label("The news").fill("Leeds, Hull and York will open their museums free from April.")
    tools.get_by_role("button", name="Send the update").click()
    page.wait_for_url(re.compile(r"updated="))
    expect(page.get_by_role("region", name="Updates from the campaign")).to_contain_text(
        "Three councils have said yes")
    me.seen("update-sent")
    tools = page.get_by_role("region", name="Run this campaign")
    tools.get_by_label(re.compile("Why you are closing it")).fill("The minister is costing it: our work is done.")
    tools.get_by_role("button", name="Close the campaign", exact=True).click()
    tools.get_by_role("button", name="Yes, close it").click()
    page.wait_for_url(re.compile(r"closed=1"))
    expect(page.locator(".closed-line")).to_contain_text("It takes no more support or replies.")
    expect(page.get_by_role("button", name="Close the campaign", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Edit your reply")).to_have_count(0)  # a closed thread is kept as it was
    me.seen("campaign-closed")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not me.watched.errors, me.watched.errors
