"""The manifesto as a document that members shape, end to end in the browser, in the issue's order, at
phone width and at desktop width, each page checked with axe and screenshotted:
1. the policy team publishes a draft; 2. a member proposes an amendment; 3. a constituency party's admin
proposes one on the party's behalf; 4. a third person supports it; 5. the policy team accepts one in part
and rejects the other, with reasons; 6. publishes version 2 and links an idea to a clause; 7. the proposers,
the supporter and the idea's author each see the outcome in their feed and in /dev/mailbox; 8. the diff
shows the change; 9. the idea's page shows its trail."""

from __future__ import annotations

import json
import re
import time
import uuid
from datetime import date, timedelta
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import open_campaign
from tests.api.document_helpers import verified_party
from tests.browser.conftest import SCREENSHOTS, sign_in
from tests.browser.test_accessibility import _serious_violations
from tests.conftest import PASSWORD

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
KINDS = ("amendment_decided", "clause_shaped", "document_adopted")


class Step:
    """Screenshots in the journey's order, and axe on every page shown."""

    def __init__(self, width: str) -> None:
        self.width, self.count = width, 0

    def check(self, watched, name: str) -> None:
        page = watched.page
        assert _serious_violations(page) == [], (name, page.url)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], name
        self.count += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"documents-{self.width}-{self.count:02d}-{name}.png"), full_page=True)


def _hears_by_email(api, user) -> None:
    """The person chose email (to their sign-in address, which Cognito verified) for these updates."""
    chosen = api.put("/me/notifications", user=user, json_body={
        "updates": {kind: ["feed", "email"] for kind in KINDS}, "email": user.email})
    assert chosen.status_code == 200, chosen.body


def _mail(watched, site, address: str, subject_has: str) -> None:
    """The local mailbox, as a person reads it: the page, filtered to their address."""
    page = watched.page
    deadline = time.monotonic() + 15
    while True:
        page.goto(site.url(f"/dev/mailbox?to={quote(address)}"))
        if page.get_by_role("heading", name=re.compile(re.escape(subject_has))).count() or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    expect(page.get_by_role("heading", name=re.compile(re.escape(subject_has))).first).to_be_visible()


