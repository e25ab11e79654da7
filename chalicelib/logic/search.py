"""Search and discovery: finding public campaigns, people, organisations and consultations, keeping the index
in step with what is public, and the campaigns like a given one.

Only public things are indexed (an open or closed campaign not hidden; a person or organisation
with a profile), and every result is checked against its live item before it is shown: a
campaign hidden a moment ago, before the stream took it out, is not returned to anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain.areas import is_area
from chalicelib.domain.campaigns import is_public
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.search_terms import (
    BODY,
    CAMPAIGN,
    CONSULTATION,
    ENGLISH,
    HANDLE,
    KIND_NAMES,
    NAME,
    ORGANISATION,
    PERSON,
    SUMMARY,
    TITLE,
    Document,
    KindName,
    Query,
    closest_word,
    corrected,
    highlights,
    other_language,
    parse_query,
    parse_suggestion,
    stem,
    terms,
    typed_words,
)
from chalicelib.domain.similarity import most_similar
from chalicelib.logic.ports import stores
from chalicelib.store.read_cache import related_campaigns

KIND_OF_TYPE: dict[str, str] = {name: kind for kind, name in KIND_NAMES.items()}
SUGGESTIONS = 8


@dataclass(frozen=True)
class Result:
    type: KindName
    item: dict[str, Any]  # the live item's shown attributes
    highlights: list[str]
    relevance: int


# --- keeping the index -----------------------------------------------------------------------

def campaign_document(campaign: Any) -> Document:
    """A campaign is analysed in the language it is written in; a title and summary its author gave in
    the other language, in that one (a campaign from before languages is English)."""
    translated = {field: text for field, text in ((TITLE, getattr(campaign, "translated_title", None)),
                                                  (SUMMARY, getattr(campaign, "translated_summary", None))) if text}
    return Document(CAMPAIGN, campaign.id, {TITLE: campaign.title, SUMMARY: campaign.summary, BODY: campaign.body},
                    area=campaign.area, status=campaign.status, support_count=int(campaign.support_count or 0),
                    language=getattr(campaign, "language", None) or ENGLISH, translated=translated or None)


def refresh_campaign(campaign_id: str, campaign: Any | None) -> int:
    """Index `campaign` (as it is now, or None once deleted) if it is public, else take it out:
    a draft, pending, rejected or hidden campaign is never in the index. Index items written."""
    index = stores().search
    if campaign is None or not is_public(campaign.status, campaign.hidden):
        return index.remove_document(CAMPAIGN, campaign_id)
    return index.put_document(campaign_document(campaign))


def refresh_person(person_id: str, person: Any | None) -> int:
    """`person` as it is now, or None once erased."""
    index = stores().search
    if person is None:
        return index.remove_document(PERSON, person_id)
    return index.put_document(Document(PERSON, person_id, {HANDLE: person.handle, NAME: person.display_name}))


def refresh_organisation(organisation_id: str, organisation: Any | None) -> int:
    index = stores().search
    if organisation is None:
        return index.remove_document(ORGANISATION, organisation_id)
    return index.put_document(Document(ORGANISATION, organisation_id,
                                       {HANDLE: organisation.handle, NAME: organisation.name}))


def refresh_consultation(consultation_id: str, consultation: Any | None) -> int:
    """A consultation is public from the moment it is opened (upcoming ones are listed too): found by
    its question and brief. Its state comes from its dates, so the index keeps none."""
    index = stores().search
    if consultation is None:
        return index.remove_document(CONSULTATION, consultation_id)
    return index.put_document(Document(CONSULTATION, consultation_id,
                                       {TITLE: consultation.question, SUMMARY: consultation.brief},
                                       area=consultation.area))


# --- reading it ------------------------------------------------------------------------------

def _shown_texts(kind: str, item: dict[str, Any]) -> list[str]:
    if kind == CAMPAIGN:  # and its translation, shown first to a reader of that language
        return [item.get(name) or "" for name in ("title", "summary", "translated_title", "translated_summary")]
    if kind == CONSULTATION:
        return [item.get("question", ""), item.get("brief", "")]
    return [item.get("handle", ""), item.get("display_name") or item.get("name", "")]


def _still_public(hit: Any, area: str | None, status: str | None) -> bool:
    if hit.kind != CAMPAIGN:
        return True
    item = hit.item
    return (is_public(item.get("status", ""), item.get("hidden")) and (area is None or item.get("area") == area)
            and (status is None or item.get("status") == status))


def _results(query: Query, hits: list[Any]) -> list[Result]:
    ranked = sorted(hits, key=lambda h: (-h.relevance, -int(h.item.get("support_count") or 0), h.id))
    return [Result(KIND_NAMES[h.kind], h.item, highlights(query, _shown_texts(h.kind, h.item)), h.relevance)
            for h in ranked]


def _readings(q: str | None, language: str, parse: Any = parse_query) -> list[Query]:
    """The query read as the searcher's language, then (if that reads it differently) as the other.
    A word is not known to be Welsh or English, and Welsh keys would blur English ("bat", "pat"), so
    the other reading is only tried when the first finds nothing (README, "Search in Welsh")."""
    first = parse(q, language)
    try:
        second = parse(q, other_language(language))
    except InvalidInput:  # only stop words in the other language
        return [first]
    # A phrase is matched by its reading's language (a Welsh one across mutations), so it is read twice.
    same = (second.terms, second.phrases, second.prefix) == (first.terms, first.phrases, first.prefix) \
        and not first.phrases
    return [first] if same else [first, second]


def search(q: str | None, *, type: str | None, area: str | None, status: str | None, limit: int,
           cursor: str | None, language: str = ENGLISH) -> tuple[list[Result], str | None]:
    """Public campaigns, people and organisations matching every word of `q`, ranked by relevance,
    supporters breaking ties. `language` is the searcher's: how `q` is read first."""
    readings = _readings(q, language)
    if area is not None and not is_area(area):
        raise InvalidInput("Unknown policy area.", details={"fields": {"area": "see GET /areas"}})
    for attempt, query in enumerate(readings, start=1):
        last = attempt == len(readings)
        try:
            hits, next_cursor = stores().search.search(query, kind=KIND_OF_TYPE[type] if type else None, area=area,
                                                       status=status, limit=limit, cursor=cursor)
        except InvalidInput as exc:
            if cursor and not last and exc.code == "invalid_cursor":
                continue  # the cursor was given out for the other reading: it knows its own scope
            raise
        found = _results(query, [h for h in hits if _still_public(h, area, status)])
        if found or next_cursor or cursor or last:
            return found, next_cursor
    raise AssertionError("the last reading always returns")


