"""The search index in DynamoDB at 10,000 and 100,000 indexed campaigns: DynamoDB calls and read
units per query (a rare word, a common word, "school", a second page of it, two-word queries, a
suggestion), index write units per campaign created, and the hottest key's share of index writes.
Prints figures; never fails on them.

    .venv/bin/python bench/search.py [sizes...]      # default: 10000 100000 (about 20 minutes)

Each size runs in a fresh embedded AWS. A synthetic corpus (titles, summaries and bodies drawn from
a Zipf vocabulary, with "school" in 8% of campaigns, "free" in 10%, "buses" in 2%, and one rare
word in 3) is analysed in memory by the real rules (domain.search_terms, store.search_index.entries_of),
which gives every key creating the whole corpus would write. What the measured queries read is
then loaded for real (the postings, documents and campaigns of those terms, their counts, the "sch"
suggestions), so each query runs through logic.search against partitions of their true size.
Writes per campaign are measured by indexing 200 campaigns through the real write path.
Read units follow DynamoDB's rules from the bytes each call returned (moto reports per-call
constants): a Query is charged for the items it reads, rounded up to 4 KB, a BatchGetItem per item
rounded up to 4 KB; eventually consistent, so halved.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
_spec = importlib.util.spec_from_file_location("bench_requests", ROOT / "bench" / "requests.py")
bench_requests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_requests)  # item sizes and write units by DynamoDB's rules

REGION = "eu-west-2"
AREAS = ("health", "transport", "housing", "education", "energy", "environment")
VOCABULARY = 20_000
PLANTED = {"school": 0.08, "free": 0.10, "buses": 0.02}
RARE_WORD, RARE_COUNT = "zanzibarite", 3
QUERIES = [("a rare word", RARE_WORD), ("a common word", "school"), ("the same, page 2", "school"),
           ("two words", "free buses"), ("a quoted phrase", '"free buses"'),
           ("two common words", "school free")]
SAMPLE_WRITES = 50


def corpus(size: int, seed: int = 17) -> list[dict]:
    """Synthetic campaigns: word frequencies follow Zipf's law, as in any language."""
    rng = random.Random(seed)
    words = [f"{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676 % 26)}word{i}" for i in range(VOCABULARY)]
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(VOCABULARY)))

    def text(n: int) -> list[str]:
        return rng.choices(words, cum_weights=cumulative, k=n)

    rare = set(rng.sample(range(size), RARE_COUNT))
    campaigns = []
    for n in range(size):
        title, summary, body = text(6), text(20), text(150)
        for word, share in PLANTED.items():
            if rng.random() < share:
                (title if rng.random() < 0.4 else body).insert(rng.randrange(3), word)
        if rng.random() < 0.005:  # the phrase, as written
            title[1:1] = ["free", "buses"]
        if n in rare:
            body.insert(5, RARE_WORD)
        campaigns.append({"id": f"bench-{n:06d}", "title": " ".join(title).capitalize(), "summary": " ".join(summary),
                          "body": " ".join(body), "area": AREAS[n % len(AREAS)],
                          "support_count": int(rng.paretovariate(1.1)) - 1})
    return campaigns


def document(c: dict):
    from chalicelib.domain.search_terms import BODY, CAMPAIGN, SUMMARY, TITLE, Document

    return Document(CAMPAIGN, c["id"], {TITLE: c["title"], SUMMARY: c["summary"], BODY: c["body"]}, area=c["area"],
                    status="open", support_count=c["support_count"])


def key_writes(campaigns: list[dict]) -> Counter:
    """Every partition key the index writes when each campaign is created (postings, suggestions,
    its document, and one count per term), as the real write path computes them."""
    from chalicelib.domain.search_terms import analyse
    from chalicelib.store.search_index import entries_of

    writes: Counter = Counter()
    for c in campaigns:
        doc = document(c)
        analysed = analyse(doc.fields)
        writes.update(key for key, _ in entries_of(doc, analysed))
        writes.update(f"s#{term}" for term in analysed.terms)
        writes[f"d#c#{c['id']}"] += 1
    return writes


