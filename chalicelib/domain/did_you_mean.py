"""Search's "did you mean": for a search that found nothing, the words the index knows that the
searcher's words most likely meant (logic.search.did_you_mean reads the index and asks these rules).
English words are compared as typed; a Welsh searcher's across initial mutations
(domain.welsh_mutations), and corrected in the mutation they were typed in."""

from __future__ import annotations

from chalicelib.domain.search_terms import (
    ENGLISH,
    STOP_WORDS,
    WELSH,
    WELSH_STOP_WORDS,
    WORD_PATTERN,
    fold,
    prefix_key,
    words,
)
from chalicelib.domain.welsh_mutations import forms, initial


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    neighbouring letters each cost one ("counsil" is one from "council", "bsues" one from "buses")."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def misspelling_allowance(word: str) -> int:
    """How far a word may be from what it was meant to be: one slip in a short word, two in a long one."""
    return 1 if len(word) <= 5 else 2


def closest_word(typed: str, known: dict[str, int]) -> str | None:
    """The known word (with how often it is used) `typed` most likely meant: the nearest within its
    allowance, then the commonest, then the first alphabetically; None if none is near."""
    near = [(edit_distance(typed, word), -uses, word) for word, uses in known.items()
            if word != typed and word not in STOP_WORDS and abs(len(word) - len(typed)) <= misspelling_allowance(typed)]
    near = [n for n in near if n[0] <= misspelling_allowance(typed)]
    return min(near)[2] if near else None


def typed_words(raw: str, language: str = ENGLISH) -> list[str]:
    """The words of a query as typed, folded, that search looks for (the language's stop words left
    out), in order."""
    common = WELSH_STOP_WORDS if language == WELSH else STOP_WORDS
    return list(dict.fromkeys(w for w in words(fold(raw).replace("\u2019", "'")) if w not in common))


def welsh_neighbourhoods(typed: str) -> tuple[str, ...]:
    """Where to look for the words a Welsh word may have meant: one of its forms (domain.welsh_mutations)
    per suggestion partition (a word's first three letters), since a known word is kept as written, in
    whichever mutation its text had it ("i Gaerdydd" keeps "gaerdydd", never "caerdydd")."""
    return tuple({prefix_key(form): form for form in forms(typed)}.values())


def closest_welsh_word(typed: str, known: dict[str, int]) -> str | None:
    """The known word (with how often it is used) a Welsh `typed` most likely meant, matched across
    mutations: the nearest of its forms to any of typed's forms, within typed's allowance, then the
    commonest; given back in the mutation it was typed in ("nghaerdyd" with "gaerdydd" known:
    "nghaerdydd"), or as it is known when typed is already one of its forms (found in English text)."""
    typed_forms = forms(typed)
    allowance = misspelling_allowance(typed)
    near: list[tuple[int, int, str]] = []
    for word, uses in known.items():
        if word in WELSH_STOP_WORDS or word == typed or abs(len(word) - len(typed)) > allowance + 2:
            continue
        distance = min(edit_distance(form, word) for form in typed_forms)
        if distance > allowance:
            continue
        if distance == 0:  # one of typed's own forms, held only as written (an English text's word)
            near.append((0, -uses, word))
            continue
        same_mutation = [f for f in forms(word) if initial(f) == initial(typed) and f != typed]
        said = min(same_mutation, key=lambda f: (edit_distance(f, typed), f)) if same_mutation else word
        near.append((distance, -uses, said))
    return min(near)[2] if near else None


def corrected(raw: str, corrections: dict[str, str]) -> str:
    """The query with each misspelt word (folded) replaced by its correction, the rest as typed."""
    return WORD_PATTERN.sub(lambda m: corrections.get(fold(m.group(0)), m.group(0)), raw).strip()
