"""Reading regional figures as an attacker does, written out from the rules the pages state (not
from domain.disclosure's arithmetic): what each figure says, and whether a whole table agrees with
them all."""

from __future__ import annotations


def range_said(shown, exact: bool) -> tuple[int, int | None]:
    """What a figure says, written out again here from the rules as the page states them."""
    if shown == "<10":
        return 0, 9
    if shown == "10+":
        return 10, None
    return (shown, shown) if exact else (max(10, shown - 2), shown + 2)


def witness(ranges: dict[str, tuple[int, int | None]], total: int, cell: str, value: int) -> dict[str, int] | None:
    """A table agreeing with every range, summing to `total`, with `value` in `cell`; None if none."""
    low, high = ranges[cell]
    if value < low or (high is not None and value > high):
        return None
    table = {c: r[0] for c, r in ranges.items()}
    table[cell] = value
    left = total - sum(table.values())
    if left < 0:
        return None
    for other, (_, top) in ranges.items():
        if other == cell or left == 0:
            continue
        room = left if top is None else min(left, top - table[other])
        table[other] += room
        left -= room
    return table if left == 0 else None
