"""What people do: read a campaign, sign in, support it, reply; a minister answers it."""

from __future__ import annotations

import json
import re
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

GP = "/c/guarantee-a-gp-appointment-within-a-week"  # demo: health, open, by Ben
ANSWER_FORM = "Answer as the minister for Health and social care"


def _count(page) -> int:
    return int(page.locator(".support [data-count]").inner_text().replace(",", ""))


def test_reading_a_campaign_needs_no_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(GP))
    expect(page.get_by_role("heading", level=1)).to_have_text("Guarantee a GP appointment within a week")
    expect(page.get_by_text("Started by")).to_contain_text("Ben Hughes")
    expect(page.get_by_role("heading", name="The case")).to_be_visible()
    assert _count(page) >= 315
    expect(page.locator("progress#progress")).to_have_attribute("max", "1000")
    expect(page.locator("#support-form")).to_be_hidden()  # a form that cannot work is not offered
    context.close()


def test_a_citizen_signs_in_supports_and_sees_the_count_move(site, open_browser):
    watched = open_browser()
    page = watched.page
    page.goto(site.url(GP))
    before = _count(page)
    page.get_by_role("button", name="Support this campaign").click()  # not signed in yet: off to sign in
    page.wait_for_url(re.compile(r"/sign-in\?next="))
    sign_in(watched, site, "chloe@example.org", GP)

    consent = page.get_by_label(re.compile("keeps my support"))
    expect(consent).not_to_be_checked()
    with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/support")) as sent:
        consent.check()
        page.get_by_role("button", name="Support this campaign").click()
    agreed_to = page.request.get(site.url("/consent/support")).json()["version"]
    assert json.loads(sent.value.post_data or "{}").get("consent_version") == agreed_to, "the wording shown is sent"
    expect(page.locator("#support-status")).to_contain_text("your support is counted")

    site.deliver_events()  # the counters' stream, as in AWS within seconds
    page.reload()
    assert _count(page) == before + 1
    expect(page.locator("progress#progress")).to_have_attribute("value", str(before + 1))
    assert not watched.errors, watched.errors


def test_support_is_not_sent_without_ticking_consent(site, open_browser):
    watched = open_browser()
    page = watched.page
    sign_in(watched, site, "ada@example.org", GP)
    sent = []
    page.on("request", lambda r: sent.append(r) if r.method == "PUT" else None)
    page.get_by_role("button", name="Support this campaign").click()
    page.wait_for_timeout(300)
    assert sent == []
    expect(page.get_by_label(re.compile("keeps my support"))).not_to_be_checked()


def test_a_citizen_replies_and_answers_a_reply(site, open_browser):
    watched = open_browser()
    page = watched.page
    sign_in(watched, site, "ada@example.org", GP)
    words = f"My surgery's wait is three weeks. ({uuid.uuid4().hex[:6]})"
    page.get_by_label("Your reply").fill(words)
    page.get_by_role("button", name="Post the reply").click()
    reply = page.locator("article.reply", has_text=words)
    expect(reply).to_be_visible()
    expect(reply).to_contain_text("Ada Okafor")

    answer = f"Mine too, in Cardiff. ({uuid.uuid4().hex[:6]})"
    reply.get_by_role("button", name="Reply to this").click()
    page.get_by_label("Your reply to Ada Okafor").fill(answer)
    page.get_by_role("button", name="Post the reply").click()
    first = page.locator("article.reply", has_text=words).locator("xpath=..")  # its <li> in the thread
    expect(first.locator(":scope > ol.thread > li > article.reply")).to_contain_text(answer)
    assert not watched.errors, watched.errors


