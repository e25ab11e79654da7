"""The pages power users and organisers work on (issue 27, sections 2 and 6), at phone and desktop widths,
axe clean: the moderator's queue (whole campaigns, the open ones like them, reported words to hide or
restore), an admin giving a minister a portfolio from Your space, an organisation's admin taking someone
out and withdrawing an invitation, starting a campaign hosted by an organisation with similar campaigns
shown while the title is written, the canvass readable on a phone, your replies listed to delete, and an
authenticator's wrong code said as such."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import CONSENT_VERSION, create, open_campaign, submit
from tests.api.people_helpers import established
from tests.browser.conftest import DEMO_PASSWORD, sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD

SIZES = [pytest.param((390, 844), id="phone"), pytest.param((1280, 900), id="desktop")]


def _tag() -> str:
    return uuid.uuid4().hex[:6]


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _serious_violations(page) == []


@pytest.fixture(scope="module")
def cast(make_user) -> dict:
    return {"moderator": make_user("moderators", name="power-mod"), "admin": make_user("admins", name="power-admin"),
            "owner": make_user(name="power-owner")}


@pytest.mark.parametrize("size", SIZES)
def test_a_moderator_reads_a_copy_beside_the_original_and_hides_a_reported_reply(
        site, open_browser, api, make_user, cast, size):
    tag = _tag()
    original = open_campaign(api, cast["owner"], cast["moderator"], area="transport",
                             title=f"Free bus travel for apprentices {tag} under 25")
    site.deliver_events()  # into the search index
    copier = make_user(name="power-copier")
    copy = create(api, copier, area="transport", title=f"Free buses for apprentices {tag}",
                  body=f"Apprentices cannot afford the bus. {tag}\nThe second paragraph of the case, in full.")
    submit(api, copier, copy)
    words = f"Cheap watches at {tag}.example"
    reply = api.post(f"/campaigns/{original['id']}/replies", user=make_user(name="power-spammer"),
                     json_body={"body": words}).json_body
    reporter = established(api, make_user(name="power-reporter"))
    assert api.post("/reports", user=reporter, json_body={"target_type": "reply", "target_id": reply["id"],
                                                           "reason": "Advertising watches."}).status_code == 201

    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, cast["moderator"].email, "/moderate", password=PASSWORD)
    card = page.locator("#list > li", has_text=copy["title"])
    expect(card).to_contain_text("Transport · by")  # the area's name, not its id
    card.locator("summary", has_text="The case, in full").click()
    expect(card).to_contain_text("The second paragraph of the case, in full.")
    expect(card.get_by_role("link", name=original["title"])).to_have_attribute("href", f"/c/{original['slug']}")

    reported = page.locator("#reported > li", has_text=words)
    expect(reported.get_by_role("heading")).to_have_text(f"A reply on {original['title']}")
    expect(reported.get_by_role("link", name=original["title"])).to_have_attribute(
        "href", f"/c/{original['slug']}#reply-{reply['id']}")
    expect(reported).to_contain_text("Advertising watches.")
    expect(reported).to_contain_text("still shown")
    _fits(page, size[0])
    reported.get_by_role("button", name="Hide").click()
    expect(reported.get_by_role("status")).to_have_text("Give a reason of at least 5 characters first.")
    reported.get_by_label("Reason, kept in the audit record").fill("Advertising, against the house rules.")
    reported.get_by_role("button", name="Hide").click()
    expect(reported.get_by_role("status")).to_have_text("Hidden: only its author and moderators see it.")
    assert words not in api.get(f"/c/{original['slug']}").body.decode()
    assert not watched.errors, watched.errors


def test_an_admin_gives_a_minister_a_portfolio_from_their_space(site, open_browser, api, make_user, cast):
    minister = make_user("ministers", name="power-minister")
    handle = api.get("/me", user=minister).json_body["handle"]
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, cast["admin"].email, "/my", password=PASSWORD)
    page.get_by_role("link", name="Ministers and the policy team").click()
    page.get_by_label("Their handle").fill(f"@{handle}")
    page.get_by_role("button", name="Find them").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text(f"(@{handle})")
    expect(page.locator("#person-roles")).to_have_text("Roles: member, minister")
    expect(page.get_by_role("group", name="Policy areas: the ideas they steer")).to_be_hidden()  # not policy team
    portfolio = page.get_by_role("group", name="Portfolio: the areas they answer for")
    portfolio.get_by_label("Culture, media and sport").check()
    portfolio.get_by_label("Justice").check()
    _fits(page, 390)
    page.get_by_role("button", name="Save the portfolio").click()
    expect(page.locator("#portfolio-status")).to_have_text("Saved: the portfolio is Culture, media and sport, Justice.")
    assert api.get("/me", user=minister).json_body["portfolio"] == ["culture", "justice"]
    page.get_by_label("Their handle").fill("nobody-has-this-handle")
    page.get_by_role("button", name="Find them").click()
    expect(page.locator("#find-status")).not_to_be_empty()
    expect(page.locator("#person")).to_be_hidden()
    assert all("404" in e for e in watched.errors), watched.errors


def test_an_organisations_admin_removes_a_member_and_withdraws_an_invitation(site, open_browser, api, make_user):
    founder, member, invitee = (make_user(name=n) for n in ("power-founder", "power-member", "power-invitee"))
    org = f"power-{_tag()}"
    made = api.post("/organisations", user=founder, json_body={"handle": org, "name": "Power Branch"})
    assert made.status_code == 201, made.body
    handles = {}
    for who, user in (("member", member), ("invitee", invitee)):
        handles[who] = api.get("/me", user=user).json_body["handle"]
        assert api.post(f"/organisations/{org}/members", user=founder, json_body={"handle": handles[who]}).status_code \
            == 201
    assert api.post(f"/organisations/{org}/members/me/accept", user=member).status_code == 200

    watched = open_browser(1280, 900)
    page = watched.page
    sign_in(watched, site, founder.email, "/my/organisations", password=PASSWORD)
    people = page.get_by_role("region", name="Members and invitations of Power Branch")
    expect(people).to_contain_text(f"@{handles['member']} · member")
    expect(people).to_contain_text(f"@{handles['invitee']} · invited as a member")
    _fits(page, 1280)
    invited = people.locator("li", has_text=f"@{handles['invitee']}")
    invited.get_by_role("button", name="Withdraw the invitation").click()
    invited.get_by_role("button", name="Yes").click()
    expect(invited).to_have_text(f"Invitation to @{handles['invitee']} withdrawn.")
    row = people.locator("li", has_text=f"@{handles['member']}")
    row.get_by_role("button", name="Remove").click()
    row.get_by_role("button", name="No").click()
    row.get_by_role("button", name="Remove").click()
    row.get_by_role("button", name="Yes").click()
    expect(row).to_have_text(f"@{handles['member']} is no longer a member.")
    assert api.get("/me/organisations", user=member).json_body["items"] == []
    assert api.get("/me/invitations", user=invitee).json_body["items"] == []
    assert not watched.errors, watched.errors


def test_starting_a_campaign_hosted_by_an_organisation_shows_the_ones_like_it(site, open_browser, api, make_user, cast):
    tag = _tag()
    theirs = open_campaign(api, cast["owner"], cast["moderator"], area="transport",
                           title=f"Half-price rail fares for carers {tag}")
    site.deliver_events()
    founder = make_user(name="power-host")
    org = f"carers-{tag}"
    made = api.post("/organisations", user=founder, json_body={"handle": org, "name": f"Carers {tag}"})
    assert made.status_code == 201, made.body
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, founder.email, "/start", password=PASSWORD)
    page.get_by_label("Policy area").select_option("transport")
    page.get_by_label("Title").fill(f"Cheaper rail fares for carers {tag}")
    similar = page.get_by_role("region", name="Campaigns like yours are already open")
    expect(similar.get_by_role("link", name=theirs["title"])).to_have_attribute("href", f"/c/{theirs['slug']}")
    page.get_by_label("Hosted by").select_option(org)
    page.get_by_label("Summary").fill("Unpaid carers travel with the people they care for and pay twice.")
    page.get_by_label("The case").fill("Carers save the country billions. " * 3)
    _fits(page, 390)
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator("#form-status")).to_contain_text("Saved as a draft")
    expect(page.locator("#host-shown")).to_have_text(f"Hosted by Carers {tag}.")
    expect(page.get_by_label("Hosted by")).to_be_hidden()
    expect(similar).to_be_visible()  # still there before it goes to the moderators
    mine = api.get("/me/campaigns", user=founder).json_body["items"]
    assert mine[0]["organisation"]["handle"] == org
    assert not watched.errors, watched.errors


@pytest.mark.parametrize("size", SIZES)
def test_the_canvass_reads_on_a_phone_with_questions_regions_and_whole_words(site, open_browser, api, make_user, size):
    from chalicelib.events.trending import recompute_one
    from chalicelib.logic import counting
    from chalicelib.store import supports
    from chalicelib.store.base import utcnow
    from chalicelib.store.tables.campaigns import CampaignRecord
    from tests.api.consultation_helpers import open_consultation, policy_team

    team = policy_team(api, make_user, {"policy": ["science"]})
    question = f"How should we fund science in every region? {_tag()}"
    asked = open_consultation(api, team["policy"], area="science", question=question)
    idea = open_campaign(api, make_user(name="power-scientist"), team["moderator"], area="science",
                         consultation_id=asked["id"], title=f"A research lab in every nation {_tag()}")
    for n in range(12):
        supports.support(idea["id"], f"{idea['id']}-{n}", consent_version=CONSENT_VERSION, region="wales")
    site.deliver_events()  # the supports' stream moves the counters, as in AWS within seconds
    counting.refresh_count(idea["id"])
    recompute_one(CampaignRecord.get(idea["id"]), utcnow(), utcnow().date())  # the hour's regional snapshot

    watched = open_browser(*size)
    page = watched.page
    sign_in(watched, site, team["policy"].email, "/canvass/science", password=PASSWORD)
    row = page.locator("#canvass-table tbody tr", has_text=idea["title"])
    expect(row.get_by_role("link", name=question)).to_have_attribute("href", f"/consultations/{asked['id']}")
    expect(row).to_contain_text(re.compile(r"Wales: (about )?1\d"))  # by name; rounded if exact would tell
    expect(row).not_to_contain_text("wales:")
    expect(page.get_by_role("region", name="Moving an idea for the manifesto")).to_contain_text("one stage at a time")
    broken = page.evaluate("""() => [...document.querySelectorAll('#canvass-table thead th')].filter(th => {
        const text = th.firstChild; const words = text.textContent.split(' '); let at = 0;
        return words.some(word => { const range = document.createRange(); range.setStart(text, at);
            range.setEnd(text, at + word.length); at += word.length + 1; return range.getClientRects().length > 1; });
    }).map(th => th.textContent)""")
    assert broken == []  # no header breaks inside a word
    _fits(page, size[0])
    assert not watched.errors, watched.errors


def test_your_replies_are_listed_to_delete(site, open_browser, api, make_user, cast):
    campaign = open_campaign(api, cast["owner"], cast["moderator"], title=f"Toilets in every park {_tag()}")
    me = make_user(name="power-replier")
    words = f"The one in my park closed in 2019. {_tag()}"
    assert api.post(f"/campaigns/{campaign['id']}/replies", user=me, json_body={"body": words}).status_code == 201
    watched = open_browser(390, 844)
    page = watched.page
    sign_in(watched, site, me.email, "/my", password=PASSWORD)
    page.get_by_role("link", name="Your replies").click()
    card = page.locator("#replies > li").filter(has=page.get_by_role("link", name=campaign["title"]))
    expect(card).to_contain_text(words)
    _fits(page, 390)
    card.get_by_role("button", name="Delete this reply").click()
    card.get_by_role("button", name="Yes, delete it").click()
    expect(card.get_by_role("status")).to_have_text("Deleted.")
    assert words not in api.get(f"/c/{campaign['slug']}").body.decode()
    assert not watched.errors, watched.errors


def test_a_wrong_authenticator_code_is_said_to_be_the_apps(site, open_browser):
    watched = open_browser(390, 844)
    page = watched.page

    def refuse_the_code(route) -> None:
        if "RespondToAuthChallenge" in (route.request.headers.get("x-amz-target") or ""):
            route.fulfill(status=400, content_type="application/x-amz-json-1.1",
                          body=json.dumps({"__type": "CodeMismatchException", "message": "Invalid code received"}))
        else:
            route.continue_()

    page.route("**/*", refuse_the_code)
    page.goto(site.url("/sign-in"))
    page.get_by_label("Email address").fill("moderator@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code", exact=True).fill("123456")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#code-error")).to_contain_text("That code did not match your authenticator app.")
