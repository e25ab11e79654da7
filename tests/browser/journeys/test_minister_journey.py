"""A minister's part, clicked from the home page (issue 27, 'Must show'): from Your space to their inbox,
where every open campaign of their portfolio is listed by area, not answered first; they open one,
write an answer, read it as supporters will, publish it, and find the form folded away and the
inbox saying it is answered, in a party's words ('The minister for Foreign affairs replied'). A code
mistyped from their authenticator app is said to be the app's."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import open_campaign
from tests.browser.journeys.power_steps import VIEWPORTS, Journey, reveal
from tests.conftest import PASSWORD

AREA = "Foreign affairs"  # few other tests open campaigns here, so the minister's list stays short


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_minister_answers_from_the_inbox(site, open_browser, api, make_user, viewport):
    tag = uuid.uuid4().hex[:6]
    minister = make_user("ministers", name="minj")
    person_id = api.get("/me", user=minister).json_body["id"]
    given = api.put(f"/ministers/{person_id}/portfolio", user=make_user("admins", name="minj-admin"),
                    json_body={"areas": ["foreign-affairs"]})
    assert given.status_code == 200, given.body
    campaign = open_campaign(api, make_user(name="minj-owner"), make_user("moderators", name="minj-mod"),
                             area="foreign-affairs", title=f"Visas for visiting scholars in a week {tag}")
    site.deliver_events()

    journey = Journey(open_browser(*viewport), site, "minister", viewport[0])
    page = journey.page
    journey.home()
    journey.sign_in(minister.email, PASSWORD, mistype_the_code=True)  # the app's words for it
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
