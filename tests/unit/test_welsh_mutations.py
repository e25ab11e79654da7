"""Welsh mutations folded for search (domain.welsh_mutations), and Welsh text in the analysis
(domain.search_terms): a mutated word finds its radical and back, English is left as it was."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.search_terms import (
    SUMMARY,
    TITLE,
    WELSH,
    analyse,
    matches,
    parse_query,
    terms,
)
from chalicelib.domain.welsh_mutations import mutation_key

# The tables the module cites (King, Modern Welsh, ch. 1): each radical with its soft, nasal and
# aspirate forms. The soft mutation of "g" (which deletes it) is not folded: the module says why.
MUTATIONS = {
    "p": ("b", "mh", "ph"),
    "t": ("d", "nh", "th"),
    "c": ("g", "ngh", "ch"),
    "b": ("f", "m"),
    "d": ("dd", "n"),
    "g": ("ng",),
    "m": ("f",),
    "ll": ("l",),
    "rh": ("r",),
}
VOWELS = "aeiouwy"
LETTERS = "abcdefghilmnoprstuwy"

# What follows an initial in a Welsh word: a vowel first (a consonant after it would make another
# initial: "n" + "g..." is "ng", a mutation of its own).
rests = st.builds(lambda v, tail: v + tail, st.sampled_from(VOWELS), st.text(alphabet=LETTERS, max_size=10))
radicals = st.sampled_from(sorted(MUTATIONS))
any_words = st.text(alphabet=LETTERS + "âêîôûŵŷ", min_size=1, max_size=14)


@given(radicals, rests)
def test_every_mutated_form_has_its_radicals_key(radical: str, rest: str) -> None:
    for mutated in MUTATIONS[radical]:
        assert mutation_key(mutated + rest) == mutation_key(radical + rest)


@given(rests)
def test_h_prothesis_before_a_vowel_is_folded(rest: str) -> None:
    assert mutation_key("h" + rest) == mutation_key(rest)


@given(any_words)
def test_a_key_is_its_own_key(word: str) -> None:
    assert mutation_key(mutation_key(word)) == mutation_key(word)


@given(st.text(alphabet="aeiosuwyjkqvxz", min_size=1, max_size=12))
def test_words_starting_with_no_mutable_letter_are_unchanged(word: str) -> None:
    assert mutation_key(word) == word


def test_the_radicals_of_different_families_keep_apart() -> None:
    # Radicals merge only within a family (p b m; t d; c g; ll; rh): never across.
    families = {mutation_key(radical + "al") for radical in ("p", "t", "c", "ll", "rh")}
    assert len(families) == 5
    assert mutation_key("ysgol") != mutation_key("cysgol")


def test_the_words_the_issue_names_find_each_other() -> None:
    assert {mutation_key(w) for w in ("cymraeg", "gymraeg", "nghymraeg", "chymraeg")} == {"cymraeg"}
    assert {mutation_key(w) for w in ("caerdydd", "gaerdydd", "nghaerdydd", "chaerdydd")} == {"caerdydd"}
    assert mutation_key("thren") == mutation_key("tren") == mutation_key("dren")


def test_a_word_that_is_only_an_initial_is_left_alone() -> None:
    assert mutation_key("ch") == "ch"
    assert mutation_key("ll") == "ll"
    assert mutation_key("ng") == "ng"


def test_welsh_text_is_folded_keyed_and_without_its_stop_words() -> None:
    assert terms("Ysgolion yng Nghaerdydd a'r Gymraeg", WELSH) == ["ysgolion", "caerdydd", "cymraeg"]
    assert terms("Trên i'r Gogledd", WELSH) == ["tren", "cogledd"]


def test_english_text_keeps_its_stemmer() -> None:
    assert terms("Buses for the schools") == ["bus", "school"]
    assert terms("Books and bats") == ["book", "bat"]  # not "pook": English is never keyed


def _found(query: str, title: str, language: str, summary: str = "") -> bool:
    doc = analyse({TITLE: title, SUMMARY: summary}, language)
    return matches(parse_query(query, language), doc.terms, doc.pairs)


def test_a_welsh_title_is_found_by_a_mutated_and_an_unmutated_query() -> None:
    title = "Trenau gwell i Gaerdydd"
    for query in ("Caerdydd", "Nghaerdydd", "gaerdydd", "threnau", "trenau gwell"):
        assert _found(query, title, WELSH), query
    assert not _found("Abertawe", title, WELSH)


def test_a_phrase_matches_across_mutations() -> None:
    assert _found('"drenau gwell"', "Trenau gwell i Gaerdydd", WELSH)
    assert not _found('"gwell trenau"', "Trenau gwell i Gaerdydd", WELSH)


def test_a_translated_title_is_analysed_in_its_own_language() -> None:
    doc = analyse({TITLE: "Free buses for apprentices"}, "en", translated={TITLE: "Bysiau am ddim i brentisiaid"})
    assert matches(parse_query("buses"), doc.terms, doc.pairs)  # English stemmed
    assert matches(parse_query("phrentisiaid", WELSH), doc.terms, doc.pairs)  # Welsh keyed
    assert "pus" not in doc.terms  # the English words were not keyed as Welsh
    assert not matches(parse_query('"apprentices bysiau"'), doc.terms, doc.pairs)  # no pair across languages
