"""A new version from the decided changes, and the difference between any two versions.

Applying: changes are taken in the order they were decided. A replacement rewords its clause (a later
one on the same clause rewords it again); a deletion takes it out; an insertion puts a new clause
(with a new id) right after its clause, after any inserted there before it. Every clause that stays
keeps its id; numbers are worked out again from where clauses stand. A change to a clause an earlier
version deleted changes nothing and is reported as skipped.

Diffing: clause by clause (by id, so a clause that only moved is not a change), word by word
(difflib), each changed clause with the amendments behind it in the versions between. No AWS.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.amendments import Action, Change
from chalicelib.domain.documents import Chapter, Clause, Version, numbered, unique_ids


@dataclass(frozen=True)
class Applied:
    """A text after amendments were applied: its chapters, each change's amendments, and those skipped."""

    chapters: tuple[Chapter, ...]
    changes: dict[str, tuple[str, ...]]  # clause id -> the amendments behind its change in this version
    skipped: tuple[str, ...]  # amendments whose clause is gone


def apply(chapters: Sequence[Chapter], changes: Sequence[Change], make_id: Callable[[], str]) -> Applied:
    """The text after `changes` (see the module's docstring). `make_id` gives new clauses their ids."""
    present = {c.id for ch in chapters for c in ch.clauses}
    fresh = unique_ids(make_id, set(present))
    reworded: dict[str, str] = {}
    deleted: set[str] = set()
    inserted: dict[str, list[tuple[str, str]]] = {}
    behind: dict[str, list[str]] = {}
    skipped: list[str] = []
    for change in sorted(changes, key=lambda c: (c.decided_at, c.amendment_ids)):
        if change.clause_id not in present:
            skipped.extend(change.amendment_ids)
            continue
        if change.action is Action.INSERT_AFTER:
            new_id = fresh()
            inserted.setdefault(change.clause_id, []).append((new_id, change.text))
            behind[new_id] = list(change.amendment_ids)
            continue
        if change.action is Action.DELETE:
            deleted.add(change.clause_id)
        else:
            reworded[change.clause_id] = change.text
        behind.setdefault(change.clause_id, []).extend(change.amendment_ids)
    laid_out = []
    for chapter in chapters:
        clauses: list[tuple[str, str]] = []
        for clause in chapter.clauses:
            if clause.id not in deleted:
                clauses.append((clause.id, reworded.get(clause.id, clause.text)))
            clauses.extend(inserted.get(clause.id, []))
        laid_out.append((chapter.heading, clauses))
    changed = {cid: tuple(dict.fromkeys(ids)) for cid, ids in behind.items()}
    return Applied(numbered(laid_out), changed, tuple(skipped))


class Kind(StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


class Op(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class ClauseDiff:
    """How one clause changed between two versions, word by word, and the amendments behind it."""

    clause_id: str
    kind: Kind
    number_before: str | None
    number_after: str | None
    words: tuple[tuple[Op, str], ...]  # the clause's words, in runs: kept, added or taken out
    amendment_ids: tuple[str, ...]


def word_diff(before: str, after: str) -> tuple[tuple[Op, str], ...]:
    """Runs of words kept, taken out and added, in reading order (a replaced run: out, then in)."""
    a, b = before.split(), after.split()
    runs: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append((Op.SAME, " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append((Op.REMOVED, " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append((Op.ADDED, " ".join(b[j1:j2])))
    return tuple(runs)


def diff(before: Version, after: Version, between: Sequence[Version]) -> tuple[ClauseDiff, ...]:
    """The clauses whose words differ between `before` and `after` (added, removed or changed), in
    the order they stand (removed ones where they stood), each with the amendments behind its
    changes in `between`: the versions after `before` up to `after`, whichever way round."""
    old: dict[str, Clause] = {c.id: c for c in before.clauses()}
    new: dict[str, Clause] = {c.id: c for c in after.clauses()}
    amendments: dict[str, list[str]] = {}
    for version in sorted(between, key=lambda v: v.number):
        for clause_id, ids in version.changes.items():
            amendments.setdefault(clause_id, []).extend(ids)

    def behind(clause_id: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(amendments.get(clause_id, [])))

    found: list[ClauseDiff] = []
    for clause in after.clauses():
        was = old.get(clause.id)
        if was is None:
            found.append(ClauseDiff(clause.id, Kind.ADDED, None, clause.number, ((Op.ADDED, clause.text),),
                                    behind(clause.id)))
        elif was.text != clause.text:
            found.append(ClauseDiff(clause.id, Kind.CHANGED, was.number, clause.number,
                                    word_diff(was.text, clause.text), behind(clause.id)))
    for clause in before.clauses():
        if clause.id not in new:
            found.append(ClauseDiff(clause.id, Kind.REMOVED, clause.number, None, ((Op.REMOVED, clause.text),),
                                    behind(clause.id)))
    order = {c.id: i for i, c in enumerate(after.clauses())}
    old_order = {c.id: i for i, c in enumerate(before.clauses())}

    def place(d: ClauseDiff) -> tuple[float, int]:
        if d.clause_id in order:
            return float(order[d.clause_id]), 0
        # A removed clause sits after the clause that stood before it and is still there.
        kept = [c.id for c in before.clauses() if c.id in order and old_order[c.id] < old_order[d.clause_id]]
        return (order[kept[-1]] + 0.5 if kept else -0.5), old_order[d.clause_id]

    return tuple(sorted(found, key=place))
