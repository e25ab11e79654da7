"""Finding campaigns that already ask for the same thing, by the words their titles share,
so support gathers on one campaign instead of splitting across copies."""

from __future__ import annotations

import re

STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "it", "its", "of", "on", "or", "should", "so", "that", "the", "their", "this", "to",
    "was", "we", "will", "with", "all", "our", "more", "new", "make", "give", "stop", "end", "no",
    "not",
})


def title_words(title: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return frozenset(_stem(w) for w in words if w not in STOPWORDS and len(w) > 1)


def _stem(word: str) -> str:
    """Plurals to singular, roughly: buses -> bus, apprentices -> apprentice."""
    if word.endswith("ses") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


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
