"""A Welsh searcher's "did you mean" (domain.did_you_mean): a slip is corrected across initial
mutations and given back in the mutation it was typed in; English words keep their own rule."""

from __future__ import annotations

import pytest

from chalicelib.domain.did_you_mean import closest_welsh_word, typed_words, welsh_neighbourhoods


@pytest.mark.parametrize(("typed", "known", "meant"), [
    ("nghaerdyd", {"gaerdydd": 1}, "nghaerdydd"),  # known in one mutation, typed (with a slip) in another
    ("caerdyd", {"gaerdydd": 1}, "caerdydd"),
    ("drenu", {"trenau": 3}, "drenau"),
    ("nghaerdydd", {"caerdydd": 1}, "caerdydd"),  # a form of a word an English text holds as written
    ("ysgl", {"hysgol": 2}, "ysgol"),  # h-prothesis
])
def test_a_slip_is_corrected_across_mutations_in_the_mutation_typed(typed, known, meant) -> None:
    assert closest_welsh_word(typed, known) == meant


def test_the_nearest_then_the_commonest_and_nothing_beyond_the_allowance() -> None:
    assert closest_welsh_word("trenu", {"trenau": 1, "trefnu": 9}) == "trefnu"  # both one slip: the commonest
    assert closest_welsh_word("trenu", {"trenau": 1, "trefniadau": 9}) == "trenau"
    assert closest_welsh_word("bws", {"ysbyty": 5}) is None
    assert closest_welsh_word("yng", {"yn": 5, "ym": 5}) is None  # stop words are never offered


def test_a_typed_form_of_a_word_held_only_as_written_is_offered_that_word() -> None:
    # "mham" is the nasal form of "pam": an English text's "pam" is not filed under its forms, so the
    # search found nothing, and the word as held is what to search for.
    assert closest_welsh_word("mham", {"pam": 2}) == "pam"
    assert closest_welsh_word("mham", {"mham": 2}) is None  # the word itself is no correction


def test_where_a_welsh_word_is_looked_for_is_one_form_per_partition() -> None:
    assert set(welsh_neighbourhoods("nghaerdyd")) == {"nghaerdyd", "caerdyd", "chaerdyd", "gaerdyd"}
    assert len({w[:3] for w in welsh_neighbourhoods("fam")}) == len(welsh_neighbourhoods("fam"))


def test_welsh_stop_words_are_left_out_of_a_welsh_query_and_english_ones_of_an_english() -> None:
    assert typed_words("Trenau i Gaerdydd", "cy") == ["trenau", "gaerdydd"]
    assert typed_words("Trains to the city", "en") == ["trains", "city"]
