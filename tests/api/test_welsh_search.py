"""Search in Welsh beyond campaigns (issue 29, item 4): a person's name is analysed in the language
they chose, so a Welsh speaker is found by any mutation of their name's words while an English
speaker's stays English; and "did you mean" reads a Welsh searcher's words as Welsh, correcting a
slip across mutations in the mutation it was typed in. Each test makes its own words."""

from __future__ import annotations

import json
import uuid
from urllib.parse import quote

import pytest

from tests.api.campaign_helpers import open_campaign
from tests.conftest import deliver_until_quiet

WELSH_CASE = {"summary": "Dylai pob tref yn y Cymoedd gael trên bob hanner awr i'r brifddinas.",
              "body": "Mae pobl y Cymoedd yn teithio'n bell i'r gwaith ac mae'r trenau'n brin. " * 3}


def new_tag() -> str:
    return f"q{uuid.uuid4().hex[:9]}"


def search(api, q: str, language: str, **filters: str) -> dict:
    extra = "".join(f"&{k}={v}" for k, v in filters.items())
    answer = api.get(f"/search?q={quote(q)}{extra}", headers={"Accept-Language": language})
    assert answer.status_code == 200, answer.body
    return json.loads(answer.body)


def ids(api, q: str, language: str, **filters: str) -> list[str]:
    return [item["id"] for item in search(api, q, language, **filters)["items"]]


@pytest.fixture(scope="module")
def people(make_user):
    return {"owner": make_user(name="chwilio"), "moderator": make_user("moderators", name="chwilio-mod")}


def test_a_welsh_speaker_s_name_is_found_by_any_mutation_and_an_english_one_s_is_not_blurred(api, make_user,
                                                                                              runner):
    tag = new_tag()
    welsh, english = make_user(name="sian"), make_user(name="pat")
    me = {}
    for user, language, name in ((welsh, "cy", f"Siân o Gaerdydd {tag}"), (english, "en", f"Pat Parks {tag}")):
        changed = api.patch("/me", user=user, json_body={"language": language, "display_name": name})
        assert changed.status_code == 200, changed.body
        me[language] = json.loads(changed.body)["id"]
    deliver_until_quiet(runner)

    for reader in ("cy", "en"):
        for q in ("Caerdydd", "Nghaerdydd", "gaerdydd", "Chaerdydd"):
            # Before: her name was analysed as English, and only "gaerdydd" found her.
            assert ids(api, f"{q} {tag}", reader, type="person") == [me["cy"]], (q, reader)
        assert ids(api, f"pat {tag}", reader, type="person") == [me["en"]]
        assert ids(api, f"bat {tag}", reader, type="person") == []  # "bat" is not a Welsh form in English text


def test_did_you_mean_corrects_a_welsh_slip_across_mutations(api, people, runner):
    tag = new_tag()
    campaign = open_campaign(api, people["owner"], people["moderator"], language="cy",
                             title=f"Trenau gwell i Gaerdydd {tag}", **WELSH_CASE)
    deliver_until_quiet(runner)

    missed = search(api, f"Nghaerdyd {tag}", "cy")  # a letter short, and in another mutation than the title's
    assert missed["items"] == []
    # Before: None (the English reading looked for "nghaerdyd" among words beginning "ngh").
    assert missed["did_you_mean"] == f"nghaerdydd {tag}"
    assert ids(api, missed["did_you_mean"], "cy") == [campaign["id"]]
    # Two letters swapped: one from "drenau" alone. ("drenu" was as near "dren", which other tests'
    # Welsh campaigns ("Trên ...") make commoner in the shared index: the nearest, then commonest, won.)
    assert search(api, f"drenua {tag}", "cy")["did_you_mean"] == f"drenau {tag}"
    assert search(api, f"Nghaerdydd {tag}", "cy")["did_you_mean"] is None  # found: nothing offered


def test_an_organisation_and_a_consultation_are_read_in_the_language_they_are_written_in(api, make_user, runner):
    from tests.api.consultation_helpers import open_consultation, policy_team

    tag = new_tag()
    founder, team = make_user(name="sefydlydd"), policy_team(api, make_user, {"policy": ["transport"]})
    made = api.post("/organisations", user=founder, headers={"Accept-Language": "cy"},
                    json_body={"handle": f"llafur-{tag}", "name": f"Llafur Caerdydd {tag}"})
    assert made.status_code == 201, made.body
    organisation = json.loads(made.body)
    assert organisation["language"] == "cy"  # the request's, as none was given
    english = json.loads(api.post("/organisations", user=founder, json_body={
        "handle": f"bats-{tag}", "name": f"Friends of Bats {tag}", "language": "en"}).body)
    consultation = open_consultation(api, team["policy"], area="transport", language="cy",
                                     question=f"Sut dylen ni wella trenau i Gaerdydd {tag}?")
    assert consultation["language"] == "cy"
    deliver_until_quiet(runner)

    for reader in ("cy", "en"):
        # Before: analysed as English, neither was found by a mutated form of its words.
        assert ids(api, f"Nghaerdydd {tag}", reader, type="organisation") == [organisation["id"]], reader
        assert ids(api, f"Gaerdydd {tag}", reader, type="organisation") == [organisation["id"]], reader
        assert ids(api, f"Nghaerdydd {tag}", reader, type="consultation") == [consultation["id"]], reader
        assert ids(api, f"drenau {tag}", reader, type="consultation") == [consultation["id"]], reader
        assert ids(api, f"bat {tag}", reader, type="organisation") == [english["id"]]  # English keeps its stems
        assert ids(api, f"pats {tag}", reader, type="organisation") == []


def test_a_language_other_than_en_or_cy_is_refused_and_nothing_made(api, make_user):
    from tests.api.consultation_helpers import consultation_body, policy_team
    from tests.conftest import assert_error

    tag = new_tag()
    founder, team = make_user(name="gwrthod"), policy_team(api, make_user, {"policy": ["transport"]})
    refused = api.post("/organisations", user=founder,
                       json_body={"handle": f"fr-{tag}", "name": f"Travail {tag}", "language": "fr"})
    assert "language" in assert_error(refused, 400, "invalid_input")["details"]["fields"]
    assert api.get(f"/organisations/fr-{tag}").status_code == 404
    refused = api.post("/consultations", user=team["policy"],
                       json_body=consultation_body(area="transport", language="fr"))
    assert "language" in assert_error(refused, 400, "invalid_input")["details"]["fields"]
