"""A minister's part, clicked from the home page (issue 27, 'Must show'): from Your space to their inbox,
where every open campaign of their portfolio is listed by area, not answered first; they open one,
write an answer, read it as supporters will, publish it, and find the form folded away and the
inbox saying it is answered, in a party's words ('The minister for Foreign affairs replied'). A code
mistyped from their authenticator app is said to be the app's. Given a portfolio, they are subscribed
to its alerts at their sign-in email without choosing anything: Your space shows how many campaigns wait
on them, their notifications page shows the alerts ticked, and the local mailbox holds the alert sent
when a campaign passed the (lowered) response threshold."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.browser.journeys.power_steps import VIEWPORTS, Journey, reveal, waiting_count
from tests.conftest import PASSWORD

AREA = "Foreign affairs"  # few other tests open campaigns here, so the minister's list stays short
DEFAULT_ALERTS = ["A campaign waits for your response", "A response is overdue", "A reply on a campaign you answered",
                  "The daily digest"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_minister_answers_from_the_inbox(site, open_browser, api, make_user, response_threshold, viewport):
    response_threshold(1)  # one supporter puts a campaign in the inbox, and alerts its minister
    tag = uuid.uuid4().hex[:6]
    minister = make_user("ministers", name="minj")
    person_id = api.get("/me", user=minister).json_body["id"]
    given = api.put(f"/ministers/{person_id}/portfolio", user=make_user("admins", name="minj-admin"),
                    json_body={"areas": ["foreign-affairs"]})
    assert given.status_code == 200, given.body
    moderator = make_user("moderators", name="minj-mod")
    campaign = open_campaign(api, make_user(name="minj-owner"), moderator,
                             area="foreign-affairs", title=f"Visas for visiting scholars in a week {tag}")
    passed = open_campaign(api, make_user(name="minj-owner2"), moderator, area="foreign-affairs",
                           title=f"Embassy help for stranded travellers {tag}")
    supported = api.put(f"/campaigns/{passed['id']}/support", user=make_user(name="minj-fan"), json_body=CONSENT)
    assert supported.status_code == 200, supported.body
    site.deliver_events()  # the count passes the threshold: into the inbox, and the alert is sent

    journey = Journey(open_browser(*viewport), site, "minister", viewport[0])
    page = journey.page
    journey.home()
    journey.sign_in(minister.email, PASSWORD, mistype_the_code=True)  # the app's words for it
    assert journey.path() == "/inbox"  # a minister lands where their work is
    expect(page.locator("#list > li", has_text=passed["title"])).to_contain_text("Answer it")

    # Your space says how much waits, and their alerts are on without their choosing.
    journey.click(page.locator("header").get_by_role("link", name="Your space", exact=True), "your space", "/my")
    assert waiting_count(page, "Your inbox") >= 1  # this one; a demo campaign may wait in the area too
    journey.click(page.locator("main").get_by_role("link", name="Notifications", exact=True), "notifications",
                  "/my/notifications")
    alerts = page.get_by_role("group", name="Your alerts as a minister, by email")
    for kind in DEFAULT_ALERTS:
        expect(alerts.get_by_label(kind)).to_be_checked()
    expect(alerts.get_by_label("A campaign opens in your areas")).not_to_be_checked()
    expect(page.locator("#email-state")).to_have_text(f"Email goes to {minister.email} (confirmed).")
    alert = journey.alert(person_id, f"Awaiting your response: {passed['title']}")
    assert f"/c/{passed['slug']}#respond" in alert

    journey.your_space("Your inbox", "/inbox")
    area = page.get_by_role("region", name=AREA)
    card = area.locator("li", has_text=campaign["title"])
    reveal(card, area.get_by_role("button", name=f"More in {AREA}"))
    expect(card).to_contain_text("not answered yet")

    journey.click(card.get_by_role("link", name=campaign["title"]), "the campaign",
                  re.compile(re.escape(f"/c/{campaign['slug']}")))
    form = page.get_by_role("region", name=f"Answer as the minister for {AREA}")
    words = f"We will ask the Home Office for a scholars' visa decided within a week. ({tag})"
    form.get_by_label("Your stance").select_option("accepted")
    form.get_by_label("Your answer", exact=True).fill(words)
    form.get_by_role("button", name="Preview the answer").click()
    preview = form.get_by_role("group", name="Your answer, as everyone will read it")
    expect(preview).to_contain_text(f"The minister for {AREA} replied")
    expect(preview).to_contain_text(words)
    journey.seen("preview")
    journey.click(form.get_by_role("button", name="Publish the answer"), "answered", re.compile(r"answered=1"))
    answer = page.get_by_role("region", name=f"The minister for {AREA} replied")
    expect(answer).to_contain_text(words)
    expect(answer).to_contain_text("Stance: accepted")
    expect(page.get_by_role("button", name="Preview the answer")).to_be_hidden()  # folded behind 'Answer again'
    expect(page.get_by_text("Answer again")).to_be_visible()

    journey.your_space("Your inbox", "/inbox")
    card = page.get_by_role("region", name=AREA).locator("li", has_text=campaign["title"])
    reveal(card, page.get_by_role("button", name=f"More in {AREA}"))
    expect(card).to_contain_text("answered: accepted")
    print(f"minister journey ({viewport[0]}px): {journey.finish():.1f} s, {len(journey.pages)} pages")
