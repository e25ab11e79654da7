"""Campaigns written in either language, on pages (README, "Content in either language"): which
version of the title and summary a reader sees first, and `lang` on text in another language than
the page's, so a screen reader pronounces it right."""

from __future__ import annotations

from typing import Any

from chalicelib import messages
from chalicelib.domain.campaigns import Wording, reading_order, written_in

# The link to the other version, written in the language it leads to (as the language switch is).
READ_IN = {"en": "Read in English", "cy": "Darllen yn Gymraeg"}


def _field(c: Any, name: str) -> Any:
    return c.get(name) if isinstance(c, dict) else getattr(c, name, None)


def reading(c: Any) -> tuple[Wording, Wording | None]:
    """A campaign (as presented, or a list's item) as this request's reader sees it: first, other."""
    original = Wording(written_in(_field(c, "language")), _field(c, "title") or "", _field(c, "summary") or "")
    given = _field(c, "translation")
    translation = (Wording(_field(given, "language"), _field(given, "title"), _field(given, "summary"))
                   if given else None)
    return reading_order(messages.active_language(), original, translation)


def foreign(language: str | None) -> bool:
    """Whether text in `language` needs its own `lang`: it is not in the page's language."""
    return bool(language) and language != messages.active_language()