@pytest.mark.parametrize("width", list(SIZES))
def test_members_shape_a_policy_document_and_hear_what_became_of_it(site, open_browser, api, make_user, width):
    size = SIZES[width]
    step = Step(width)
    admin, policy = make_user("admins", name="doc-admin"), make_user("policy", name="doc-policy")
    member, party_admin = make_user(name="doc-member"), make_user(name="doc-clp")
    supporter, author = make_user(name="doc-supporter"), make_user(name="doc-author")
    policy_id = json.loads(api.get("/me", user=policy).body)["id"]
    assert api.put(f"/policy-team/{policy_id}/areas", user=admin, json_body={"areas": ["health"]}).status_code == 200
    party = verified_party(api, party_admin, admin)  # its kind checked by an admin (tested in the API tests)
    party_name = json.loads(api.get(f"/organisations/{party}").body)["name"]
    for person in (member, party_admin, supporter, author):
        _hears_by_email(api, person)
    tag = uuid.uuid4().hex[:6]
    idea = open_campaign(api, author, make_user("moderators", name="doc-mod"), area="health",
                         title=f"Evening GP appointments for shift workers {tag}")

    # 1. The policy team publishes a draft.
    team = open_browser(*size)
    page = team.page
    sign_in(team, site, policy.email, "/documents/new", password=PASSWORD)
    title = f"A healthier Britain {tag}"
    page.get_by_label("Policy area").select_option("health")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Summary").fill("Our plan for the NHS, for members to amend.")
    page.get_by_label(re.compile("The text")).fill(
        "# GPs\nEvery town keeps a GP surgery.\nAppointments within two weeks.\n"
        "# Hospitals\nWaiting lists cut by half.")
    page.get_by_label("Amendments until").fill((date.today() + timedelta(days=30)).isoformat())
    step.check(team, "1-draft-form")
    page.get_by_role("button", name="Publish the draft").click()
    page.wait_for_url(re.compile(r"/documents/doc-[0-9a-f]+$"))
    document_path = page.url.replace(site.base, "")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("#main")).to_contain_text("1.2 Appointments within two weeks.")
    step.check(team, "1-draft")
    document = json.loads(api.get(document_path).body)
    appointments, waits = document["chapters"][0]["clauses"][1], document["chapters"][1]["clauses"][0]

    # 2. A member proposes an amendment, from the document's "Amend clause 1.2".
    proposing = open_browser(*size)
    sign_in(proposing, site, member.email, document_path, password=PASSWORD)
    proposing.page.get_by_role("link", name="Amend clause 1.2").click()
    proposing.page.wait_for_url(re.compile(r"/clauses/"))
    form = proposing.page.locator("#amend-form")
    form.get_by_label("What your amendment does").select_option("replace")
    form.get_by_label(re.compile("The words you propose")).fill("Appointments within a week.")
    form.get_by_label("Why").fill("Two weeks is too long for someone who is ill.")
    step.check(proposing, "2-amend-form")
    form.get_by_role("button", name="Propose the amendment").click()
    proposing.page.wait_for_url(re.compile(r"/amendments/am-[0-9]+-[0-9a-f]+\?proposed=1$"))
    members_amendment = proposing.page.url.split("/amendments/")[1].split("?")[0]
    step.check(proposing, "2-proposed")

    # 3. The constituency party's admin proposes one on the party's behalf.
    speaking = open_browser(*size)
    clause_path = f"{document_path}/clauses/{waits['id']}"
    sign_in(speaking, site, party_admin.email, clause_path, password=PASSWORD)
    form = speaking.page.locator("#amend-form")
    form.get_by_label("Propose it for").select_option(label=party_name)
    form.get_by_label(re.compile("The words you propose")).fill("Waiting lists cut by two thirds.")
    form.get_by_label("Why").fill("Half is not ambitious enough for patients waiting in pain.")
    form.get_by_role("button", name="Propose the amendment").click()
    speaking.page.wait_for_url(re.compile(r"/amendments/"))
    partys_amendment = speaking.page.url.split("/amendments/")[1].split("?")[0]
    expect(speaking.page.locator("#main")).to_contain_text(f"Proposed by {party_name}")
    step.check(speaking, "3-party-proposed")

    # 4. A third person supports it, beside its clause, with consent.
    backing = open_browser(*size)
    sign_in(backing, site, supporter.email, clause_path, password=PASSWORD)
    card = backing.page.locator(f"#amendment-{partys_amendment}")
    expect(card).to_contain_text("Waiting lists cut by two thirds.")
    backing.page.get_by_label(re.compile("keeps my support")).check()  # the campaign page's one sentence
    card.get_by_role("button", name="Support this amendment").click()
    expect(backing.page.locator("#support-status")).to_contain_text("your support is counted")
    step.check(backing, "4-supported")
    site.deliver_events()

    # 5. The policy team accepts one in part and rejects the other, each with a reason, clause by clause.
    page.goto(site.url(f"{document_path}/decide?clause={appointments['id']}"))
    decision = page.locator(f"form[data-amendment='{members_amendment}']")
    decision.get_by_label("Accepted in part").check()
    decision.get_by_label(re.compile("The reason")).fill("A week is the goal; same day when it is urgent.")
    decision.get_by_label(re.compile("The wording taken")).fill("Appointments within a week, the same day if urgent.")
    step.check(team, "5-decide")
    decision.get_by_role("button", name="Record the decision").click()
    # A decision freezes the amendment's 128 counters first: seconds on a busy machine's moto.
    expect(page.locator(f"#amendment-{members_amendment}")).to_contain_text("Accepted in part.", timeout=30_000)
    page.get_by_role("link", name="Clause 2.1 (1)").click()
    decision = page.locator(f"form[data-amendment='{partys_amendment}']")
    decision.get_by_label("Rejected").check()
    decision.get_by_role("button", name="Record the decision").click()
    expect(decision.locator(".decision-status")).to_contain_text("reason")  # no reason: refused, says why
    decision.get_by_label(re.compile("The reason")).fill("Half is what we can fund within the fiscal rules.")
    decision.get_by_role("button", name="Record the decision").click()
    expect(page.locator(f"#amendment-{partys_amendment}")).to_contain_text("Rejected.", timeout=30_000)

    # 6. The team publishes version 2 (8. the diff shows the change), and links the idea to clause 1.2.
    page.get_by_label(re.compile("Publish version 2")).fill("After the first round of amendments.")
    page.get_by_role("button", name="Publish version 2").click()
    page.wait_for_url(re.compile(r"/diff\?from=1&to=2$"))
    change = page.locator("li.diff-changed")
    expect(change).to_contain_text("Clause 1.2")
    expect(change.locator("del")).to_have_text("two weeks.")
    expect(change.locator("ins")).to_have_text("a week, the same day if urgent.")
    expect(change.get_by_role("link", name="amendment 1")).to_have_attribute("href", f"/amendments/{members_amendment}")
    step.check(team, "6-8-diff")
    page.goto(site.url(f"{document_path}/decide"))
    page.get_by_label("Link ideas to a clause").select_option(appointments["id"])
    page.get_by_label(re.compile("The ideas' addresses or ids")).fill(idea["id"])
    page.get_by_role("button", name="Link them").click()
    expect(page.locator("#origins-status")).to_contain_text(idea["title"])
    step.check(team, "6-linked")
    site.deliver_events()

    # 7. The proposers, the supporter and the idea's author each see the outcome in their feed and their mail.
    reading = open_browser(*size)
    sign_in(reading, site, author.email, "/my/feed", password=PASSWORD)
    shaped = reading.page.locator("#feed > li").filter(has_text="Your idea shaped the manifesto")  # not 'is open'
    expect(shaped.filter(has_text=idea["title"])).to_contain_text("linked")
    _mail(reading, site, author.email, "Your idea shaped the manifesto")
    step.check(reading, "7-author-mail")
    for watched, person, said in ((proposing, member, "Accepted in part: an amendment to clause 1.2"),
                                  (speaking, party_admin, "Rejected: an amendment to clause 2.1"),
                                  (backing, supporter, "Rejected: an amendment to clause 2.1")):
        watched.page.goto(site.url("/my/feed"))
        expect(watched.page.locator("#feed > li").filter(has_text=said)).to_have_count(1)
        _mail(watched, site, person.email, said)
    step.check(backing, "7-supporter-mail")

    # 9. The idea's page shows its trail: the clause it shaped, in which version.
    reading.page.goto(site.url(f"/c/{idea['slug']}"))
    trail = reading.page.get_by_role("region", name="What became of this idea")
    expect(trail).to_contain_text("Shaped clause 1.2")
    expect(trail).to_contain_text("(version 2)")
    trail.get_by_text("Each step it took").click()  # the steps are folded under where it ended
    trail.get_by_role("link", name=re.compile("Shaped clause 1.2")).click()
    reading.page.wait_for_url(re.compile(r"/documents/doc-"))
    expect(reading.page.locator(f"#clause-{appointments['id']}")).to_contain_text(idea["title"])
    step.check(reading, "9-trail-to-document")
    for watched in (team, proposing, speaking, backing, reading):
        assert [e for e in watched.errors if "status of 400" not in e] == [], watched.errors
