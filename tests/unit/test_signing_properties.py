"""Signed list cursors and unsubscribe links, as properties. No AWS.

A cursor is handed to the client and comes back in a query string: it must round-trip, and
anything not exactly as given out (another list's, altered by one character, too old, an
unsubscribe link's, another stage's) is a 400 `invalid_cursor`, never a 500 and never data.

Settings: `get_settings()` is cached (lru_cache) and read from the environment. This module
sets a known local stage and secret for its own tests and clears the cache before and after,
so the rest of the run reads its own environment again.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chalicelib.domain.errors import ConditionFailed, InvalidInput
from chalicelib.logic.refusals import common
from chalicelib.notify.email import read_unsubscribe_token, unsubscribe_token
from chalicelib.settings import get_settings
from chalicelib.store import pagination
from chalicelib.store.pagination import CURSOR_LIFETIME_SECONDS, decode_cursor, encode_cursor
from chalicelib.store.signing import signature

FAST = settings(max_examples=40, deadline=None)
NOW = 1_800_000_000  # a fixed clock, so cursors' ages are exact


@contextmanager
def environment(**env: str | None) -> Iterator[None]:
    """Settings read from this environment (None unsets a variable), then the cache cleared."""
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            if value is None:
                mp.delenv(name, raising=False)
            else:
                mp.setenv(name, value)
        get_settings.cache_clear()
        try:
            yield
        finally:
            get_settings.cache_clear()
    get_settings.cache_clear()  # after the environment is restored


@pytest.fixture(scope="module", autouse=True)
def local_stage() -> Iterator[None]:
    with environment(STAGE="local", CURSOR_SECRET="unit-test-cursor-secret"):
        yield


@contextmanager
def clock(now: float) -> Iterator[None]:
    """`time.time()` as pagination sees it (only there: hypothesis keeps its own clock)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pagination, "time", SimpleNamespace(time=lambda: now))
        yield


def assert_refused_cursor(scope: str, cursor: str) -> InvalidInput:
    """The store refuses it; what the person is told is the logic's explanation of that."""
    with pytest.raises(ConditionFailed) as refused:
        decode_cursor(scope, cursor)
    told = common(refused.value)
    assert isinstance(told, InvalidInput)
    assert told.code == "invalid_cursor"
    return told


