"""The read routes people hit in numbers answer in at most two DynamoDB calls on a warm container
(a second request after a first), so the figure in bench/requests.py cannot silently regress:
the home and area pages, a campaign's page, the list, a campaign, and the widget. The home and area
pages take at most three on a new container too (issue 30): their lists' order from the item the
campaigns' stream keeps, the campaigns, and their names; a hidden campaign still leaves them at once."""

from __future__ import annotations

import json
import uuid

import pytest

from devstack.dynamodb_calls import recording
from tests.api.campaign_helpers import open_campaign
from tests.conftest import deliver_until_quiet

HOT_READ_CALLS = 2
COLD_PAGE_CALLS = 3


@pytest.fixture(scope="module")
def hosted(api, make_user, runner):
    """An open campaign hosted by an organisation, with a reply: every name a page shows; the
    campaigns' stream delivered, as in AWS a second or two later (the pages' stored lists)."""
    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    org = api.post("/organisations", user=owner, json_body={"handle": f"hot-{uuid.uuid4().hex[:8]}",
                                                            "name": "Hot Reads Branch"}).json_body
    campaign = open_campaign(api, owner, moderator, area="health", organisation=org["handle"],
                             title=f"Evening GP clinics in every town {uuid.uuid4().hex[:6]}")
    reply = api.post(f"/campaigns/{campaign['id']}/replies", user=make_user(name="reader"),
                     json_body={"body": "Our surgery shuts at five; this would help."})
    assert reply.status_code == 201, reply.body
    deliver_until_quiet(runner)
    return campaign, owner


@pytest.fixture
def warm_enough(monkeypatch):
    """The caches' lives outlast the two requests, however slow this machine is."""
    from chalicelib.store import read_cache

    for cache in (read_cache.list_order, read_cache.people, read_cache.organisations):
        monkeypatch.setattr(cache, "_seconds", 300.0)
    read_cache.forget_everything()  # the first request is a new container's


def _cold_request(api, path: str):
    """`path` asked of a new container: every cache empty, nothing moved here."""
    from chalicelib.store import read_cache

    read_cache.forget_everything()
    with recording() as calls:
        page = api.get(path)
    assert page.status_code == 200, (path, page.status_code)
    return page.body.decode(), calls.operations()


def _second_request(api, path: str, **kw):
    first = api.get(path, **kw)
    assert first.status_code == 200, (path, first.status_code)
    with recording() as calls:
        second = api.get(path, **kw)
    assert second.status_code == 200, (path, second.status_code)
    return second, calls.operations()


def test_the_home_and_area_pages_are_one_call_warm(api, hosted, warm_enough):
    campaign, _ = hosted
    pages = {}
    for path in ("/", "/areas/health"):
        pages[path], operations = _second_request(api, path)
        assert len(operations) <= HOT_READ_CALLS, (path, operations)
    assert campaign["title"] in pages["/areas/health"].body.decode()  # among the newest in its area


def test_a_campaign_page_is_two_calls_warm(api, hosted, warm_enough):
    campaign, _ = hosted
    page, operations = _second_request(api, f"/c/{campaign['slug']}")
    assert len(operations) <= HOT_READ_CALLS, operations
    html = page.body.decode()
    assert campaign["title"] in html and "Hot Reads Branch" in html and "Our surgery shuts at five" in html


def test_the_list_a_campaign_and_the_widget_are_two_calls_or_fewer_warm(api, hosted, make_user, warm_enough):
    campaign, _ = hosted
    listed, operations = _second_request(api, "/campaigns?area=health&sort=new&limit=100")
    assert len(operations) <= HOT_READ_CALLS, operations
    mine = [c for c in json.loads(listed.body)["items"] if c["id"] == campaign["id"]]
    assert mine and mine[0]["organisation"]["name"] == "Hot Reads Branch"

    for user in (None, make_user(name="visitor")):  # signed in: the membership check is the second call
        shown, operations = _second_request(api, f"/campaigns/{campaign['id']}", user=user)
        assert len(operations) <= HOT_READ_CALLS, operations
        assert json.loads(shown.body)["owner"]["display_name"] == campaign["owner"]["display_name"]

    widget, operations = _second_request(api, f"/widgets/c/{campaign['id']}")
    assert len(operations) <= HOT_READ_CALLS, operations
    assert campaign["title"] in widget.body.decode()