def load_query_partitions(campaigns: list[dict]) -> int:
    """What the measured queries read, written for real: their terms' postings, counts, documents
    and campaigns, and the "sch" suggestions. Returns items written."""
    from chalicelib.domain.search_terms import analyse, terms
    from chalicelib.store.base import dynamodb_client
    from chalicelib.store.search_index import _fingerprint, entries_of
    from chalicelib.store.tables.campaigns import CampaignRecord
    from chalicelib.store.tables.search_index import SearchEntryRecord

    wanted = {t for _, q in QUERIES for t in terms(q)}
    items: dict[str, list[dict]] = {SearchEntryRecord.Meta.table_name: [], CampaignRecord.Meta.table_name: []}
    df: Counter = Counter()
    for c in campaigns:
        text = f"{c['title']} {c['summary']} {c['body']}".lower()
        if not any(w in text for w in ("sch", "free", "bus", RARE_WORD)):
            continue  # none of what the queries read (a quick look before the full analysis)
        doc = document(c)
        analysed = analyse(doc.fields)
        df.update(t for t in analysed.terms if t in wanted)
        entries = entries_of(doc, analysed)
        chosen = {k: a for k, a in entries.items() if (k[0][2:] in wanted and k[0].startswith("t#"))
                  or k[0] == "x#sch"}
        if not chosen:
            continue
        for (key, sort), attributes in chosen.items():
            items[SearchEntryRecord.Meta.table_name].append({"key": key, "sort": sort, **attributes})
        items[SearchEntryRecord.Meta.table_name].append({
            "key": f"d#c#{c['id']}", "sort": "doc", "kind": "c", "doc_id": c["id"], "area": c["area"],
            "status": "open", "terms": json.dumps(analysed.terms), "pairs": sorted(analysed.pairs),
            "entries": json.dumps(sorted([k, s, _fingerprint(a)] for (k, s), a in entries.items()))})
        items[CampaignRecord.Meta.table_name].append({
            "id": c["id"], "slug": c["id"], "title": c["title"], "summary": c["summary"], "body": c["body"],
            "area": c["area"], "status": "open", "area_status": f"open#{c['area']}", "owner_id": "bench",
            "support_count": c["support_count"], "created_at": "2026-01-01T00:00:00.000000Z",
            "listed_at": "2026-01-01T00:00:00.000000Z"})
    items[SearchEntryRecord.Meta.table_name] += [{"key": f"s#{t}", "sort": "df", "df": n} for t, n in df.items()]
    from boto3.dynamodb.types import TypeSerializer

    serialize = TypeSerializer().serialize
    client, written = dynamodb_client(), 0
    for table, rows in items.items():
        for start in range(0, len(rows), 25):
            request = {table: [{"PutRequest": {"Item": {k: serialize(v if k != "pairs" else set(v) or None)
                                                        for k, v in row.items() if v is not None
                                                        and not (k == "pairs" and not v)}}} for row in
                               rows[start:start + 25]]}
            while request:
                request = client.batch_write_item(RequestItems=request).get("UnprocessedItems")
            written += len(rows[start:start + 25])
    return written


class Reads:
    """What each read call returned, sized by DynamoDB's rules (botocore's after-call hook)."""

    def __init__(self, client) -> None:
        self.calls: list[tuple[str, float, int]] = []  # (operation, read units, items)
        client.meta.events.register("after-call.dynamodb", self._after)

    def _after(self, http_response, parsed, model, **_) -> None:
        size = bench_requests.item_size
        if model.name == "Query":
            items = parsed.get("Items", [])
            self.calls.append(("Query", math.ceil(sum(size(i) for i in items) / 4096) * 0.5 or 0.5, len(items)))
        elif model.name == "BatchGetItem":
            items = [i for found in parsed.get("Responses", {}).values() for i in found]
            self.calls.append(("BatchGetItem", sum(math.ceil(size(i) / 4096) * 0.5 for i in items), len(items)))
        else:
            self.calls.append((model.name, 0.0, 0))


