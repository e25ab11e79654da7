"""The search index: an inverted index of public campaigns, people and organisations.

One table, six kinds of item, each read by key (never a Scan):
- a posting, `t#<term>` / `<rank>#<kind>#<id>`: the documents with a term, best first (`rank` is
  the term's best field, then the campaign's supporters on a log scale: domain.search_terms.rank_key).
  A search reads one term's postings with one Query.
- a suggestion, `x#<first three letters>` / `<word>#<tier>#<kind>#<id>`: the words of titles,
  handles and names, for `begins_with` on the word as someone types.
- a document, `d#<kind>#<id>` / `doc`: its terms with their fields, its adjacent pairs (quoted
  phrases), and the keys of every posting and suggestion it wrote, so a change deletes exactly those.
- a term's document count, `s#<term>` / `df`: which word of a query is rarest, to read its postings.
- a region's popular campaigns, `r#<region>` / `popular`: its open campaigns most supported there, best
  first, written whole by the hourly schedule (store/popular.py); GET /regions/{id}/popular reads it.
- a front page's lists, `f#home` or `f#area#<area>` / `front`: each of the page's lists' campaign ids
  in order (`ranked`, JSON) and when their Queries began (`ranked_at`), written whole by the campaigns'
  stream handler (store/front_lists.py); the home and area pages read it with one GetItem.
`kind` is `c` (campaign), `p` (person) or `o` (organisation).
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute

from chalicelib.store.base import BaseRecord, meta_for


class SearchEntryRecord(BaseRecord):
    Meta = meta_for("search-index")
    key = UnicodeAttribute(hash_key=True)
    sort = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute(null=True)
    doc_id = UnicodeAttribute(null=True)
    # Postings and suggestions: what a search may filter on without reading the document.
    area = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    mask = NumberAttribute(null=True)  # postings: the fields the term is in (domain.search_terms.TITLE, ...)
    tier = NumberAttribute(null=True)  # suggestions: supporters on a log scale
    # Documents.
    terms = UnicodeAttribute(null=True)  # JSON {term: mask}
    pairs = UnicodeSetAttribute(null=True)
    entries = UnicodeAttribute(null=True)  # JSON [[key, sort, fingerprint], ...]
    # Term counts.
    df = NumberAttribute(null=True)
    # A region's popular campaigns: JSON [[campaign id, supporters in the region], ...], and when made.
    ranked = UnicodeAttribute(null=True)
    ranked_at = UnicodeAttribute(null=True)
