"""The search index in DynamoDB (tables/search_index.py): one implementation of
`logic.campaign_ports.SearchIndexPort`, which an OpenSearch adapter could replace.

A search is at most three calls, never a Scan: one BatchGetItem of its terms' document counts
(only when it has more than one term), one Query of the rarest term's postings (a page, best
first), and one BatchGetItem across tables of those documents' index items (only when more than
one term or a phrase must be checked) and their live items (so a document hidden a moment ago is
not shown, and counts are exact). A suggestion is a Query of the last word's prefix and one
BatchGetItem. Writes are one GetItem, BatchWriteItems of what changed, and one UpdateItem per
term a document gained or lost.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from pynamodb.attributes import MapAttribute

from chalicelib.domain.search_terms import (
    CAMPAIGN,
    CONSULTATION,
    ORGANISATION,
    PERSON,
    Analysed,
    Document,
    Found,
    Hit,
    Query,
    analyse,
    matches,
    prefix_key,
    rank_key,
    relevance,
    support_tier,
    weight,
)
from chalicelib.settings import get_settings
from chalicelib.store.base import batch_get, dynamodb_client
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.read_cache import related_campaigns
from chalicelib.store.tables.search_index import SearchEntryRecord

# Candidates read per suggestion: the prefix's items, for a handful shown.
SUGGESTION_WINDOW = 100
SUGGESTION_CANDIDATES = 25
# What a result shows, read live from its own table.
LIVE = {
    CAMPAIGN: ("campaigns", ["id", "slug", "title", "summary", "area", "status", "hidden", "support_count", "language",
                             "translated_title", "translated_summary"]),
    PERSON: ("people", ["id", "handle", "display_name"]),
    ORGANISATION: ("organisations", ["id", "handle", "name"]),
    CONSULTATION: ("consultations", ["id", "question", "brief", "area", "opens_at", "closes_at", "closed_at"]),
}
# Suggestion items read either side of a misspelt word, for "did you mean".
NEAR_WINDOW = 100
# An item as DynamoDB sends it ({"S": ...}, {"N": ...}) read as plain values by PynamoDB's raw map
# (numbers as int or float, each counted here with int()): boto3's TypeDeserializer did the same with
# Decimals, and importing it brought boto3 (~16 ms beyond PynamoDB's botocore) into a campaign page's
# first call, which reads its related campaigns here (issue 30).
_AS_SENT: MapAttribute[str, Any] = MapAttribute()


def found(item: dict[str, Any]) -> Found:
    """A live item (LIVE's attributes of its kind) as the domain's `Found`."""
    return Found(id=str(item["id"]), slug=item.get("slug") or "", title=item.get("title") or "",
                 summary=item.get("summary") or "", area=item.get("area") or "", status=item.get("status") or "",
                 hidden=bool(item.get("hidden")), support_count=int(item.get("support_count") or 0),
                 handle=item.get("handle") or "", display_name=item.get("display_name") or "",
                 name=item.get("name") or "", question=item.get("question") or "",
                 brief=item.get("brief") or "", language=item.get("language"),
                 translated_title=item.get("translated_title") or "",
                 translated_summary=item.get("translated_summary") or "")


def found_raw(item: dict[str, Any]) -> Found:
    """`found` of an item as DynamoDB sends it."""
    return found(_item(item))


def live_campaigns(ids: list[str]) -> list[Found]:
    """Campaigns' shown attributes, read live (those that exist; the caller decides which are public)."""
    if not ids:
        return []
    live, _ = _live_and_documents([(CAMPAIGN, i) for i in ids], False)
    return [found(live[(CAMPAIGN, i)]) for i in ids if (CAMPAIGN, i) in live]


# --- writes ----------------------------------------------------------------------------------

def _fingerprint(attributes: dict[str, Any]) -> str:
    return hashlib.blake2b(json.dumps(attributes, sort_keys=True).encode(), digest_size=6).hexdigest()


def entries_of(document: Document, analysed: Analysed | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """Every posting and suggestion a document writes: (key, sort) -> its attributes."""
    analysed = analysed or analyse(document.fields, document.language, document.translated)
    tier = support_tier(document.support_count)
    shared = {"kind": document.kind, "doc_id": document.id, "area": document.area, "status": document.status}
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for term, mask in analysed.terms.items():
        sort = f"{rank_key(weight(mask), tier)}#{document.kind}#{document.id}"
        entries[(f"t#{term}", sort)] = {**shared, "mask": mask}
    for word in analysed.prefix_words:
        sort = f"{word}#{99 - min(tier, 99):02d}#{document.kind}#{document.id}"
        entries[(f"x#{prefix_key(word)}", sort)] = {**shared, "tier": tier}
    return entries


def _document_key(kind: str, doc_id: str) -> str:
    return f"d#{kind}#{doc_id}"


def _stored_document(kind: str, doc_id: str) -> SearchEntryRecord | None:
    try:
        return SearchEntryRecord.get(_document_key(kind, doc_id), "doc", consistent_read=True)
    except SearchEntryRecord.DoesNotExist:
        return None


def _count_documents(terms: set[str], change: int) -> None:
    for term in sorted(terms):
        SearchEntryRecord(f"s#{term}", "df").update(actions=[SearchEntryRecord.df.add(change)])


def put_document(document: Document) -> int:
    """Add or replace a document; writes only what changed. How many items it wrote."""
    analysed = analyse(document.fields, document.language, document.translated)
    entries = entries_of(document, analysed)
    fingerprints = {key: _fingerprint(attributes) for key, attributes in entries.items()}
    stored = _stored_document(document.kind, document.id)
    before = {(k, s): f for k, s, f in json.loads(stored.entries)} if stored and stored.entries else {}
    before_terms = set(json.loads(stored.terms)) if stored and stored.terms else set()
    written = 0
    with SearchEntryRecord.batch_write() as batch:
        for (key, sort), attributes in entries.items():
            if before.get((key, sort)) != fingerprints[(key, sort)]:
                batch.save(SearchEntryRecord(key, sort, **attributes))
                written += 1
        for key, sort in before.keys() - entries.keys():
            batch.delete(SearchEntryRecord(key, sort))
            written += 1
    _count_documents(set(analysed.terms) - before_terms, 1)
    _count_documents(before_terms - set(analysed.terms), -1)
    SearchEntryRecord(_document_key(document.kind, document.id), "doc", kind=document.kind, doc_id=document.id,
                      area=document.area, status=document.status, terms=json.dumps(analysed.terms),
                      pairs=set(analysed.pairs) or None,
                      entries=json.dumps(sorted([k, s, fingerprints[(k, s)]] for k, s in entries))).save()
    return written + len(set(analysed.terms) ^ before_terms) + 1


def remove_document(kind: str, doc_id: str) -> int:
    """Take a document out of the index: every item it wrote. How many items it deleted."""
    stored = _stored_document(kind, doc_id)
    if stored is None:
        return 0
    keys = [(k, s) for k, s, _ in json.loads(stored.entries or "[]")]
    with SearchEntryRecord.batch_write() as batch:
        for key, sort in keys:
            batch.delete(SearchEntryRecord(key, sort))
        batch.delete(stored)
    terms = set(json.loads(stored.terms or "{}"))
    _count_documents(terms, -1)
    return len(keys) + 1 + len(terms)


# --- reads -----------------------------------------------------------------------------------

def _table() -> str:
    return get_settings().table_name("search-index")


def _item(raw: dict[str, Any]) -> dict[str, Any]:
    return _AS_SENT.deserialize(raw)


def count_request(terms: tuple[str, ...]) -> dict[str, Any]:
    """BatchGetItem's RequestItems for the terms' document counts (empty for no terms), so a page can
    ask for them together with other items (store/campaign_page.py)."""
    if not terms:
        return {}
    keys = [{"key": {"S": f"s#{t}"}, "sort": {"S": "df"}} for t in dict.fromkeys(terms)]
    return {_table(): {"Keys": keys, "ProjectionExpression": "#k, df", "ExpressionAttributeNames": {"#k": "key"}}}


def counts_from(items: list[dict[str, Any]], terms: tuple[str, ...]) -> dict[str, int | None]:
    """The counts in a BatchGetItem's answer for `count_request(terms)` (items as DynamoDB sends them)."""
    counts = {item["key"][2:]: int(item.get("df") or 0) for item in map(_item, items)}
    return {t: counts.get(t) for t in terms}


def document_counts(terms: tuple[str, ...]) -> dict[str, int | None]:
    """How many documents hold each term (one BatchGetItem); None for a term never indexed."""
    return counts_from(batch_get(count_request(terms)).get(_table(), []), terms)


def _live_and_documents(candidates: list[tuple[str, str]], with_documents: bool
                        ) -> tuple[dict[tuple[str, str], dict], dict[tuple[str, str], dict]]:
    """The candidates' live items and (when asked) their index documents, in one BatchGetItem."""
    request: dict[str, Any] = {}
    for kind in {k for k, _ in candidates}:
        table, attributes = LIVE[kind]
        names = {f"#a{i}": a for i, a in enumerate(attributes)}
        request[get_settings().table_name(table)] = {
            "Keys": [{"id": {"S": doc_id}} for k, doc_id in candidates if k == kind],
            "ProjectionExpression": ", ".join(names), "ExpressionAttributeNames": names}
    if with_documents:
        request[_table()] = {"Keys": [{"key": {"S": _document_key(k, i)}, "sort": {"S": "doc"}} for k, i in candidates],
                             "ProjectionExpression": "kind, doc_id, terms, pairs"}
    found = {table: [_item(i) for i in items] for table, items in batch_get(request).items()}
    kind_of_table = {get_settings().table_name(table): kind for kind, (table, _) in LIVE.items()}
    live = {(kind_of_table[t], item["id"]): item for t, items in found.items() if t != _table() for item in items}
    documents = {(item["kind"], item["doc_id"]): item for item in found.get(_table(), [])}
    return live, documents


def _filters(kind: str | None, area: str | None, status: str | None) -> tuple[str | None, dict, dict]:
    conditions, names, values = [], {}, {}
    for attribute, wanted in (("kind", kind), ("area", area), ("status", status)):
        if wanted is not None:
            conditions.append(f"#{attribute} = :{attribute}")
            names[f"#{attribute}"] = attribute
            values[f":{attribute}"] = {"S": wanted}
    return (" AND ".join(conditions) or None), names, values


def search(query: Query, *, kind: str | None, area: str | None, status: str | None, limit: int,
           cursor: str | None) -> tuple[list[Hit], str | None]:
    """A page of documents holding every term (and phrase), ranked by relevance then supporters.
    The page is one Query of the rarest term's postings, which are best first; a page may hold
    fewer than `limit` when other terms leave some out: follow the cursor."""
    counts = document_counts(query.terms) if len(query.terms) > 1 else {query.terms[0]: 1}
    if None in counts.values():
        return [], None  # a term never indexed: nothing can match
    # A count is a guide, not a truth (a retried stream batch may move it twice): it only picks the word.
    driving = min(query.terms, key=lambda t: (counts[t], query.terms.index(t)))
    # A phrase matches by its reading's language (a Welsh one across mutations): its cursor is that reading's.
    reading = [query.language] if query.phrases else []
    scope = json.dumps(["search", query.terms, query.phrases, kind, area, status, *reading], separators=(",", ":"))
    condition, names, values = _filters(kind, area, status)
    params: dict[str, Any] = {
        "TableName": _table(), "Limit": limit, "KeyConditionExpression": "#key = :key",
        "ExpressionAttributeNames": {"#key": "key", **names},
        "ExpressionAttributeValues": {":key": {"S": f"t#{driving}"}, **values}}
    if condition:
        params["FilterExpression"] = condition
    start = decode_cursor(scope, cursor)
    if start:
        params["ExclusiveStartKey"] = start
    answer = dynamodb_client().query(**params)
    postings = [_item(i) for i in answer.get("Items", [])]
    candidates = [(p["kind"], p["doc_id"]) for p in postings]
    check_documents = len(query.terms) > 1 or bool(query.phrases)
    live, documents = _live_and_documents(candidates, check_documents) if candidates else ({}, {})
    hits = []
    for posting in postings:
        key = (posting["kind"], posting["doc_id"])
        if key not in live:
            continue
        if check_documents:
            document = documents.get(key)
            doc_terms = json.loads(document["terms"]) if document else {}
            if not document or not matches(query, doc_terms, set(document.get("pairs") or ())):
                continue
            score = relevance(query, doc_terms)
        else:
            score = weight(int(posting["mask"]))
        hits.append(Hit(key[0], key[1], score, found(live[key])))
    return hits, encode_cursor(scope, answer.get("LastEvaluatedKey"))


def suggest(query: Query) -> list[Hit]:
    """Documents with a title, handle or name word starting with the last word typed (and every
    earlier term), most supported first: one Query of the prefix, one BatchGetItem."""
    assert query.prefix is not None
    answer = dynamodb_client().query(
        TableName=_table(), Limit=SUGGESTION_WINDOW,
        KeyConditionExpression="#key = :key AND begins_with(#sort, :prefix)",
        ExpressionAttributeNames={"#key": "key", "#sort": "sort"},
        ExpressionAttributeValues={":key": {"S": f"x#{prefix_key(query.prefix)}"}, ":prefix": {"S": query.prefix}})
    items = sorted((_item(i) for i in answer.get("Items", [])), key=lambda i: -int(i.get("tier") or 0))
    candidates = list(dict.fromkeys((i["kind"], i["doc_id"]) for i in items))[:SUGGESTION_CANDIDATES]
    if not candidates:
        return []
    live, documents = _live_and_documents(candidates, bool(query.terms))
    hits = []
    for key in candidates:
        if key not in live:
            continue
        doc_terms = json.loads(documents[key]["terms"]) if key in documents else {}
        if query.terms and not matches(query, doc_terms, set(documents.get(key, {}).get("pairs") or ())):
            continue
        hits.append(Hit(key[0], key[1], relevance(query, doc_terms), found(live[key])))
    return hits



def words_near(word: str) -> dict[str, int]:
    """The index's own vocabulary around a word no document holds: the words of titles, handles and
    names stored under its first three letters (the suggestion items), read NEAR_WINDOW items either
    side of where it would sort, with how many of those items carry each. Two Queries of one
    partition, keys only; a slip after the third letter mostly sorts next to the word meant."""
    found: dict[str, int] = {}
    for forward in (True, False):
        answer = dynamodb_client().query(
            TableName=_table(), Limit=NEAR_WINDOW, ScanIndexForward=forward, ProjectionExpression="#sort",
            KeyConditionExpression="#key = :key AND #sort " + (">= :word" if forward else "< :word"),
            ExpressionAttributeNames={"#key": "key", "#sort": "sort"},
            ExpressionAttributeValues={":key": {"S": f"x#{prefix_key(word)}"}, ":word": {"S": word}})
        for item in answer.get("Items", []):
            known = item["sort"]["S"].split("#", 1)[0]
            found[known] = found.get(known, 0) + 1
    return found


def related(terms: tuple[str, ...], *, kind: str, area: str | None, status: str | None,
            limit: int = 50, counts: Mapping[str, int | None] | None = None) -> list[Hit]:
    """Documents sharing the rarest of `terms` (similar and related campaigns): one BatchGetItem of
    the counts (unless `counts` has every term's, read with something else), one Query each for the
    two rarest terms any document has, one BatchGetItem of the live items. `relevance` is how many
    of the two they hold; the caller decides what is alike."""
    if counts is None or any(t not in counts for t in terms):
        counts = document_counts(terms)
    rarest = sorted((t for t in terms if counts[t]), key=lambda t: (counts[t], terms.index(t)))[:2]
    condition, names, values = _filters(kind, area, status)
    shared: dict[tuple[str, str], int] = {}
    for term in rarest:
        params: dict[str, Any] = {
            "TableName": _table(), "Limit": limit, "KeyConditionExpression": "#key = :key",
            "FilterExpression": condition, "ExpressionAttributeNames": {"#key": "key", **names},
            "ExpressionAttributeValues": {":key": {"S": f"t#{term}"}, **values}}
        for posting in dynamodb_client().query(**params).get("Items", []):
            key = (posting["kind"]["S"], posting["doc_id"]["S"])
            shared[key] = shared.get(key, 0) + 1
    candidates = sorted(shared, key=lambda k: -shared[k])[:limit]
    live, _ = _live_and_documents(candidates, False) if candidates else ({}, {})
    return [Hit(k[0], k[1], shared[k], found(live[k])) for k in candidates if k in live]


def kept_related(campaign_id: str, title: str, find: Callable[[], list[Found]]) -> list[Found]:
    """The related campaigns of a campaign's page as this container last found them
    (`read_cache.related_campaigns` says for how long, and why that is safe); `find` finds them
    when none are kept for this campaign and title."""
    return related_campaigns.get_or_read((campaign_id, title), find)


def related_kept_for(campaign_id: str, title: str) -> bool:
    """Whether this container keeps the campaign's related campaigns (so none are read for them)."""
    return (campaign_id, title) in related_campaigns
