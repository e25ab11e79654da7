"""Finding things without knowing a URL (issue 27, sections 3 and 7): campaigns waiting for a
minister's answer and answered ones, a page at a time; the ministers and the areas they answer for;
the consultations' list, linked from the home page and from the campaigns that answer them."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

import pytest

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.api.consultation_helpers import open_consultation, policy_team
from tests.conftest import assert_error

HTML = {"Accept": "text/html"}
THRESHOLD = 1
AREA = "culture"  # one few other tests open campaigns in; the lists cover every area anyway


@pytest.fixture(autouse=True)
def low_threshold(response_threshold):
    response_threshold(THRESHOLD)


@pytest.fixture(scope="module")
def cast(api, make_user):
    return {"owner": make_user(name="lists-owner"), "moderator": make_user("moderators", name="lists-mod"),
            "admin": make_user("admins", name="lists-admin"), "fan": make_user(name="lists-fan")}


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.body.decode())))


def _every(api, path: str) -> list[str]:
    """The ids a list shows, following its cursor to the end."""
    ids, cursor = [], None
    while True:
        answer = api.get(path + "&limit=100" + (f"&cursor={cursor}" if cursor else ""))
        assert answer.status_code == 200, answer.body
        page = json.loads(answer.body)
        ids += [c["id"] for c in page["items"]]
        if not (cursor := page["next_cursor"]):
            return ids


def _past_threshold(api, cast, runner, monkeypatch, days_ago: float) -> dict:
    from chalicelib.logic import counting
    from chalicelib.store.base import utcnow

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area=AREA)
    assert api.put(f"/campaigns/{campaign['id']}/support", user=cast["fan"], json_body=CONSENT).status_code == 200
    with monkeypatch.context() as clock:
        clock.setattr(counting, "utcnow", lambda: utcnow() - timedelta(days=days_ago))
        runner.run_once()
    return campaign


def test_waiting_and_answered_lists_follow_the_threshold_and_the_answer(api, cast, make_user, runner, monkeypatch):
    minister = make_user("ministers", name="lists-minister")
    minister_id = json.loads(api.get("/me", user=minister).body)["id"]
    assert api.put(f"/ministers/{minister_id}/portfolio", user=cast["admin"],
                   json_body={"areas": [AREA]}).status_code == 200
    older = _past_threshold(api, cast, runner, monkeypatch, days_ago=20)
    newer = _past_threshold(api, cast, runner, monkeypatch, days_ago=2)
    quiet = open_campaign(api, cast["owner"], cast["moderator"], area=AREA)  # below the threshold: on neither

    waiting = _every(api, "/campaigns?answer=waiting")
    assert waiting.index(older["id"]) < waiting.index(newer["id"])  # longest waiting first
    assert quiet["id"] not in waiting and newer["id"] not in _every(api, "/campaigns?answer=answered")

    answered = api.post(f"/campaigns/{newer['id']}/response", user=minister,
                        json_body={"stance": "considering", "body": "We are looking at this with the department."})
    assert answered.status_code == 201, answered.body
    assert newer["id"] not in _every(api, "/campaigns?answer=waiting")
    assert _every(api, "/campaigns?answer=answered")[0] == newer["id"]  # newest answer first

    page = api.get("/campaigns?answer=answered", headers=HTML)
    assert page.status_code == 200 and page.headers["Vary"] == "Accept, Accept-Language, Cookie"
    assert f'href="/c/{newer["slug"]}"' in page.body.decode()
    assert "Campaigns a minister has answered, newest answer first." in _text(page)
    assert 'aria-current="page"><strong>Answered' in page.body.decode()


def test_an_answer_list_covers_every_area_so_it_refuses_filters(api):
    error = assert_error(api.get("/campaigns?answer=waiting&area=health&sort=top"), 400)
    assert set(error["details"]["fields"]) == {"area", "sort"}
    assert_error(api.get("/campaigns?answer=someday"), 400)
    # A browser always gets a list: an unknown value is the default one.
    page = api.get("/campaigns?answer=someday&sort=sideways", headers=HTML)
    assert page.status_code == 200 and "Open · Newest" in _text(page)


def test_every_campaign_a_page_at_a_time_in_a_browser(api, cast):
    made = [open_campaign(api, cast["owner"], cast["moderator"], area="energy") for _ in range(3)]
    first = api.get("/campaigns?status=open&area=energy&sort=new&limit=2")
    assert first.status_code == 200 and json.loads(first.body)["next_cursor"]
    page = api.get("/campaigns?status=open&area=energy&sort=new", headers=HTML).body.decode()
    assert all(f'href="/c/{c["slug"]}"' in page for c in made)
    area_page = api.get("/areas/energy", headers=HTML).body.decode()
    assert 'href="/campaigns?status=open&amp;sort=new&amp;area=energy"' in area_page  # "more" from the area


def test_the_ministers_and_their_areas_and_each_areas_minister(api, cast, make_user):
    minister = make_user("ministers", name="lists-portfolio")
    me = json.loads(api.get("/me", user=minister).body)
    assert api.patch("/me", user=minister, json_body={"display_name": "Ada Portfolio"}).status_code == 200
    given = api.put(f"/ministers/{me['id']}/portfolio", user=cast["admin"], json_body={"areas": ["science", "justice"]})
    assert given.status_code == 200, given.body

    shown = {m["minister"]["handle"]: m for m in json.loads(api.get("/ministers").body)["items"]}
    assert sorted(shown[me["handle"]]["portfolio"]) == ["justice", "science"]
    assert shown[me["handle"]]["url"] == f"/people/{me['handle']}"
    page = api.get("/ministers", headers=HTML)
    assert page.status_code == 200 and f'href="/people/{me["handle"]}">Ada Portfolio</a>' in page.body.decode()
    assert 'href="/ministers#area-science"' in api.get("/areas/science", headers=HTML).body.decode()
    science = re.search(r'<li class="card" id="area-science">.*?</li>', page.body.decode(), re.S).group(0)
    assert f'href="/people/{me["handle"]}">Ada Portfolio</a>' in science  # the area's minister, by the link

    assert api.put(f"/ministers/{me['id']}/portfolio", user=cast["admin"], json_body={"areas": []}).status_code == 200
    assert me["handle"] not in {m["minister"]["handle"] for m in json.loads(api.get("/ministers").body)["items"]}
    assert f'href="/people/{me["handle"]}"' not in api.get("/ministers", headers=HTML).body.decode()


def test_consultations_are_listed_on_their_page_and_the_home_page_and_linked_from_their_ideas(api, make_user):
    team = policy_team(api, make_user, {"health": ["health"]})
    asked = open_consultation(api, team["health"])
    listing = api.get("/consultations?status=open&area=health", headers=HTML)
    assert listing.status_code == 200 and listing.headers["Vary"] == "Accept, Accept-Language, Cookie"
    pages = [listing.body.decode()]
    while f'href="/consultations/{asked["id"]}"' not in pages[-1] and len(pages) < 20:  # other tests' come first
        more = re.search(r'href="(/consultations\?status=open&amp;area=health&amp;cursor=[^"]+)"', pages[-1])
        assert more, "listed, on this page or through 'More consultations'"
        pages.append(api.get(html.unescape(more.group(1)), headers=HTML).body.decode())
    assert f'href="/consultations/{asked["id"]}"' in pages[-1]
    assert json.loads(api.get("/consultations?area=health").body)["items"]  # API clients still get JSON
    home = api.get("/", headers=HTML).body.decode()
    assert 'href="/consultations"' in home  # the header and the home page's own link
    idea = open_campaign(api, team["citizen"], team["moderator"], area="health", consultation_id=asked["id"])
    campaign_page = api.get(f"/c/{idea['slug']}", headers=HTML)
    assert f'href="/consultations/{asked["id"]}">{html.escape(asked["question"])}</a>' in campaign_page.body.decode()
    assert "Answers the consultation" in _text(campaign_page)
    consultation_page = api.get(f"/consultations/{asked['id']}", headers=HTML).body.decode()
    assert f'href="/c/{idea["slug"]}"' in consultation_page and 'href="/consultations"' in consultation_page
