"""The language a person reads in (issue 29): kept in their profile (`PATCH /me`), the same
request answered with the same `code` in each language, a public page's `hreflang` alternates,
and an email in the language of the person it goes to. With a stub Welsh catalogue
(tests/welsh_stub.py): these test the machinery, not the translation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.account_helpers import address, emails_to
from tests.api.campaign_helpers import open_campaign
from tests.conftest import assert_error
from tests.welsh_stub import welsh_stub


@pytest.fixture
def welsh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with welsh_stub(tmp_path, monkeypatch):
        yield


def test_a_person_keeps_their_language_and_this_browser_follows_at_once(api, make_user):
    user = make_user()
    assert json.loads(api.get("/me", user=user).body)["language"] is None  # never chosen
    chosen = api.patch("/me", user=user, json_body={"language": "cy"})
    assert chosen.status_code == 200, chosen.body
    assert json.loads(chosen.body)["language"] == "cy"
    assert chosen.headers["Set-Cookie"].startswith("lang=cy; Path=/; Max-Age=31536000; SameSite=Lax")
    assert json.loads(api.get("/me", user=user).body)["language"] == "cy"
    other = api.patch("/me", user=user, json_body={"bio": "Gyrrwr bws"})
    assert "Set-Cookie" not in other.headers and json.loads(other.body)["language"] == "cy"


@pytest.mark.parametrize("language", ["fr", "CY", "", None, 7])
def test_only_a_language_the_site_speaks_can_be_chosen(api, make_user, language):
    user = make_user()
    error = assert_error(api.patch("/me", user=user, json_body={"language": language}), 400, "invalid_input")
    assert "language" in error["details"]["fields"], error
    assert json.loads(api.get("/me", user=user).body)["language"] is None  # nothing half-written


def test_the_same_refusal_keeps_its_code_and_fields_in_either_language(api, make_user, welsh):
    user = make_user()
    bad = {"handle": "x", "language": "fr"}
    english = assert_error(api.patch("/me", user=user, json_body=bad, headers={"Accept-Language": "en-GB"}),
                           400, "invalid_input")
    welsh_answer = assert_error(api.patch("/me", user=user, json_body=bad, headers={"Accept-Language": "cy"}),
                                400, "invalid_input")
    assert english["message"] == "Some fields are not valid."
    assert welsh_answer["message"] == "Nid yw rhai meysydd yn ddilys."
    # The field names never change; their reasons follow the language too (tests/api/test_field_reasons.py,
    # against the real catalogue: this stub has no words for them).
    assert set(welsh_answer["details"]["fields"]) == set(english["details"]["fields"]) == {"handle", "language"}


def test_a_public_page_says_its_language_and_links_to_the_other(api, welsh):
    page = api.get("/", headers={"Accept": "text/html", "Accept-Language": "cy"})
    html = page.body.decode()
    assert page.status_code == 200 and page.headers["Cache-Control"].startswith("public")
    assert '<html lang="cy-GB">' in html and page.headers["Content-Language"] == "cy-GB"
    assert page.headers["Vary"] == "Accept-Language, Cookie"
    links = [line for line in html.splitlines() if 'rel="alternate" hreflang=' in line]
    assert [line.split('hreflang="')[1].split('"')[0] for line in links] == ["en-GB", "cy-GB", "x-default"]
    assert links[0].endswith('/?lang=en">') and links[1].endswith('/?lang=cy">') and links[2].endswith('/">')
    english = api.get("/?lang=en", headers={"Accept": "text/html", "Accept-Language": "cy"}).body.decode()
    assert '<html lang="en-GB">' in english and "Skip to the content" in english


def test_the_join_code_is_mailed_in_the_language_the_person_asked_in(api, welsh):
    welsh_reader, english_reader = address("cymraeg"), address("english")
    for email, language in ((welsh_reader, "cy"), (english_reader, "en-GB")):
        asked = api.post("/auth/join", json_body={"email": email}, headers={"Accept-Language": language})
        assert asked.status_code == 202, asked.body
    assert [mail["subject"] for mail in emails_to(welsh_reader)] == ["Eich cod Labourspace"]
    assert [mail["subject"] for mail in emails_to(english_reader)] == ["Your Labourspace code"]


def test_a_visitor_who_switched_gets_error_messages_in_their_language(api, welsh):
    refused = api.get("/me", headers={"Cookie": "lang=cy", "Authorization": "Basic a2V5"})
    error = assert_error(refused, 401, "invalid_token")
    assert error["message"].startswith("Anfonwch y tocyn")


def test_a_feed_reads_in_the_language_of_whoever_reads_it(api, make_user, runner, welsh):
    """Each item carries every language's words, so the fan-out reads nobody's language (bench/fanout.py)."""
    owner, moderator, reader = make_user(), make_user("moderators"), make_user()
    campaign = open_campaign(api, owner, moderator, area="housing", title="Tai cyngor i Gaerdydd")
    api.put(f"/campaigns/{campaign['id']}/follow", user=reader)
    update = {"headline": "We met the council", "body": "They agreed to put our plan on the agenda in March."}
    assert api.post(f"/campaigns/{campaign['id']}/updates", user=owner, json_body=update).status_code == 201
    for _ in range(500):  # until quiet: the fan-out queue is shared, other tests' pages may be ahead
        if runner.run_once() == 0:
            break

    def feed(language: str) -> list[tuple[str, str]]:
        page = json.loads(api.get("/me/feed", user=reader, headers={"Accept-Language": language}).body)
        return [(i["title"], i["text"]) for i in page["items"] if i["campaign_id"] == campaign["id"]]

    assert feed("cy") == [("Diweddariad: Tai cyngor i Gaerdydd",
                           "We met the council. Darllenwch hi ar dudalen yr ymgyrch.")]
    assert feed("en-GB") == [("Update: Tai cyngor i Gaerdydd", "We met the council. Read it on the campaign's page.")]
