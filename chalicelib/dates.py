"""Dates as people write them, in the reader's language: "4 December 2026" in en-GB. The one helper
for pages (the `date_words` filter), emails and anything else Python says; static/words.js
`dateInWords` writes the same in scripts. A language gives its own order (`date.in_words`) and its
month names (`month.1`...`month.12`) in its catalogue (chalicelib/messages/labels.py)."""

from __future__ import annotations

from chalicelib.messages import text


def in_words(stored: str | None) -> str:
    """A stored or shown time's date in words ("2026-12-04T10:00:00Z" -> "4 December 2026"): UTC's
    date, as stored, so a page and a script never disagree about the day. Not a time: as it is."""
    if not stored:
        return ""
    try:
        year, month, day = int(stored[:4]), int(stored[5:7]), int(stored[8:10])
    except ValueError:
        return stored
    if not 1 <= month <= 12:
        return stored
    return text("date.in_words", day=day, month=text(f"month.{month}"), year=year)
