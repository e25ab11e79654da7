"""Welsh mutations in search (domain.welsh_mutations), and Welsh text in the analysis (domain.search_terms):
two words match exactly when the tables make them forms of one radical; English is left as it was."""

from __future__ import annotations

import itertools

from hypothesis import assume, given
from hypothesis import strategies as st

from chalicelib.domain.search_terms import (
    BODY,
    MAX_POSTINGS_PER_DOCUMENT,
    STOP_WORDS,
    TITLE,
    WELSH,
    WELSH_STOP_WORDS,
    analyse,
    fold,
    highlights,
    matches,
    parse_query,
    stem,
    terms,
    words,
)
from chalicelib.domain.welsh_mutations import forms, radicals, same_radical

# The tables the module cites (King, Modern Welsh, ch. 1), written out again here so the tests do not
# check the module against itself: each radical initial with its soft, nasal and aspirate forms. The
# soft mutation of "g" (which deletes it) is not in them: the module says why.
TABLE = {
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
any_words = st.text(alphabet=LETTERS + "âêîôûŵŷ", min_size=1, max_size=14)


def table_forms(radical_initial: str, rest: str) -> set[str]:
    """Every form the tables give the radical `radical_initial + rest`, itself included."""
    word = radical_initial + rest
    if radical_initial in VOWELS:
        return {word, "h" + word}
    return {word, *(m + rest for m in TABLE[radical_initial])}


def assume_searchable(*welsh_words: str) -> None:
    assume(not WELSH_STOP_WORDS.intersection(welsh_words))  # "am", "fod": left out of every search


def found(query: str, title: str, language: str = WELSH) -> bool:
    doc = analyse({TITLE: title}, language)
    return matches(parse_query(query, language), doc.terms, doc.pairs)


# --- the relation ----------------------------------------------------------------------------

@given(st.sampled_from(sorted(TABLE)), rests)
def test_every_table_mutation_of_a_radical_matches_it_both_ways(radical_initial: str, rest: str) -> None:
    radical = radical_initial + rest
    assume_searchable(*table_forms(radical_initial, rest))
    for mutated in table_forms(radical_initial, rest):
        assert same_radical(mutated, radical) and same_radical(radical, mutated), mutated
        assert found(mutated, radical) and found(radical, mutated), mutated
        assert radical in radicals(mutated)  # demutating a form gives its radical back


@given(rests)
def test_h_prothesis_before_a_vowel_matches(rest: str) -> None:
    assert same_radical("h" + rest, rest) and same_radical(rest, "h" + rest)
    assume_searchable(rest, "h" + rest)
    assert found("h" + rest, rest) and found(rest, "h" + rest)


RADICAL_INITIALS = sorted(TABLE) + list(VOWELS)


@given(rests, rests)
def test_distinct_radicals_that_are_not_each_others_mutations_never_match(rest: str, other_rest: str) -> None:
    # Every pair of the tables' radical initials, on one tail (where radicals come close: "mam"/"pam",
    # "gara"/"ara") and on two.
    for first, second in itertools.product(RADICAL_INITIALS, repeat=2):
        for second_rest in (rest, other_rest):
            a, b = first + rest, second + second_rest
            if a == b or b in table_forms(first, rest) or a in table_forms(second, second_rest):
                continue
            assert not same_radical(a, b) and not same_radical(b, a), (a, b)
            if second_rest == rest and not WELSH_STOP_WORDS.intersection((a, b)):  # and through search
                assert not found(a, b) and not found(b, a), (a, b)


@given(any_words, any_words)
def test_the_relation_is_symmetric_and_each_word_matches_itself(a: str, b: str) -> None:
    a, b = fold(a), fold(b)
    assert same_radical(a, a)
    assert same_radical(a, b) == same_radical(b, a)
    assert same_radical(a, b) == bool(radicals(a) & radicals(b))  # a common radical, nothing more


@given(st.text(alphabet=LETTERS + "ÂÊŴŶ '\u2019-", max_size=40))
def test_the_query_normalisation_is_idempotent(text: str) -> None:
    # A Welsh query word is only folded (the index holds the forms): folding twice is folding once.
    once = terms(text, WELSH)
    assert terms(" ".join(once), WELSH) == once
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet="aeiosuwyjkqvxz", min_size=2, max_size=12))
def test_a_word_with_no_mutable_initial_is_filed_under_itself_and_its_h_form_only(word: str) -> None:
    expected = {word, "h" + word} if word[0] in VOWELS else {word}
    assert set(forms(word)) == expected