# Misspelt words corrected at most, each costing two Queries of one partition.
CORRECTED_WORDS = 3


def did_you_mean(q: str | None, *, filtered: bool = True) -> str | None:
    """For a search that found nothing: the same words with each one no document holds replaced by
    the nearest word the index knows (its titles', handles' and names' words), if one is near enough.
    No other service is asked: one BatchGetItem of the words' counts, then two Queries per unknown
    word. None when every word is known (they just do not meet) or nothing is near. One word searched
    unfiltered and found nowhere is unknown already: its count is not read again."""
    query = parse_query(q)
    typed = typed_words(q or "")
    index = stores().search
    stems = tuple(dict.fromkeys(stem(w) for w in typed))
    counts = index.document_counts(stems) if filtered or len(stems) != 1 else {}
    unknown = [w for w in typed if not counts.get(stem(w))][:CORRECTED_WORDS]
    corrections = {w: best for w in unknown if (best := closest_word(w, index.words_near(w)))}
    if not corrections or not query.terms:
        return None
    return corrected(q or "", corrections)


def suggest(q: str | None, language: str = ENGLISH) -> list[Result]:
    """What the search box offers as someone types: the last word is a prefix (read as the
    searcher's language first, as `search` is)."""
    for query in _readings(q, language, parse_suggestion):
        if query.prefix is None:
            hits, _ = stores().search.search(query, kind=None, area=None, status=None, limit=SUGGESTIONS,
                                             cursor=None)
        else:
            hits = stores().search.suggest(query)
        public = [h for h in hits if _still_public(h, None, None)]
        if public:
            break
    ranked = sorted(public, key=lambda h: (-h.relevance, -int(h.item.get("support_count") or 0), h.id))
    return [Result(KIND_NAMES[h.kind], h.item, highlights(query, _shown_texts(h.kind, h.item)), h.relevance)
            for h in ranked[:SUGGESTIONS]]


def similar_open(campaign: Any, limit: int = 5) -> list[dict[str, Any]]:
    """Open campaigns in the same area that ask for much the same thing, most alike first: the
    index finds those sharing the title's rarest words; `domain.similarity` decides what is alike."""
    return _alike(campaign, status="open", area=campaign.area, limit=limit)


def similar_to_title(title: str, area: str, limit: int = 5) -> list[dict[str, Any]]:
    """The same for a title still being written, before there is a campaign (the start form)."""
    return _alike_title(None, title, status="open", area=area, limit=limit, threshold=0.2)


def related(campaign: Any, limit: int = 5) -> list[dict[str, Any]]:
    """Public campaigns anywhere sharing this one's rarest title words (the campaign page), kept
    per container a page's life (`read_cache.related_campaigns` says why that is safe)."""
    return related_campaigns.get_or_read((campaign.id, campaign.title, limit), lambda: _alike(
        campaign, status=None, area=None, limit=limit, threshold=0.1))


def _alike(campaign: Any, *, status: str | None, area: str | None, limit: int,
           threshold: float = 0.2) -> list[dict[str, Any]]:
    return _alike_title(campaign.id, campaign.title, status=status, area=area, limit=limit, threshold=threshold,
                        language=getattr(campaign, "language", None) or ENGLISH)


def _alike_title(campaign_id: str | None, title: str, *, status: str | None, area: str | None, limit: int,
                 threshold: float, language: str = ENGLISH) -> list[dict[str, Any]]:
    title_terms = tuple(dict.fromkeys(terms(title, language)))
    if not title_terms:
        return []
    hits = [h for h in stores().search.related(title_terms, kind=CAMPAIGN, area=area, status=status)
            if h.id != campaign_id and _still_public(h, area, status)]
    by_id = {h.id: h.item for h in hits}
    alike = most_similar(title, [(h.id, h.item.get("title", "")) for h in hits], limit=limit, threshold=threshold)
    return [by_id[cid] for cid, _ in alike]