def assert_refused_link(token: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_unsubscribe_token(token)
    assert refused.value.code == "invalid_token_link"


# DynamoDB's LastEvaluatedKey: attribute names to plain values, or to typed values as the
# low-level API gives them ({"S": ...}, {"N": "..."}).
texts = st.text(max_size=16)
key_values = st.one_of(
    texts,
    st.integers(min_value=-(2**63), max_value=2**63),
    st.builds(lambda s: {"S": s}, texts),
    st.builds(lambda n: {"N": str(n)}, st.integers()),
)
last_keys = st.dictionaries(st.text(min_size=1, max_size=12), key_values, min_size=1, max_size=3)
scopes = st.one_of(texts, st.builds(lambda i, p: f"{i}:{p}", st.sampled_from(["by_person", "by_campaign"]),
                                    st.uuids().map(str)))
# Replacement characters for tampering: letters the cursor is made of, '.', '=', and anything.
replacements = st.one_of(st.sampled_from(string.ascii_letters + string.digits + "-_.=+/ "),
                         st.characters(), st.characters(categories=["Cs"]))


def test_importing_the_cursor_code_needs_no_aws():
    """Settings come from the environment alone; nothing here opened a client."""
    assert get_settings().stage == "local"
    assert get_settings().cursor_secret == "unit-test-cursor-secret"


@FAST
@given(scopes, last_keys)
def test_a_cursor_gives_back_the_key_it_was_made_from(scope, last_key):
    cursor = encode_cursor(scope, last_key)
    assert cursor is not None
    assert quote(cursor, safe="") == cursor, "travels in a query string as it is"
    assert decode_cursor(scope, cursor) == last_key


@pytest.mark.parametrize("empty", [None, ""])
def test_no_cursor_means_the_first_page(empty):
    assert decode_cursor("by_person:someone", empty) is None


@pytest.mark.parametrize("last_key", [None, {}])
def test_the_last_page_has_no_cursor(last_key):
    assert encode_cursor("by_person:someone", last_key) is None


@FAST
@given(scopes, scopes, last_keys)
def test_a_cursor_from_another_list_is_refused(scope, other_scope, last_key):
    assume(other_scope != scope)
    cursor = encode_cursor(scope, last_key)
    assert_refused_cursor(other_scope, cursor)


@FAST
@given(scopes, last_keys, st.data())
def test_a_cursor_changed_by_one_character_is_refused(scope, last_key, data):
    cursor = encode_cursor(scope, last_key)
    position = data.draw(st.integers(0, len(cursor) - 1), label="position")
    how = data.draw(st.sampled_from(["replace", "delete", "insert"]), label="how")
    if how == "delete":
        changed = cursor[:position] + cursor[position + 1:]
    else:
        char = data.draw(replacements.filter(lambda c: c != cursor[position]), label="char")
        tail = cursor[position + 1:] if how == "replace" else cursor[position:]
        changed = cursor[:position] + char + tail
    assert changed != cursor
    assert changed  # an empty cursor would mean "first page", which is no tampering
    refused = assert_refused_cursor(scope, changed)
    assert "expired" not in refused.message


@FAST
@given(scopes, last_keys, st.integers(0, CURSOR_LIFETIME_SECONDS))
def test_a_cursor_is_good_for_its_lifetime(scope, last_key, age):
    with clock(NOW):
        cursor = encode_cursor(scope, last_key)
    with clock(NOW + age):
        assert decode_cursor(scope, cursor) == last_key


@FAST
@given(scopes, last_keys, st.integers(CURSOR_LIFETIME_SECONDS + 1, 10 * 365 * 24 * 3600))
def test_an_expired_cursor_is_refused_saying_it_expired(scope, last_key, age):
    with clock(NOW):
        cursor = encode_cursor(scope, last_key)
    with clock(NOW + age):
        refused = assert_refused_cursor(scope, cursor)
    assert "expired" in refused.message
    assert refused.details == {"fields": {"cursor": "expired"}}


def test_a_cursor_from_a_stage_with_another_secret_is_refused():
    cursor = encode_cursor("by_person:p", {"id": "x"})
    with environment(STAGE="local", CURSOR_SECRET="another-stages-secret"):
        assert_refused_cursor("by_person:p", cursor)


def test_without_a_secret_outside_the_local_stage_nothing_is_signed():
    """Fail closed: an unsigned cursor could be forged."""
    cursor = encode_cursor("by_person:p", {"id": "x"})
    # No secret named either: in the full suite the worker's stack outputs set CURSOR_SECRET_ARN.
    with environment(STAGE="prod", PUBLIC_BASE_URL="https://labourspace.example", CURSOR_SECRET=None,
                     CURSOR_SECRET_ARN=None):
        with pytest.raises(RuntimeError):
            encode_cursor("by_person:p", {"id": "x"})
        with pytest.raises(RuntimeError):
            decode_cursor("by_person:p", cursor)
        with pytest.raises(RuntimeError):
            unsubscribe_token("p", "updates")


@pytest.mark.parametrize("junk", ["x", ".", "a.b", "a.b.c", "..", "eyJ9.", ".AAAA", "%%%.%%%", "é.é",
                                  "\ud800.\udfff", "A" * 5000])
def test_junk_is_refused_as_a_bad_cursor_not_an_error(junk):
    assert_refused_cursor("by_person:p", junk)


# --- Unsubscribe links. ---

kinds = st.one_of(st.sampled_from(["updates", "milestones", "responses"]), texts)


@FAST
@given(st.one_of(st.uuids().map(str), texts), kinds)
def test_an_unsubscribe_link_names_its_person_and_kind(person_id, kind):
    token = unsubscribe_token(person_id, kind)
    assert quote(token, safe="") == token, "travels in a query string as it is"
    assert read_unsubscribe_token(token) == (person_id, kind)


@FAST
@given(st.uuids().map(str), kinds, st.data())
def test_an_unsubscribe_link_changed_by_one_character_is_refused(person_id, kind, data):
    token = unsubscribe_token(person_id, kind)
    position = data.draw(st.integers(0, len(token) - 1), label="position")
    char = data.draw(replacements.filter(lambda c: c != token[position]), label="char")
    changed = token[:position] + char + token[position + 1:]
    assert changed != token
    assert_refused_link(changed)


@FAST
@given(scopes, last_keys)
def test_a_cursor_is_never_an_unsubscribe_link(scope, last_key):
    assert_refused_link(encode_cursor(scope, last_key))


@FAST
@given(st.uuids().map(str), kinds, scopes)
def test_an_unsubscribe_link_is_never_a_cursor(person_id, kind, scope):
    assert_refused_cursor(scope, unsubscribe_token(person_id, kind))


@FAST
@given(st.uuids().map(str), kinds)
def test_a_cursor_signature_never_opens_an_unsubscribe_link(person_id, kind):
    """The purpose keys the two apart: the link's own payload, signed the way cursors are
    signed (no purpose), is refused, and so is the reverse."""
    token = unsubscribe_token(person_id, kind)
    payload, link_signature = token.split(".")
    assert signature(payload) != link_signature
    assert_refused_link(f"{payload}.{signature(payload)}")
    assert read_unsubscribe_token(f"{payload}.{signature(payload, 'unsubscribe')}") == (person_id, kind)


# Sealed tokens (the fan-out's cursor): they carry a person's id that nobody holding them may read.

@FAST
@given(payload=st.text(min_size=1, max_size=200))
def test_a_sealed_token_round_trips_and_does_not_show_its_payload(payload):
    from chalicelib.store.signing import seal, unseal

    token = seal(payload, "fanout-cursor")
    assert unseal(token, "fanout-cursor") == payload
    assume(len(payload) >= 6)
    assert payload not in token


@FAST
@given(position=st.integers(min_value=0, max_value=200), replacement=st.sampled_from("AQg_-"))
def test_a_sealed_token_altered_anywhere_or_of_another_purpose_or_stage_is_refused(position, replacement):
    from chalicelib.store.signing import Unsealable, seal, unseal

    token = seal('{"supporter_id": {"S": "person-1"}}', "fanout-cursor")
    index = position % len(token)
    altered = token[:index] + replacement + token[index + 1:]
    assume(altered != token)
    for wrong, purpose in ((altered, "fanout-cursor"), (token, "cursor"), ("not-a-token", "fanout-cursor")):
        with pytest.raises(Unsealable):
            unseal(wrong, purpose)
    with environment(STAGE="local", CURSOR_SECRET="another-stages-secret"), pytest.raises(Unsealable):
        unseal(token, "fanout-cursor")


# Email confirmation links (double opt-in).

def test_a_confirmation_link_names_the_person_and_a_hash_of_the_address_until_it_expires():
    from chalicelib.domain.notifications import address_hash, needs_confirmation
    from chalicelib.notify.email import confirmation_token, read_confirmation_token

    token = confirmation_token("p-1", "Someone@Example.org", valid_seconds=3600, now=NOW)
    assert "someone@example.org" not in unb64_text(token.split(".")[0]).lower()
    assert read_confirmation_token(token, now=NOW + 3599) == ("p-1", address_hash("someone@example.org"))
    for wrong, at in ((token, NOW + 3601), (unsubscribe_token("p-1", "response"), NOW), (token[:-1] + "x", NOW)):
        with pytest.raises(InvalidInput) as raised:
            read_confirmation_token(wrong, now=at)
        assert raised.value.code == "invalid_token_link"
    assert not needs_confirmation(" ADA@example.org", "ada@example.org")
    assert needs_confirmation("ada@example.org", None) and needs_confirmation("bob@example.org", "ada@example.org")


def unb64_text(text: str) -> str:
    from chalicelib.store.signing import unb64

    return unb64(text).decode()
