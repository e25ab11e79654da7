"""What is sent is written in each language the site speaks, and each person is sent theirs (issue 29).

A feed item carries every language's words, so the feed shows the reader's; a push or an email goes
to one person, in the language on their notification settings (a copy of their profile's, which the
fan-out's index projects, so no one's language costs a read); ministers' alerts go once per language,
each subscription filtered to its minister's."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from chalicelib import messages

T = TypeVar("T")


def language_of(settings: object | None) -> str:
    """The language a person's settings say, or English: unset, or one the site no longer speaks."""
    chosen = getattr(settings, "language", None) if settings is not None else None
    return str(chosen) if chosen in messages.LANGUAGES else messages.DEFAULT


def in_each_language(words: Callable[[], T]) -> dict[str, T]:
    """`words()` rendered in each language the site speaks, English first."""
    said: dict[str, T] = {}
    for language in messages.LANGUAGES:
        with messages.speaking(language):
            said[language] = words()
    return said


def with_translations(words: Callable[[], tuple[str, str]]) -> tuple[str, str, tuple[tuple[str, str, str], ...]]:
    """(English title, English text, every other language's (language, title, text)): what a
    SupporterUpdate carries."""
    said = in_each_language(words)
    title, text = said[messages.DEFAULT]
    return title, text, tuple((language, *words_in) for language, words_in in said.items()
                              if language != messages.DEFAULT)
