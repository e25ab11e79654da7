"""The consultation's page (the API's path, asked for text/html), the policy team's form, and the
start page that answers a consultation: readable without JavaScript, escaped, cached briefly."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.api.campaign_helpers import open_campaign
from tests.api.consultation_helpers import SUMMARY, open_consultation, policy_team, when

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def team(api, make_user):
    return policy_team(api, make_user, {"health": ["health"]})


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.body.decode())))


def test_the_page_shows_the_question_brief_dates_ideas_and_the_way_to_answer(api, team):
    consultation = open_consultation(api, team["health"], brief="Tell us <b>what</b> would shorten the wait.")
    cid = consultation["id"]
    low = open_campaign(api, team["citizen"], team["moderator"], area="health", consultation_id=cid,
                        title="Evening clinics twice a week")
    high = open_campaign(api, team["citizen"], team["moderator"], area="health", consultation_id=cid,
                         title="More nurses in every ward")
    from chalicelib.store.base import system_update
    from chalicelib.store.tables.campaigns import CampaignRecord

    # The count, as the stream handler would write it: the page's order is the index's.
    system_update(CampaignRecord, high["id"], actions=[CampaignRecord.support_count.set(12)])

    page = api.get(f"/consultations/{cid}", headers=HTML)
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert page.headers["Vary"] == "Accept, Accept-Language, Cookie"
    assert page.headers["Cache-Control"] == "public, max-age=30"
    body, text = page.body.decode(), _text(page)
    assert consultation["question"] in text and "Open." in text
    assert "&lt;b&gt;what&lt;/b&gt;" in body  # escaped, never markup
    assert f'href="/start?consultation={cid}"' in body and "Answer this with a campaign" in text
    assert "2 ideas, 12 supports." in text
    assert text.index("More nurses in every ward") < text.index("Evening clinics twice a week")
    assert f'href="/c/{low["slug"]}"' in body
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)
    as_json = api.get(f"/consultations/{cid}")  # API clients still get JSON
    assert json.loads(as_json.body)["id"] == cid

    closed = api.post(f"/consultations/{cid}/close", user=team["health"], json_body={"summary": SUMMARY})
    assert closed.status_code == 200
    after = _text(api.get(f"/consultations/{cid}", headers=HTML))
    assert "Closed." in after and SUMMARY in after and "Answer this with a campaign" not in after


def test_an_unknown_consultation_is_a_404_page(api):
    page = api.get("/consultations/no-such-consultation", headers=HTML)
    assert page.status_code == 404 and page.headers["Content-Type"] == "text/html; charset=utf-8"


def test_the_start_page_answers_the_consultation_it_came_from(api, team):
    consultation = open_consultation(api, team["health"])
    page = api.get(f"/start?consultation={consultation['id']}", headers=HTML)
    body = page.body.decode()
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert f'data-consultation-id="{consultation["id"]}"' in body
    assert consultation["question"] in _text(page)
    area_choice = re.search(r'<select id="area".*?</select>', body, re.S).group(0)
    assert re.findall(r'<option value="([a-z-]+)"', area_choice) == ["health"]  # an answer is in its area
    upcoming = open_consultation(api, team["health"], opens_at=when(days=3), closes_at=when(days=9))
    assert "it takes no answers now" in _text(api.get(f"/start?consultation={upcoming['id']}", headers=HTML))
    plain = api.get("/start?consultation=no-such-one", headers=HTML).body.decode()
    plain_area_choice = re.search(r'<select id="area".*?</select>', plain, re.S).group(0)
    assert "data-consultation-id" not in plain and len(re.findall(r"<option ", plain_area_choice)) > 1


def test_the_policy_teams_form_is_a_shell_with_labelled_fields(api):
    page = api.get("/consultations/new", headers=HTML)
    body = page.body.decode()
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert '<script src="/static/consultation-new.js" defer></script>' in body
    for field in ("area", "question", "brief", "opens_at", "closes_at"):
        assert f'<label for="{field}">' in body and f'id="{field}"' in body
    assert api.get("/static/consultation-new.js").status_code == 200