def measure_writes(campaigns: list[dict]) -> tuple[float, float, float]:
    """Index writes of creating campaigns through the real write path: (calls, write units) per
    campaign, and write units when a campaign's supporters double (its postings move)."""
    from chalicelib.store import search_index
    from devstack.dynamodb_calls import recording

    def units(calls) -> float:
        return sum(bench_requests.estimated_write_units(c.operation, c.params) for c in calls if c.is_write)

    with recording() as recorder:
        for c in campaigns:
            search_index.put_document(document({**c, "id": f"w-{c['id']}"}))
    per_campaign = (len(recorder.calls) / len(campaigns), units(recorder.calls) / len(campaigns))
    with recording() as recorder:
        for c in campaigns[:20]:
            search_index.put_document(document({**c, "id": f"w-{c['id']}",
                                                "support_count": 2 * c["support_count"] + 1}))
    return (*per_campaign, units(recorder.calls) / 20)


def run_one(size: int) -> None:
    from devstack import dynamodb_calls
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    dynamodb_calls.install()
    aws = EmbeddedAws().start()
    outputs = deploy_infra(aws.endpoint, stage="local", region=REGION, template_path=str(ROOT / "infra/template.yaml"))
    os.environ.update(app_env(outputs, aws.endpoint, region=REGION, stage="local"),
                      POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")
    from chalicelib.logic import search
    from chalicelib.store.base import dynamodb_client

    started = time.perf_counter()
    campaigns = corpus(size)
    writes = key_writes(campaigns)
    loaded = load_query_partitions(campaigns)
    setup = time.perf_counter() - started
    reads = Reads(dynamodb_client())
    print(f"\n{size:,} indexed campaigns (set up in {setup:.0f} s; {loaded:,} items loaded for the queries)")
    print(f"  {'query':<20} {'q':<14} {'calls':>5} {'read units':>10} {'items read':>10} {'results':>7}  operations")
    cursor = None
    for name, q in QUERIES:
        reads.calls.clear()
        results, next_cursor = search.search(q, type=None, area=None, status=None, limit=20,
                                             cursor=cursor if name.endswith("page 2") else None)
        cursor = next_cursor
        _row(name, q, reads, len(results))
    reads.calls.clear()
    _row("a suggestion", "scho", reads, len(search.suggest("scho")))
    total = sum(writes.values())
    (hot_key, hot), (second_key, second) = writes.most_common(2)
    calls, units, doubling = measure_writes(campaigns[:SAMPLE_WRITES])
    print(f"  index writes per campaign created: {total / size:.1f} items; {calls:.1f} calls and "
          f"{units:.1f} write units (real write path, {SAMPLE_WRITES} campaigns); supporters doubling: "
          f"{doubling:.1f} write units")
    print(f"  hottest key: {hot_key} with {hot / total:.2%} of index writes ({hot:,} of {total:,}); "
          f"next {second_key} {second / total:.2%}; distinct keys {len(writes):,}")
    aws.stop()


def _row(name: str, q: str, reads: Reads, results: int) -> None:
    ops = Counter(op for op, _, _ in reads.calls)
    print(f"  {name:<20} {q:<14} {len(reads.calls):>5} {sum(u for _, u, _ in reads.calls):>10.1f} "
          f"{sum(n for _, _, n in reads.calls):>10} {results:>7}  {' '.join(f'{o}x{n}' for o, n in ops.items())}"
          f"{'  SCAN' if 'Scan' in ops else ''}")


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        run_one(int(sys.argv[2]))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    print("Search in DynamoDB: calls and read units per query, writes per campaign, hot keys (bench/search.py)")
    for size in sizes:  # a fresh embedded AWS each: moto keeps its state per process
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)


if __name__ == "__main__":
    main()
