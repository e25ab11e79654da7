"""What search matches, as pure rules: the words of a text and of a query, folded, stemmed and
without stop words, so "Schools", "school" and "schooling" meet and "café" finds "cafe". Text known
to be Welsh is analysed as Welsh instead: folded, without Welsh stop words, and each word indexed under
every form its initial mutations allow (domain.welsh_mutations), so "Nghaerdydd" finds "Caerdydd" and a
query word is looked up as written; English keeps its stemmer.

The index (store/search_index.py) keeps what `analyse` makes of each public document; a query is
`parse_query` (or `parse_suggestion` as someone types) and is matched, ranked and highlighted here.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Protocol

from chalicelib.domain.errors import InvalidInput, field_words
from chalicelib.domain.welsh_mutations import forms, same_radical

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 8  # each is a key read: a longer query would cost more than it narrows
# Words indexed per document: its titles' and summaries' words, then the body's most frequent. With
# the postings' cap, it bounds the index writes per campaign whatever its length (README, "Search").
MAX_TERMS_PER_DOCUMENT = 64
# An English word is one posting; a Welsh word is one per mutated form (up to six): a word is kept
# whole or not at all, so its forms always find each other (README, "Search in Welsh").
MAX_POSTINGS_PER_DOCUMENT = 256
MAX_PAIRS_PER_DOCUMENT = 128
MAX_PREFIX_WORDS_PER_DOCUMENT = 12
SHORTEST_PREFIX_KEY = 3  # suggestions are partitioned by a word's first three letters

# Fields, each a bit of a posting's mask, and what a match in it is worth.
TITLE, SUMMARY, BODY, HANDLE, NAME = 1, 2, 4, 8, 16
FIELD_WEIGHTS = {TITLE: 3, SUMMARY: 2, BODY: 1, HANDLE: 3, NAME: 3}
PREFIX_FIELDS = (TITLE, HANDLE, NAME)

# Snowball's English stop-word list, less the few that carry meaning in a campaign ("against").
STOP_WORDS = frozenset({
    "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having",
    "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
    "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your", "yours", "yourself", "yourselves",
})

# Welsh words too common to narrow a search: articles, the commonest prepositions, conjunctions and
# possessives, and the forms of "bod" (to be) a campaign's sentence is built on.
WELSH_STOP_WORDS = frozenset({
    "a", "ac", "ag", "am", "ar", "at", "i", "o", "y", "yr", "'r", "yn", "ei", "eu", "ein", "eich", "fy", "dy",
    "mae", "maen", "ydy", "yw", "oes", "sy", "sydd", "bod", "wedi", "gan", "na", "nac", "neu", "ond", "fel",
    "hefyd", "hyn", "hynny", "hon", "hwn", "nid", "ni", "dim", "pob", "ydyn", "oedd", "roedd", "fod", "ymlaen",
    "i'r", "o'r", "a'r", "yng", "ym", "mewn", "gyda", "efo", "dros", "heb", "tan", "wrth", "rhwng",
})
ENGLISH, WELSH = "en", "cy"
LANGUAGES = (ENGLISH, WELSH)

WORD_PATTERN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_PHRASE = re.compile(r'"([^"]*)"?')


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...  # Snowball's name


# Snowball's English stemmer, loaded alone under this name (README, "Cold start").
_ENGLISH_ONLY = "_snowball_english"


@lru_cache(maxsize=1)
def _english_stemmer() -> type[_Stemmer]:
    """Snowball's English stemmer, imported on first use and alone. `snowballstemmer`'s own package
    imports all 36 of its languages' stemmers whatever one asks for (about 12 ms of a new container's
    first campaign page, which stems its title for the related campaigns); English needs only its
    module and the two it imports relatively (`basestemmer`, `among`). So its folder is mounted as a
    package of another name whose `__init__` does not run: the same files, and the same stems."""
    import importlib
    import importlib.machinery
    import importlib.util
    import sys

    if _ENGLISH_ONLY not in sys.modules:
        found = importlib.util.find_spec("snowballstemmer")  # finds the package without running it
        assert found is not None and found.submodule_search_locations is not None, "snowballstemmer is installed"
        spec = importlib.machinery.ModuleSpec(_ENGLISH_ONLY, None, is_package=True)
        spec.submodule_search_locations = list(found.submodule_search_locations)
        sys.modules[_ENGLISH_ONLY] = importlib.util.module_from_spec(spec)
    english: type[_Stemmer] = importlib.import_module(f"{_ENGLISH_ONLY}.english_stemmer").EnglishStemmer
    return english


_per_thread = threading.local()


def _stemmer() -> _Stemmer:
    """This thread's stemmer. A Snowball stemmer keeps the word it is stemming in itself, so two threads
    sharing one (devstack's and `chalice local`'s serving threads, the stream runner's) broke each
    other's words: an IndexError, or a wrong stem in the index. Making one is cheap; importing is not."""
    stemmer: _Stemmer | None = getattr(_per_thread, "stemmer", None)
    if stemmer is None:
        stemmer = _per_thread.stemmer = _english_stemmer()()
    return stemmer


def fold(text: str) -> str:
    """Accent- and case-insensitive form: NFKD without combining marks, casefolded."""
    if text.isascii():  # most text: nothing to decompose, and casefold is lower
        return text.lower()
    # Casefolded first too: a mark may fold to a letter (U+0345, the iota subscript, folds to iota).
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # A dotless i (U+0131) is an "i" without its dot, as "e" is "é" without its accent; its capital is "I".
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().replace("\u0131", "i")


def words(text: str) -> list[str]:
    """The words of a text as written, in order."""
    return WORD_PATTERN.findall(text)


# Where Snowball's English stemmer leaves a plural apart from its singular ("buses" -> "buse").
STEM_EXCEPTIONS = {"buses": "bus", "busses": "bus", "gases": "gas"}


@lru_cache(maxsize=20_000)
def stem(folded_word: str) -> str:
    word = folded_word.replace("\u2019", "'")
    return STEM_EXCEPTIONS.get(word) or _stemmer().stemWord(word)


def terms(text: str, language: str = ENGLISH) -> list[str]:
    """The terms of a text, in order, stop words left out. Folded before it is split: folding
    may split a character ("¼" is three words' worth: "1", a fraction slash, "4"). Welsh is not
    stemmed (no stemmer in the stack knows it, and English's would mangle it): its words stay as
    written, and only the index widens them to their mutated forms (`index_terms`)."""
    if language == WELSH:
        return [w for w in words(fold(text).replace("\u2019", "'")) if w not in WELSH_STOP_WORDS]
    return [stem(w) for w in words(fold(text)) if w not in STOP_WORDS]


def index_terms(term: str, language: str = ENGLISH) -> tuple[str, ...]:
    """The postings a term of a document is filed under: an English stem under itself; a Welsh word
    under every form of every radical it could be (domain.welsh_mutations), which only Welsh text may
    be given, as it would join "bat" to "pat". All of them stand at the word's one place in the text."""
    return forms(term) if language == WELSH else (term,)


def other_language(language: str) -> str:
    return ENGLISH if language == WELSH else WELSH


def pairs(text: str, language: str = ENGLISH) -> list[str]:
    """Adjacent terms ("solar panel"): what a quoted phrase is matched on."""
    found = terms(text, language)
    return [f"{a} {b}" for a, b in itertools.pairwise(found)]


# --- documents -------------------------------------------------------------------------------

CAMPAIGN, PERSON, ORGANISATION, CONSULTATION = "c", "p", "o", "q"
KindName = Literal["campaign", "person", "organisation", "consultation"]
KIND_NAMES: dict[str, KindName] = {CAMPAIGN: "campaign", PERSON: "person", ORGANISATION: "organisation",
                                   CONSULTATION: "consultation"}


@dataclass(frozen=True)
class Document:
    """Something public, as the index sees it: its words by field and what a search filters on."""

    kind: str  # CAMPAIGN, PERSON, ORGANISATION or CONSULTATION
    id: str
    fields: dict[int, str]
    area: str | None = None
    status: str | None = None
    support_count: int = 0
    language: str = ENGLISH  # what `fields` is written in
    translated: dict[int, str] | None = None  # fields also given in the other language (a campaign's title, summary)


@dataclass(frozen=True)
class Found:
    """A result's item as it is now, read live from its own table: a campaign's card, a person's
    or an organisation's names, or a consultation's question (what the other kinds do not have
    stays empty)."""

    id: str
    slug: str = ""
    title: str = ""
    summary: str = ""
    area: str = ""
    status: str = ""
    hidden: bool = False
    support_count: int = 0
    handle: str = ""
    display_name: str = ""  # a person's
    name: str = ""  # an organisation's
    question: str = ""  # a consultation's
    brief: str = ""  # a consultation's
    language: str | None = None  # a campaign's ("en", "cy"; None: from before languages, English)
    translated_title: str = ""  # a campaign's title and summary in the other language, if given
    translated_summary: str = ""


@dataclass(frozen=True)
class Hit:
    """A document that matched, with its live item."""

    kind: str  # CAMPAIGN, PERSON or ORGANISATION
    id: str
    relevance: int
    item: Found


@dataclass(frozen=True)
class Analysed:
    """What the index keeps of one document: each term with the fields it is in (capped),
    its adjacent pairs (capped), and the words suggestions start from."""

    terms: dict[str, int]
    pairs: frozenset[str]
    prefix_words: tuple[str, ...]


def analyse(fields: dict[int, str], language: str = ENGLISH, translated: dict[int, str] | None = None) -> Analysed:
    """`fields` maps a field bit (TITLE, ...) to its text in `language`; `translated`, to its text in
    the other language, each analysed as its own language's."""
    translated = translated or {}
    in_order = sorted(set(fields) | set(translated), key=lambda f: (f == BODY, f))  # shown fields first, then the body
    texts = {field: [(text, lang) for text, lang in ((fields.get(field), language),
                                                     (translated.get(field), other_language(language))) if text]
             for field in in_order}
    by_text = {field: [terms(text, lang) for text, lang in texts[field]] for field in in_order}
    found = {field: [(t, lang) for (_, lang), part in zip(texts[field], by_text[field], strict=True) for t in part]
             for field in in_order}
    # Words (with their language) in the order they earn postings: shown fields', then the body's commonest.
    masks: dict[tuple[str, str], int] = {}
    for field in in_order:
        ranked = [t for t, _ in Counter(found[field]).most_common()] if field == BODY else found[field]
        for word in ranked:
            masks[word] = masks.get(word, 0) | field
    postings: dict[str, int] = {}
    for term, lang in list(masks)[:MAX_TERMS_PER_DOCUMENT]:
        filed = index_terms(term, lang)
        if len(postings.keys() | filed) > MAX_POSTINGS_PER_DOCUMENT:
            break
        for posting in filed:
            postings[posting] = postings.get(posting, 0) | masks[(term, lang)]
    all_pairs = dict.fromkeys(f"{a} {b}" for field in in_order for part in by_text[field]
                              for a, b in itertools.pairwise(part))
    prefix_words: dict[str, None] = {}
    for field in PREFIX_FIELDS:
        for text, lang in texts.get(field, []):
            common = WELSH_STOP_WORDS if lang == WELSH else STOP_WORDS
            prefix_words.update((w, None) for w in words(fold(text)) if w not in common)
    return Analysed(terms=postings, pairs=frozenset(list(all_pairs)[:MAX_PAIRS_PER_DOCUMENT]),
                    prefix_words=tuple(list(prefix_words)[:MAX_PREFIX_WORDS_PER_DOCUMENT]))


def weight(mask: int) -> int:
    """A term's worth in a document: its best field's."""
    return max((w for bit, w in FIELD_WEIGHTS.items() if mask & bit), default=0)


def support_tier(support_count: int) -> int:
    """Supporters on a log scale (0, 1, 2-3, 4-7, ...): a posting moves only when its campaign
    doubles, ~17 times from 0 to 100,000, not at every support."""
    return max(0, int(support_count)).bit_length()


def rank_key(term_weight: int, tier: int) -> str:
    """Sorts ascending best first: the better field, then the more supporters."""
    return f"{9 - term_weight}{99 - min(tier, 99):02d}"


def prefix_key(folded_word: str) -> str:
    return folded_word[:SHORTEST_PREFIX_KEY]


# --- queries ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Query:
    """What a search asks for, as words read: terms that must all match, phrases, a prefix being typed."""

    terms: tuple[str, ...]  # every one must match
    phrases: tuple[tuple[str, ...], ...]  # each's adjacent pairs must match
    prefix: str | None = None  # suggestions: the last word as typed so far, folded
    language: str = ENGLISH  # what its words were read as: a Welsh phrase matches across mutations

    @property
    def required_pairs(self) -> frozenset[str]:
        return frozenset(f"{a} {b}" for phrase in self.phrases for a, b in itertools.pairwise(phrase))


def _check_text(raw: str | None) -> str:
    text = raw or ""
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidInput(code="query_control_characters",
                           details={"fields": {"q": field_words("control_characters")}})
    if not text.strip():
        raise InvalidInput(code="query_empty", details={"fields": {"q": field_words("required")}})
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput(code="query_too_long", limit=MAX_QUERY_CHARS,
                           details={"fields": {"q": field_words("characters_at_most", max=MAX_QUERY_CHARS)}})
    return text


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _query(text: str, prefix: str | None, language: str) -> Query:
    phrases = [tuple(terms(p, language)) for p in _PHRASE.findall(text)]
    loose = _PHRASE.sub(" ", text)
    found = _unique([t for p in phrases for t in p] + terms(loose, language))
    if not found and not prefix:
        raise InvalidInput(code="query_only_stop_words", details={"fields": {"q": field_words("only_common_words")}})
    if len(found) > MAX_QUERY_TERMS:
        raise InvalidInput(code="query_too_many_words", limit=MAX_QUERY_TERMS,
                           details={"fields": {"q": field_words("words_at_most", max=MAX_QUERY_TERMS)}})
    return Query(terms=found, phrases=tuple(p for p in phrases if len(p) > 1), prefix=prefix, language=language)


def parse_query(raw: str | None, language: str = ENGLISH) -> Query:
    """A search: every term must match; a "quoted phrase" must match as adjacent words. `language`
    is the one its words are read as (logic.search tries the searcher's, then the other)."""
    return _query(_check_text(raw), None, language)


def parse_suggestion(raw: str | None, language: str = ENGLISH) -> Query:
    """As someone types: the words before the last must match; the last is a prefix
    (unless the text ends in a space or a closing quote, when it is a whole word)."""
    text = _check_text(raw)
    typed = words(text)
    if text[-1].isspace() or text.endswith('"') or not typed:
        return _query(text, None, language)
    last = typed[-1]
    return _query(text[:text.rfind(last)], fold(last), language)


def _pair_found(pair: str, document_pairs: frozenset[str] | set[str], language: str) -> bool:
    if pair in document_pairs:
        return True
    if language != WELSH:
        return False
    # A document keeps its Welsh pairs as written: a query pair matches one whose words share radicals
    # with its own, word for word, so '"drenau gwell"' finds "trenau gwell" and never "gwell trenau".
    first, second = pair.split(" ", 1)
    return any(same_radical(first, a) and same_radical(second, b)
               for a, b in (p.split(" ", 1) for p in document_pairs))


def matches(query: Query, document_terms: dict[str, int], document_pairs: frozenset[str] | set[str]) -> bool:
    return (all(t in document_terms for t in query.terms)
            and all(_pair_found(p, document_pairs, query.language) for p in query.required_pairs))


def relevance(query: Query, document_terms: dict[str, int]) -> int:
    return sum(weight(document_terms.get(t, 0)) for t in query.terms)


def highlights(query: Query, shown_texts: list[str]) -> list[str]:
    """The words, as written in what a result shows, that the query matched: for bold type."""
    wanted = set(query.terms)
    found: list[str] = []
    for text in shown_texts:
        for word in words(text):
            typed = query.prefix is not None and fold(word).startswith(query.prefix)
            hit = typed or any(wanted.intersection(posting for term in terms(word, language)
                                                   for posting in index_terms(term, language))
                               for language in LANGUAGES)
            if hit and word not in found:
                found.append(word)
    return found
