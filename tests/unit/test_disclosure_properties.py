"""Regional figures as an attacker reads them: rounding, suppression below ten and complementary
suppression (domain.disclosure), and which supports count from when (domain.regional_figures).

The protection is checked here without the module's own arithmetic: for a small cell and a value,
a witness is built, a whole table that agrees with every figure shown and sums to the total but
has that value in that cell. If one exists for every value the total alone allows, nothing shown
narrows the cell down."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from chalicelib.domain.disclosure import (
    FEWER_THAN_TEN,
    WITHHELD,
    bounds_of,
    disclose,
    disclose_in_detail,
    feasible,
    rounded,
)
from chalicelib.domain.regional import published
from chalicelib.domain.regional_figures import SETTLE_DAYS, counts_from, settled_counts
from chalicelib.domain.regions import COUNTED_AS, REGION_IDS, UNKNOWN
from tests.region_figures import range_said, witness

# The rules' time is not what is tested; a shared, busy machine must not fail a property on a deadline.
RELAXED = settings(deadline=None)
one_cell = st.one_of(st.integers(0, 14), st.integers(0, 60), st.integers(0, 100_000))
tables = st.fixed_dictionaries({cell: one_cell for cell in COUNTED_AS})


def _what_the_total_alone_allows(counts: dict[str, int]) -> tuple[int, int]:
    """A small cell's range when every figure of 10 or more is withheld: the least anyone can know."""
    total = sum(counts.values())
    big = [c for c in COUNTED_AS if counts[c] >= 10]
    low = 0 if big else max(0, total - 9 * (len(COUNTED_AS) - 1))
    return low, min(9, total - 10 * len(big))


def _assert_no_small_cell_narrowed(counts: dict[str, int], shown: dict, exact: frozenset[str] = frozenset()) -> None:
    ranges = {c: range_said(shown[c], c in exact) for c in COUNTED_AS}
    total = sum(counts.values())
    low, high = _what_the_total_alone_allows(counts)
    assert witness(ranges, total, COUNTED_AS[0], counts[COUNTED_AS[0]]) is not None  # the truth agrees
    for cell in COUNTED_AS:
        if counts[cell] >= 10:
            continue
        for value in range(low, high + 1):
            found = witness(ranges, total, cell, value)
            assert found is not None, f"{cell} cannot be {value}: shown {shown}, total {total}"
            assert all(range_said(shown[c], c in exact)[0] <= found[c] for c in COUNTED_AS)


@RELAXED
@given(tables)
@example(dict.fromkeys(COUNTED_AS, 0) | {"london": 50})  # everyone in one region
@example(dict.fromkeys(COUNTED_AS, 0) | {"london": 12, UNKNOWN: 7})  # the canvass test's idea
@example(dict.fromkeys(COUNTED_AS, 20) | {"wales": 3})  # one small cell: total minus the others
@example(dict.fromkeys(COUNTED_AS, 9))  # every cell small
def test_no_small_cell_is_narrowed_by_the_figures_and_the_total_beyond_what_the_total_alone_says(counts):
    _assert_no_small_cell_narrowed(counts, disclose(counts).shown)


@RELAXED
@given(tables)
def test_where_the_total_alone_allows_any_of_0_to_9_every_fewer_than_ten_could_be_any_of_them(counts):
    """The issue's subtraction attack: total minus the other figures never gives a small one."""
    big = [c for c in COUNTED_AS if counts[c] >= 10]
    assume(big and sum(counts.values()) - 10 * len(big) >= 9)
    shown = disclose(counts).shown
    known = {c: bounds_of(v) for c, v in shown.items()}
    for cell in COUNTED_AS:
        if shown[cell] == FEWER_THAN_TEN:
            range_left = feasible(known, sum(counts.values()), cell)
            assert (range_left.low, range_left.high) == (0, 9)


@RELAXED
@given(tables)
def test_each_figure_is_rounded_to_five_suppressed_below_ten_or_withheld_and_every_cell_listed(counts):
    shown = disclose(counts).shown
    assert list(shown) == list(COUNTED_AS)  # a cell with none looks like one with a few
    for cell, value in shown.items():
        if counts[cell] < 10:
            assert value == FEWER_THAN_TEN
        else:
            assert value == WITHHELD or (value == rounded(counts[cell]) and value % 5 == 0 and value >= 10
                                         and abs(value - counts[cell]) <= 2)


