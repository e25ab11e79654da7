"""Welsh initial consonant mutations, folded away for search: "Caerdydd", "Gaerdydd", "Nghaerdydd" and
"Chaerdydd" are one word to a reader, so they are one term to the index (README, "Search in Welsh").

The tables are the standard ones, as in Gareth King, *Modern Welsh: A Comprehensive Grammar* (3rd ed.,
Routledge 2016), ch. 1 ("Mutations"), and the Welsh Government's Cymraeg Clir / Cysgliad guidance:

    radical   soft   nasal   aspirate
    p         b      mh      ph
    t         d      nh      th
    c         g      ngh     ch
    b         f      m       -
    d         dd     n       -
    g         (lost) ng      -
    m         f      -       -
    ll        l      -       -
    rh        r      -       -
    vowel     h- before a vowel (h-prothesis, after "ei" 'her', "ein", "eu", ...)

A mutation loses information: "f" is the soft form of both "b" and "m", "g" is a radical and the soft
form of "c". So the key is not the radical but the radical's *family*: every letter that a radical and
its mutations share (p b ph mh f m; t d th nh dd n; c g ch ngh ng; ll l; rh r) is written as one, the
family's first radical. Two words that differ only in which member begins them share a key. That merges
a little more than mutation does ("bara" and "para"), as a stemmer merges "university" and "universe";
search requires every word of a query, so the cost is an extra result, never a missed one.

Not folded: the soft mutation of "g" deletes it ("gwaith" -> "waith"); putting a "g" back before every
vowel, "l", "r" and "w" would make every such word one with its g-form, and "l"/"r" with "ll"/"rh" too.
Pure and English-unaware: apply it only to text known to be Welsh (domain.search_terms says where).
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("aeiouwy")

# Each initial a mutation can leave, with its family's key; longest first, so "ngh" is read before "ng".
FAMILY_KEY: tuple[tuple[str, str], ...] = (
    ("ngh", "c"),
    ("mh", "p"), ("ph", "p"), ("nh", "t"), ("th", "t"), ("dd", "t"), ("ch", "c"), ("ng", "c"),
    ("ll", "ll"), ("rh", "rh"),
    ("p", "p"), ("b", "p"), ("f", "p"), ("m", "p"),
    ("t", "t"), ("d", "t"), ("n", "t"),
    ("c", "c"), ("g", "c"),
    ("l", "ll"), ("r", "rh"),
)


def _once(word: str) -> str:
    if len(word) > 1 and word[0] == "h" and word[1] in VOWELS:
        return word[1:]  # h-prothesis: "hysgol" is "ysgol"
    for initial, key in FAMILY_KEY:
        # A word that is only its initial ("ch", "ng") is left alone: there is no radical to recover.
        if word.startswith(initial):
            return word if word == initial else key + word[len(initial):]
    return word


@lru_cache(maxsize=20_000)
def mutation_key(folded_word: str) -> str:
    """The key a Welsh word (already folded: lower case, no accents) is indexed and searched under:
    the same for the radical and each of its mutated forms. Idempotent: a key is its own key."""
    # Each step shortens the word or turns "l"/"r" into "ll"/"rh" (then left alone), so it ends.
    word, step = folded_word, _once(folded_word)
    while step != word:
        word, step = step, _once(step)
    return word
