"""Search and discovery: finding public campaigns, people, organisations and consultations, keeping the index
in step with what is public, and the campaigns like a given one.

Only public things are indexed (an open or closed campaign not hidden; a person or organisation
with a profile), and every result is checked against its live item before it is shown: a
campaign hidden a moment ago, before the stream took it out, is not returned to anyone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from chalicelib.domain.areas import is_area, unknown_area
from chalicelib.domain.campaigns import Campaign, SlugClaim, is_public, related_fresh
from chalicelib.domain.consultations import Consultation
from chalicelib.domain.did_you_mean import (
    closest_welsh_word,
    closest_word,
    corrected,
    typed_words,
    welsh_neighbourhoods,
)
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.people import Organisation, Person
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
    WELSH,
    Document,
    Found,
    Hit,
    KindName,
    Query,
    highlights,
    other_language,
    parse_query,
    parse_suggestion,
    stem,
    terms,
)
from chalicelib.domain.similarity import most_similar
from chalicelib.domain.times import iso, utcnow
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained

KIND_OF_TYPE: dict[str, str] = {name: kind for kind, name in KIND_NAMES.items()}
SUGGESTIONS = 8


@dataclass(frozen=True)
class Result:
    """One search result: its kind, the live item, the words that matched, and how well."""

    type: KindName
    item: Found  # the live item's shown attributes
    highlights: list[str]
    relevance: int


# --- keeping the index -----------------------------------------------------------------------

def campaign_document(campaign: Campaign) -> Document:
    """A campaign is analysed in the language it is written in; a title and summary its author gave in
    the other language, in that one (a campaign from before languages is English)."""
    translated = {field: text for field, text in ((TITLE, campaign.translated_title),
                                                  (SUMMARY, campaign.translated_summary)) if text}
    return Document(CAMPAIGN, campaign.id, {TITLE: campaign.title, SUMMARY: campaign.summary, BODY: campaign.body},
                    area=campaign.area, status=campaign.status, support_count=campaign.support_count,
                    language=campaign.language or ENGLISH, translated=translated or None)


def refresh_campaign(campaign_id: str, campaign: Campaign | None) -> int:
    """Index `campaign` (as it is now, or None once deleted) if it is public, else take it out:
    a draft, pending, rejected or hidden campaign is never in the index. Index items written."""
    index = stores().search
    if campaign is None or not is_public(campaign.status, campaign.hidden):
        return index.remove_document(CAMPAIGN, campaign_id)
    return index.put_document(campaign_document(campaign))


def refresh_person(person_id: str, person: Person | None) -> int:
    """`person` as it is now, or None once erased. Their name is analysed in the language they chose
    (a Welsh speaker's "Siân o Gaerdydd" is found by "Caerdydd"); none chosen is English."""
    index = stores().search
    if person is None:
        return index.remove_document(PERSON, person_id)
    return index.put_document(Document(PERSON, person_id, {HANDLE: person.handle, NAME: person.display_name},
                                       language=person.language or ENGLISH))


def refresh_organisation(organisation_id: str, organisation: Organisation | None) -> int:
    index = stores().search
    if organisation is None:
        return index.remove_document(ORGANISATION, organisation_id)
    return index.put_document(Document(ORGANISATION, organisation_id,
                                       {HANDLE: organisation.handle, NAME: organisation.name},
                                       language=organisation.language or ENGLISH))


def refresh_consultation(consultation_id: str, consultation: Consultation | None) -> int:
    """A consultation is public from the moment it is opened (upcoming ones are listed too): found by
    its question and brief. Its state comes from its dates, so the index keeps none."""
    index = stores().search
    if consultation is None:
        return index.remove_document(CONSULTATION, consultation_id)
    return index.put_document(Document(CONSULTATION, consultation_id,
                                       {TITLE: consultation.question, SUMMARY: consultation.brief},
                                       area=consultation.area, language=consultation.language or ENGLISH))


# --- reading it ------------------------------------------------------------------------------

def _shown_texts(kind: str, item: Found) -> list[str]:
    if kind == CAMPAIGN:  # and its translation, shown first to a reader of that language
        return [item.title, item.summary, item.translated_title, item.translated_summary]
    if kind == CONSULTATION:
        return [item.question, item.brief]
    return [item.handle, item.display_name or item.name]


def _still_public(hit: Hit, area: str | None, status: str | None) -> bool:
    if hit.kind != CAMPAIGN:
        return True
    item = hit.item
    return (is_public(item.status, item.hidden) and (area is None or item.area == area)
            and (status is None or item.status == status))


def _results(query: Query, hits: list[Hit]) -> list[Result]:
    ranked = sorted(hits, key=lambda h: (-h.relevance, -h.item.support_count, h.id))
    return [Result(KIND_NAMES[h.kind], h.item, highlights(query, _shown_texts(h.kind, h.item)), h.relevance)
            for h in ranked]


def _readings(q: str | None, language: str, parse: Callable[[str | None, str], Query] = parse_query) -> list[Query]:
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
        raise unknown_area()
    for attempt, query in enumerate(readings, start=1):
        last = attempt == len(readings)
        try:
            with explained():
                hits, next_cursor = stores().search.search(query, kind=KIND_OF_TYPE[type] if type else None,
                                                           area=area, status=status, limit=limit, cursor=cursor)
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


def did_you_mean(q: str | None, *, filtered: bool = True, language: str = ENGLISH) -> str | None:
    """For a search that found nothing: the same words with each one no document holds replaced by
    the nearest word the index knows (its titles', handles' and names' words), if one is near enough.
    No other service is asked: one BatchGetItem of the words' counts, then two Queries per unknown
    word. None when every word is known (they just do not meet) or nothing is near. One word searched
    unfiltered and found nowhere is unknown already: its count is not read again. A Welsh searcher's
    words are read as Welsh (`_welsh_did_you_mean`)."""
    if language == WELSH:
        return _welsh_did_you_mean(q, filtered)
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


# A Welsh word is looked for near each of its forms' partitions (up to four): the most read for one query.
WELSH_NEIGHBOURHOODS = 6


def _welsh_did_you_mean(q: str | None, filtered: bool) -> str | None:
    """`did_you_mean` for a Welsh searcher: a word is known if a Welsh document holds any of its forms
    (they are its postings) or an English one its stem, both in the one BatchGetItem; an unknown one is
    compared, across mutations, with the words near each of its forms (two Queries per partition, at
    most WELSH_NEIGHBOURHOODS partitions in all), and corrected in the mutation it was typed in."""
    query = parse_query(q, WELSH)
    typed = typed_words(q or "", WELSH)
    index = stores().search
    keys = tuple(dict.fromkeys([*typed, *(stem(w) for w in typed)]))
    counts = index.document_counts(keys) if filtered or len(typed) != 1 else {}
    unknown = [w for w in typed if not counts.get(w) and not counts.get(stem(w))][:CORRECTED_WORDS]
    corrections: dict[str, str] = {}
    left = WELSH_NEIGHBOURHOODS
    for word in unknown:
        known: dict[str, int] = {}
        for form in welsh_neighbourhoods(word)[:left]:
            for near, uses in index.words_near(form).items():
                known[near] = max(known.get(near, 0), uses)
            left -= 1
        if best := closest_welsh_word(word, known):
            corrections[word] = best
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
    ranked = sorted(public, key=lambda h: (-h.relevance, -h.item.support_count, h.id))
    return [Result(KIND_NAMES[h.kind], h.item, highlights(query, _shown_texts(h.kind, h.item)), h.relevance)
            for h in ranked[:SUGGESTIONS]]


def similar_open(campaign: Campaign, limit: int = 5) -> list[Found]:
    """Open campaigns in the same area that ask for much the same thing, most alike first: the
    index finds those sharing the title's rarest words; `domain.similarity` decides what is alike."""
    return _alike(campaign, status="open", area=campaign.area, limit=limit)


def similar_to_title(title: str, area: str, limit: int = 5) -> list[Found]:
    """The same for a title still being written, before there is a campaign (the start form)."""
    return _alike_title(None, title, status="open", area=area, limit=limit, threshold=0.2)


def related(campaign: Campaign, limit: int = 5, counts: Mapping[str, int | None] | None = None) -> list[Found]:
    """Public campaigns anywhere sharing this one's rarest title words (the campaign page); `counts`:
    its title's terms' document counts, when read already with the page's other reads."""
    return _alike(campaign, status=None, area=None, limit=limit, threshold=0.1, counts=counts)


def related_kept(campaign: Campaign, counts: Mapping[str, int | None] | None = None, *,
                 store: bool = False) -> list[Found]:
    """`related` for the campaign's page, as the container keeps it (the search port's copy): finding
    them takes up to four calls, and a viral page is read thousands of times a minute. `store`: the
    claim holds none fresh, so those found are noted on it for every container's next cold page."""
    def find() -> list[Found]:
        found_at = iso(utcnow())
        found = related(campaign, counts=counts)
        if store and campaign.slug:
            stores().campaigns.store_related(campaign.slug, campaign.id, [f.id for f in found], found_at)
        return found

    return stores().search.kept_related(campaign.id, campaign.title, find)


def stored_related_ids(claim: SlugClaim) -> tuple[str, ...] | None:
    """The related campaigns a campaign page reads with the campaign: those its slug's claim notes, if
    found within RELATED_LIFE and not kept by this container already; None otherwise."""
    if not related_fresh(claim, utcnow()) or stores().search.related_kept_for(claim.campaign_id, claim.title or ""):
        return None
    return claim.related


def related_from_stored(campaign: Campaign, claim: SlugClaim, live: list[Found]) -> list[Found]:
    """The claim's related campaigns, in its order, from their live items (`live`, read with the
    campaign), kept by the container as `related_kept`'s. One no longer public (hidden, closed and
    hidden, deleted) is never shown, and the list is found again and stored (a few calls, once)."""
    by_id = {f.id: f for f in live}
    shown = [by_id[i] for i in claim.related or () if i in by_id and is_public(by_id[i].status, by_id[i].hidden)]
    if len(shown) < len(claim.related or ()):
        return related_kept(campaign, store=True)
    return stores().search.kept_related(campaign.id, campaign.title, lambda: shown)


def remember_related(campaigns: list[Campaign]) -> int:
    """Find and store each public campaign's related campaigns (the campaigns' stream handler, once a
    batch has indexed them, so campaigns indexed together find each other). How many were stored."""
    written = 0
    for campaign in campaigns:
        if campaign.slug and is_public(campaign.status, campaign.hidden):
            found_at = iso(utcnow())
            ids = [f.id for f in related(campaign)]
            written += stores().campaigns.store_related(campaign.slug, campaign.id, ids, found_at)
    return written


def related_terms(campaign_id: str, title: str, language: str | None) -> tuple[str, ...]:
    """The terms whose document counts a campaign page's related campaigns need first; none when
    this container keeps them already."""
    if stores().search.related_kept_for(campaign_id, title):
        return ()
    return tuple(dict.fromkeys(terms(title, language or ENGLISH)))


def _alike(campaign: Campaign, *, status: str | None, area: str | None, limit: int,
           threshold: float = 0.2, counts: Mapping[str, int | None] | None = None) -> list[Found]:
    return _alike_title(campaign.id, campaign.title, status=status, area=area, limit=limit, threshold=threshold,
                        language=campaign.language or ENGLISH, counts=counts)


def _alike_title(campaign_id: str | None, title: str, *, status: str | None, area: str | None, limit: int,
                 threshold: float, language: str = ENGLISH,
                 counts: Mapping[str, int | None] | None = None) -> list[Found]:
    title_terms = tuple(dict.fromkeys(terms(title, language)))
    if not title_terms:
        return []
    hits = [h for h in stores().search.related(title_terms, kind=CAMPAIGN, area=area, status=status, counts=counts)
            if h.id != campaign_id and _still_public(h, area, status)]
    by_id = {h.id: h.item for h in hits}
    alike = most_similar(title, [(h.id, h.item.title) for h in hits], limit=limit, threshold=threshold)
    return [by_id[cid] for cid, _ in alike]
