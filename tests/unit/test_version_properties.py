"""Applying decided changes to make a new version, and diffing versions, as properties (hypothesis):
no changes give the same text; clause ids are stable; a version's diff with itself is empty; the diff
names exactly the clauses that changed, with the amendments behind them; word runs rebuild both texts."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.amendments import Action, Change
from chalicelib.domain.documents import Version, draft
from chalicelib.domain.versions import Kind, Op, apply, diff, word_diff

words = st.lists(st.sampled_from(["the", "party", "will", "build", "homes", "fund", "nurses", "free", "buses",
                                  "for", "every", "town", "by", "2030"]), min_size=1, max_size=12).map(" ".join)
chapter_texts = st.lists(st.tuples(st.sampled_from(["Homes", "Health", "Transport"]),
                                   st.lists(words, min_size=1, max_size=6)), min_size=1, max_size=4)


def _ids():
    counter = itertools.count()
    return lambda: f"cl-{next(counter):04d}"


def _version(chapters, number=1, changes=None) -> Version:
    return Version("doc-1", number, chapters, f"2026-12-0{number}T12:00:00.000000Z", changes or {})


def _texts(chapters) -> list[tuple[str, list[str]]]:
    return [(ch.heading, [c.text for c in ch.clauses]) for ch in chapters]


@st.composite
def drafts_with_changes(draw):
    chapters = draft(draw(chapter_texts), _ids())
    clause_ids = [c.id for ch in chapters for c in ch.clauses]
    changes = []
    for n in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(list(Action)))
        changes.append(Change((f"am-{n}",), draw(st.sampled_from(clause_ids)), action,
                              "" if action is Action.DELETE else draw(words), f"2026-12-01T12:00:0{n}.000000Z"))
    return chapters, changes


@settings(deadline=None)  # pure; a busy shared machine must not fail it on time alone
@given(chapter_texts)
def test_applying_no_changes_gives_the_same_text_and_ids(texts):
    chapters = draft(texts, _ids())
    applied = apply(chapters, [], _ids())
    assert applied.chapters == chapters
    assert applied.changes == {} and applied.skipped == ()


@settings(deadline=None)  # pure; a busy shared machine must not fail it on time alone
@given(drafts_with_changes())
def test_clause_ids_are_stable_and_numbers_follow_where_clauses_stand(case):
    chapters, changes = case
    applied = apply(chapters, changes, _ids_after(chapters))
    before = {c.id: c for ch in chapters for c in ch.clauses}
    after = {c.id: c for ch in applied.chapters for c in ch.clauses}
    deleted = {c.clause_id for c in changes if c.action is Action.DELETE}
    assert set(before) - deleted <= set(after)  # every clause not deleted keeps its id
    assert not deleted & set(after)
    all_ids = [c.id for ch in applied.chapters for c in ch.clauses]
    assert len(all_ids) == len(set(all_ids))
    for chapter_number, chapter in enumerate(applied.chapters, 1):
        numbers = [f"{chapter_number}.{n}" for n in range(1, len(chapter.clauses) + 1)]
        assert [c.number for c in chapter.clauses] == numbers
    inserted = [c for c in changes if c.action is Action.INSERT_AFTER]
    assert len(after) == len(before) - len(deleted) + len(inserted)
    assert [ch.heading for ch in applied.chapters] == [ch.heading for ch in chapters]


@settings(deadline=None)  # pure; a busy shared machine must not fail it on time alone
@given(drafts_with_changes())
def test_the_last_rewording_of_a_clause_wins_and_every_change_names_its_amendments(case):
    chapters, changes = case
    applied = apply(chapters, changes, _ids_after(chapters))
    after = {c.id: c for ch in applied.chapters for c in ch.clauses}
    for clause_id in {c.clause_id for c in changes if c.action is Action.REPLACE}:
        if clause_id in after:
            last = [c for c in changes if c.clause_id == clause_id and c.action is Action.REPLACE][-1]
            assert after[clause_id].text == last.text
    named = {i for ids in applied.changes.values() for i in ids}
    assert named == {i for c in changes for i in c.amendment_ids}


def _ids_after(chapters):
    taken = {c.id for ch in chapters for c in ch.clauses}
    counter = itertools.count()

    def make() -> str:
        while True:
            made = f"cl-n{next(counter)}"
            if made not in taken:
                return made
    return make


@settings(deadline=None)  # pure; a busy shared machine must not fail it on time alone
@given(chapter_texts)
def test_the_diff_of_a_version_with_itself_is_empty(texts):
    version = _version(draft(texts, _ids()))
    assert diff(version, version, []) == ()


@settings(deadline=None)  # pure; a busy shared machine must not fail it on time alone
@given(drafts_with_changes())
def test_the_diff_names_exactly_the_changed_clauses_with_their_amendments(case):
    chapters, changes = case
    applied = apply(chapters, changes, _ids_after(chapters))
    before, after = _version(chapters), _version(applied.chapters, 2, applied.changes)
    found = {d.clause_id: d for d in diff(before, after, [after])}
    old = {c.id: c.text for ch in chapters for c in ch.clauses}
    new = {c.id: c.text for ch in applied.chapters for c in ch.clauses}
    expected = {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
    assert set(found) == expected
    for clause_id, d in found.items():
        assert d.kind is (Kind.ADDED if clause_id not in old else Kind.REMOVED if clause_id not in new
                          else Kind.CHANGED)
        assert d.amendment_ids and set(d.amendment_ids) <= set(applied.changes[clause_id])


@settings(deadline=None)  # pure; a busy shared machine must not fail it on time alone
@given(words, words)
def test_word_runs_rebuild_both_texts(before, after):
    runs = word_diff(before, after)
    assert " ".join(t for op, t in runs if op is not Op.ADDED).split() == before.split()
    assert " ".join(t for op, t in runs if op is not Op.REMOVED).split() == after.split()
    assert (runs == ((Op.SAME, " ".join(before.split())),)) == (before.split() == after.split())


def test_an_insertion_goes_after_its_clause_and_numbers_move_on():
    chapters = draft([("Homes", ["Build 150,000 council homes a year.", "End no-fault evictions."])], _ids())
    first, second = (c.id for c in chapters[0].clauses)
    applied = apply(chapters, [Change(("am-1",), first, Action.INSERT_AFTER, "Fund it from a land value tax.",
                                      "2026-12-01T12:00:00.000000Z")], _ids_after(chapters))
    clauses = applied.chapters[0].clauses
    assert [(c.number, c.text[:8]) for c in clauses] == [("1.1", "Build 15"), ("1.2", "Fund it "), ("1.3", "End no-f")]
    assert clauses[2].id == second  # renumbered, same id
    assert applied.changes == {clauses[1].id: ("am-1",)}


def test_a_change_to_a_clause_an_earlier_version_deleted_is_skipped():
    chapters = draft([("Homes", ["Build homes."])], _ids())
    applied = apply(chapters, [Change(("am-9",), "cl-gone", Action.REPLACE, "Anything.", "2026-12-01T12:00:00Z")],
                    _ids_after(chapters))
    assert applied.chapters == chapters and applied.skipped == ("am-9",)


def test_a_removed_clause_is_shown_where_it_stood():
    chapters = draft([("Homes", ["One.", "Two.", "Three."])], _ids())
    two = chapters[0].clauses[1].id
    applied = apply(chapters, [Change(("am-2",), two, Action.DELETE, "", "2026-12-01T12:00:00Z")], _ids())
    found = diff(_version(chapters), _version(applied.chapters, 2, applied.changes), [])
    assert [(d.clause_id, d.kind, d.number_before, d.number_after) for d in found] == [(two, Kind.REMOVED, "1.2", None)]
