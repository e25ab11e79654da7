"""The read routes people hit in numbers answer in at most two DynamoDB calls on a warm container
(a second request after a first), so the figure in bench/requests.py cannot silently regress:
the home and area pages, a campaign's page, the list, a campaign, and the widget."""

from __future__ import annotations

import json
import uuid

import pytest

from devstack.dynamodb_calls import recording
from tests.api.campaign_helpers import open_campaign

HOT_READ_CALLS = 2


@pytest.fixture(scope="module")
def hosted(api, make_user):
    """An open campaign hosted by an organisation, with a reply: every name a page shows."""
    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    org = api.post("/organisations", user=owner, json_body={"handle": f"hot-{uuid.uuid4().hex[:8]}",
                                                            "name": "Hot Reads Branch"}).json_body
    campaign = open_campaign(api, owner, moderator, area="health", organisation=org["handle"],
                             title=f"Evening GP clinics in every town {uuid.uuid4().hex[:6]}")
    reply = api.post(f"/campaigns/{campaign['id']}/replies", user=make_user(name="reader"),
                     json_body={"body": "Our surgery shuts at five; this would help."})
    assert reply.status_code == 201, reply.body
    return campaign, owner


@pytest.fixture
def warm_enough(monkeypatch):
    """The caches' lives outlast the two requests, however slow this machine is."""
    from chalicelib.store import read_cache

    for cache in (read_cache.list_order, read_cache.people, read_cache.organisations):
        monkeypatch.setattr(cache, "_seconds", 300.0)
    read_cache.forget_everything()  # the first request is a new container's


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