@RELAXED
@given(st.fixed_dictionaries({cell: st.integers(10, 100_000) for cell in COUNTED_AS}))
def test_nothing_is_withheld_when_no_cell_is_small(counts):
    assert WITHHELD not in disclose(counts).shown.values()


@RELAXED
@given(tables)
def test_the_canvass_shows_the_public_figures_exact_where_that_stays_safe_with_the_public_ones_beside_them(counts):
    public = disclose(counts).shown
    detail = disclose_in_detail(counts)
    for cell, value in detail.shown.items():
        if cell in detail.exact:
            assert value == counts[cell] and isinstance(public[cell], int)
        else:
            assert value == public[cell]  # the same marker, or the same rounded figure
    # Knowing exact figures implies knowing the rounded ones: judged together, no small cell is narrowed.
    _assert_no_small_cell_narrowed(counts, detail.shown, detail.exact)
    labelled = detail.labelled()
    assert all(labelled[c] == f"~{public[c]}" for c in COUNTED_AS
               if isinstance(public[c], int) and c not in detail.exact)


def test_a_spread_campaign_shows_its_big_regions_and_the_canvass_shows_them_exactly():
    counts = dict.fromkeys(COUNTED_AS, 0) | {"london": 412, "scotland": 93, "north-east": 38, "wales": 3, "east": 6}
    public = disclose(counts).shown
    assert (public["london"], public["scotland"], public["north-east"], public["wales"]) == (410, 95, 40, "<10")
    assert disclose_in_detail(counts).labelled() == {**public, "london": 412, "scotland": 93, "north-east": 38}


def test_a_figure_is_withheld_when_the_small_ones_are_too_few_to_hide_each_other():
    # Only 3 supporters in small cells: London, Scotland and the North East rounded, and the total,
    # would put each empty region at 5 or fewer. Withholding the smallest big figure that suffices
    # (the North East's) leaves every small cell anywhere from 0 to 9.
    counts = dict.fromkeys(COUNTED_AS, 0) | {"london": 412, "scotland": 93, "north-east": 38, "wales": 3}
    shown = disclose(counts).shown
    assert (shown["london"], shown["scotland"], shown["north-east"], shown["wales"]) == (410, 95, "10+", "<10")


@RELAXED
@given(tables, st.sampled_from(REGION_IDS))
def test_popular_in_a_region_ranks_only_by_what_the_page_shows(counts, region):
    figures = published(counts)
    shown = disclose(counts).shown[region]
    assert figures.get(region) == (shown if isinstance(shown, int) else None)


@RELAXED
@given(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)),
       st.one_of(st.none(), st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400))))
def test_a_support_counts_in_its_region_from_a_midnight_three_to_four_days_after_joining_or_moving(joined, moved):
    since = None if moved is None else joined + moved
    first_day = counts_from(joined, since, today=joined.date())
    later = since or joined
    starts = datetime.combine(first_day, datetime.min.time(), tzinfo=UTC)
    assert timedelta(days=SETTLE_DAYS) <= starts - later <= timedelta(days=SETTLE_DAYS + 1)


def test_someone_with_no_profile_yet_has_only_just_joined():
    assert counts_from(None, None, today=date(2026, 5, 1)) == date(2026, 5, 1) + timedelta(days=SETTLE_DAYS + 1)


@RELAXED
@given(st.fixed_dictionaries({c: st.integers(0, 500) for c in COUNTED_AS}),
       st.dictionaries(st.dates(date(2026, 1, 1), date(2026, 1, 20)).map(date.isoformat),
                       st.dictionaries(st.sampled_from(COUNTED_AS), st.integers(0, 50)), max_size=6),
       st.dates(date(2026, 1, 1), date(2026, 1, 20)))
def test_settling_supporters_are_left_out_until_their_day_and_counted_from_it(everyone, settling, day):
    settled = settled_counts(everyone, settling, day)
    for cell in COUNTED_AS:
        waiting = sum(cells.get(cell, 0) for d, cells in settling.items() if date.fromisoformat(d) > day)
        assert settled[cell] == max(0, everyone[cell] - waiting)
    assert settled_counts(everyone, settling, date(2026, 1, 21)) == everyone  # in the end, exact
