"""A campaign in Welsh or English (README, "Content in either language"): the language and an
optional translation of the title and summary on create, edit and read, and search in Welsh
finding a word whatever its mutation. Every test makes its own campaigns with a word of its own."""

from __future__ import annotations

import json
import uuid
from urllib.parse import quote

import pytest

from tests.api.campaign_helpers import campaign_body, create, open_campaign
from tests.conftest import assert_error

WELSH = {
    "title": "Trenau gwell i Gaerdydd a'r Cymoedd",
    "summary": "Dylai pob tref yn y Cymoedd gael trên bob hanner awr i'r brifddinas.",
    "body": "Mae pobl y Cymoedd yn teithio'n bell i'r gwaith ac mae'r trenau'n brin. " * 3,
}
TRANSLATION = {"title": "Better trains to Cardiff and the Valleys",
               "summary": "Every Valleys town should have a train to the capital every half hour."}


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(name="ysgrifennwr"), "moderator": make_user("moderators")}


def tagged(text: str, tag: str) -> str:
    return f"{text} {tag}"


def new_tag() -> str:
    return f"q{uuid.uuid4().hex[:9]}"


def found(api, q: str, language: str | None = None) -> list[str]:
    headers = {"Accept-Language": language} if language else None
    response = api.get(f"/search?q={quote(q)}", headers=headers)
    assert response.status_code == 200, response.body
    return [item["id"] for item in json.loads(response.body)["items"]]


def test_a_welsh_campaign_is_found_by_mutated_and_unmutated_words(api, people, runner):
    tag = new_tag()
    campaign = open_campaign(api, people["owner"], people["moderator"], language="cy",
                             **{**WELSH, "title": tagged(WELSH["title"], tag)})
    runner.run_once()
    for language in ("cy", "en"):  # a reader on either language's page
        for q in ("Caerdydd", "Nghaerdydd", "gaerdydd", "chaerdydd", "drenau", "threnau gwell", '"trenau gwell"',
                  '"drenau gwell"'):  # a phrase across a mutation
            assert found(api, f"{q} {tag}", language) == [campaign["id"]], (q, language)
    assert found(api, f"Abertawe {tag}", "cy") == []


def test_two_welsh_words_one_mutation_apart_but_of_different_radicals_stay_apart(api, people, runner):
    # "mam" (mother) and "pam" (why): "m" is a mutation of "b", never of "p", so neither finds the other.
    tag = new_tag()
    mother = open_campaign(api, people["owner"], people["moderator"], language="cy",
                           **{**WELSH, "title": tagged("Gofal plant i bob mam", tag)})
    why = open_campaign(api, people["owner"], people["moderator"], language="cy",
                        **{**WELSH, "title": tagged("Pam mae'r bysiau'n hwyr bob bore", tag)})
    runner.run_once()
    for language in ("cy", "en"):
        assert found(api, f"mam {tag}", language) == [mother["id"]], language
        assert found(api, f"fam {tag}", language) == [mother["id"]], language  # "ei fam": the soft form of "mam"
        assert found(api, f"pam {tag}", language) == [why["id"]], language


def test_english_search_is_not_blurred_by_welsh_keys(api, people, runner):
    tag = new_tag()
    campaign = open_campaign(api, people["owner"], people["moderator"], language="en",
                             title=tagged("Protect the bats in our parks", tag))
    runner.run_once()
    assert found(api, f"bat {tag}") == [campaign["id"]]  # English keeps its stemmer
    for q in ("pats", "mats", "fat"):  # Welsh mutation families of "bat": English words of their own
        assert found(api, f"{q} {tag}") == [], q
        assert found(api, f"{q} {tag}", "cy") == [], q


def test_a_translated_title_is_found_in_its_own_language(api, people, runner):
    tag = new_tag()
    campaign = open_campaign(api, people["owner"], people["moderator"], language="cy",
                             **{**WELSH, "title": tagged(WELSH["title"], tag)},
                             translation={**TRANSLATION, "title": tagged(TRANSLATION["title"], tag)})
    runner.run_once()
    assert found(api, f"trains Cardiff {tag}") == [campaign["id"]]
    assert found(api, f"train {tag}") == [campaign["id"]]  # the English translation is stemmed as English


def test_the_language_and_translation_are_shown_and_default_to_the_requests(api, people):
    owner = people["owner"]
    made = create(api, owner, language="cy", translation=TRANSLATION, **WELSH)
    shown = json.loads(api.get(f"/campaigns/{made['id']}", user=owner).body)
    assert shown["language"] == "cy"
    assert shown["translation"] == {"language": "en", **TRANSLATION}
    assert (shown["title"], shown["summary"]) == (WELSH["title"], WELSH["summary"])

    plain = create(api, owner)
    assert plain["language"] == "en" and plain["translation"] is None
    response = api.post("/campaigns", user=owner, json_body=campaign_body(), headers={"Accept-Language": "cy"})
    assert response.status_code == 201, response.body
    assert json.loads(response.body)["language"] == "cy"


@pytest.mark.parametrize("extra, field", [
    ({"language": "fr"}, "language"),
    ({"translation": {"title": "Better trains"}}, "translation"),
    ({"translation": {**TRANSLATION, "summary": "Too short"}}, "translation"),
    ({"translation": {**TRANSLATION, "language": "en"}}, "translation"),
])
def test_a_bad_language_or_translation_is_refused_and_nothing_written(api, people, extra, field):
    title = f"Refused campaign {uuid.uuid4().hex[:8]}"
    response = api.post("/campaigns", user=people["owner"], json_body=campaign_body(title=title, **extra))
    error = assert_error(response, 400)
    assert any(name.startswith(field) for name in error["details"]["fields"]), error
    mine = json.loads(api.get("/me/campaigns", user=people["owner"]).body)["items"]
    assert title not in [c["title"] for c in mine]


