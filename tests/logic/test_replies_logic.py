"""The conversation under a campaign: replies, their badges, nesting, threads, edits and removal."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, NotFound, RateLimited, StaleVersion
from chalicelib.logic import campaigns as campaign_logic
from chalicelib.logic import dialogue as logic
from tests.logic.world import (
    ALICE,
    BOB,
    MEMBER,
    MINISTER,
    MODERATOR,
    OTHER_MINISTER,
    OWNER,
    STRANGER,
    badges,
    campaign,
    ids,
    ministers,
    person,
    respond,
    say,
)

# Replying

def test_a_reply_joins_the_thread(fake):
    c = campaign(fake, "open")
    r = say(ALICE, c.id, "Yes, and breakfast too.")
    assert (r.campaign_id, r.author_id, r.body, r.parent_id, r.depth) == (c.id, ALICE.id, "Yes, and breakfast too.",
                                                                         None, 0)
    assert ids(logic.thread(None, c.id, 20, None).replies) == [r.reply_id]


@pytest.mark.parametrize("state", ["draft", "pending", "rejected", "closed", "hidden-closed"])
def test_only_open_campaigns_take_replies(fake, state):
    c = campaign(fake, state)
    with pytest.raises(Conflict) as raised:
        say(OWNER, c.id)  # the owner sees every state of their campaign
    assert raised.value.code == "campaign_read_only"
    assert fake.replies.items == {}


@pytest.mark.parametrize("state", ["draft", "hidden-open"])
def test_replying_to_a_campaign_one_cannot_see_finds_nothing(fake, state):
    c = campaign(fake, state)
    with pytest.raises(NotFound) as raised:
        say(STRANGER, c.id)
    assert raised.value.code == "campaign_not_found"


def test_thirty_replies_an_hour(fake, clock):
    c = campaign(fake, "open")
    for n in range(30):
        say(ALICE, c.id, f"Point {n}.")
    with pytest.raises(RateLimited) as raised:
        say(ALICE, c.id, "One more.")
    assert 0 < raised.value.retry_after <= 3600 and raised.value.details["limit"] == 30
    assert raised.value.message == "This can be done 30 times an hour; try again later."
    assert len(fake.replies.items) == 30


def test_the_reply_limit_is_per_person_across_campaigns(fake):
    first, second = campaign(fake, "open"), campaign(fake, "open")
    for _ in range(30):
        say(ALICE, first.id)
    with pytest.raises(RateLimited):
        say(ALICE, second.id)
    say(BOB, first.id)  # Bob has his own thirty


def test_the_reply_limit_resets_the_next_hour(fake, clock):
    c = campaign(fake, "open")
    for _ in range(30):
        say(ALICE, c.id)
    clock.advance(hours=1)
    say(ALICE, c.id, "A new hour.")
    assert len(fake.replies.items) == 31


# Badges, decided when a reply is written

def test_badges_for_each_kind_of_author(fake):
    ministers(fake)
    fake.people.give_portfolio(OTHER_MINISTER, ["transport", "health"])
    c = campaign(fake, "open")  # hosted by greens: OWNER runs it, MEMBER belongs to it
    expected = {
        OWNER: [("owner", None, None), ("organisation", None, "greens")],
        MEMBER: [("organisation", None, "greens")],
        MINISTER: [("minister", ["health"], None)],
        OTHER_MINISTER: [("minister", ["health", "transport"], None)],  # the portfolio, sorted
        MODERATOR: [],
        STRANGER: [],
    }
    for author, shown in expected.items():
        assert badges(say(author, c.id)) == shown, author.id


def test_an_owner_without_an_organisation_has_only_the_owner_badge(fake):
    c = campaign(fake, "open", hosted=False)
    assert badges(say(OWNER, c.id)) == [("owner", None, None)]
    assert badges(say(MEMBER, c.id)) == []


def test_a_minister_owning_a_campaign_shows_both(fake):
    ministers(fake)
    c = campaign(fake, "open", owner=MINISTER, hosted=False)
    assert badges(say(MINISTER, c.id)) == [("owner", None, None), ("minister", ["health"], None)]


def test_badges_keep_what_was_true_when_written(fake):
    ministers(fake)
    c = campaign(fake, "open")
    r = say(MINISTER, c.id)
    fake.people.give_portfolio(MINISTER, ["defence"])
    assert badges(fake.replies.get_reply(r.reply_id)) == [("minister", ["health"], None)]


# Nesting: three levels shown

def test_answers_nest_three_levels_deep_then_hang_beside(fake):
    c = campaign(fake, "open")
    chain = [say(ALICE, c.id, "Level 0")]
    for n in range(1, 6):
        chain.append(say(BOB if n % 2 else ALICE, c.id, f"Answer {n}", parent_id=chain[-1].reply_id))
    assert [r.depth for r in chain] == [0, 1, 2, 2, 2, 2]
    assert [r.parent_id for r in chain] == [None, chain[0].reply_id] + [chain[1].reply_id] * 4


def test_two_answers_to_one_reply_are_siblings(fake):
    c = campaign(fake, "open")
    root = say(ALICE, c.id)
    a, b = say(BOB, c.id, parent_id=root.reply_id), say(OWNER, c.id, parent_id=root.reply_id)
    assert (a.parent_id, a.depth) == (b.parent_id, b.depth) == (root.reply_id, 1)


def test_answering_a_reply_on_another_campaign_finds_nothing(fake):
    here, there = campaign(fake, "open"), campaign(fake, "open")
    elsewhere = say(ALICE, there.id)
    for parent in (elsewhere.reply_id, "no-such-reply"):
        with pytest.raises(NotFound) as raised:
            say(BOB, here.id, parent_id=parent)
        assert raised.value.code == "reply_not_found"


def test_a_reply_on_an_answered_campaign_tells_its_ministers(fake):
    ministers(fake)
    answered, quiet = campaign(fake, "open"), campaign(fake, "open")
    respond(MINISTER, answered.id, "support", "We will fund it.")
    r, _ = say(ALICE, answered.id), say(ALICE, quiet.id)
    event = fake.outbox.events[(answered.id, f"reply_on_answered#{r.created_at[:13]}")]  # keyed by the hour
    assert (event.kind, event.area) == ("reply_on_answered", "health")
    assert [e.kind for (cid, _), e in fake.outbox.events.items() if cid == quiet.id] == ["campaign_opened",
                                                                                       "campaign_approved"]


def alerts_of(fake, campaign_id):
    return [e.event_key for (cid, _), e in sorted(fake.outbox.events.items())
            if cid == campaign_id and e.kind == "reply_on_answered"]


def test_replies_on_an_answered_campaign_alert_its_ministers_once_an_hour(fake, clock):
    ministers(fake)
    answered, other = campaign(fake, "open"), campaign(fake, "open")
    for c in (answered, other):
        respond(MINISTER, c.id, "support", "We will fund it.")
    clock.moment = clock.moment.replace(minute=0)
    first = [say(person(f"puppet-{n}"), answered.id) for n in range(5)]
    say(ALICE, other.id)
    hour = first[0].created_at[:13]
    assert alerts_of(fake, answered.id) == [f"reply_on_answered#{hour}"]  # five replies, one alert
    assert len(alerts_of(fake, other.id)) == 1  # per campaign
    clock.advance(hours=1)
    later = say(BOB, answered.id)
    assert alerts_of(fake, answered.id) == [f"reply_on_answered#{hour}", f"reply_on_answered#{later.created_at[:13]}"]


def notices_of(fake, campaign_id: str) -> list[tuple[str, str | None]]:
    return [(e.event_key, e.parent_id) for (cid, _), e in sorted(fake.outbox.events.items())
            if cid == campaign_id and e.kind == "reply_to_reply"]


def test_answering_someones_reply_tells_them_at_most_once_an_hour_per_reply(fake, clock):
    c = campaign(fake, "open")
    clock.moment = clock.moment.replace(minute=0)
    alices = say(ALICE, c.id, "Breakfast too.")
    say(BOB, c.id, "Agreed.", parent_id=alices.reply_id)
    say(STRANGER, c.id, "And lunch.", parent_id=alices.reply_id)  # the same hour: no second notice
    hour = alices.created_at[:13]
    assert notices_of(fake, c.id) == [(f"reply_to_reply#{alices.reply_id}#{hour}", alices.reply_id)]
    assert fake.outbox.events[(c.id, f"reply_to_reply#{alices.reply_id}#{hour}")].area == c.area
    clock.advance(hours=1)
    say(BOB, c.id, "Still agreed.", parent_id=alices.reply_id)
    assert len(notices_of(fake, c.id)) == 2


def test_nobody_is_told_of_their_own_answer_nor_under_words_taken_back_or_hidden(fake):
    c = campaign(fake, "open")
    alices = say(ALICE, c.id, "Breakfast too.")
    say(ALICE, c.id, "And I mean it.", parent_id=alices.reply_id)  # answering oneself
    assert notices_of(fake, c.id) == []
    gone, hidden = say(BOB, c.id, "Never mind."), say(STRANGER, c.id, "Something rude.")
    logic.delete_reply(BOB, c.id, gone.reply_id)
    fake.replies.set_hidden(fake.replies.get_reply(hidden.reply_id), True)
    say(ALICE, c.id, "Answering a tombstone.", parent_id=gone.reply_id)
    say(ALICE, c.id, "Answering a hidden reply.", parent_id=hidden.reply_id)
    assert notices_of(fake, c.id) == []


# Reading the thread

def test_a_thread_reads_oldest_first_a_page_at_a_time(fake):
    c = campaign(fake, "open")
    written = [say(ALICE, c.id, f"Reply {n}") for n in range(5)]
    pages, cursor = [], None
    while True:
        shown = logic.thread(None, c.id, 2, cursor)
        page, cursor = shown.replies, shown.next_cursor
        pages.append(ids(page))
        if cursor is None:
            break
    assert [i for page in pages for i in page] == ids(written)
    assert [len(p) for p in pages] == [2, 2, 1]


@pytest.mark.parametrize(("viewer", "sees"), [(ALICE, True), (MODERATOR, True), (OWNER, False), (STRANGER, False),
                                              (None, False)],
                         ids=["author", "moderator", "campaign owner", "stranger", "anonymous"])
def test_a_hidden_reply_shows_only_to_its_author_and_moderators(fake, viewer, sees):
    c = campaign(fake, "open")
    hidden, shown = say(ALICE, c.id, "Something reported."), say(BOB, c.id, "Something fine.")
    fake.replies.set_hidden(hidden, True)
    thread = logic.thread(viewer, c.id, 20, None).replies
    assert ids(thread) == ([hidden.reply_id] if sees else []) + [shown.reply_id]


def test_a_removed_reply_keeps_its_place_without_its_words(fake):
    c = campaign(fake, "open")
    first, second = say(ALICE, c.id, "Regrettable."), say(BOB, c.id, "Answering it.")
    logic.delete_reply(ALICE, c.id, first.reply_id)
    thread = logic.thread(STRANGER, c.id, 20, None).replies
    assert ids(thread) == [first.reply_id, second.reply_id]
    assert thread[0].body == "" and thread[0].deleted_at and thread[0].history == ()


def test_the_thread_of_a_campaign_one_cannot_see_is_not_found(fake):
    c = campaign(fake, "open")
    say(ALICE, c.id)
    fake.campaigns.set_hidden(c, True)
    with pytest.raises(NotFound):
        logic.thread(ALICE, c.id, 20, None)
    assert len(logic.thread(OWNER, c.id, 20, None).replies) == 1


# Editing and removing one's reply

def test_an_author_edits_and_the_earlier_words_are_kept(fake):
    c = campaign(fake, "open")
    r = say(ALICE, c.id, "Teh first words.")
    edited = logic.edit_reply(ALICE, c.id, r.reply_id, "The first words.", r.version)
    assert (edited.body, edited.version) == ("The first words.", r.version + 1) and edited.edited_at
    assert [h.body for h in edited.history] == ["Teh first words."]


def test_an_edit_without_a_version_is_accepted(fake):
    c = campaign(fake, "open")
    r = say(ALICE, c.id)
    logic.edit_reply(ALICE, c.id, r.reply_id, "Once.", None)
    assert logic.edit_reply(ALICE, c.id, r.reply_id, "Twice.", None).body == "Twice."


def test_an_edit_from_an_old_copy_is_refused(fake):
    c = campaign(fake, "open")
    r = say(ALICE, c.id)
    logic.edit_reply(ALICE, c.id, r.reply_id, "Newer.", r.version)
    with pytest.raises(StaleVersion):
        logic.edit_reply(ALICE, c.id, r.reply_id, "From the old copy.", r.version)
    assert fake.replies.get_reply(r.reply_id).body == "Newer."


@pytest.mark.parametrize("who", [OWNER, MODERATOR, BOB], ids=["campaign owner", "moderator", "another person"])
@pytest.mark.parametrize("act", ["edit", "delete"])
def test_only_its_author_changes_a_reply(fake, who, act):
    c = campaign(fake, "open")
    r = say(ALICE, c.id, "Mine.")
    with pytest.raises(Forbidden):
        if act == "edit":
            logic.edit_reply(who, c.id, r.reply_id, "Not yours.", None)
        else:
            logic.delete_reply(who, c.id, r.reply_id)
    assert fake.replies.get_reply(r.reply_id).body == "Mine."


@pytest.mark.parametrize("act", ["edit", "delete"])
def test_a_removed_reply_stays_removed(fake, act):
    c = campaign(fake, "open")
    r = say(ALICE, c.id)
    logic.delete_reply(ALICE, c.id, r.reply_id)
    with pytest.raises(Conflict) as raised:
        if act == "edit":
            logic.edit_reply(ALICE, c.id, r.reply_id, "Back again.", None)
        else:
            logic.delete_reply(ALICE, c.id, r.reply_id)
    assert raised.value.code == "reply_removed"


def test_a_closed_campaigns_thread_is_read_only(fake):
    c = campaign(fake, "open")
    r = say(OWNER, c.id)
    campaign_logic.close_campaign(OWNER, c.id, "Done.")
    with pytest.raises(Conflict) as raised:
        logic.edit_reply(OWNER, c.id, r.reply_id, "Afterthought.", None)
    assert raised.value.code == "campaign_read_only"


@pytest.mark.parametrize("hidden", [False, True], ids=["closed", "hidden-closed"])
def test_an_author_may_still_remove_their_reply_once_the_campaign_closed(fake, hidden):
    c = campaign(fake, "open")
    r, kept = say(ALICE, c.id, "Something I regret."), say(BOB, c.id, "Something fine.")
    campaign_logic.close_campaign(OWNER, c.id, "Done.")
    if hidden:
        fake.campaigns.set_hidden(fake.campaigns.get_campaign(c.id), True)
    logic.delete_reply(ALICE, c.id, r.reply_id)
    removed = fake.replies.get_reply(r.reply_id)
    assert removed.body == "" and removed.deleted_at and removed.history == ()
    with pytest.raises(NotFound if hidden else Forbidden):  # still only one's own
        logic.delete_reply(ALICE, c.id, kept.reply_id)
    assert fake.replies.get_reply(kept.reply_id).body == "Something fine."


def test_removing_a_reply_on_a_campaign_one_cannot_see_finds_nothing(fake):
    c = campaign(fake, "open")
    r = say(ALICE, c.id)
    fake.campaigns.set_hidden(c, True)
    for reply_id in (r.reply_id, "no-such-reply"):
        with pytest.raises(NotFound) as raised:
            logic.delete_reply(BOB, c.id, reply_id)
        assert raised.value.code == "campaign_not_found"  # not "forbidden": that would say it exists
    assert fake.replies.get_reply(r.reply_id).body == "I agree."


def test_a_reply_is_changed_only_under_its_own_campaign(fake):
    here, there = campaign(fake, "open"), campaign(fake, "open")
    r = say(ALICE, there.id)
    with pytest.raises(NotFound) as raised:
        logic.edit_reply(ALICE, here.id, r.reply_id, "Wrong place.", None)
    assert raised.value.code == "reply_not_found"
