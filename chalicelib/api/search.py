"""Search and suggestions: anything public, by its words (README, "Search")."""

from __future__ import annotations

from typing import Literal, cast

from pydantic import ConfigDict, Field

from chalicelib import messages
from chalicelib.domain.identity import ANYONE
from chalicelib.domain.search_terms import MAX_QUERY_CHARS
from chalicelib.http.routing import Call, endpoint
from chalicelib.http.schemas import ApiModel, StrictModel
from chalicelib.logic import search as logic

Q_DESCRIPTION = (f"the words to find (at most {MAX_QUERY_CHARS} characters); a \"quoted phrase\" must appear as "
                 "written. Empty, too long, control characters or only common words: 400")


class SearchQuery(StrictModel):
    # Not limited here: the domain refuses a bad query with a code of its own (query_too_long, ...).
    q: str | None = Field(default=None, description=Q_DESCRIPTION)
    type: Literal["campaign", "person", "organisation", "consultation"] | None = None
    area: str | None = Field(default=None, description="campaigns of one policy area (GET /areas)")
    status: Literal["open", "closed"] | None = Field(default=None,
                                                     description="campaigns open or closed; both if absent")
    limit: int = Field(default=20, ge=1, le=50)
    cursor: str | None = Field(default=None, max_length=2048)


class SuggestQuery(ApiModel):
    # Whitespace kept: "solar " has finished its word, "solar" is still being typed.
    model_config = ConfigDict(extra="forbid")
    q: str | None = Field(default=None, description="what is typed so far; the last word is a prefix")


class SearchResult(ApiModel):
    type: Literal["campaign", "person", "organisation", "consultation"]
    id: str
    title: str = Field(description="a campaign's title, a person's display name, an organisation's name, "
                       "a consultation's question")
    url: str = Field(description="where it is shown")
    highlights: list[str] = Field(description="the words shown here that the query matched, as written")
    handle: str | None = None
    slug: str | None = None
    summary: str | None = None
    area: str | None = None
    status: Literal["open", "closed"] | None = None
    support_count: int | None = None
    language: Literal["en", "cy"] | None = Field(default=None, description="a campaign's: the language its title "
                                                 "and summary are written in (GET /campaigns/{id} has its translation)")


class SearchPage(ApiModel):
    items: list[SearchResult] = Field(description="most relevant first, supporters breaking ties, within a page")
    next_cursor: str | None = Field(description="more results; a page may hold fewer than limit")
    did_you_mean: str | None = Field(default=None, description="when nothing was found: the same search with "
                                     "each word no document holds replaced by the nearest word the index knows")


class Suggestions(ApiModel):
    items: list[SearchResult]


CampaignStatus = Literal["open", "closed"]


def shown(result: logic.Result) -> SearchResult:
    item = result.item
    if result.type == "campaign":
        return SearchResult(type="campaign", id=item.id, title=item.title, url=f"/c/{item.slug}",
                            highlights=result.highlights, slug=item.slug, summary=item.summary or None,
                            area=item.area or None, status=cast("CampaignStatus | None", item.status or None),
                            support_count=item.support_count, language="cy" if item.language == "cy" else "en")
    if result.type == "consultation":
        return SearchResult(type="consultation", id=item.id, title=item.question,
                            url=f"/consultations/{item.id}", highlights=result.highlights,
                            summary=item.brief or None, area=item.area or None)
    name = item.display_name if result.type == "person" else item.name
    base = "/people" if result.type == "person" else "/organisations"
    return SearchResult(type=result.type, id=item.id, title=name or item.handle, handle=item.handle,
                        url=f"{base}/{item.handle}", highlights=result.highlights)


@endpoint("GET", "/search", access=ANYONE, query=SearchQuery, response=SearchPage, tags=("search",),
          errors=(400,), html=True,
          summary="Find public campaigns, people, organisations and consultations by their words, with a "
          "\"did you mean\" when nothing is found (a browser gets the results page)")
def search(call: Call) -> SearchPage:
    query = call.query
    results, cursor = logic.search(query.q, type=query.type, area=query.area, status=query.status,
                                   limit=query.limit, cursor=query.cursor, language=messages.active_language())
    nothing = not results and not cursor and not query.cursor
    return SearchPage(items=[shown(r) for r in results], next_cursor=cursor,
                      did_you_mean=logic.did_you_mean(
                          query.q, filtered=bool(query.type or query.area or query.status),
                          language=messages.active_language()) if nothing else None)


@endpoint("GET", "/search/suggest", access=ANYONE, query=SuggestQuery, response=Suggestions,
          tags=("search",), errors=(400,), summary="What the search box offers as someone types")
def suggest(call: Call) -> Suggestions:
    return Suggestions(items=[shown(r) for r in logic.suggest(call.query.q, messages.active_language())])
