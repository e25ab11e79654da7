"""Finding campaigns that already ask for the same thing, by the words their titles share,
so support gathers on one campaign instead of splitting across copies. Words are search's terms
(domain.search_terms: folded and stemmed), less a few that every campaign title uses."""

from __future__ import annotations

from functools import lru_cache

from chalicelib.domain.search_terms import stem, terms

STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "it", "its", "of", "on", "or", "should", "so", "that", "the", "their", "this", "to",
    "was", "we", "will", "with", "all", "our", "more", "new", "make", "give", "stop", "end", "no",
    "not",
})


@lru_cache(maxsize=1)
def _common_terms() -> frozenset[str]:
    # Stemmed on first use, not at import: stemming loads the stemmer, which most requests skip.
    return frozenset(stem(w) for w in STOPWORDS)


def title_words(title: str) -> frozenset[str]:
    common = _common_terms()
    return frozenset(t for t in terms(title) if t not in common and len(t) > 1)


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of the titles' meaningful words: 0 (nothing shared) to 1 (the same)."""
    left, right = title_words(a), title_words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def most_similar(title: str, candidates: list[tuple[str, str]], limit: int = 5,
                 threshold: float = 0.2) -> list[tuple[str, float]]:
    """The ids of the `limit` candidates (id, title) most like `title`, best first."""
    scored = [(cid, overlap(title, other)) for cid, other in candidates]
    return sorted([s for s in scored if s[1] >= threshold], key=lambda s: (-s[1], s[0]))[:limit]
