"""Statistical disclosure control for a campaign's supporters by region (README, "Privacy").

What is published of the 13 cells (the 12 nations and regions and `unknown`) follows the rules an
official statistician applies to a table of small counts (ONS and GSS practice):
- primary suppression: a cell below SUPPRESS_BELOW is shown only as FEWER_THAN_TEN;
- rounding: every other cell is rounded to the nearest ROUND_TO (10, 11, 12 -> 10; 13, 14 -> 15);
- complementary (secondary) suppression: a cell of 10 or more is WITHHELD (shown as "10+") when
  the published figures and the total together would narrow a small cell down.

The attacker assumed here knows the exact total of the cells (the campaign's total is public and
live) and reasons from bounds: each published figure says a range, each marker a range, and the
cells sum to the total. `feasible` is what such reasoning gets for one cell (with one equation and
integer ranges, every integer in that interval is reachable, so it is exactly what can be known).
The rule kept: for every small cell, the published figures tell no more than the markers and the
total alone would (the interval it would have if every cell of 10 or more were withheld). So no
subtraction, from the total or from other figures, `unknown` included, pins a small cell closer
than the total itself already does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from chalicelib.domain.regions import COUNTED_AS, SUPPRESS_BELOW, SUPPRESSED

ROUND_TO = 5
FEWER_THAN_TEN = SUPPRESSED  # "<10"
WITHHELD = "10+"  # 10 or more, left out so that a smaller figure cannot be worked out
# The canvass marks a figure that is rounded, where it shows others exactly: "~15".
ROUNDED_MARK = "~"

Shown = int | str


@dataclass(frozen=True)
class Bounds:
    """What can be known of a cell: low <= count <= high (high None: no upper bound)."""

    low: int
    high: int | None

    def covers(self, other: Bounds) -> bool:
        """At least as wide as `other` on both sides: knowing self tells no more than knowing other."""
        wider_above = self.high is None or (other.high is not None and self.high >= other.high)
        return self.low <= other.low and wider_above


@dataclass(frozen=True)
class Disclosed:
    """The figures shown, cell by cell in COUNTED_AS order; `exact` names the numbers shown as they
    are (the rest of the numbers are rounded to ROUND_TO)."""

    shown: dict[str, Shown]
    exact: frozenset[str] = frozenset()

    def labelled(self) -> dict[str, Shown]:
        """For a table where numbers may be exact (the canvass): the rounded ones as "~15"."""
        return {cell: f"{ROUNDED_MARK}{value}" if isinstance(value, int) and cell not in self.exact else value
                for cell, value in self.shown.items()}


def rounded(count: int, base: int = ROUND_TO) -> int:
    """To the nearest multiple of `base`, halves up (with 5: 10, 11, 12 -> 10; 13, 14 -> 15)."""
    return base * ((count + base // 2) // base)


def bounds_of(shown: Shown, exact: bool = False, base: int = ROUND_TO) -> Bounds:
    """What one shown cell says of its count, to anyone who knows these rules."""
    if shown == FEWER_THAN_TEN:
        return Bounds(0, SUPPRESS_BELOW - 1)
    if shown == WITHHELD:
        return Bounds(SUPPRESS_BELOW, None)
    if not isinstance(shown, int):
        raise ValueError(f"not a shown figure: {shown!r}")
    if exact:
        return Bounds(shown, shown)
    return Bounds(max(SUPPRESS_BELOW, shown - base // 2), shown + base // 2)


def feasible(known: Mapping[str, Bounds], total: int, cell: str) -> Bounds:
    """The tightest bounds on `cell` from every cell's bounds and the total of them all."""
    others = [b for c, b in known.items() if c != cell]
    own = known[cell]
    others_low = sum(b.low for b in others)
    high = total - others_low if own.high is None else min(own.high, total - others_low)
    if any(b.high is None for b in others):
        return Bounds(own.low, high)
    others_high = sum(b.high for b in others if b.high is not None)
    return Bounds(max(own.low, total - others_high), high)


def _counts(counts: Mapping[str, int]) -> dict[str, int]:
    return {cell: max(0, int(counts.get(cell, 0))) for cell in COUNTED_AS}


def _known(shown: Mapping[str, Shown], exact: frozenset[str]) -> dict[str, Bounds]:
    return {cell: bounds_of(value, cell in exact) for cell, value in shown.items()}


def _baseline(counts: Mapping[str, int]) -> dict[str, Bounds]:
    """What the markers alone say: every small cell "<10", every other withheld."""
    return {cell: bounds_of(FEWER_THAN_TEN if n < SUPPRESS_BELOW else WITHHELD) for cell, n in counts.items()}


def protects(counts: Mapping[str, int], shown: Mapping[str, Shown], exact: frozenset[str] = frozenset()) -> bool:
    """No small cell is narrowed by `shown` and the total beyond what the markers and the total say."""
    counts = _counts(counts)
    total = sum(counts.values())
    known, baseline = _known(shown, exact), _baseline(counts)
    return all(feasible(known, total, cell).covers(feasible(baseline, total, cell))
               for cell, n in counts.items() if n < SUPPRESS_BELOW)


def _withhold_until_safe(counts: dict[str, int], shown: dict[str, Shown]) -> dict[str, Shown]:
    """Complementary suppression: withhold the smallest figure that makes the table safe on its own;
    if none does, the largest (it widens the most), and look again. Withholding every figure of 10 or
    more is the baseline itself, so this ends."""
    while not protects(counts, shown):
        published = sorted((c for c, v in shown.items() if isinstance(v, int)), key=lambda c: (counts[c], c))
        enough = next((c for c in published if protects(counts, {**shown, c: WITHHELD})), None)
        shown = {**shown, (enough or published[-1]): WITHHELD}
    return shown


def disclose(counts: Mapping[str, int]) -> Disclosed:
    """The public figures: every cell in COUNTED_AS order, small ones "<10", others rounded to
    ROUND_TO, and as few withheld ("10+") as keep every small cell safe."""
    counts = _counts(counts)
    first = {cell: FEWER_THAN_TEN if n < SUPPRESS_BELOW else rounded(n) for cell, n in counts.items()}
    return Disclosed(_withhold_until_safe(counts, first))


def disclose_in_detail(counts: Mapping[str, int]) -> Disclosed:
    """The canvass's figures: the public ones, with each rounded figure shown exactly where that
    still keeps every small cell safe, judged together with the public figures (anyone who sees
    both learns no more than the rule allows). Rounded figures are given back smallest first."""
    counts = _counts(counts)
    public = disclose(counts).shown
    exact = sorted((c for c, v in public.items() if isinstance(v, int)), key=lambda c: (counts[c], c))
    while exact and not protects(counts, _exactly(public, counts, exact), frozenset(exact)):
        exact.pop(0)
    return Disclosed(_exactly(public, counts, exact), frozenset(exact))


def _exactly(public: Mapping[str, Shown], counts: Mapping[str, int], exact: list[str]) -> dict[str, Shown]:
    return {cell: counts[cell] if cell in exact else value for cell, value in public.items()}