# --- what the issue and the brief name ---------------------------------------------------------

def test_the_words_the_issue_names_find_each_other() -> None:
    family = ("caerdydd", "gaerdydd", "nghaerdydd", "chaerdydd")
    assert all(same_radical(a, b) for a in family for b in family)
    assert all(found(q, "Trenau gwell i Gaerdydd") for q in ("Caerdydd", "Nghaerdydd", "Chaerdydd", "threnau"))


def test_mam_and_pam_are_two_words_and_bara_is_the_soft_form_of_para() -> None:
    assert not same_radical("mam", "pam")  # mother, why: no radical has both as forms
    assert not found("pam", "Mam") and not found("mam", "Pam")
    assert not same_radical("mawr", "pawr")
    assert same_radical("mam", "fam") and same_radical("pam", "bam")  # soft m, soft p
    assert same_radical("bara", "para")  # "bara" (bread) is also the soft form of "para" (last): the tables say so


def test_a_word_that_is_only_an_initial_is_left_alone() -> None:
    for word in ("ch", "ll", "ng"):
        assert forms(word) == (word,)


def test_the_soft_mutation_of_g_is_not_undone() -> None:
    assert not same_radical("gwaith", "waith")


def test_welsh_text_is_folded_and_without_its_stop_words_and_not_stemmed() -> None:
    assert terms("Ysgolion yng Nghaerdydd a'r Gymraeg", WELSH) == ["ysgolion", "nghaerdydd", "gymraeg"]
    assert terms("Trên i'r Gogledd", WELSH) == ["tren", "gogledd"]


def test_a_phrase_matches_across_mutations_in_its_order_only() -> None:
    title = "Trenau gwell i Gaerdydd"
    assert found('"drenau gwell"', title) and found('"threnau gwell"', title)
    assert not found('"gwell trenau"', title)
    assert not found('"trenau pell"', "Trenau gwell a phell")  # both words there, not side by side


def test_highlights_mark_the_mutated_forms_a_query_matched() -> None:
    query = parse_query("Nghaerdydd", WELSH)
    assert highlights(query, ["Trenau gwell i Gaerdydd", "Caerdydd a'r Cymoedd"]) == ["Gaerdydd", "Caerdydd"]


def test_a_long_welsh_text_keeps_whole_words_within_the_postings_cap() -> None:
    body = " ".join(f"bara{i:03d}" for i in range(200))  # each "b" word is filed under six forms
    doc = analyse({BODY: body}, WELSH)
    assert len(doc.terms) <= MAX_POSTINGS_PER_DOCUMENT
    kept = {t for t in doc.terms if t.startswith("bara")}
    assert kept and all(set(forms(word)) <= set(doc.terms) for word in kept)


# --- English is untouched --------------------------------------------------------------------

@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10), min_size=1, max_size=8))
def test_english_is_filed_under_its_stems_only(typed: list[str]) -> None:
    text = " ".join(typed)
    doc = analyse({TITLE: text}, "en")
    assert set(doc.terms) == {stem(w) for w in words(text) if w not in STOP_WORDS}


def test_english_text_keeps_its_stemmer_and_its_initials() -> None:
    assert terms("Buses for the schools") == ["bus", "school"]
    assert found("bat", "Protect the bats", "en")
    for q in ("pat", "mat", "fat"):
        assert not found(q, "Protect the bats", "en"), q


def test_a_translated_title_is_analysed_in_its_own_language() -> None:
    doc = analyse({TITLE: "Free buses for apprentices"}, "en", translated={TITLE: "Bysiau am ddim i brentisiaid"})
    assert matches(parse_query("buses"), doc.terms, doc.pairs)  # English stemmed
    assert matches(parse_query("phrentisiaid", WELSH), doc.terms, doc.pairs)  # Welsh filed under its forms
    assert "pus" not in doc.terms and "fuses" not in doc.terms  # the English words were not given Welsh forms
    assert not matches(parse_query('"apprentices bysiau"'), doc.terms, doc.pairs)  # no pair across languages
