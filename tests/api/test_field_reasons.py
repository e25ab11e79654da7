"""An invalid request answered in the reader's language down to each field's reason (issue 29, item 2):
the same bad request with `Accept-Language: cy` and `en` keeps its status, `code` and field names, and
each field's reason is the catalogue's words in that language (chalicelib/messages/fields.py), never
pydantic's English. Read against the real Welsh catalogue, so what is compared is the catalogue's
entry, not words a translator may change."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from chalicelib.messages import plural_text, speaking, text
from chalicelib.store import campaign_lists, pagination
from tests.api.account_helpers import address, code_mailed_to
from tests.api.document_helpers import draft_body
from tests.conftest import assert_error

PYDANTIC_ENGLISH = ("Field required", "Extra inputs", "should", "Input should", "Value error")


def both_languages(send, code: str = "invalid_input") -> dict[str, dict]:
    """The error `send(headers)` gets in English and in Welsh, checked to be the same but for its words."""
    answers = {language: assert_error(send({"Accept-Language": tag}), 400, code)
               for language, tag in (("en", "en-GB,en;q=0.9"), ("cy", "cy-GB,cy;q=0.9,en;q=0.5"))}
    assert answers["cy"]["code"] == answers["en"]["code"] == code
    assert set(answers["cy"]["details"]["fields"]) == set(answers["en"]["details"]["fields"])
    for answer in answers.values():
        assert not [reason for reason in answer["details"]["fields"].values()
                    if any(words in reason for words in PYDANTIC_ENGLISH)], answer
    return {language: answer["details"]["fields"] for language, answer in answers.items()}


def reads(language: str, message_id: str, count: int | None = None, **placeholders) -> str:
    with speaking(language):
        return text(message_id, **placeholders) if count is None else plural_text(message_id, count)


def assert_reason(fields: dict[str, dict], name: str, message_id: str, count: int | None = None, **placeholders):
    english, welsh = (reads(language, message_id, count, **placeholders) for language in ("en", "cy"))
    assert welsh != english, message_id  # the catalogue has Welsh for it
    assert fields["en"][name] == english
    assert fields["cy"][name] == welsh


def test_a_bad_body_names_the_same_fields_with_a_reason_in_each_language(api, make_user):
    user = make_user()
    bad = {"title": 5, "summary": "x" * 600, "language": "fr", "area": "nowhere", "organisation": ["x"], "colour": 1}
    fields = both_languages(lambda headers: api.post("/campaigns", user=user, json_body=bad, headers=headers))
    assert set(fields["en"]) == {"title", "summary", "body", "language", "area", "organisation", "colour"}
    assert_reason(fields, "body", "field.missing")
    assert_reason(fields, "colour", "field.extra_forbidden")
    assert_reason(fields, "summary", "field.string_too_long", count=500)
    assert_reason(fields, "title", "field.string_type")
    assert_reason(fields, "organisation", "field.string_type")
    assert_reason(fields, "language", "field.literal_error", expected="en, cy")
    assert_reason(fields, "area", "field.not_an_area")  # the app's own validator
    assert fields["en"]["area"] == "not a policy area; see GET /areas"  # its words as before, without "Value error, "


def test_too_short_and_a_nested_objects_fields_keep_their_dotted_names(api, make_user):
    user = make_user()
    bad = {"title": "Short", "summary": "A summary long enough to pass.", "body": "b" * 60, "area": "health",
           "translation": {"title": "Byr"}}
    fields = both_languages(lambda headers: api.post("/campaigns", user=user, json_body=bad, headers=headers))
    assert set(fields["en"]) == {"title", "translation.title", "translation.summary"}
    assert_reason(fields, "title", "field.string_too_short", count=10)
    assert_reason(fields, "translation.title", "field.string_too_short", count=10)
    assert_reason(fields, "translation.summary", "field.missing")


def test_a_profiles_own_checks_read_in_the_language_without_pydantics_prefix(api, make_user):
    user = make_user()
    bad = {"handle": "admin", "bio": None, "region": "mars"}
    fields = both_languages(lambda headers: api.patch("/me", user=user, json_body=bad, headers=headers))
    assert_reason(fields, "handle", "field.handle_reserved")
    assert_reason(fields, "bio", "field.null_on_edit")
    regions = fields["en"]["region"].split(": ", 1)[1]
    assert_reason(fields, "region", "field.not_a_region", regions=regions)
    nothing = both_languages(lambda headers: api.patch("/me", user=user, json_body={}, headers=headers))
    assert_reason(nothing, "body", "field.nothing_to_change")  # the whole body's reason, named "body"


@pytest.mark.parametrize(("query", "name", "message_id", "placeholders"), [
    ("limit=abc", "limit", "field.int_parsing", {}),
    ("limit=0", "limit", "field.greater_than_equal", {"ge": 1}),
    ("limit=101", "limit", "field.less_than_equal", {"le": 100}),
    ("sort=hot", "sort", "field.literal_error", {"expected": "new, top, trending"}),
    ("answer=waiting&sort=top", "sort", "field.not_with_answer", {}),  # named past validation, by the handler
])
def test_a_bad_query_reads_in_the_language_too(api, query, name, message_id, placeholders):
    fields = both_languages(lambda headers: api.get(f"/campaigns?{query}", headers=headers))
    assert set(fields["en"]) == {name}
    assert_reason(fields, name, message_id, **placeholders)


def test_a_version_header_that_is_not_a_number_reads_in_the_language(api, make_user):
    user = make_user()
    fields = both_languages(lambda headers: api.patch("/me", user=user, json_body={"bio": "Gyrrwr bws"},
                                                      headers={**headers, "If-Match": "latest"}),
                            code="invalid_if_match")
    assert_reason(fields, "If-Match", "field.int_parsing")


def test_a_body_that_is_not_an_object_is_named_body(api, make_user):
    user = make_user()
    fields = both_languages(lambda headers: api.post("/campaigns", user=user, json_body=["a", "list"],
                                                     headers=headers))
    assert set(fields["en"]) == {"body"}
    assert_reason(fields, "body", "field.model_type")


# The reasons logic/ and domain/ name themselves, past validation (`field_words`): the same promise.

def test_a_password_the_rules_refuse_names_the_rules_in_the_language(api):
    email = address("rules")
    assert api.post("/auth/join", json_body={"email": email}).status_code == 202
    code = code_mailed_to(email)  # a refused password leaves the code usable: both languages are refused alike
    fields = both_languages(lambda headers: api.post("/auth/join/confirm", headers=headers, json_body={
        "email": email, "code": code, "password": "no-capitals-99"}), code="invalid_password")
    assert set(fields["en"]) == {"password"}
    assert_reason(fields, "password", "field.password_rules")
    assert fields["en"]["password"] == "at least 10 characters, with a capital letter, a small letter and a number"


def test_an_expired_cursor_and_a_forged_one_read_in_the_language(api, monkeypatch):
    # A cursor the list gave out a day and a minute ago: signed with the stage's secret, dated then.
    scope = f"{campaign_lists.INDEXES[('new', True)].Meta.index_name}:open#health"
    then = pagination.time.time() - pagination.CURSOR_LIFETIME_SECONDS - 60
    with monkeypatch.context() as clock:
        clock.setattr(pagination, "time", SimpleNamespace(time=lambda: then))
        old = pagination.encode_cursor(scope, {"id": {"S": "c1"}})
    expired = both_languages(lambda headers: api.get(f"/campaigns?area=health&cursor={old}", headers=headers),
                             code="invalid_cursor")
    assert_reason(expired, "cursor", "field.expired")
    assert expired["en"]["cursor"] == "expired"
    forged = both_languages(lambda headers: api.get("/campaigns?area=health&cursor=forged.cursor", headers=headers),
                            code="invalid_cursor")
    assert_reason(forged, "cursor", "field.not_our_cursor")


def test_a_documents_checks_name_each_field_in_the_language(api, make_user):
    admin, policy = make_user("admins", name="reasons-admin"), make_user("policy", name="reasons-policy")
    person_id = json.loads(api.get("/me", user=policy).body)["id"]
    assert api.put(f"/policy-team/{person_id}/areas", user=admin, json_body={"areas": ["health"]}).status_code == 200
    bad = draft_body(chapters=[{"heading": "GPs", "clauses": ["Every town keeps a GP.", " ", "x" * 2001]}])
    fields = both_languages(lambda headers: api.post("/documents", user=policy, json_body=bad, headers=headers),
                            code="invalid_document")
    assert set(fields["en"]) == {"chapters[0].clauses[1]", "chapters[0].clauses[2]"}
    assert_reason(fields, "chapters[0].clauses[1]", "field.characters_between", min=1, max=2000)
    assert_reason(fields, "chapters[0].clauses[2]", "field.characters_between", min=1, max=2000)
    assert fields["en"]["chapters[0].clauses[1]"] == "1 to 2000 characters"  # the words as they were
    late = both_languages(lambda headers: api.post("/documents", user=policy, headers=headers, json_body=draft_body(
        amendments_close_at="2020-01-01T00:00:00+00:00")), code="invalid_dates")
    assert_reason(late, "amendments_close_at", "field.in_the_future")


@pytest.mark.parametrize(("q", "code", "message_id"), [
    ("%01solar", "query_control_characters", "field.control_characters"),
    ("solar" + "%20x" * 100, "query_too_long", "field.characters_at_most"),
])
def test_a_search_the_terms_refuse_reads_in_the_language(api, q, code, message_id):
    fields = both_languages(lambda headers: api.get(f"/search?q={q}", headers=headers), code=code)
    assert set(fields["en"]) == {"q"}
    assert_reason(fields, "q", message_id, **({"max": 200} if code == "query_too_long" else {}))
