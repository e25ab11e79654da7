"""The search index in memory, with store/search_index.py's observable behaviour: documents are
analysed by the same domain rules, results carry the live item, and every term must match. Like
the other fakes, the streams' work is done at once: before each read, the campaigns' public ones
are indexed and the rest taken out, as `logic.search.refresh_campaign` would. And the regions'
popular lists, as the hourly schedule last wrote them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from chalicelib.domain.campaigns import Campaign, is_public
from chalicelib.domain.search_terms import CAMPAIGN, PERSON, Document, Found, Hit, Query, analyse, matches, relevance
from chalicelib.logic.search import campaign_document

if TYPE_CHECKING:
    from tests.logic.fake_people import FakePeople
    from tests.logic.fakes import FakeCampaigns


class FakeSearchIndex:
    def __init__(self, campaigns: FakeCampaigns, people: FakePeople) -> None:
        self.campaigns, self.people = campaigns, people
        self.documents: dict[tuple[str, str], Document] = {}

    def put_document(self, document: Document) -> int:
        self.documents[(document.kind, document.id)] = document
        return 1

    def remove_document(self, kind: str, doc_id: str) -> int:
        return 1 if self.documents.pop((kind, doc_id), None) else 0

    def _sync(self) -> None:
        for campaign in self.campaigns.items.values():
            if is_public(campaign.status, campaign.hidden):
                self.put_document(campaign_document(campaign))
            else:
                self.remove_document(CAMPAIGN, campaign.id)

    def _live(self, kind: str, doc_id: str) -> Found | None:
        if kind == CAMPAIGN:
            c = self.campaigns.items.get(doc_id)
            return None if c is None else Found(c.id, slug=c.slug, title=c.title, summary=c.summary, area=c.area,
                                                status=c.status, hidden=c.hidden, support_count=c.support_count)
        if kind == PERSON:
            p = self.people.people.get(doc_id)
            return None if p is None else Found(p.id, handle=p.handle, display_name=p.display_name)
        return None

    def _hits(self, query: Query, kind: str | None, area: str | None, status: str | None) -> list[Hit]:
        self._sync()
        hits = []
        for (k, doc_id), document in sorted(self.documents.items()):
            analysed = analyse(document.fields, document.language, document.translated)
            live = self._live(k, doc_id)
            if live is None or (kind and k != kind) or (area and document.area != area) or \
                    (status and document.status != status) or not matches(query, analysed.terms, analysed.pairs):
                continue
            if query.prefix and not any(w.startswith(query.prefix) for w in analysed.prefix_words):
                continue
            hits.append(Hit(k, doc_id, relevance(query, analysed.terms), live))
        return hits

    def search(self, query: Query, *, kind: str | None, area: str | None, status: str | None, limit: int,
               cursor: str | None) -> tuple[list[Hit], str | None]:
        return self._hits(query, kind, area, status)[:limit], None

    def suggest(self, query: Query) -> list[Hit]:
        return self._hits(query, None, None, None)

    def related(self, terms: tuple[str, ...], *, kind: str, area: str | None, status: str | None,
                limit: int = 50, counts: Mapping[str, int | None] | None = None) -> list[Hit]:
        found: list[Hit] = []
        for term in terms:
            found += [h for h in self._hits(Query(terms=(term,), phrases=()), kind, area, status)
                      if h.id not in {f.id for f in found}]
        return found[:limit]

    def kept_related(self, campaign_id: str, title: str, find: Callable[[], list[Found]]) -> list[Found]:
        """No container copy here: always as found."""
        return find()

    def related_kept_for(self, campaign_id: str, title: str) -> bool:
        return False

    def document_counts(self, terms: tuple[str, ...]) -> dict[str, int | None]:
        self._sync()
        held = [set(analyse(d.fields, d.language, d.translated).terms) for d in self.documents.values()]
        return {t: (sum(t in h for h in held) or None) for t in terms}

    def words_near(self, word: str) -> dict[str, int]:
        """The words of titles, handles and names sharing the word's first three letters, with how
        many documents use each (the DynamoDB index reads a window of them either side of it)."""
        self._sync()
        uses: dict[str, int] = {}
        for document in self.documents.values():
            for known in analyse(document.fields, document.language, document.translated).prefix_words:
                if known[:3] == word[:3]:
                    uses[known] = uses.get(known, 0) + 1
        return uses


class FakePopular:
    """`store.popular`: each region's list as the hourly schedule last wrote it (`ranked`, set by a
    test), and the campaigns as they are now."""

    def __init__(self, campaigns: FakeCampaigns) -> None:
        self.campaigns = campaigns
        self.ranked: dict[str, list[tuple[str, int]]] = {}

    def ranked_in(self, region: str) -> list[tuple[str, int]]:
        return list(self.ranked.get(region, []))

    def live_campaigns(self, ids: list[str]) -> list[Campaign]:
        return [self.campaigns.items[i] for i in ids if i in self.campaigns.items]
