"""A campaign's related campaigns, stored on its slug's claim by the search index's stream handler
(issue 30): an indexed campaign's page is 3 DynamoDB calls on a new container and 2 on a warm one,
showing the related campaigns it showed when it found them afresh; never a hidden one; a claim
made before this still shows them (found as before) until `make reindex` stores them, and a list
found more than a day ago is found again by a page and stored."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from devstack.dynamodb_calls import recording
from tests.api.campaign_helpers import open_campaign
from tests.conftest import deliver_until_quiet

COLD_PAGE_CALLS, WARM_PAGE_CALLS = 3, 2


@pytest.fixture
def fresh_container(monkeypatch):
    """Names outlast the requests however slow the machine (the related campaigns keep their 30 s)."""
    from chalicelib.store import read_cache

    for cache in (read_cache.people, read_cache.organisations):
        monkeypatch.setattr(cache, "_seconds", 300.0)
    read_cache.forget_everything()


def _tag() -> str:
    return f"zq{uuid.uuid4().hex[:6]} zk{uuid.uuid4().hex[:6]}"


@pytest.fixture
def three(api, make_user, runner):
    """Three open campaigns sharing a rare word (their own tag), indexed by the stream as in AWS."""
    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    tag = _tag()  # two words no other test's campaigns hold: their two rarest, so they find only each other
    mine = open_campaign(api, owner, moderator, area="housing", title=f"Rent caps for {tag} tenants")
    near = open_campaign(api, owner, moderator, area="transport", title=f"Caps on {tag} rents for tenants")
    also = open_campaign(api, owner, moderator, area="housing", title=f"Rent controls for {tag} tenants now")
    deliver_until_quiet(runner)
    return mine, near, also


def _related_part(html: str) -> str:
    part = html[html.index('id="related-heading"'):]
    return part[:part.index("</section>")]


def _page(api, slug: str, *, cold: bool = True):
    from chalicelib.store import read_cache

    if cold:
        read_cache.forget_everything()
    with recording() as calls:
        page = api.get(f"/c/{slug}")
    assert page.status_code == 200, page.status_code
    return page.body.decode(), calls.operations()


def _linked(html: str, *campaigns: dict) -> list[bool]:
    return [f'href="/c/{c["slug"]}"' in _related_part(html) for c in campaigns]


def test_an_indexed_campaign_page_is_three_calls_cold_and_two_warm_with_its_related_campaigns(
        api, three, fresh_container, monkeypatch):
    from chalicelib.store import read_cache

    mine, near, also = three
    html, operations = _page(api, mine["slug"])
    # The claim (with the related ids), the replies, one BatchGetItem of the campaign and theirs.
    assert operations == ["GetItem", "Query", "BatchGetItem"], operations
    assert _linked(html, near, also) == [True, True] and _linked(html, mine) == [False]

    html, operations = _page(api, mine["slug"], cold=False)  # warm, the related ones kept 30 s
    assert len(operations) <= WARM_PAGE_CALLS and _linked(html, near, also) == [True, True], operations
    monkeypatch.setattr(read_cache.related_campaigns, "_seconds", 0.0)  # ...and once those 30 s are over
    html, operations = _page(api, mine["slug"], cold=False)
    assert operations == ["Query", "BatchGetItem"], operations
    assert _linked(html, near, also) == [True, True]


def test_a_hidden_related_campaign_is_not_shown_though_the_stored_list_names_it(api, three, fresh_container):
    from chalicelib.store import campaigns as store
    from chalicelib.store.names import resolve

    mine, near, also = three
    assert _linked(_page(api, mine["slug"])[0], near, also) == [True, True]
    store.set_hidden(store.get_campaign(near["id"]), True)  # the stream not yet delivered: still stored
    assert near["id"] in (resolve("slug", mine["slug"]).related or [])
    html, _ = _page(api, mine["slug"])
    assert _linked(html, near, also) == [False, True] and near["slug"] not in html
    # The list was found again and stored without it: the next new container is back to 3 calls.
    assert near["id"] not in (resolve("slug", mine["slug"]).related or [])
    html, operations = _page(api, mine["slug"])
    assert _linked(html, near, also) == [False, True] and operations == ["GetItem", "Query", "BatchGetItem"]


@pytest.mark.parametrize("stored", ["before issue 30", "more than a day ago"])
def test_a_claim_without_a_fresh_list_shows_them_as_before_and_stores_them(api, three, fresh_container, stored):
    from chalicelib.domain.times import iso, utcnow
    from chalicelib.store.names import resolve
    from chalicelib.store.tables.campaigns import CampaignRecord
    from chalicelib.store.tables.names import UniqueNameRecord, name_key
    from ops.reindex import PHASES

    mine, near, also = three
    claim = UniqueNameRecord(name=name_key("slug", mine["slug"]))
    if stored == "before issue 30":
        claim.update(actions=[UniqueNameRecord.related.remove(), UniqueNameRecord.related_at.remove()])
    else:  # and it missed both (they opened after it was found)
        claim.update(actions=[UniqueNameRecord.related.set([]),
                              UniqueNameRecord.related_at.set(iso(utcnow() - timedelta(days=1, minutes=1)))])
    html, operations = _page(api, mine["slug"])
    assert _linked(html, near, also) == [True, True]
    assert len(operations) > COLD_PAGE_CALLS, operations  # found as before: the index's Queries
    if stored == "before issue 30":  # a page writes none (its row in bench/requests.py unchanged)...
        assert "UpdateItem" not in operations and resolve("slug", mine["slug"]).related_at is None
        phases = {name: handle for name, _, _, handle in PHASES}
        assert phases["related campaigns"](CampaignRecord.get(mine["id"])) == 1  # ...`make reindex` does
    else:  # found again once a day by a page, for every container's next
        assert operations.count("UpdateItem") == 1
    assert {near["id"], also["id"]} <= set(resolve("slug", mine["slug"]).related or [])  # and others' like it
    html, operations = _page(api, mine["slug"])
    assert _linked(html, near, also) == [True, True] and operations == ["GetItem", "Query", "BatchGetItem"]


def test_a_campaign_opened_later_joins_the_related_campaigns_of_those_it_is_like(api, three, make_user, runner,
                                                                               fresh_container):
    """Its own list is found when it is indexed; those it is like find it again when they are reindexed
    (any change the index shows), or their list is a day old."""
    mine, near, _ = three
    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    tag = " ".join(mine["title"].split()[3:5])
    later = open_campaign(api, owner, moderator, area="health", title=f"Caps on {tag} tenants' rents")
    deliver_until_quiet(runner)
    html, operations = _page(api, later["slug"])
    assert _linked(html, mine, near) == [True, True] and len(operations) <= COLD_PAGE_CALLS, operations
