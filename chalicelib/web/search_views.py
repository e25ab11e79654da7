"""What the search page shows. Public things only, as every page: logic.search checks each result
against its live item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib import messages
from chalicelib.domain.campaigns import written_in
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.search_terms import Found, fold, words
from chalicelib.logic import search
from chalicelib.web.content_language import reading
from chalicelib.web.shown_areas import SHOWN_BY_ID

PAGE = 20
TYPES = ("campaign", "consultation", "person", "organisation")  # the template has their words


@dataclass
class Shown:
    """A search result as its page shows it: the matching words marked."""

    type: str
    url: str
    title: list[tuple[str, bool]]  # the text in pieces, True where it matched
    summary: list[tuple[str, bool]]
    # A campaign's line under its title (the template words it): its area's name, status and count.
    area_name: str = ""
    status: str = ""
    support_count: int = 0
    language: str | None = None  # a campaign's shown title and summary's, for `lang` where not the page's


def marked(text: str, highlighted: list[str]) -> list[tuple[str, bool]]:
    """`text` in pieces, the highlighted words apart, for the template to wrap in <mark> (it escapes)."""
    wanted = {fold(w) for w in highlighted}
    pieces: list[tuple[str, bool]] = []
    position = 0
    for word in words(text):
        start = text.index(word, position)
        if fold(word) in wanted:
            pieces += [(text[position:start], False), (word, True)]
            position = start + len(word)
    pieces.append((text[position:], False))
    return [p for p in pieces if p[0]]


def _as_presented(item: Found) -> dict[str, Any]:
    """A campaign's live item with its translation as the API presents it, for `content_language.reading`."""
    language = written_in(item.language)
    translated = item.translated_title and item.translated_summary
    return {"title": item.title, "summary": item.summary, "language": language, "translation": {
        "language": "en" if language == "cy" else "cy", "title": item.translated_title,
        "summary": item.translated_summary} if translated else None}


def _shown(result: search.Result) -> Shown:
    item = result.item
    if result.type == "consultation":
        area = SHOWN_BY_ID.get(item.area)
        return Shown("consultation", f"/consultations/{item.id}", marked(item.question, result.highlights),
                     marked(item.brief, result.highlights), area.name if area else item.area)
    if result.type == "campaign":
        area = SHOWN_BY_ID.get(item.area)
        first = reading(_as_presented(item))[0]
        return Shown("campaign", f"/c/{item.slug}", marked(first.title, result.highlights),
                     marked(first.summary, result.highlights), area.name if area else item.area,
                     item.status, item.support_count, first.language)
    name = (item.display_name if result.type == "person" else item.name) or item.handle
    person = result.type == "person"
    return Shown(result.type, f"{'/people' if person else '/organisations'}/{item.handle}",
                 marked(name, result.highlights), marked(f"@{item.handle}", result.highlights))


def results(query: dict[str, str]) -> dict:
    """The search page: the form, and a page of results (with "More" on its cursor) once asked."""
    q = (query.get("q") or "").strip()
    chosen = query.get("type") if query.get("type") in TYPES else None
    status = query.get("status") if query.get("status") in ("open", "closed") else None
    # `status` would be the page's HTTP status to render.page: the filter is `campaign_status`.
    page: dict[str, Any] = {"q": q, "type": chosen, "campaign_status": status, "types": TYPES, "results": [],
                            "more": None, "error": None, "did_you_mean": None}
    if not q:
        return page
    try:
        found, more = search.search(q, type=chosen, area=None, status=status, limit=PAGE,
                                    cursor=query.get("cursor") or None, language=messages.active_language())
    except InvalidInput as exc:
        return {**page, "error": exc.message}
    nothing = not found and not more and not query.get("cursor")
    return {**page, "results": [_shown(r) for r in found], "more": more,
            "did_you_mean": search.did_you_mean(q, filtered=bool(chosen or status),
                                                language=messages.active_language()) if nothing else None}
