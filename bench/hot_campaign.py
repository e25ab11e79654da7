"""One campaign goes viral: where do the writes land?

Drives SUPPORTS supports from distinct people at one campaign through the real store code
(`store.supports.support`, and the stream handler's `logic.counting.refresh_count` once per 1,000 supports,
as Lambda delivers the counters' stream in batches of up to 1,000) against the embedded AWS.
Every DynamoDB write is recorded through botocore's event hooks and attributed to the
partition keys it writes: the table's, and each index's the write changes.

Prints the hottest key's share of all write units, and from it the write units a second that
key takes at 5,000 supports a second (DynamoDB allows 1,000 per partition key).

    .venv/bin/python bench/hot_campaign.py [supports, default 20000]
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/requests.py would shadow the `requests` package that moto imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
TARGET_RATE = 5_000
PER_KEY_LIMIT = 1_000
STREAM_BATCH = 1_000

# Index hash keys per table: (index name, hash attribute, range attribute).
INDEXES = {
    "supports": [("by_supporter", "supporter_id", "supported_at")],
    "campaigns": [("top_by_status", "status", "support_count"),
                  ("top_by_area_status", "area_status", "support_count")],
}


def start_stack() -> None:
    from devstack import dynamodb_calls
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    dynamodb_calls.install()
    aws = EmbeddedAws().start()
    env = app_env(deploy_infra(aws.endpoint, template_path=str(ROOT / "infra" / "template.yaml")), aws.endpoint)
    os.environ.update(env)
    os.environ["POWERTOOLS_LOG_LEVEL"] = "WARNING"


def _short(table_name: str) -> str:
    return table_name.split(f"{os.environ['TABLE_PREFIX']}-", 1)[-1]


def _value(attribute: dict) -> str:
    return next(iter(attribute.values()))


def _item_writes(table: str, op: str, body: dict, unit: int, item_state: dict) -> list[tuple[str, int]]:
    """(key, units) for one item write and the index writes it causes."""
    short = _short(table)
    source = body.get("Item") or body.get("Key") or {}
    hash_attr = {"supports": "campaign_shard", "support-counters": "counter_id", "campaigns": "id"}.get(short)
    if hash_attr is None:
        return [(f"{short}:?", unit)]
    writes = [(f"{short}:{_value(source[hash_attr])}", unit)]
    names = body.get("ExpressionAttributeNames", {}).values()
    for index, hash_key, range_key in INDEXES.get(short, []):
        if op == "Put" and hash_key in source:
            writes.append((f"{short}/{index}:{_value(source[hash_key])}", 1))
        elif op == "Update" and range_key in names:
            # The index key changes: DynamoDB deletes and puts the index entry, two writes.
            writes.append((f"{short}/{index}:{item_state[hash_key]}", 2))
    return writes


def attribute_writes(calls, item_state: dict) -> Counter:
    units: Counter = Counter()
    for call in calls:
        params = call.params
        if call.operation == "TransactWriteItems":
            for entry in params["TransactItems"]:
                (op, body), = entry.items()
                for key, n in _item_writes(body["TableName"], op, body, 2, item_state):
                    units[key] += n
        elif call.operation in ("PutItem", "UpdateItem", "DeleteItem"):
            op = {"PutItem": "Put", "UpdateItem": "Update", "DeleteItem": "Delete"}[call.operation]
            for key, n in _item_writes(params["TableName"], op, params, 1, item_state):
                units[key] += n
    return units


def main(supports_to_drive: int) -> None:
    start_stack()
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import campaigns, supports
    from devstack.dynamodb_calls import recording

    draft = campaigns.create_campaign(owner_id="owner", title="Scrap the two-child benefit limit now",
                                      summary="s" * 40, body="b" * 80, area="work-pensions", organisation_id=None)
    campaign = campaigns.decide(campaigns.submit(draft, "owner"), "moderator", True, "within the rules")
    item_state = {"status": campaign.status, "area_status": campaign.area_status}
    people = [f"person-{i:07d}" for i in range(supports_to_drive)]
    print(f"Driving {supports_to_drive:,} supports at one campaign through store.supports.support ...")
    def support(person: str) -> float:
        supports.support(campaign.id, person, consent_version=SUPPORT_CONSENT_VERSION)
        return time.monotonic()  # the supporter's answer has come back

    started, freshness = time.monotonic(), []  # per support: seconds until the shown count includes it
    with recording() as recorder, ThreadPoolExecutor(max_workers=8) as pool:
        for done in range(0, supports_to_drive, STREAM_BATCH):
            answered = list(pool.map(support, people[done:done + STREAM_BATCH]))
            refresh_count(campaign.id)  # one stream batch of up to 1,000 counter records
            shown = time.monotonic()  # the campaign item now holds the sum: what every read shows
            freshness += [shown - t for t in answered]
            print(f"\r  {min(done + STREAM_BATCH, supports_to_drive):>7,} / {supports_to_drive:,}", end="", flush=True)
    elapsed = time.monotonic() - started
    print()
    final = campaigns.get_campaign(campaign.id).support_count

    units = attribute_writes(recorder.calls, item_state)
    total_units = sum(units.values())
    hottest, hottest_units = units.most_common(1)[0]
    share = hottest_units / total_units
    per_support_on_hottest = hottest_units / supports_to_drive
    operations = Counter(c.operation for c in recorder.calls)
    reads = sum(c.capacity_units for c in recorder.calls if not c.is_write)

    print(f"\nFinal count shown {final:,} (expected {supports_to_drive:,}); {elapsed:.0f} s against moto")
    print(f"DynamoDB calls: {len(recorder.calls):,} ({', '.join(f'{op} {n:,}' for op, n in operations.items())})")
    print(f"Per support: {len(recorder.calls) / supports_to_drive:.3f} calls, "
          f"{total_units / supports_to_drive:.2f} write units (tables and indexes), "
          f"{reads / supports_to_drive:.3f} read units")
    print(f"Distinct keys written: {len(units):,}")
    freshness.sort()
    print(f"Count freshness, from a support's answer to the shown count including it (moto, batches of "
          f"{STREAM_BATCH:,}): median {freshness[len(freshness) // 2]:.2f} s, p95 "
          f"{freshness[int(len(freshness) * 0.95)]:.2f} s, max {freshness[-1]:.2f} s; in AWS add the stream's "
          "delivery to Lambda (typically well under a second) and subtract moto's slower writes")
    print("\nHottest keys (write units over the run):")
    for key, n in units.most_common(6):
        print(f"  {n:>8,}  {n / total_units:6.2%}  {key}")
    at_rate = per_support_on_hottest * TARGET_RATE
    print(f"\nHottest key: {hottest} with {share:.2%} of all write units")
    print(f"At {TARGET_RATE:,} supports/s: {at_rate:,.0f} write units/s on that key "
          f"(limit {PER_KEY_LIMIT:,}: {'within' if at_rate <= PER_KEY_LIMIT else 'OVER'})")
    print(f"\nAssumption: the counters' stream arrives in batches of {STREAM_BATCH:,} records, one campaign"
          " write per batch per stream shard; at 5,000 supports/s that is ~5 batches/s per stream shard.")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
