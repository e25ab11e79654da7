"""The acts on a campaign's page that only the API could do before (issue 27, section 2): its owner tells
supporters some news and closes it; a reader edits and deletes their own reply, reports someone else's and
the campaign; a minister previews an answer, publishes it, and finds the form folded away. At phone and
desktop widths, axe clean, every control reached by clicking."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import open_campaign
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD


def _tag() -> str:
    return uuid.uuid4().hex[:6]


@pytest.fixture(scope="module")
def moderator(make_user):
    return make_user("moderators", name="acts-page-mod")


def test_an_owner_tells_supporters_some_news_then_closes_the_campaign(site, open_browser, api, make_user, moderator):
    owner = make_user(name="acts-page-owner")
    campaign = open_campaign(api, owner, moderator, title=f"Later buses on Sundays {_tag()}")
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, owner.email, "/my/campaigns", password=PASSWORD)
    page.get_by_role("link", name=campaign["title"]).click()
    tools = page.get_by_role("region", name="Run this campaign")
    expect(tools).to_be_visible()
    assert _serious_violations(page) == []
    tools.get_by_label("Headline").fill("We met the bus company")
    tools.get_by_label("The news").fill("They will look at Sunday timetables in March.\nCome to the meeting.")
    tools.get_by_role("button", name="Send the update").click()
    updates = page.get_by_role("region", name="Updates from the campaign")
    expect(updates).to_contain_text("We met the bus company")
    expect(updates.locator("p", has_text="Come to the meeting.")).to_be_visible()

    tools.get_by_role("button", name="Close the campaign").click()
    expect(tools.get_by_text("Close it now? Nobody can support it or reply after this.")).to_be_visible()
    tools.get_by_role("button", name="Keep it open").click()
    expect(tools.get_by_role("button", name="Yes, close it")).to_be_hidden()
    tools.get_by_role("button", name="Close the campaign").click()
    tools.get_by_role("button", name="Yes, close it").click()
    page.wait_for_url("**?closed=1")
    expect(page.locator(".kicker")).to_contain_text("closed")
    expect(page.get_by_role("button", name="Close the campaign")).to_have_count(0)
    expect(page.get_by_role("region", name="Run this campaign")).to_be_visible()  # updates may still go out
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not watched.errors, watched.errors


def test_nobody_else_is_offered_the_owners_tools(site, open_browser, api, make_user, moderator):
    campaign = open_campaign(api, make_user(name="acts-page-other-owner"), moderator,
                             title=f"Water fountains in parks {_tag()}")
    stranger = open_browser()
    sign_in(stranger, site, make_user(name="acts-page-stranger").email, f"/c/{campaign['slug']}", password=PASSWORD)
    stranger.page.wait_for_function("document.querySelector('article.reply, #report:not([hidden])') !== null")
    expect(stranger.page.get_by_role("region", name="Run this campaign")).to_be_hidden()


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_reader_edits_and_deletes_their_reply_and_reports_another_and_the_campaign(
        site, open_browser, api, make_user, moderator, size):
    campaign = open_campaign(api, make_user(name="acts-page-host"), moderator, title=f"Benches at bus stops {_tag()}")
    other = make_user(name="acts-page-rude")
    theirs = f"Buy cheap watches {_tag()}"
    assert api.post(f"/campaigns/{campaign['id']}/replies", user=other, json_body={"body": theirs}).status_code == 201
    reader = make_user(name="acts-page-reader")
    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, reader.email, f"/c/{campaign['slug']}", password=PASSWORD)
    mine = f"My stop has no bench at all. {_tag()}"
    page.get_by_label("Your reply", exact=True).fill(mine)
    page.get_by_role("button", name="Post the reply").click()
    reply = page.locator("article.reply", has_text=mine)
    expect(reply).to_be_visible()

    reply.get_by_role("button", name="Edit your reply").click()
    reply.get_by_label("Your reply, edited").fill(mine + " Nor does the next one.")
    assert _serious_violations(page) == []
    reply.get_by_role("button", name="Save the reply").click()
    edited = page.locator("article.reply", has_text="Nor does the next one.")
    expect(edited).to_contain_text("edited")

    edited.get_by_role("button", name="Delete your reply").click()
    edited.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_url("**?removed=*")
    expect(page.get_by_text("This reply was removed by its author.")).to_be_visible()
    expect(page.locator("article.reply", has_text="Nor does the next one.")).to_have_count(0)

    rude = page.locator("article.reply", has_text=theirs)
    expect(rude.get_by_role("button", name="Edit your reply")).to_have_count(0)
    rude.get_by_role("button", name="Report this reply").click()
    rude.get_by_label("What is wrong with this reply?").fill("Advertising, not a view on benches.")
    rude.get_by_role("button", name="Send the report").click()
    expect(rude.get_by_role("status")).to_have_text("Thank you: your report is with the moderators.")

    page.get_by_text("Report this campaign").click()
    report = page.get_by_role("region", name="Report this campaign")
    report.get_by_label("What is wrong with it?").fill("It is a copy of another campaign.")
    report.get_by_role("button", name="Send the report").click()
    expect(report.get_by_role("status")).to_have_text("Thank you: your report is with the moderators.")
    report.get_by_role("button", name="Send the report").click(force=True)  # disabled: sent once
    assert _serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    assert not watched.errors, watched.errors


@pytest.mark.parametrize("size", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_a_minister_previews_an_answer_publishes_it_and_the_form_folds_away(
        site, open_browser, api, make_user, moderator, size):
    admin, minister = make_user("admins", name="acts-page-admin"), make_user("ministers", name="acts-page-minister")
    me = api.get("/me", user=minister).json_body
    assert api.put(f"/ministers/{me['id']}/portfolio", user=admin, json_body={"areas": ["culture"]}).status_code == 200
    campaign = open_campaign(api, make_user(name="acts-page-arts"), moderator, area="culture",
                             title=f"Free entry to every museum {_tag()}")
    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, minister.email, "/inbox", password=PASSWORD)
    card = page.locator("#open-areas li", has_text=campaign["title"])
    expect(card).to_contain_text("not answered yet")
    card.get_by_role("link", name="Answer it").click()

    form = page.get_by_role("region", name="Answer as the minister for Culture, media and sport")
    expect(form).to_be_visible()
    words = f"We will make entry free from April. ({_tag()})\nEvery national museum first."
    form.get_by_label("Your stance").select_option("accepted")
    form.get_by_label("Your answer", exact=True).fill(words)
    form.get_by_role("button", name="Preview the answer").click()
    preview = form.get_by_role("group", name="Your answer, as everyone will read it")
    expect(preview).to_contain_text("The minister for Culture, media and sport replied")
    expect(preview).to_contain_text("Every national museum first.")
    assert _serious_violations(page) == []
    form.get_by_role("button", name="Change it").click()
    form.get_by_label("Your answer", exact=True).fill(words.replace("April", "May"))
    form.get_by_role("button", name="Preview the answer").click()
    form.get_by_role("button", name="Publish the answer").click()
    page.wait_for_url("**?answered=1#response-heading")

    answered = page.get_by_role("region", name="The minister for Culture, media and sport replied")
    expect(answered).to_contain_text("free from May")
    expect(answered).to_contain_text("Stance: accepted")
    expect(form.get_by_label("Your answer", exact=True)).to_be_hidden()  # folded away
    expect(form.get_by_text("Answer again")).to_be_visible()
    history = api.get(f"/campaigns/{campaign['id']}/responses").json_body["items"]
    assert len(history) == 1 and "May" in history[0]["body"]  # published once, as last previewed
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    assert not watched.errors, watched.errors