def test_a_rename_shows_at_once_on_the_container_that_made_it(api, hosted, warm_enough):
    campaign, owner = hosted
    _second_request(api, f"/campaigns/{campaign['id']}")  # the owner's name is kept now
    name = f"Dr Renamed {uuid.uuid4().hex[:4]}"
    assert api.patch("/me", user=owner, json_body={"display_name": name}).status_code == 200
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["owner"]["display_name"] == name
    assert name in api.get(f"/c/{campaign['slug']}").body.decode()


def test_a_campaign_approved_here_is_on_the_home_page_at_once(api, make_user, warm_enough):
    _second_request(api, "/")  # the lists' order is kept now
    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    campaign = open_campaign(api, owner, moderator, area="health", title=f"Free prescriptions {uuid.uuid4().hex[:6]}")
    assert campaign["title"] in api.get("/").body.decode()


def test_the_home_and_area_pages_are_three_calls_on_a_new_container(api, hosted, warm_enough):
    campaign, _ = hosted
    for path in ("/", "/areas/health"):
        html, operations = _cold_request(api, path)
        # The stored lists (one GetItem), then their campaigns; cards show no names, so none are read.
        assert operations == ["GetItem", "BatchGetItem"], (path, operations)
        assert len(operations) <= COLD_PAGE_CALLS
        assert campaign["title"] in html, path  # among the newest, on both
        assert "a former member" not in html  # no card shows an owner (none was read: each would be one)


def test_a_campaign_opened_on_another_container_is_listed_once_the_stream_has_run(api, make_user, runner,
                                                                                  warm_enough):
    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    opened = open_campaign(api, owner, moderator, area="health", title=f"Walk-in dentists {uuid.uuid4().hex[:6]}")
    deliver_until_quiet(runner)
    for path in ("/", "/areas/health"):
        html, operations = _cold_request(api, path)  # a container that did not open it
        assert opened["title"] in html and len(operations) <= COLD_PAGE_CALLS, (path, operations)


def test_a_hidden_campaign_leaves_the_stored_lists_at_once(api, make_user, runner, warm_enough):
    from chalicelib.store import campaigns as store

    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    hidden = open_campaign(api, owner, moderator, area="health", title=f"Night buses {uuid.uuid4().hex[:6]}")
    deliver_until_quiet(runner)
    assert hidden["title"] in _cold_request(api, "/areas/health")[0]
    store.set_hidden(store.get_campaign(hidden["id"]), True)  # the stream not yet delivered: still stored
    for path in ("/", "/areas/health"):
        html, operations = _cold_request(api, path)
        assert hidden["title"] not in html and len(operations) <= COLD_PAGE_CALLS, (path, operations)


def test_a_campaign_page_on_a_new_container_reads_the_campaign_with_every_name_at_once(api, hosted, warm_enough):
    campaign, _ = hosted
    from chalicelib.store import read_cache

    read_cache.forget_everything()
    with recording() as calls:
        page = api.get(f"/c/{campaign['slug']}")
    assert page.status_code == 200
    html = page.body.decode()
    assert campaign["title"] in html and "Hot Reads Branch" in html and "Our surgery shuts at five" in html
    assert campaign["owner"]["display_name"] in html and "a former member" not in html  # every name was read
    tables = [c.params.get("TableName") or ",".join(sorted(t.rsplit("-", 1)[-1] for t in c.params["RequestItems"]))
              for c in calls.calls]
    # The slug (with its related campaigns' ids, which the stream stored when it indexed the campaign),
    # the replies, then the campaign and its related ones with its owner's, host's and repliers' names,
    # in one BatchGetItem; nothing after (tests/api/test_related_stored.py: the related campaigns).
    assert calls.operations() == ["GetItem", "Query", "BatchGetItem"], calls.operations()
    assert tables[2] == "campaigns,organisations,people", tables
    assert len(calls.calls) <= COLD_PAGE_CALLS
