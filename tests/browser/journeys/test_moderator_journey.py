"""A moderator's part of the conversation, clicked from the home page (issue 27, 'Must show'): signing in
takes them to their queue, and the header's tools and Your space say how much waits there; from Your
space they read a waiting campaign whole (its area by name, its case in full) beside the open campaign
it copies, send it back with a reason, open another, hide a reported reply and keep a reported campaign
up, then read the campaign as everyone does: the hidden reply is gone."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.api.campaign_helpers import create, open_campaign, submit
from tests.api.people_helpers import established
from tests.browser.journeys.power_steps import VIEWPORTS, Journey, reveal
from tests.conftest import PASSWORD


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_moderator_decides_from_the_queue(site, open_browser, api, make_user, viewport):
    tag = uuid.uuid4().hex[:6]
    owner, copier = make_user(name="mj-owner"), make_user(name="mj-copier")
    moderator = make_user("moderators", name="mj")
    original = open_campaign(api, owner, make_user("moderators", name="mj-other"), area="transport",
                             title=f"Free bus travel for apprentices {tag} under 25")
    site.deliver_events()  # into the search index, where the queue finds campaigns like the copy
    copy = create(api, copier, area="transport", title=f"Free buses for apprentices {tag}",
                  body=f"Apprentices cannot afford the bus. {tag}\nThe second paragraph of the case, in full.")
    submit(api, copier, copy)
    parent = make_user(name="mj-parent")
    fresh = create(api, parent, area="education", title=f"Free breakfast in every primary school {tag}")
    submit(api, parent, fresh)
    spam = f"Cheap watches at {tag}.example"
    reply = api.post(f"/campaigns/{original['id']}/replies", user=make_user(name="mj-spammer"),
                     json_body={"body": spam}).json_body
    reporter = established(api, make_user(name="mj-reporter"))
    for target_type, target_id, reason in (("reply", reply["id"], "Advertising watches."),
                                           ("campaign", original["id"], "I do not agree with it.")):
        reported = api.post("/reports", user=reporter,
                            json_body={"target_type": target_type, "target_id": target_id, "reason": reason})
        assert reported.status_code == 201, reported.body

    journey = Journey(open_browser(*viewport), site, "moderator", viewport[0])
    page = journey.page
    journey.home()
    journey.sign_in(moderator.email, PASSWORD)
    assert journey.path() == "/moderate"  # a moderator lands where their work is
    tools = page.locator("header").get_by_role("navigation", name="Your tools")
    expect(tools.get_by_role("link", name=re.compile(r"^Moderation queue \d+\+? waiting"))).to_be_visible()
    # Two campaigns and two reports of this test's wait, at the least (the shared world has others).
    journey.your_space("Moderation queue", "/moderate", waiting_at_least=4)

    card = page.locator("#list > li", has_text=copy["title"])
    reveal(card, page.get_by_role("button", name="More campaigns waiting"))
    expect(card).to_contain_text("Transport · by")  # the area's name, not its id
    card.locator("summary", has_text="The case, in full").click()
    expect(card).to_contain_text("The second paragraph of the case, in full.")
    expect(card.get_by_role("link", name=original["title"])).to_be_visible()  # the open one like it
    card.get_by_label("Reason, shown to its owner").fill(f"Already open: support '{original['title']}' instead.")
    card.get_by_role("button", name="Reject").click()
    expect(card.get_by_role("status")).to_have_text("Rejected.")

    other = page.locator("#list > li", has_text=fresh["title"])
    reveal(other, page.get_by_role("button", name="More campaigns waiting"))
    expect(other).to_contain_text("Education · by")
    other.get_by_label("Reason, shown to its owner").fill("Clear, and within the house rules.")
    other.get_by_role("button", name="Approve").click()
    expect(other.get_by_role("status")).to_have_text("Approved: it is open.")

    on_reply = page.locator("#reported > li", has_text=spam)
    expect(on_reply.get_by_role("heading")).to_have_text(f"A reply on {original['title']}")
    expect(on_reply).to_contain_text("Advertising watches.")
    on_reply.get_by_label("Reason, kept in the audit record").fill("Advertising, against the house rules.")
    on_reply.get_by_role("button", name="Hide").click()
    expect(on_reply.get_by_role("status")).to_have_text("Hidden: only its author and moderators see it.")
    on_campaign = page.locator("#reported > li").filter(
        has=page.get_by_role("heading", name=f"The campaign {original['title']}"))
    expect(on_campaign).to_contain_text("I do not agree with it.")
    on_campaign.get_by_label("Reason, kept in the audit record").fill("Disagreement is not a breach of the rules.")
    on_campaign.get_by_role("button", name="Restore").click()
    expect(on_campaign.get_by_role("status")).to_have_text(
        "Restored: everyone sees it again; only fresh reports can hide it.")
    journey.seen("decided")

    journey.click(on_campaign.get_by_role("link", name=original["title"]), "the campaign", f"/c/{original['slug']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(original["title"])
    expect(page.get_by_text(spam)).to_have_count(0)
    assert api.get(f"/campaigns/{copy['id']}", user=copier).json_body["status"] == "rejected"
    assert api.get(f"/campaigns/{fresh['id']}").json_body["status"] == "open"
    print(f"moderator journey ({viewport[0]}px): {journey.finish():.1f} s, {len(journey.pages)} pages")