def _patch(api, owner, campaign: dict, body: dict):
    return api.patch(f"/campaigns/{campaign['id']}", user=owner, json_body=body,
                     headers={"If-Match": str(campaign["version"])})


def test_an_edit_changes_the_language_and_the_translation(api, people):
    owner = people["owner"]
    made = create(api, owner, translation={"title": "Teithio am ddim i brentisiaid",
                                           "summary": "Dylai prentisiaid deithio am ddim ar fysiau, fel myfyrwyr."})
    assert made["language"] == "en" and made["translation"]["language"] == "cy"

    refused = assert_error(_patch(api, owner, made, {"language": "cy"}), 400, "translation_language")
    assert "translation" in refused["details"]["fields"]
    assert json.loads(api.get(f"/campaigns/{made['id']}", user=owner).body)["language"] == "en"  # unchanged

    welsh = _patch(api, owner, made, {"language": "cy", "translation": None})
    assert welsh.status_code == 200, welsh.body
    edited = json.loads(welsh.body)
    assert edited["language"] == "cy" and edited["translation"] is None

    again = _patch(api, owner, edited, {"translation": TRANSLATION})
    assert again.status_code == 200, again.body
    assert json.loads(again.body)["translation"] == {"language": "en", **TRANSLATION}
    assert_error(_patch(api, owner, json.loads(again.body), {"language": None}), 400)


def test_welsh_error_words_for_the_translation_rule(api, people):
    owner = people["owner"]
    made = create(api, owner, translation={"title": "Teithio am ddim i brentisiaid",
                                           "summary": "Dylai prentisiaid deithio am ddim ar fysiau, fel myfyrwyr."})
    english = assert_error(_patch(api, owner, made, {"language": "cy"}), 400, "translation_language")
    response = api.patch(f"/campaigns/{made['id']}", user=owner, json_body={"language": "cy"},
                         headers={"If-Match": str(made["version"]), "Accept-Language": "cy"})
    welsh = assert_error(response, 400, "translation_language")
    assert welsh["message"] != english["message"] and "ymgyrch" in welsh["message"]


def escaped(text: str) -> str:
    return text.replace("'", "&#39;")  # as Jinja writes it


def _page(api, path: str, language: str) -> str:
    response = api.get(path, headers={"Accept-Language": language, "Accept": "text/html"})
    assert response.status_code == 200, response.body
    return response.body.decode()


def test_the_page_shows_the_readers_version_first_and_marks_the_other_language(api, people):
    tag = new_tag()
    campaign = open_campaign(api, people["owner"], people["moderator"], language="cy",
                             **{**WELSH, "title": tagged(WELSH["title"], tag)},
                             translation={**TRANSLATION, "title": tagged(TRANSLATION["title"], tag)})
    english = _page(api, f"/c/{campaign['slug']}", "en")
    heading = english.split("<header>")[1].split("</header>")[0]
    assert f"<h1>{tagged(TRANSLATION['title'], tag)}</h1>" in heading  # the page's own language: no lang
    assert '<summary lang="cy">Darllen yn Gymraeg</summary>' in heading
    other = heading.split('<div lang="cy">')[1].split("</div>")[0]
    assert f'<p class="other-title">{escaped(tagged(WELSH["title"], tag))}</p>' in other
    case = english.split('id="case-heading"')[1].split("</section>")[0]
    assert '<div lang="cy">' in case  # the case is only in Welsh
    assert f"<title>{tagged(TRANSLATION['title'], tag)}" in english

    welsh = _page(api, f"/c/{campaign['slug']}", "cy")
    heading = welsh.split("<header>")[1].split("</header>")[0]
    assert f"<h1>{escaped(tagged(WELSH['title'], tag))}</h1>" in heading
    assert '<summary lang="en">Read in English</summary>' in heading
    case = welsh.split('id="case-heading"')[1].split("</section>")[0]
    assert "<div>" in case and 'lang="cy"' not in case


def test_a_page_marks_a_campaign_without_a_translation_in_the_other_language(api, people):
    campaign = open_campaign(api, people["owner"], people["moderator"], language="cy",
                             **{**WELSH, "title": tagged(WELSH["title"], new_tag())})
    english = _page(api, f"/c/{campaign['slug']}", "en")
    heading = english.split("<header>")[1].split("</header>")[0]
    assert '<h1 lang="cy">' in heading and '<p class="lead" lang="cy">' in heading
    assert "<details" not in heading  # nothing a tap away


def test_search_results_show_the_readers_version_and_say_the_language(api, people, runner):
    tag = new_tag()
    campaign = open_campaign(api, people["owner"], people["moderator"], language="cy",
                             **{**WELSH, "title": tagged(WELSH["title"], tag)},
                             translation={**TRANSLATION, "title": tagged(TRANSLATION["title"], tag)})
    runner.run_once()
    item = json.loads(api.get(f"/search?q={tag}").body)["items"][0]
    assert item["id"] == campaign["id"] and item["language"] == "cy"
    english = _page(api, f"/search?q={tag}", "en")
    results = english.split('class="cards results"')[1]
    assert f'<h3><a href="/c/{campaign["slug"]}">Better trains to Cardiff and the Valleys' in results
    welsh = _page(api, f"/search?q={tag}", "cy")
    results = welsh.split('class="cards results"')[1]
    assert f'<h3><a href="/c/{campaign["slug"]}">Trenau gwell i Gaerdydd' in results
    plain = _page(api, f"/search?q={quote('Nghaerdydd')}+{tag}", "en")  # found through the Welsh reading
    assert campaign["slug"] in plain.split('class="cards results"')[1]
