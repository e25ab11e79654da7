"""Search on the in-memory fakes: only public things are found (each result checked against its
live item), every word must match, suggestions complete the last word, and what is indexed
follows what is public."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.search_terms import CAMPAIGN, PERSON
from chalicelib.logic import search as logic
from tests.logic.world import ALICE, campaign


def test_public_campaigns_are_found_by_every_word_with_their_live_items(fake):
    meals = campaign(fake, "open")
    campaign(fake, "open", title="Free bus travel for apprentices")
    campaign(fake, "draft", title="Free school meals, the draft")
    found, _ = logic.search("free meals", type=None, area=None, status=None, limit=10, cursor=None)
    assert [(r.type, r.item.id) for r in found] == [("campaign", meals.id)]
    assert found[0].item.title == meals.title and "meals" in [h.lower() for h in found[0].highlights]


def test_a_campaign_hidden_a_moment_ago_is_not_shown(fake):
    meals = campaign(fake, "open")
    fake.campaigns.set_hidden(meals, True)
    assert logic.search("meals", type="campaign", area=None, status=None, limit=10, cursor=None)[0] == []


def test_people_are_found_by_name_and_suggestions_complete_the_last_word(fake):
    alice = fake.people.update_profile(fake.people.ensure_person(ALICE), {"display_name": "Alice Weatherby"})
    logic.refresh_person(alice.id, alice)  # what the people table's stream does
    found, _ = logic.search("weatherby", type="person", area=None, status=None, limit=10, cursor=None)
    assert [r.item.id for r in found] == [alice.id]
    campaign(fake, "open")
    assert [r.item.title for r in logic.suggest("free sch")] == ["Free school meals for every child"]


def test_an_unknown_area_is_a_400(fake):
    with pytest.raises(InvalidInput):
        logic.search("meals", type=None, area="atlantis", status=None, limit=10, cursor=None)


def test_only_what_is_public_is_indexed(fake):
    draft = campaign(fake, "draft")
    assert logic.refresh_campaign(draft.id, draft) == 0 and (CAMPAIGN, draft.id) not in fake.search.documents
    opened = campaign(fake, "open", title="Rail fares capped for commuters")
    assert logic.refresh_campaign(opened.id, opened) == 1 and (CAMPAIGN, opened.id) in fake.search.documents
    assert logic.refresh_campaign(opened.id, None) == 1  # gone: taken out
    person = fake.people.ensure_person(ALICE)
    logic.refresh_person(person.id, person)
    assert (PERSON, person.id) in fake.search.documents


def test_related_campaigns_share_their_rarer_title_words(fake):
    meals = campaign(fake, "open")
    breakfast = campaign(fake, "open", title="Free school breakfasts for every child", area="education")
    campaign(fake, "open", title="Rail fares capped for commuters")
    assert [f.id for f in logic.related(meals)] == [breakfast.id]


def test_a_page_shows_the_related_campaigns_stored_for_it_but_never_a_hidden_one(fake):
    """What the campaigns' stream stores on the slug's claim (issue 30) is what the page shows; one
    hidden since is left out, and the list is found again and stored without it."""
    from chalicelib.logic.campaign_page import public_page

    meals = campaign(fake, "open")
    breakfast = campaign(fake, "open", title="Free school breakfasts for every child", area="education")
    lunches = campaign(fake, "open", title="Free school lunches for every child", area="health")
    draft = campaign(fake, "draft", title="Free school suppers for every child")
    assert logic.remember_related([meals, breakfast, lunches, draft]) == 3  # public ones only
    stored, _ = fake.campaigns.related[meals.slug]
    assert set(stored) == {breakfast.id, lunches.id}
    assert [f.id for f in public_page(meals.slug, 20, None).related] == list(stored)

    fake.campaigns.set_hidden(breakfast, True)
    assert [f.id for f in public_page(meals.slug, 20, None).related] == [lunches.id]
    assert fake.campaigns.related[meals.slug][0] == (lunches.id,)
