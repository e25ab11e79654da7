"""Welsh initial consonant mutations, for search: "Caerdydd", "Gaerdydd", "Nghaerdydd" and "Chaerdydd"
are one word to a reader, so each finds the others (README, "Search in Welsh").

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

Two words match when they can be forms of one common radical by these tables. A mutation loses
information ("f" is the soft form of "b" and of "m"; "b" is a radical and the soft form of "p"), so a
word is not given one key (that would merge "mam" with "pam", or miss "fam" for one of them). Instead
`radicals` lists every radical a word could be a form of (itself among them), `mutations` every table
form of a radical, and `forms(w)`, the union of the mutations of w's radicals, is what the index files w
under. A query word is looked up as written: q matches w exactly when q is in forms(w), which holds
exactly when the two share a radical. So "bara" and "para" match (the tables make "bara" the soft form
of "para"); "mam" and "pam" do not (no radical has both as forms).

Not in the tables used: the soft mutation of "g", which deletes it ("gwaith" -> "waith"). Undoing it
would make every word beginning with a vowel, "l", "r" or "w" a form of its g-word as well.
Pure and English-unaware: apply it only to text known to be Welsh (domain.search_terms says where).
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("aeiouwy")

# Each radical initial with its soft, nasal and aspirate forms (the table above, less h-prothesis).
MUTATIONS: dict[str, tuple[str, ...]] = {
    "p": ("b", "mh", "ph"), "t": ("d", "nh", "th"), "c": ("g", "ngh", "ch"),
    "b": ("f", "m"), "d": ("dd", "n"), "g": ("ng",), "m": ("f",), "ll": ("l",), "rh": ("r",),
}


def _read_backwards() -> dict[str, tuple[str, ...]]:
    backwards: dict[str, tuple[str, ...]] = {}
    for radical, mutated in MUTATIONS.items():
        for letter in mutated:
            backwards[letter] = (*backwards.get(letter, ()), radical)
    return backwards


# The same table read backwards: each initial a mutation leaves, with the radical initials it comes from
# ("f" -> b, m).
UNMUTATIONS = _read_backwards()

# Welsh writes "ngh", "ch", "dd", "ll", ... as single letters: a word's initial is the longest one it starts
# with, so "nghaerdydd" begins with "ngh" (not "n" + "ghaerdydd") and "phen" with "ph".
_INITIALS = sorted(set(MUTATIONS) | set(UNMUTATIONS), key=len, reverse=True)


def initial(word: str) -> str:
    """The table initial a (folded) word begins with, or "" if none does."""
    return next((i for i in _INITIALS if word.startswith(i)), "")


def _split(word: str) -> tuple[str, str]:
    first = initial(word)
    # A word that is only its initial ("ch", "ng") is left alone: there is nothing to mutate.
    return (first, word[len(first):]) if first and len(word) > len(first) else ("", word)


def _spelt(first: str, rest: str) -> list[str]:
    # A form is only made where it reads back with the initial it was given: "g" + "hal" nasalised would be
    # "nghal", which reads as "ngh" + "al". Applied both ways, it keeps the relation symmetric.
    return [first + rest] if initial(first + rest) == first else []


def mutations(radical: str) -> frozenset[str]:
    """Every form the tables give a radical, itself included: "caerdydd" -> gaerdydd, nghaerdydd, chaerdydd."""
    if radical[:1] in VOWELS:
        return frozenset({radical, "h" + radical})
    first, rest = _split(radical)
    return frozenset({radical, *(form for m in MUTATIONS.get(first, ()) for form in _spelt(m, rest))})


def radicals(word: str) -> frozenset[str]:
    """Every radical `word` could be a table form of, itself included (a word may be its own radical):
    "fam" -> fam, bam, mam; "nghaerdydd" -> nghaerdydd, caerdydd; "hysgol" -> hysgol, ysgol."""
    found = {word}
    if len(word) > 1 and word[0] == "h" and word[1] in VOWELS:
        found.add(word[1:])  # h-prothesis
    first, rest = _split(word)
    found.update(radical for r in UNMUTATIONS.get(first, ()) for radical in _spelt(r, rest))
    return frozenset(found)


@lru_cache(maxsize=20_000)
def forms(word: str) -> tuple[str, ...]:
    """What the index files a Welsh word (folded) under: every table form of every radical it could
    come from, the word itself first, the rest sorted (so a document's postings are the same each time)."""
    found = {form for radical in radicals(word) for form in mutations(radical)}
    return (word, *sorted(found - {word}))


def same_radical(a: str, b: str) -> bool:
    """Whether two folded Welsh words can be forms of one radical: what search matches. Symmetric."""
    return a in forms(b)