def test_the_areas_minister_responds_and_everyone_sees_it(site, open_browser):
    minister = open_browser()
    page = minister.page
    sign_in(minister, site, "health.minister@example.org", GP)
    form = page.get_by_role("region", name=ANSWER_FORM)
    expect(form).to_be_visible()
    again = form.get_by_text("Answer again")
    if again.count():  # answered before (the demo world is shared): the form is folded away
        again.click()
    words = f"We will fund evening and weekend appointments from April. ({uuid.uuid4().hex[:6]})"
    form.get_by_label("Your stance").select_option("accepted")
    form.get_by_label("Your answer", exact=True).fill(words)
    form.get_by_role("button", name="Preview the answer").click()
    form.get_by_role("button", name="Publish the answer").click()
    page.wait_for_url(re.compile(r"answered=1"))

    reader = open_browser(width=390, height=844)  # someone else, on a phone, not signed in
    reader.page.goto(site.url(GP))
    response = reader.page.get_by_role("region", name="The minister for Health and social care replied")
    expect(response).to_contain_text("accepted")
    expect(response).to_contain_text("Dr Rosa Evans")
    expect(response).to_contain_text(words)
    expect(reader.page.get_by_role("region", name=ANSWER_FORM)).to_be_hidden()

    reader.page.goto(site.url("/people/health-minister"))
    expect(reader.page.get_by_role("region", name="Portfolio")).to_contain_text("Health and social care")
    expect(reader.page.get_by_role("region", name="Official responses")).to_contain_text(
        "Guarantee a GP appointment within a week")
    record = reader.page.get_by_role("region", name=re.compile("Record on campaigns past"))
    for figure in ("Answered", "Waiting for an answer", "Overdue", "Median time to answer"):
        expect(record).to_contain_text(figure)
    assert not minister.errors and not reader.errors, (minister.errors, reader.errors)


def test_another_areas_minister_is_not_offered_the_response_form(site, open_browser):
    watched = open_browser()
    sign_in(watched, site, "transport.minister@example.org", GP)
    watched.page.wait_for_timeout(300)  # the page asked /me and decided
    expect(watched.page.get_by_role("region", name=ANSWER_FORM)).to_be_hidden()


def test_a_reader_follows_a_campaign_without_supporting_it_and_can_stop(site, open_browser, make_user):
    watched = open_browser()
    page = watched.page
    sign_in(watched, site, make_user(name="follow-reader").email, GP, password=PASSWORD)
    campaign_id = page.locator("[data-campaign-id]").get_attribute("data-campaign-id")
    followed = ("async () => (await window.Labourspace.api('GET', '/me/campaigns?relation=followed&limit=100'))"
                ".data.items.map(c => c.id)")

    page.get_by_role("button", name="Follow its updates").click()
    expect(page.locator("#follow-status")).to_contain_text("Following")
    expect(page.get_by_role("button", name="Stop following")).to_have_attribute("aria-pressed", "true")
    assert campaign_id in page.evaluate(followed)

    page.get_by_role("button", name="Stop following").click()
    expect(page.locator("#follow-status")).to_contain_text("no longer follow")
    assert campaign_id not in page.evaluate(followed)
    assert watched.errors == []


def test_following_before_the_page_knows_your_state_is_not_undone_by_its_late_answer(site, open_browser, make_user):
    """The page asks who you are on this campaign as it loads; on a slow line you may press Follow
    first. The older answer (not following) must not turn the button back."""
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, make_user(name="follow-early").email, "/", password=PASSWORD)
    held: list = []
    page.route(re.compile(r".*/me/campaigns/[^/?]+$"), lambda route: held.append(route))
    page.goto(site.url(GP))
    expect(page.locator("#follow-form")).to_have_attribute("aria-busy", "true")

    page.get_by_role("button", name="Follow its updates").click()
    expect(page.get_by_role("button", name="Stop following")).to_have_attribute("aria-pressed", "true")
    for route in held:
        route.continue_()  # the answer asked for before the click: following false
    expect(page.locator("#follow-form")).to_have_attribute("aria-busy", "false")
    expect(page.get_by_role("button", name="Stop following")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Stop following").click()
    expect(page.locator("#follow-status")).to_contain_text("no longer follow")
    assert watched.errors == []
