"""Popular in a region, and an area's canvass, on the in-memory fakes: the hourly list checked
against the campaigns as they are now; the canvass only for the area's policy team and admins."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.errors import Forbidden, InvalidInput, NotFound
from chalicelib.domain.identity import Role
from chalicelib.logic import canvass, popular
from chalicelib.logic.counting import refresh_count
from tests.logic.world import ADMIN, OWNER, campaign, person, supported_by

POLICY = person("policy", Role.POLICY)


def in_london(fake, n: int, start: int = 0) -> list:
    people = [person(f"londoner-{i}") for i in range(start, start + n)]
    for who in people:
        fake.people.update_profile(fake.people.ensure_person(who), {"region": "london"})
    return people


def snapshot_taken(fake, campaign_id: str, at: str) -> None:
    """The hourly schedule's regional snapshot, as events/trending takes it (every fake support has settled)."""
    stored = fake.campaigns.items[campaign_id]
    fake.campaigns.items[campaign_id] = replace(stored, regional_snapshot=dict(stored.support_by_region or {}),
                                                regional_snapshot_at=at)


def test_popular_lists_what_is_still_open_and_public_ranked_on_its_published_figures(fake, clock):
    first, second = campaign(fake, "open"), campaign(fake, "open", title="Rail fares capped for commuters")
    gone = campaign(fake, "open", title="Libraries open late in every town")
    supported_by(fake, second.id, *in_london(fake, 12))
    supported_by(fake, first.id, *in_london(fake, 11, start=12))
    for c in (first, second):
        refresh_count(c.id, clock.now())
        snapshot_taken(fake, c.id, clock.iso())
    fake.popular.ranked = {"london": [(first.id, 11), (second.id, 10), (gone.id, 10)]}  # last hour's ranking
    fake.campaigns.set_hidden(gone, True)
    shown = popular.popular_in("london")
    # The snapshot's figures as a campaign page shows them (rounded to 5); a tie goes to more supporters in all.
    assert [(p.campaign.id, p.region_supporters) for p in shown] == [(second.id, 10), (first.id, 10)]


def test_popular_lists_nothing_before_the_first_snapshot(fake, clock):
    c = campaign(fake, "open")
    supported_by(fake, c.id, *in_london(fake, 12))
    refresh_count(c.id, clock.now())
    fake.popular.ranked = {"london": [(c.id, 12)]}
    assert popular.popular_in("london") == []  # live counts are never shown by region


def test_an_unknown_region_is_refused(fake):
    with pytest.raises(InvalidInput) as raised:
        popular.popular_in("atlantis")
    assert raised.value.code == "unknown_region"


def test_the_canvass_ranks_an_areas_ideas_for_its_policy_team(fake):
    fake.people.give_policy_areas(POLICY, ["health"])
    quiet, busy = campaign(fake, "open"), campaign(fake, "open", title="Rail fares capped for commuters")
    supported_by(fake, busy.id, person("fan"))
    ideas, _ = canvass.canvass(POLICY, "health", "open", 20, None)
    assert [i.campaign.id for i in ideas] == [busy.id, quiet.id]
    assert ideas[0].replies is None  # not counted until the hourly schedule has run
    assert [i.campaign.id for i in canvass.canvass(ADMIN, "health", "open", 20, None)[0]] == [busy.id, quiet.id]


def test_the_canvass_is_for_the_areas_team_and_admins_only(fake):
    fake.people.give_policy_areas(POLICY, ["transport"])
    for who in (POLICY, OWNER):
        with pytest.raises(Forbidden) as raised:
            canvass.canvass(who, "health", "open", 20, None)
        assert raised.value.code == "not_your_area"
    with pytest.raises(NotFound) as unknown:
        canvass.canvass(ADMIN, "atlantis", "open", 20, None)
    assert unknown.value.code == "area_not_found"
