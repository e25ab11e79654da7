"""The Must-show journey of issue 29, in Welsh at phone width, against the real Welsh catalogue: a
visitor switches to Cymraeg, joins (the code email in Welsh, read in /dev/mailbox), supports a
campaign, and reads a minister's response notice in Welsh in their feed. axe checks each page, its
`lang` included. The words the test looks for are the catalogue's own, so a translator's change to
them does not break it."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from chalicelib import messages
from tests.browser.my_space_helpers import open_campaign
from tests.browser.test_account_journey import FIRST_PASSWORD, Journey, _code

PHONE = (390, 844)


def cy(words: str, context: str | None = None) -> str:
    welsh = messages.translations("cy")
    said = welsh.pgettext(context, words) if context else welsh.gettext(words)
    assert said != words, f"no Welsh for {words!r}"
    return said


def _minister_responds(campaign_id: str, sub: str) -> None:
    from chalicelib.domain.identity import Caller, Role
    from chalicelib.logic import people, responses
    from chalicelib.store import people as profiles
    from chalicelib.store.base import utcnow

    minister = Caller(id=sub, username=sub, roles=frozenset({Role.MINISTER}))
    profiles.ensure_person(minister)
    people.set_portfolio(sub, ["housing"])
    responses.give_response(minister, campaign_id, "accepted", "Byddwn yn adeiladu'r cartrefi hyn.", now=utcnow())


def test_a_visitor_lives_the_journey_in_welsh_on_a_phone(site, open_browser, make_user):
    author, moderator, minister = make_user(name="cy-author"), make_user("moderators", name="cy-mod"), \
        make_user("ministers", name="cy-minister")
    from chalicelib.domain.identity import Caller
    from chalicelib.store import people as profiles

    profiles.ensure_person(Caller(id=author.sub, username=author.sub))
    title = f"Tai fforddiadwy i Gaerdydd {uuid.uuid4().hex[:6]}"
    campaign_id, slug = open_campaign(author.sub, moderator.sub, title)

    journey = Journey(site, open_browser(*PHONE), "cymraeg")
    page = journey.page
    email = f"nia-cymraeg-{uuid.uuid4().hex[:8]}@example.org"

    # Switch to Cymraeg, from the home page's header.
    journey.go("/")
    with page.expect_navigation(url=site.url("/")):
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    assert page.evaluate("document.documentElement.lang") == "cy-GB"
    journey.accessible()

    # Join, in Welsh; the code arrives in a Welsh email.
    page.get_by_role("link", name=cy("Join"), exact=True).click()
    page.wait_for_url(site.url("/join"))
    page.get_by_label(cy("Your name, as others will see it")).fill("Nia Gymraes")
    page.get_by_label(cy("Email address")).fill(email)
    page.get_by_label(cy("Choose a password")).fill(FIRST_PASSWORD)
    journey.shot("ymuno")
    journey.accessible()
    page.get_by_role("button", name=cy("Create my account")).click()
    mail = journey.mail(email, cy("Your Labourspace code", "email.join_code.subject"))
    assert mail["text"].startswith(cy("Your Labourspace code is %(code)s. Type it where you were asked for it, to "
                                      "finish joining. It works for 24 hours.\n\nIf you did not ask for this, "
                                      "ignore this email: nothing changes without it.",
                                      "email.join_code.text").split("%(code)s")[0])
    page.get_by_label(cy("The code from the email")).fill(_code(mail))
    page.get_by_role("button", name=cy("Confirm my email")).click()
    page.wait_for_url(re.compile(r"/my/profile\?welcome=1$"))
    assert page.evaluate("document.documentElement.lang") == "cy-GB"
    journey.accessible()

    # Support the campaign.
    journey.go(f"/c/{slug}")
    page.locator("#consent").check()
    page.get_by_role("button", name=cy("Support this campaign")).click()
    expect(page.locator("#support-status")).to_contain_text(
        cy("Thank you: your support is counted. The total everyone sees updates within seconds.")[:20])
    journey.shot("cefnogi")
    journey.accessible()

    # A minister answers; the notice reaches their feed, in Welsh.
    _minister_responds(campaign_id, minister.sub)
    site.deliver_events()
    journey.go("/my/feed")
    notice = cy("The minister replied: %(campaign)s", "update.response.title") % {"campaign": title}
    expect(page.locator("#feed")).to_contain_text(notice)
    journey.shot("ymateb")
    journey.accessible()
    assert journey.watched.errors == []
