"""The words people read, in the language of whoever reads them: one gettext catalogue per
language (`<language>/LC_MESSAGES/messages.po`, compiled to `.mo`), maintained with Babel
(`make messages`; README, "Words and languages").

Two kinds of entry, one catalogue:
- Words written in Python (errors, updates, alerts, emails, labels) are looked up by a stable
  message id: an error's `code` (`campaign_not_found`), or the code and which of its wordings
  (`invalid_token.malformed`), or a dotted id (`update.response.title`). The English of each id
  is written once, in this package's tables (`errors.py`, `fields.py`, `notices.py`, `labels.py`); in the
  catalogue the id is the entry's context (msgctxt) and the English its msgid.
- Words written in a template or a static script are their own msgid (`{% trans %}`, `_()`,
  `gettext()`), as gettext usually has it.

Run time uses only the standard library's `gettext`: a language's catalogue is read on first use
and kept for the container's life; importing this module reads nothing. The active language is
request-scoped (`speaking`): templates, API errors and emails all read it, so a new language is a
new catalogue plus the rule that chooses it (`chalicelib.http.language`).
"""

from __future__ import annotations

import gettext as _gettext
import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

CATALOGUES = Path(__file__).resolve().parent
DOMAIN = "messages"

# The languages there is a catalogue for, and the tag each one's pages carry in <html lang>.
LANGUAGES: Mapping[str, str] = {"en": "en-GB", "cy": "cy-GB"}
DEFAULT = "en"

_active: ContextVar[str] = ContextVar("language", default=DEFAULT)

# `%(name)s`: the one placeholder form, in Python, in templates' {% trans %} and in scripts.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def msg(message_id: str, english: str) -> tuple[str, str]:
    """One entry of a table of words written in Python: its id and its English (Babel extracts
    both, keyword `msg:1c,2`)."""
    return message_id, english


def plural_msg(message_id: str, singular: str, plural: str) -> tuple[str, tuple[str, str]]:
    """An entry whose words change with a number, `count` (keyword `plural_msg:1c,2,3`)."""
    return message_id, (singular, plural)


@dataclass(frozen=True, init=False)
class Words:
    """A placeholder that is itself a message (`Words("manifesto.stage_in_sentence.adopted")`, or
    with its own placeholders: `Words("rate_limited.seconds", seconds=90)`): put in the words of the
    language the message holding it is read in, when it is read."""

    message_id: str
    placeholders: tuple[tuple[str, Any], ...]

    def __init__(self, message_id: str, /, **placeholders: Any):
        object.__setattr__(self, "message_id", message_id)
        object.__setattr__(self, "placeholders", tuple(sorted(placeholders.items())))


def active_language() -> str:
    return _active.get()


def html_lang() -> str:
    """What <html lang> says for the active language."""
    return LANGUAGES[active_language()]


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Everything rendered inside speaks `language`: a request, or one recipient's email."""
    if language not in LANGUAGES:
        raise ValueError(f"no catalogue for language {language!r}; known: {', '.join(LANGUAGES)}")
    token = _active.set(language)
    try:
        yield
    finally:
        _active.reset(token)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The language's compiled catalogue, read once per container. English is the source
    language, so a missing English entry still reads as its msgid."""
    return _gettext.translation(DOMAIN, localedir=str(CATALOGUES), languages=[language], fallback=True)


def _current() -> _gettext.NullTranslations:
    return translations(active_language())


@lru_cache(maxsize=1)
def english() -> dict[str, str | tuple[str, str]]:
    """Every id's English, from the tables (imported on the first message, not at start)."""
    from chalicelib.messages import errors, fields, labels, notices

    table: dict[str, str | tuple[str, str]] = {}
    for part in (errors.WORDS, fields.WORDS, labels.WORDS, notices.WORDS):
        for message_id, words in part:
            if message_id in table:
                raise ValueError(f"message id {message_id!r} is written twice")
            table[message_id] = words
    return table


def _filled(placeholders: dict[str, Any]) -> dict[str, Any]:
    return {name: text(value.message_id, **dict(value.placeholders)) if isinstance(value, Words) else value
            for name, value in placeholders.items()}


def text(message_id: str, /, **placeholders: Any) -> str:
    """The words for `message_id` in the active language, placeholders filled in."""
    words = english()[message_id]
    if isinstance(words, tuple):
        raise TypeError(f"{message_id!r} changes with a number: use plural_text")
    return _current().pgettext(message_id, words) % _filled(placeholders)


def plural_text(message_id: str, count: int, /, **placeholders: Any) -> str:
    """The words for `message_id` as they go with `count`, which fills `%(count)s` unless a
    placeholder `count` is given (the number as written: "1,000")."""
    words = english()[message_id]
    if not isinstance(words, tuple):
        raise TypeError(f"{message_id!r} does not change with a number: use text")
    return _current().npgettext(message_id, words[0], words[1], count) % _filled({"count": count, **placeholders})


def label(family: str, value: str, otherwise: str | None = None) -> str:
    """The words for a value the code keeps (`label("stance", "accepted")`, from labels.py); for a
    value the family has no entry for, `otherwise`, or else the value as it is."""
    message_id = f"{family}.{value}"
    if message_id in english():
        return text(message_id)
    return value if otherwise is None else otherwise


# What the static scripts say, translated: `<language>/LC_MESSAGES/scripts.json`, written by `make
# messages` from the catalogue (only the scripts' msgids, only those translated). A page carries its
# language's words in a JSON block that static/words.js reads; in English there are none to carry.
SCRIPT_WORDS = "scripts.json"


@cache
def _script_words(language: str) -> dict[str, str | list[str]]:
    path = CATALOGUES / language / "LC_MESSAGES" / SCRIPT_WORDS
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def script_words() -> dict[str, str | list[str]]:
    return _script_words(active_language())


# What templates call (Jinja's i18n extension): the msgid is the English itself.

def gettext(message: str) -> str:
    return _current().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _current().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    return _current().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    return _current().npgettext(context, singular, plural, count)
