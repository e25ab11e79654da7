"""Changing a sign-in email through the API (issue 29: Cognito's own code email for it was worded once,
in English, in infra/template.yaml): the code goes to the new address in the language the person asked
in, as joining's does; only the one who asked can spend it, and only for that address; an address with
an account of its own gets a note instead, and the asker the same answer."""

from __future__ import annotations

from tests.api.account_helpers import address, claims, code_mailed_to, emails_to, password_sign_in
from tests.conftest import PASSWORD, assert_error


def _ask(api, user, email: str, language: str = "en-GB"):
    return api.post("/me/sign-in-email", user=user, json_body={"email": email}, headers={"Accept-Language": language})


def _confirm(api, user, email: str, code: str):
    return api.post("/me/sign-in-email/confirm", user=user, json_body={"email": email, "code": code})


def test_the_code_for_a_new_sign_in_email_is_mailed_in_the_language_the_person_asked_in(api, make_user):
    new = {"cy": address("newydd"), "en-GB": address("new")}
    for language, email in new.items():
        asked = _ask(api, make_user(name="symud"), email, language)
        assert asked.status_code == 202, asked.body
    [welsh] = emails_to(new["cy"])
    [english] = emails_to(new["en-GB"])
    assert welsh["subject"] == "Eich cod Labourspace"
    assert "i wneud y cyfeiriad hwn yn e-bost mewngofnodi" in welsh["text"]
    assert english["subject"] == "Your Labourspace code"
    assert "to make this address your sign-in email" in english["text"]


def test_the_code_makes_the_new_address_the_verified_sign_in_email(api, accounts, make_user):
    person, new = make_user(name="mover"), address("moved")
    assert _ask(api, person, new).status_code == 202
    code = code_mailed_to(new)
    # Until the code comes back nothing changes: the old address still signs in, the new one does not.
    assert claims(password_sign_in(accounts.client_id, person.email, PASSWORD)["AuthenticationResult"]["IdToken"])[
        "email"] == person.email
    assert_error(_confirm(api, person, new, "000000" if code != "000000" else "111111"), 400, "code_mismatch")

    assert _confirm(api, person, new, code).status_code == 204
    token = password_sign_in(accounts.client_id, new, PASSWORD)["AuthenticationResult"]["IdToken"]
    assert (claims(token)["sub"], claims(token)["email"], claims(token)["email_verified"]) == (person.sub, new, True)
    assert_error(_confirm(api, person, new, code), 400, "code_mismatch")  # a code works once


def test_a_code_works_only_for_the_person_who_asked(api, make_user):
    asker, other, new = make_user(name="asker"), make_user(name="other"), address("wanted")
    assert _ask(api, asker, new).status_code == 202
    assert_error(_confirm(api, other, new, code_mailed_to(new)), 400, "code_mismatch")
    assert _confirm(api, asker, new, code_mailed_to(new)).status_code == 204


def test_an_address_with_an_account_gets_a_note_and_the_asker_the_same_answer(api, make_user):
    asker, holder = make_user(name="asker"), make_user(name="holder")
    fresh = address("fresh")
    taken, free = _ask(api, asker, holder.email, "cy"), _ask(api, asker, fresh, "cy")
    assert (taken.status_code, taken.body) == (free.status_code, free.body) == (202, free.body)
    [note] = emails_to(holder.email)
    assert note["subject"] == "Symud cyfrif Labourspace i'r cyfeiriad hwn"  # no code in it, in the asker's language
    assert_error(_confirm(api, asker, holder.email, "123456"), 400, "code_mismatch")


def test_refusals_are_in_the_error_shape_and_change_nothing(api, make_user):
    person = make_user(name="same")
    error = assert_error(_ask(api, person, person.email.upper(), "cy"), 400, "email_unchanged")
    assert error["message"] == "Dyna eich e-bost mewngofnodi eisoes."
    assert_error(_ask(api, person, "not an address"), 400)
    assert_error(_confirm(api, person, address("x"), "12ab56"), 400)
    assert_error(api.post("/me/sign-in-email", json_body={"email": address("anon")}), 401)
    assert emails_to(person.email) == []
