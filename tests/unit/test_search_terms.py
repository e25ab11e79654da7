"""What search matches: each rule with a case that fails without it, and properties over any text."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from chalicelib.domain.did_you_mean import closest_word, corrected, edit_distance, typed_words
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.search_terms import (
    BODY,
    MAX_QUERY_CHARS,
    MAX_TERMS_PER_DOCUMENT,
    SUMMARY,
    TITLE,
    analyse,
    fold,
    highlights,
    matches,
    parse_query,
    parse_suggestion,
    rank_key,
    relevance,
    support_tier,
    terms,
)


def finds(query: str, title: str, summary: str = "", body: str = "") -> bool:
    doc = analyse({TITLE: title, SUMMARY: summary, BODY: body})
    return matches(parse_query(query), doc.terms, doc.pairs)


def test_case_does_not_matter():
    assert finds("SOLAR", "Solar panels on schools")
    assert finds("solar", "SOLAR PANELS ON SCHOOLS")


def test_accents_do_not_matter():
    assert finds("cafe", "Save the Café on the high street")
    assert finds("Ysgol Gymraeg", "Cefnogi ysgol gymraeg")
    assert finds("naïve", "A naive plan")


def test_schools_school_and_schooling_meet():
    for asked in ("schools", "school", "schooling"):
        assert finds(asked, "Solar panels on schools"), asked
        assert finds(asked, "Better schooling for carers"), asked


def test_buses_meet_bus_where_snowball_alone_would_not():
    assert finds("bus", "Free buses for apprentices")
    assert finds("buses", "Bus passes for apprentices")


def test_stop_words_are_ignored_in_queries_and_documents():
    assert finds("the panels for the schools", "Solar panels on schools")
    assert "the" not in analyse({TITLE: "The panels for the schools"}).terms


def test_every_word_must_match():
    assert finds("solar schools", "Solar panels on schools")
    assert not finds("solar hospitals", "Solar panels on schools")


def test_a_quoted_phrase_narrows_to_adjacent_words():
    assert finds('"solar panels"', "Solar panels on schools")
    assert finds('"panels on schools"', "Solar panels on schools")  # stop words inside a phrase are skipped
    assert not finds('"schools solar"', "Solar panels on schools")
    assert finds("schools solar", "Solar panels on schools")  # unquoted, order does not matter


def test_a_phrase_does_not_run_across_fields():
    assert not finds('"schools free"', "Solar panels on schools", "Free breakfasts")


def test_an_unclosed_quote_runs_to_the_end():
    assert parse_query('buses "free travel').phrases == (("free", "travel"),)


def test_the_last_word_is_a_prefix_while_typing():
    query = parse_suggestion("solar pan")
    assert query.terms == ("solar",) and query.prefix == "pan"
    doc = analyse({TITLE: "Solar panels on schools"})
    assert matches(query, doc.terms, doc.pairs) and _typed_into(query, doc.prefix_words)
    assert not _typed_into(parse_suggestion("solar pat"), doc.prefix_words)


def _typed_into(query, prefix_words) -> bool:
    """A suggestion's last word begins one of the document's prefix words (what its index key holds)."""
    return query.prefix is None or any(w.startswith(query.prefix) for w in prefix_words)


def test_a_finished_word_is_not_a_prefix():
    assert parse_suggestion("solar ").prefix is None
    assert parse_suggestion('"solar panels"').prefix is None


def test_a_stop_word_being_typed_may_still_become_a_word():
    assert parse_suggestion("the").prefix == "the"  # "theatre" is on its way


def test_the_prefix_is_folded():
    assert parse_suggestion("CAFÉ").prefix == "cafe"


@pytest.mark.parametrize("raw, code", [
    ("", "query_empty"),
    ("   ", "query_empty"),
    (None, "query_empty"),
    ("x" * (MAX_QUERY_CHARS + 1), "query_too_long"),
    ("solar " * 200, "query_too_long"),
    ("\x00\x01\x02", "query_control_characters"),
    ("solar\x1bpanels", "query_control_characters"),
    ("the and for of", "query_only_stop_words"),
    ('"the" "for"', "query_only_stop_words"),
    ("one two three four five six seven eight nine", "query_too_many_words"),
])
def test_bad_queries_are_refused_with_their_own_code(raw, code):
    with pytest.raises(InvalidInput) as refused:
        parse_query(raw)
    assert refused.value.code == code
    assert refused.value.details["fields"]["q"]


def test_a_query_at_the_limit_is_taken():
    assert parse_query("s" * MAX_QUERY_CHARS).terms


def test_title_words_outrank_body_words():
    query = parse_query("buses")
    in_title = analyse({TITLE: "Free buses", BODY: "Something else entirely"})
    in_body = analyse({TITLE: "Free travel", BODY: "On the buses every day"})
    assert relevance(query, in_title.terms) > relevance(query, in_body.terms)


def test_writes_per_document_are_capped_and_the_title_is_kept():
    body = " ".join(f"word{n}x" for n in range(500))
    doc = analyse({TITLE: "Apprentices travel free", BODY: body})
    assert len(doc.terms) == MAX_TERMS_PER_DOCUMENT
    assert {"apprentic", "travel", "free"} <= set(doc.terms)


def test_highlights_are_the_words_as_written():
    query = parse_query("school solar")
    assert highlights(query, ["Solar panels on Schools", "Schooling matters"]) == ["Solar", "Schools", "Schooling"]


def test_support_tiers_double():
    assert [support_tier(n) for n in (0, 1, 2, 3, 4, 100_000)] == [0, 1, 2, 2, 3, 17]


def test_the_better_field_sorts_first_then_more_supporters():
    assert rank_key(3, 0) < rank_key(1, 17)
    assert rank_key(3, 5) < rank_key(3, 4)


# Properties

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@given(texts)
def test_folding_is_stable(text):
    assert fold(fold(text)) == fold(text)


@given(texts)
@example("\u0345")  # the iota subscript: a mark that casefolds to a letter
@example("\u0131")  # a dotless i, whose capital is "I"
@example("\U0001d6a4")  # a mathematical dotless i: one once decomposed
def test_terms_ignore_case_and_accents(text):
    assert terms(text) == terms(fold(text)) == terms(text.upper().lower())


@given(st.lists(st.from_regex(r"[A-Za-zà-öø-ÿ]{2,12}", fullmatch=True), min_size=1, max_size=8))
def test_any_title_word_finds_its_document(title_words):
    title = " ".join(title_words)
    doc = analyse({TITLE: title})
    for word in title_words:
        try:
            query = parse_query(word)
        except InvalidInput:  # a stop word alone
            continue
        assert matches(query, doc.terms, doc.pairs), word
        assert word in highlights(query, [title])


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_more_supporters_never_rank_lower(a, b):
    low, high = sorted((a, b))
    assert rank_key(2, support_tier(high)) <= rank_key(2, support_tier(low))


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("council", "council", 0), ("counsil", "council", 1), ("councl", "council", 1), ("buses", "bsues", 1),
    ("hospital", "hopsital", 1), ("school", "scholl", 1), ("waiting", "wating", 1), ("cat", "dog", 3), ("", "bus", 3),
])
def test_edit_distance_counts_each_slip_once(a, b, distance):
    assert edit_distance(a, b) == distance == edit_distance(b, a)


def test_did_you_mean_takes_the_nearest_known_word_then_the_commonest():
    known = {"council": 40, "counsel": 2, "count": 9, "country": 5}
    assert closest_word("counsil", known) == "council"  # one slip from both: the commonest
    assert closest_word("countri", known) == "country"  # nearer than "count", though that is commoner
    assert closest_word("cuntry", {"country": 1}) == "country"
    assert closest_word("bus", {"bun": 3, "buses": 9}) == "bun"  # a short word: one slip, not two
    assert closest_word("hospitl", {"hospital": 1, "hostel": 50}) == "hospital"
    assert closest_word("zebra", known) is None


def test_a_correction_replaces_only_the_misspelt_words_as_typed():
    assert typed_words('Counsil TAX for "the elderly"') == ["counsil", "tax", "elderly"]
    assert corrected('Counsil TAX for "the elderly"', {"counsil": "council"}) == 'council TAX for "the elderly"'
    assert corrected("café  counsil ", {"counsil": "council"}) == "café  council"


# Words whose English stems take each of Snowball's steps: plurals, -ing/-ed, -ational, -ness, -ly, y to i.
STEMMED_WORDS = (
    "schools", "schooling", "buses", "campaigns", "nationalisation", "national", "running", "hopping", "agreed",
    "generously", "happiness", "conditional", "relational", "hopefulness", "sensibility", "caresses", "ponies",
    "cries", "dying", "skies", "organisations", "privatised", "renationalising", "communities",
    "apprenticeships's", "o'neill", "ceiling",
)


@given(st.lists(st.sampled_from(STEMMED_WORDS) | st.text(alphabet="abcdefghijklmnopqrstuvwxyz'", min_size=1,
                                                          max_size=14), min_size=1, max_size=20))
@example(STEMMED_WORDS)
def test_the_english_stemmer_loaded_alone_stems_as_snowballs_package_does(words: list[str]) -> None:
    """search_terms loads Snowball's English stemmer without its package's 36 languages: the stems must
    be the ones the package's `stemmer("english")` gives, or the index and the queries would part."""
    import snowballstemmer

    from chalicelib.domain.search_terms import _stemmer

    package_stemmer = snowballstemmer.stemmer("english")
    assert [_stemmer().stemWord(w) for w in words] == [package_stemmer.stemWord(w) for w in words]


