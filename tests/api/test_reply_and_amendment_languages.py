"""Replies and amendments written in Welsh or English (README, "Content in either language"): the
language on create (and on a reply's edit), stored on the item, returned by the API, the request's by
default, a bad one refused in the error shape with nothing written, and `lang` on pages where the
reply's or amendment's language is not the page's."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.api.campaign_helpers import open_campaign
from tests.api.document_helpers import clauses, proposed, publish, team
from tests.conftest import assert_error

WELSH_REPLY = "Rwy'n cytuno: mae angen trenau amlach i Gaerdydd."
WELSH_REASON = "Does dim modd gweld meddyg teulu yn ystod y dydd."


@pytest.fixture(scope="module")
def people(api, make_user):
    return {**team(api, make_user, "lang"), "moderator": make_user("moderators", name="lang-mod")}


@pytest.fixture(scope="module")
def campaign(api, people):
    return open_campaign(api, people["ada"], people["moderator"])


def _marked(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:8]}"


def _reply(api, user, campaign_id: str, body: dict, language: str | None = None):
    headers = {"Accept-Language": language} if language else None
    return api.post(f"/campaigns/{campaign_id}/replies", user=user, json_body=body, headers=headers)


def _thread(api, campaign_id: str) -> dict[str, dict]:
    items = json.loads(api.get(f"/campaigns/{campaign_id}/replies?limit=100").body)["items"]
    return {r["id"]: r for r in items}


def test_a_reply_says_its_language_and_keeps_it_on_its_item(api, people, campaign):
    made = _reply(api, people["ben"], campaign["id"], {"body": _marked(WELSH_REPLY), "language": "cy"})
    assert made.status_code == 201, made.body
    reply = json.loads(made.body)
    assert reply["language"] == "cy"
    assert _thread(api, campaign["id"])[reply["id"]]["language"] == "cy"
    from chalicelib.store.tables.replies import ReplyRecord
    assert ReplyRecord.get(reply["id"]).language == "cy"  # on the item itself: a thread reads nothing else

    mine = json.loads(api.get("/me/replies", user=people["ben"]).body)["items"]
    assert {r["id"]: r["language"] for r in mine}[reply["id"]] == "cy"


@pytest.mark.parametrize("asked, expected", [(None, "en"), ("cy", "cy"), ("cy-GB,cy;q=0.9", "cy"), ("en-GB", "en")])
def test_a_reply_without_a_language_is_in_the_requests(api, people, campaign, asked, expected):
    made = _reply(api, people["chloe"], campaign["id"], {"body": _marked("Either way, yes.")}, asked)
    assert made.status_code == 201, made.body
    assert json.loads(made.body)["language"] == expected
    made = _reply(api, people["chloe"], campaign["id"], {"body": _marked("Null too."), "language": None}, asked)
    assert json.loads(made.body)["language"] == expected


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("bad", ["fr", "CY", "", 1, "cy-GB"])
def test_a_bad_reply_language_is_refused_in_the_error_shape_and_nothing_written(api, people, campaign, language,
                                                                                  bad):
    body = _marked("This reply must not be kept.")
    error = assert_error(_reply(api, people["ben"], campaign["id"], {"body": body, "language": bad}, language), 400)
    assert "language" in error["details"]["fields"], error
    assert body not in [r["body"] for r in _thread(api, campaign["id"]).values()]


def test_the_refusal_is_worded_in_the_requests_language(api, people, campaign):
    english = assert_error(_reply(api, people["ben"], campaign["id"], {"body": "x", "language": "fr"}, "en"), 400)
    welsh = assert_error(_reply(api, people["ben"], campaign["id"], {"body": "x", "language": "fr"}, "cy"), 400)
    assert english["code"] == welsh["code"] and english["message"] != welsh["message"]
    assert set(english["details"]["fields"]) == set(welsh["details"]["fields"]) == {"language"}


def _edit(api, user, campaign_id: str, reply: dict, body: dict):
    return api.patch(f"/campaigns/{campaign_id}/replies/{reply['id']}", user=user, json_body=body,
                     headers={"If-Match": str(reply["version"])})


def test_an_edit_may_change_a_replys_language_and_otherwise_keeps_it(api, people, campaign):
    made = json.loads(_reply(api, people["ben"], campaign["id"], {"body": "Written in English first."}).body)
    assert made["language"] == "en"
    welsh = _edit(api, people["ben"], campaign["id"], made, {"body": WELSH_REPLY, "language": "cy"})
    assert welsh.status_code == 200, welsh.body
    edited = json.loads(welsh.body)
    assert edited["language"] == "cy"
    kept = _edit(api, people["ben"], campaign["id"], edited, {"body": WELSH_REPLY + " Diolch."})
    assert kept.status_code == 200, kept.body
    assert json.loads(kept.body)["language"] == "cy"  # an edit that does not say keeps the reply's

    current = json.loads(kept.body)
    error = assert_error(_edit(api, people["ben"], campaign["id"], current, {"body": "Changed?", "language": "de"}),
                         400)
    assert "language" in error["details"]["fields"]
    shown = _thread(api, campaign["id"])[made["id"]]
    assert (shown["body"], shown["language"]) == (WELSH_REPLY + " Diolch.", "cy")  # nothing written


def test_an_amendment_says_its_language_and_the_requests_by_default(api, people):
    document = publish(api, people["policy"])
    welsh = proposed(api, people["ada"], document, 0, text="Mae pob tref yn cadw dwy feddygfa.", reason=WELSH_REASON,
                     language="cy")
    assert welsh["language"] == "cy"
    assert json.loads(api.get(f"/amendments/{welsh['id']}").body)["language"] == "cy"
    from chalicelib.store.tables.amendments import AmendmentRecord
    assert AmendmentRecord.get(welsh["id"]).language == "cy"

    plain = proposed(api, people["ben"], document, 1, text="Appointments within three days.")
    assert plain["language"] == "en"
    asked = api.post(f"/documents/{document['id']}/amendments", user=people["chloe"],
                     headers={"Accept-Language": "cy"},
                     json_body={"clause_id": clauses(document)[2]["id"], "action": "delete", "reason": WELSH_REASON})
    assert asked.status_code == 201, asked.body
    assert json.loads(asked.body)["language"] == "cy"

    listed = json.loads(api.get(f"/documents/{document['id']}/amendments").body)["items"]
    assert {a["id"]: a["language"] for a in listed} == {welsh["id"]: "cy", plain["id"]: "en",
                                                        json.loads(asked.body)["id"]: "cy"}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_bad_amendment_language_is_refused_and_nothing_written(api, people, language):
    document = publish(api, people["policy"])
    response = api.post(f"/documents/{document['id']}/amendments", user=people["ada"],
                        headers={"Accept-Language": language},
                        json_body={"clause_id": clauses(document)[0]["id"], "action": "replace",
                                   "text": "Two surgeries in every town.", "reason": WELSH_REASON, "language": "gd"})
    error = assert_error(response, 400)
    assert set(error["details"]["fields"]) == {"language"}, error
    assert json.loads(api.get(f"/documents/{document['id']}/amendments").body)["items"] == []
    assert json.loads(api.get(f"/documents/{document['id']}").body)["undecided"] == 0


def _page(api, path: str, language: str) -> str:
    response = api.get(path, headers={"Accept-Language": language, "Accept": "text/html"})
    assert response.status_code == 200, response.body
    return response.body.decode()


def _reply_body(page: str, reply_id: str) -> str:
    article = page.split(f'id="reply-{reply_id}"')[1].split("</article>")[0]
    return article.split('<div class="reply-body"')[1].split(">")[0]


def test_a_welsh_reply_is_marked_with_its_language_on_an_english_page_and_not_on_a_welsh_one(api, people, make_user):
    campaign = open_campaign(api, make_user(name="lang-page-owner"), people["moderator"])
    welsh = json.loads(_reply(api, people["ben"], campaign["id"], {"body": WELSH_REPLY, "language": "cy"}).body)
    english = json.loads(_reply(api, people["chloe"], campaign["id"], {"body": "Agreed.", "language": "en"}).body)

    page = _page(api, f"/c/{campaign['slug']}", "en")
    assert _reply_body(page, welsh["id"]) == ' lang="cy"'
    assert _reply_body(page, english["id"]) == ""  # the page's own language: no lang of its own
    page = _page(api, f"/c/{campaign['slug']}", "cy")
    assert _reply_body(page, welsh["id"]) == ""
    assert _reply_body(page, english["id"]) == ' lang="en"'


def test_a_welsh_amendment_is_marked_with_its_language_on_an_english_page(api, people):
    document = publish(api, people["policy"])
    made = proposed(api, people["ada"], document, 0, text="Mae pob tref yn cadw dwy feddygfa.", reason=WELSH_REASON,
                    language="cy")
    page = _page(api, f"/amendments/{made['id']}", "en")
    assert '<blockquote class="proposed" lang="cy"><p>Mae pob tref yn cadw dwy feddygfa.</p></blockquote>' in page
    assert f'<span lang="cy">{WELSH_REASON}</span>' in page
    page = _page(api, f"/amendments/{made['id']}", "cy")
    assert '<blockquote class="proposed"><p>' in page and 'lang="cy"><p>Mae pob' not in page


def test_the_openapi_document_describes_the_new_fields(api):
    schemas = json.loads(api.get("/openapi.json").body)["components"]["schemas"]
    for name in ("Reply", "AmendmentModel"):
        assert schemas[name]["properties"]["language"]["enum"] == ["en", "cy"], name
    for name in ("ReplyCreate", "ReplyEdit", "AmendmentCreate"):
        assert "language" in schemas[name]["properties"], name
        assert "language" not in schemas[name].get("required", []), name

