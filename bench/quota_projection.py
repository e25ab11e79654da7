"""Where a viral campaign's writes land against AWS's quotas (issue 30, goal 2), for bench/hot_campaign.py:
each DynamoDB write the bench saw attributed to the partition keys it writes (the table's, and each
index's the write changes); then the write units per support by item, and by table at 5,000 and
20,000 supports a second against the default table-level and account-level quotas and each table's
warm throughput, with the rate at which each is reached.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict

PROJECTED_RATES = (5_000, 20_000)
# AWS's default quotas (Service Quotas, "Quotas in Amazon DynamoDB", December 2026): an on-demand
# table takes at most 40,000 write request units a second ("Table-level write throughput limit"),
# counted here with its indexes; the account's 80,000 write capacity units per Region ("Account-level
# write throughput limit") bind only provisioned tables. Both are adjustable on request.
TABLE_QUOTA = 40_000
ACCOUNT_QUOTA = 80_000
# What PUT /campaigns/{id}/support adds to what this bench drives: nothing now. The rate limit is
# decided from the container's copy and charged by the supports' stream (issue 30, goal 5), which
# this bench delivers: one conditional put per person per batch, measured, not scaled.
ROUTE_ONLY: dict[str, float] = {}
NEW_TABLE_WRITES = 4_000  # what a new on-demand table takes at once, unless it declares more (WarmThroughput)

# Index hash keys per table: (index name, hash attribute, range attribute).
INDEXES = {
    "supports": [("by_supporter", "supporter_id", "supported_at")],
    "follows": [("by_person", "person_id", "followed_at")],
    "campaigns": [("top_by_status", "status", "support_count"),
                  ("top_by_area_status", "area_status", "support_count")],
}


def _short(table_name: str) -> str:
    return table_name.split(f"{os.environ['TABLE_PREFIX']}-", 1)[-1]


def _value(attribute: dict) -> str:
    return next(iter(attribute.values()))


def table_hash_keys(calls) -> dict[str, str]:
    """Each written table's partition key attribute, from the table itself (the support transaction's
    ConditionChecks land on `erasures` and `people`, keyed by the supporter: a key per person)."""
    import boto3

    tables = {body["TableName"] for call in calls if call.operation == "TransactWriteItems"
              for entry in call.params["TransactItems"] for body in entry.values()}
    tables |= {call.params["TableName"] for call in calls if call.operation in ("PutItem", "UpdateItem", "DeleteItem")}
    client = boto3.client("dynamodb")
    return {_short(name): next(k["AttributeName"] for k in client.describe_table(TableName=name)["Table"]["KeySchema"]
                               if k["KeyType"] == "HASH") for name in tables}


def _item_writes(table: str, op: str, body: dict, unit: int, item_state: dict,
                 hash_keys: dict[str, str]) -> list[tuple[str, int]]:
    """(key, units) for one item write and the index writes it causes."""
    short = _short(table)
    source = body.get("Item") or body.get("Key") or {}
    writes = [(f"{short}:{_value(source[hash_keys[short]])}", unit)]
    names = body.get("ExpressionAttributeNames", {}).values()
    for index, hash_key, range_key in INDEXES.get(short, []):
        if op in ("Put", "Delete") and hash_key in source:  # a delete's key is its index key: the entry goes
            writes.append((f"{short}/{index}:{_value(source[hash_key])}", 1))
        elif op == "Update" and range_key in names:
            # The index key changes: DynamoDB deletes and puts the index entry, two writes.
            writes.append((f"{short}/{index}:{item_state[hash_key]}", 2))
    return writes


def attribute_writes(calls, item_state: dict, hash_keys: dict[str, str]) -> Counter:
    units: Counter = Counter()
    for call in calls:
        params = call.params
        if call.operation == "TransactWriteItems":
            for entry in params["TransactItems"]:
                (op, body), = entry.items()
                for key, n in _item_writes(body["TableName"], op, body, 2, item_state, hash_keys):
                    units[key] += n
        elif call.operation in ("PutItem", "UpdateItem", "DeleteItem"):
            op = {"PutItem": "Put", "UpdateItem": "Update", "DeleteItem": "Delete"}[call.operation]
            for key, n in _item_writes(params["TableName"], op, params, 1, item_state, hash_keys):
                units[key] += n
    return units


def units_by_table(units: Counter, supports_to_drive: int) -> dict[str, float]:
    """Write units per support by table (an index's writes counted with its table, as a quota would)."""
    per_table: defaultdict[str, float] = defaultdict(float)
    for key, n in units.items():
        per_table[key.split(":", 1)[0].split("/", 1)[0]] += n / supports_to_drive
    return dict(sorted(per_table.items(), key=lambda kv: -kv[1]))


def _warm_writes(table: str, index: str | None = None) -> int:
    import boto3

    described = boto3.client("dynamodb").describe_table(TableName=f"{os.environ['TABLE_PREFIX']}-{table}")["Table"]
    if index:
        described = next(i for i in described.get("GlobalSecondaryIndexes", []) if i["IndexName"] == index)
    return int(described.get("WarmThroughput", {}).get("WriteUnitsPerSecond") or NEW_TABLE_WRITES)


def _at_once(table: str, units: Counter, supports_to_drive: int) -> float:
    """Supports a second the table and each of its indexes take from the first second (the lowest)."""
    parts: defaultdict[str, float] = defaultdict(float)
    for key, n in units.items():
        item = key.split(":", 1)[0]
        if item.split("/", 1)[0] == table:
            parts[item] += n / supports_to_drive
    parts[table] += ROUTE_ONLY.get(table, 0.0)
    return min(_warm_writes(*item.split("/", 1)) / n for item, n in parts.items() if n)


def print_projection(units: Counter, supports_to_drive: int) -> None:
    """Write units per support by item, then table-level write units a second at PROJECTED_RATES
    against the default quotas, and the rate at which each quota would be reached."""
    by_item: defaultdict[str, float] = defaultdict(float)
    for key, n in units.items():
        by_item[key.split(":", 1)[0]] += n / supports_to_drive
    print("\nWrite units per support, by item written (the stream handler's as at full batches):")
    for item, share in sorted(by_item.items(), key=lambda kv: -kv[1]):
        print(f"  {share:6.3f}  {item}")
    for table, added in ROUTE_ONLY.items():
        print(f"  {added:6.3f}  {table} (the route's rate limit, not driven here)")
    per_table = units_by_table(units, supports_to_drive)
    for table, added in ROUTE_ONLY.items():
        per_table[table] = per_table.get(table, 0.0) + added
    route_total = sum(per_table.values())
    print(f"  {route_total:6.3f}  in all, per PUT /campaigns/{{id}}/support")
    print(f"\nTable-level write units a second (on-demand quota {TABLE_QUOTA:,} per table, with its indexes;"
          f" 'at once': what it takes from its first second, its warm throughput, {NEW_TABLE_WRITES:,} undeclared):")
    print("  " + f"{'table':<18}" + "".join(f"{f'at {r:,}/s':>14}" for r in PROJECTED_RATES)
          + "   quota reached at        at once: supports/s")
    for table, per_support in sorted(per_table.items(), key=lambda kv: -kv[1]):
        at_once = _at_once(table, units, supports_to_drive)
        print("  " + f"{table:<18}" + "".join(f"{per_support * r:>14,.0f}" for r in PROJECTED_RATES)
              + f"   {TABLE_QUOTA / per_support:>9,.0f} supports/s   {at_once:>10,.0f}")
    print("  " + f"{'all tables':<18}" + "".join(f"{route_total * r:>14,.0f}" for r in PROJECTED_RATES)
          + f"   {ACCOUNT_QUOTA / route_total:>9,.0f} supports/s against {ACCOUNT_QUOTA:,} (account, provisioned only)")
    first_table, first_units = max(per_table.items(), key=lambda kv: kv[1])
    print(f"First quota reached: 'Table-level write throughput limit' on {first_table} at "
          f"{TABLE_QUOTA / first_units:,.0f} supports/s ({first_units:.2f} write units per support there). "
          f"'Account-level write throughput limit' ({ACCOUNT_QUOTA:,} WCU per Region) would bind at "
          f"{ACCOUNT_QUOTA / route_total:,.0f} supports/s if the tables were provisioned; on demand it does not apply.")