def test_stemming_imports_the_english_stemmer_alone() -> None:
    """A campaign page's first render stems its title (its related campaigns): that must not import
    snowballstemmer's package, whose `__init__` imports every language's stemmer (README, "Cold start")."""
    from tests.unit.test_cold_start_imports import last_line_printed

    code = ("import json, sys; from chalicelib.domain.search_terms import terms\n"
            "found = terms('Free buses for schools')\n"
            "print(json.dumps([found, sorted(m for m in sys.modules if 'stemmer' in m or 'snowball' in m)]))")
    found, stemmer_modules = json.loads(last_line_printed(code))
    assert found == ["free", "bus", "school"]
    assert stemmer_modules == ["_snowball_english", "_snowball_english.among", "_snowball_english.basestemmer",
                               "_snowball_english.english_stemmer"]


def test_threads_stemming_at_once_each_get_the_stems_one_thread_gets() -> None:
    """devstack's and `chalice local`'s serving threads, and the stream runner's, stem at once: a Snowball
    stemmer keeps the word it is working on in itself, so one shared between them raised IndexError or
    gave a wrong stem (which the index would keep)."""
    import sys
    import threading

    from chalicelib.domain.search_terms import _stemmer

    words = list(STEMMED_WORDS) * 80
    alone = [_stemmer().stemWord(w) for w in words]
    start, got, failed = threading.Barrier(8), [], []

    def stem_all() -> None:
        start.wait()
        try:
            got.append([_stemmer().stemWord(w) for w in words])
        except Exception as error:  # what a request would have answered 500 with
            failed.append(repr(error))

    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns every few words, as a loaded server's do
    try:
        threads = [threading.Thread(target=stem_all) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switching)
    assert failed == []
    assert got == [alone] * 8
