"""What each translation must keep of its English, for every language but the source one
(README, "Translating"): complete in every plural form, its placeholders and markup the English's,
nothing left in English, nothing translated from English that has since changed, and a compiled
catalogue that answers every message in the language.

    .venv/bin/python -m ops.translations      # list the problems, exit 1 if there are any

`make test` runs the same checks (tests/unit/test_translations.py); `make messages` writes the files
they read (ops/messages.py).
"""

from __future__ import annotations

import gettext
import re
import sys
from collections import Counter
from collections.abc import Iterable

from babel.messages.catalog import Catalog, Message

from ops import messages as catalogue

SOURCE = "en"
# Messages whose words are the same in the language as in English (names, words both share);
# anything else equal to its English is English on the page. A message with no words of its own,
# only placeholders and punctuation ("%(stage)s: %(campaign)s"), needs no listing.
SAME_IN_BOTH: dict[str, frozenset[str]] = {
    "cy": frozenset({"Person", "person"}),
}
# Placeholders a plural form may leave out: the number it is chosen by ("un cefnogwr", not "1 cefnogwr").
COUNTING = frozenset({"count", "num", "number"})
# Every %-sequence Python's formatting reads: a named or positional conversion, "%%", or a lone "%"
# (which fails when filled, and templates always fill: Jinja's newstyle gettext formats every message).
PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])?")
MARKUP = re.compile(r"<[^<>]*>")
# The numbers a compiled catalogue is asked about: every Welsh plural form, and some beyond.
SAMPLE_COUNTS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 20, 100, 1000)


def translated_languages() -> list[str]:
    return [language for language in catalogue.languages() if language != SOURCE]


def read(language: str) -> Catalog:
    return catalogue.read(catalogue.CATALOGUES / language / "LC_MESSAGES" / "messages.po")


def label(m: Message) -> str:
    english = m.id if isinstance(m.id, str) else m.id[0]
    return f"{m.context}: {english!r}" if m.context else repr(english)


def forms(m: Message) -> list[str]:
    return list(m.string) if isinstance(m.string, tuple | list) else [m.string or ""]


def messages_of(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id)


def plural_rule_problems(catalog: Catalog, language: str) -> list[str]:
    """The header's Plural-Forms must be CLDR's for the language (Babel's table), or gettext
    picks the wrong form: Welsh has six (zero, one, two, few, many, other)."""
    wanted = Catalog(locale=language).plural_forms
    return [] if catalog.plural_forms == wanted else [f"Plural-Forms is {catalog.plural_forms!r}, CLDR says {wanted!r}"]


def untranslated(catalog: Catalog) -> list[str]:
    """Every message has words, and a message that changes with a number has every form."""
    problems = []
    for m in messages_of(catalog):
        said = forms(m)
        wanted = catalog.num_plurals if m.pluralizable else 1
        if len(said) != wanted or not all(said):
            problems.append(f"{label(m)} has {sum(1 for s in said if s)} of {wanted} forms translated")
    return problems


def percent_sequences(text: str) -> Counter[str]:
    return Counter(match.group(0) for match in PERCENT.finditer(text))


def format_problems(catalog: Catalog) -> list[str]:
    """Each form has exactly its English's %-sequences (named, positional, "%%"), so filling it
    neither fails nor drops words; a plural form may leave out the number it is chosen by."""
    problems = []
    for m in messages_of(catalog):
        english = percent_sequences(m.id if isinstance(m.id, str) else m.id[-1])
        for form in (f for f in forms(m) if f):
            said = percent_sequences(form)
            if m.pluralizable:
                droppable = {seq for seq in english if (PERCENT.fullmatch(seq) or [None, None])[1] in COUNTING}
                said = said + Counter({seq: english[seq] for seq in droppable if seq not in said})
            if said != english:
                problems.append(f"{label(m)}: {form!r} has {sorted(said.elements())}, "
                                f"its English {sorted(english.elements())}")
    return problems


def markup_problems(catalog: Catalog) -> list[str]:
    """The translation keeps the English's tags as they are (links, their addresses, <code>):
    the words around them move, the elements do not change."""
    problems = []
    for m in messages_of(catalog):
        english = sorted(MARKUP.findall(m.id if isinstance(m.id, str) else m.id[-1]))
        for form in (f for f in forms(m) if f):
            if sorted(MARKUP.findall(form)) != english:
                problems.append(f"{label(m)}: {form!r} has tags {sorted(MARKUP.findall(form))}, its English {english}")
    return problems


def english_fallbacks(catalog: Catalog, language: str) -> list[str]:
    """A form that is its English shows English on the language's page, unless the words are the
    same in both (SAME_IN_BOTH)."""
    same = SAME_IN_BOTH.get(language, frozenset())
    english_words = lambda m: {m.id} if isinstance(m.id, str) else set(m.id)  # noqa: E731
    return [f"{label(m)} is still in English" for m in messages_of(catalog)
            if any(form in english_words(m) for form in forms(m) if form)
            and not english_words(m) & same and any(has_words(english) for english in english_words(m))]


def has_words(text: str) -> bool:
    return any(character.isalpha() for character in PERCENT.sub("", text))


def translated_from_earlier_english(catalog: Catalog) -> list[str]:
    """`make messages` fills a new message with the translation of the nearest old one and keeps
    the old English beside it (`#| msgid`): the words answer another sentence until a translator
    rewrites them and deletes the `#|` lines."""
    return [f"{label(m)} was translated from {m.previous_id[0]!r}" for m in messages_of(catalog) if m.previous_id]


def runtime_fallbacks(catalog: Catalog, language: str) -> list[str]:
    """What the site reads, the compiled .mo, answers every message in the language: a fuzzy entry
    compiled without --use-fuzzy, or a stale .mo, would answer in English."""
    with (catalogue.CATALOGUES / language / "LC_MESSAGES" / "messages.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    problems = []
    for m in messages_of(catalog):
        if m.pluralizable:
            answers = {compiled.npgettext(m.context, m.id[0], m.id[1], n) if m.context
                       else compiled.ngettext(m.id[0], m.id[1], n) for n in SAMPLE_COUNTS}
            wanted = {s for s in forms(m)}
            if not answers <= wanted or answers & set(m.id):
                problems.append(f"{label(m)} is compiled as {sorted(answers)}")
        elif isinstance(m.id, str):
            answer = compiled.pgettext(m.context, m.id) if m.context else compiled.gettext(m.id)
            if answer != m.string:
                problems.append(f"{label(m)} is compiled as {answer!r}")
    return problems


def problems(language: str) -> list[str]:
    catalog = read(language)
    return [*plural_rule_problems(catalog, language), *untranslated(catalog), *format_problems(catalog),
            *markup_problems(catalog), *english_fallbacks(catalog, language),
            *translated_from_earlier_english(catalog), *runtime_fallbacks(catalog, language)]


def main() -> None:
    found = {language: problems(language) for language in translated_languages()}
    for language, listed in found.items():
        print(f"{language}: {len(listed)} problems" if listed else f"{language}: every message translated, consistent")
        print("".join(f"  {problem}\n" for problem in listed), end="")
    sys.exit(1 if any(found.values()) else 0)


if __name__ == "__main__":
    main()
