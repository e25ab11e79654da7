"""Lists of campaigns on the in-memory fakes: what each list shows (public ones only, except a
person's own and the moderators' queue), in its order, a page at a time, with the names beside
them gathered for the presenters."""

from __future__ import annotations

import pytest

from chalicelib.domain.campaigns import Status
from chalicelib.domain.errors import InvalidInput
from chalicelib.logic import lists as logic
from chalicelib.logic import moderation
from tests.logic.world import (
    ALICE,
    MINISTER,
    OWNER,
    campaign,
    greens,
    ministers,
    respond,
    supported_by,
)


def ids(listed) -> list[str]:
    return [c.id for c in listed.campaigns]


def test_browsing_shows_public_campaigns_with_their_owners_and_hosts_names(fake):
    shown = campaign(fake, "open")
    hidden, draft = campaign(fake, "hidden-open"), campaign(fake, "draft")
    listed = logic.browse(status="open", area=None, sort="new", limit=20, cursor=None)
    assert ids(listed) == [shown.id]
    assert hidden.id not in ids(listed) and draft.id not in ids(listed)
    assert set(listed.names.people) == {OWNER.id} and set(listed.names.organisations) == {greens(fake).id}


def test_most_supported_first_a_page_at_a_time(fake):
    quiet, busy = campaign(fake, "open"), campaign(fake, "open", title="Rail fares capped for every commuter")
    supported_by(fake, busy.id, ALICE)
    first = logic.browse(status="open", area="health", sort="top", limit=1, cursor=None)
    assert ids(first) == [busy.id]
    assert ids(logic.browse(status="open", area="health", sort="top", limit=1, cursor=first.next_cursor)) == [quiet.id]


def test_an_unknown_area_or_a_cursor_from_another_list_is_a_400(fake):
    with pytest.raises(InvalidInput):
        logic.browse(status="open", area="atlantis", sort="new", limit=20, cursor=None)
    campaign(fake, "open"), campaign(fake, "open", title="Rail fares capped for every commuter")
    other = logic.browse(status="open", area=None, sort="top", limit=1, cursor=None).next_cursor
    with pytest.raises(InvalidInput) as raised:
        logic.browse(status="open", area=None, sort="new", limit=1, cursor=other)
    assert raised.value.code == "invalid_cursor"


def test_a_person_sees_what_they_own_support_and_follow(fake):
    mine, theirs = campaign(fake, "draft"), campaign(fake, "open", title="Rail fares capped for every commuter")
    supported_by(fake, theirs.id, ALICE)
    assert ids(logic.mine(OWNER, "owned", 20, None)) == [theirs.id, mine.id]  # any status, newest first
    assert ids(logic.mine(ALICE, "supported", 20, None)) == [theirs.id]
    assert ids(logic.mine(ALICE, "followed", 20, None)) == []


def test_the_moderators_queue_has_pending_campaigns_and_reported_content(fake, clock):
    pending, reported = campaign(fake, "pending"), campaign(fake, "open", title="Rail fares capped now")
    moderation.report(ALICE, "campaign", reported.id, "Not what it says.", 3, now=clock.now())
    queue = logic.moderation_queue(20, None)
    assert ids(queue.pending) == [pending.id]
    assert [(r.summary.target, r.summary.report_count, r.target_type, r.target_id) for r in queue.reported.items] == [
        (f"campaign#{reported.id}", 1, "campaign", reported.id)]
    item = queue.reported.items[0]
    assert item.campaign is not None and item.campaign.title == "Rail fares capped now" and item.reply is None
    assert item.reasons == ["Not what it says."]  # what the reporter said, never who they are
    assert queue.reported.authors.people[reported.owner_id].id == reported.owner_id  # the author's name is shown


def test_the_pages_first_lists_in_one_go_with_their_names(fake):
    health, transport = campaign(fake, "open"), campaign(fake, "open", area="transport", title="Cheaper buses now")
    closed = campaign(fake, "closed", title="Libraries open late")
    (top, newest, shut), names = logic.first_pages((Status.OPEN, None, "top", 8), (Status.OPEN, "health", "new", 8),
                                                   (Status.CLOSED, None, "new", 8))
    assert {c.id for c in top} == {health.id, transport.id} and [c.id for c in newest] == [health.id]
    assert [c.id for c in shut] == [closed.id] and set(names.people) == {OWNER.id}


def test_a_persons_and_an_organisations_page_lists_only_public_campaigns(fake):
    public, draft = campaign(fake, "open"), campaign(fake, "draft", title="Not yet ready for anyone")
    assert ids(logic.owned_public(OWNER.id, 20)) == [public.id]
    assert ids(logic.hosted_public(greens(fake).id, 20)) == [public.id]
    assert draft.id not in ids(logic.hosted_public(greens(fake).id, 20))


def test_a_ministers_page_lists_the_campaigns_they_answered(fake):
    ministers(fake)
    answered, hidden = campaign(fake, "open"), campaign(fake, "open", title="Rail fares capped now")
    respond(MINISTER, answered.id, "support", "We will fund it.")
    respond(MINISTER, hidden.id, "support", "And this.")
    fake.campaigns.set_hidden(hidden, True)
    assert ids(logic.answered_by(MINISTER.id, 20)) == [answered.id]


def test_the_front_pages_a_campaign_is_on_by_its_status_and_area():
    assert logic.pages_listing("open", "health") == {"home", "area#health"}
    assert logic.pages_listing("closed", "health") == {"area#health"}  # closed: its area's page only
    for status in ("draft", "pending", "rejected", None):
        assert logic.pages_listing(status, "health") == set()
    assert logic.pages_listing("open", "no-such-area") == {"home"}  # an area with no page has none stored


def test_a_front_page_lists_what_its_page_shows_and_each_is_stored_once(fake):
    assert logic.front_page_lists("home") == ((Status.OPEN, None, "top", 60), (Status.OPEN, None, "trending", 8),
                                              (Status.OPEN, None, "new", 8))
    assert logic.front_page_lists("area#health") == ((Status.OPEN, "health", "top", 20),
                                                     (Status.OPEN, "health", "new", 20),
                                                     (Status.CLOSED, "health", "new", 20))
    assert logic.refresh_front_pages({"home", "area#health"}) == 2
    assert sorted(fake.campaign_lists.front_pages_refreshed) == ["area#health", "home"]
    shown, hidden = campaign(fake, "open"), campaign(fake, "hidden-open")
    top, rising, newest = logic.front_page("home")
    assert [c.id for c in newest] == [shown.id] and hidden.id not in {c.id for c in top + rising + newest}
