"""One campaign goes viral: where do the writes land, and how fresh is the count it shows?

Drives SUPPORTS supports from distinct people at one campaign through the real store code
(`store.supports.support`, 8 threads) against the embedded AWS. Meanwhile, as in AWS:
- the supports' stream and the counters' stream are delivered the way Lambda delivers them: a thread
  of its own runs devstack's event runner (the `_Stream` code `make run` uses) on the app's
  `tally_supports`, `settle_supports` and `count_supports` handlers (a thread each, as three Lambdas)
  once per batching window, batches of up to the
  mapping's batch size;
- a reader reads the count as `GET /campaigns/{id}` does (`logic.visible_campaign`), again and again.

Prints supports a second achieved; the count's freshness (for every 100th support, from its write's
answer to the first read showing a count of at least its ordinal: p50, p95, max, how many within
5 s) with the stream handler's own time per batch, to tell moto's speed from the design's waits;
and, from every DynamoDB write attributed through botocore's event hooks to the partition keys it
writes (the table's, and each index's the write changes), the hottest key's share and the write
units a second it takes at 5,000 supports a second (DynamoDB allows 1,000 per partition key); the
write units per support by item written, and by table at 5,000 and 20,000 supports a second against
AWS's default quotas (the on-demand table-level one, the account-level one of provisioned tables)
and each table's warm throughput, with the rate at which each is reached (issue 30).

    .venv/bin/python bench/hot_campaign.py [supports, default 20000]
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/requests.py would shadow the `requests` package that moto imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
TARGET_RATE = 5_000
PROJECTED_RATES = (5_000, 20_000)
PER_KEY_LIMIT = 1_000
# AWS's default quotas (Service Quotas, "Quotas in Amazon DynamoDB", December 2026): an on-demand
# table takes at most 40,000 write request units a second ("Table-level write throughput limit"),
# counted here with its indexes; the account's 80,000 write capacity units per Region ("Account-level
# write throughput limit") bind only provisioned tables. Both are adjustable on request.
TABLE_QUOTA = 40_000
ACCOUNT_QUOTA = 80_000
# What PUT /campaigns/{id}/support adds to what this bench drives: nothing now. The rate limit is
# decided from the container's copy and charged by the supports' stream (issue 30, goal 5), which
# this bench delivers: one conditional put per person per batch, measured below, not scaled.
ROUTE_ONLY: dict[str, float] = {}
# The stream handler's writes made once per record (a person's rate-limit item), not once per batch:
# counted as they are, where its per-batch writes (counters, the count) are scaled to full batches.
PER_RECORD_TABLES = ("rate-limits",)
NEW_TABLE_WRITES = 4_000  # what a new on-demand table takes at once, unless it declares more (WarmThroughput)
FRESH_WITHIN = 5.0  # seconds: the goal (issue 19)
SAMPLE_EVERY = 100  # every 100th support is followed until the shown count reaches it
READ_EVERY = 0.1  # the reader's pause between reads of the shown count
SETTLE_SECONDS = 120.0  # after the last write, how long the count may take before the bench gives up
COUNTING = "count_supports"
TALLYING = "tally_supports"  # the supports' stream, which moves the counters (issue 30)
SETTLING = "settle_supports"  # its second reader: erasures and the rate limit (issue 30, goal 5)
SUPPORTER, STREAM, READER = "supporter", "stream", "reader"

# Index hash keys per table: (index name, hash attribute, range attribute).
INDEXES = {
    "supports": [("by_supporter", "supporter_id", "supported_at")],
    "follows": [("by_person", "person_id", "followed_at")],
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
    os.environ.update(POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")  # no EMF lines


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


class Freshness:
    """Every SAMPLE_EVERY-th support's answer, until a read shows a count of at least its ordinal
    (how many supports had been answered when it was): the seconds in between."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.answered = 0
        self._waiting: list[tuple[int, float]] = []  # (ordinal, answered at), in order
        self.seconds: list[float] = []
        self.read_seconds: list[float] = []  # how long each read of the count took

    def support_answered(self) -> None:
        at = time.monotonic()
        with self._lock:
            self.answered += 1
            if self.answered % SAMPLE_EVERY == 0:
                self._waiting.append((self.answered, at))

    def count_shown(self, count: int, at: float) -> None:
        with self._lock:
            while self._waiting and self._waiting[0][0] <= count:
                self.seconds.append(at - self._waiting.pop(0)[1])

    def unshown(self) -> int:
        with self._lock:
            return len(self._waiting)


class TimedHandler:
    """The app's handler as the event runner calls it, timing each batch: (records, seconds, ended at)."""

    def __init__(self, handler) -> None:
        self.handler, self.batches = handler, []

    def __getattr__(self, name: str):  # the runner reads the handler's failure policy through `.func`
        return getattr(self.handler, name)

    def __call__(self, event, context):
        began = time.monotonic()
        try:
            return self.handler(event, context)
        finally:
            ended = time.monotonic()
            self.batches.append((len(event["Records"]), ended - began, ended))


def deliver_stream(runner, window: float, stop: threading.Event) -> None:
    """Lambda's side of the mapping: what arrived within the batching window, then again."""
    while not stop.is_set():
        began = time.monotonic()
        try:
            runner.run_once()
        except Exception:  # keep delivering: the bench reports a count that never arrives
            traceback.print_exc()
        stop.wait(max(0.0, window - (time.monotonic() - began)))


def watch_count(campaign_id: str, freshness: Freshness, stop: threading.Event) -> None:
    """A reader of the campaign's page: the same read as GET /campaigns/{id}, anonymously."""
    from chalicelib.logic.campaigns import visible_campaign

    while not stop.is_set():
        began = time.monotonic()
        count = visible_campaign(None, campaign_id).campaign.support_count or 0
        shown = time.monotonic()
        freshness.read_seconds.append(shown - began)
        freshness.count_shown(count, shown)
        stop.wait(READ_EVERY)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else float("nan")


def _spread(values: list[float]) -> str:
    return (f"p50 {_quantile(values, 0.5):.2f} s, p95 {_quantile(values, 0.95):.2f} s, "
            f"max {max(values, default=0):.2f} s")


def main(supports_to_drive: int) -> None:
    start_stack()
    from app import app
    from chalicelib.domain import limits
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.store import campaigns, supports
    from devstack.dynamodb_calls import recording
    from devstack.event_runner import EventRunner

    mapping = next(c for c in app.event_sources if c.name == COUNTING)
    batch_size, window = mapping.batch_size, mapping.maximum_batching_window_in_seconds
    handler = app.handler_map[COUNTING] = TimedHandler(app.handler_map[COUNTING])
    tally = app.handler_map[TALLYING] = TimedHandler(app.handler_map[TALLYING])
    runners = []
    for name in (TALLYING, COUNTING, SETTLING):  # each its own Lambda in AWS: a thread each here
        runner = EventRunner(app, os.environ["AWS_ENDPOINT_URL"], hold_schedules=True)
        runner.sources = [s for s in runner.sources if s.config.name == name]
        runners.append(runner)

    draft = campaigns.create_campaign(owner_id="owner", title="Scrap the two-child benefit limit now",
                                      summary="s" * 40, body="b" * 80, area="work-pensions", organisation_id=None)
    campaign = campaigns.decide(campaigns.submit(draft, "owner"), "moderator", True, "within the rules")
    item_state = {"status": campaign.status, "area_status": f"{campaign.status}#{campaign.area}"}
    people = [f"person-{i:07d}" for i in range(supports_to_drive)]
    freshness, stop = Freshness(), threading.Event()
    print(f"Driving {supports_to_drive:,} supports at one campaign through store.supports.support; the "
          f"counters' stream delivered every {window} s in batches of up to {batch_size:,} ...")

    def support(person: str) -> None:  # as the route: its rate limit decided from the container's copy
        supports.support(campaign.id, person, consent_version=SUPPORT_CONSENT_VERSION, limit=limits.SUPPORT_CHANGES)
        freshness.support_answered()

    with recording() as recorder:
        helpers = [threading.Thread(target=deliver_stream, args=(runner, window, stop), name=f"{STREAM}:{n}")
                   for n, runner in enumerate(runners)]
        helpers.append(threading.Thread(target=watch_count, args=(campaign.id, freshness, stop), name=READER))
        for thread in helpers:
            thread.start()
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=8, thread_name_prefix=SUPPORTER) as pool:
            for done, _ in enumerate(pool.map(support, people), 1):
                if done % 1000 == 0 or done == supports_to_drive:
                    print(f"\r  {done:>7,} / {supports_to_drive:,}", end="", flush=True)
        written = time.monotonic()
        while freshness.unshown() and time.monotonic() < written + SETTLE_SECONDS:
            time.sleep(0.2)
        stop.set()
        for thread in helpers:
            thread.join()
    print()
    final = campaigns.get_campaign(campaign.id).support_count
    rate = supports_to_drive / (written - started)
    print(f"\nSupports answered: {supports_to_drive:,} in {written - started:.0f} s against moto, "
          f"{rate:.1f} supports/s; final count shown {final:,}")
    print_freshness(freshness, handler.batches, written)
    print(f"  Supports' stream handler ({TALLYING}), {len(tally.batches):,} batches: records per batch p50 "
          f"{_quantile([b[0] for b in tally.batches], 0.5):.0f}; its time per batch: "
          f"{_spread([b[1] for b in tally.batches])}")
    # Both handlers' writes are scaled as at full batches: one per batch_size supports each.
    print_writes(recorder.calls, item_state, supports_to_drive, batch_size,
                 max(len(handler.batches), len(tally.batches)))
    print_per_operation()


OPERATION_PEOPLE = 20  # each operation is measured over this many people, one call each


def print_per_operation() -> None:
    """What each of a person's four counted writes costs as its route makes it, by item written:
    support, withdraw, follow, and supporting an amendment. Each person's profile region and
    rate-limit item are read first, outside the measure, as a warm container holds them; the streams
    are not delivered here (their share per support, the rate limit's put among it, is in the
    projection above: about 1 write unit)."""
    from chalicelib.domain import limits
    from chalicelib.domain.amendments import new_amendment_id
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.store import campaigns, first_reads, follows, supports
    from chalicelib.store.base import iso, utcnow
    from devstack.dynamodb_calls import recording

    draft = campaigns.create_campaign(owner_id="owner", title="Free school meals for every child",
                                      summary="s" * 40, body="b" * 80, area="education", organisation_id=None)
    campaign_id = campaigns.decide(campaigns.submit(draft, "owner"), "moderator", True, "within the rules").id
    amendment_id = new_amendment_id(iso(utcnow()))
    people = [f"member-{i:04d}" for i in range(OPERATION_PEOPLE)]
    for person in people:
        for limit in (limits.SUPPORT_CHANGES, limits.FOLLOWS):
            first_reads.read_missing(person, limit=limit, region=True)
    operations = {
        "support": lambda p: supports.support(campaign_id, p, consent_version=SUPPORT_CONSENT_VERSION,
                                              limit=limits.SUPPORT_CHANGES),
        "withdraw": lambda p: supports.withdraw(campaign_id, p, limit=limits.SUPPORT_CHANGES),
        "follow": lambda p: follows.follow(campaign_id, p, limit=limits.FOLLOWS),
        "amendment support": lambda p: supports.support(amendment_id, p, consent_version=SUPPORT_CONSENT_VERSION,
                                                        limit=limits.SUPPORT_CHANGES),
    }
    print(f"\nPer operation, as its route makes it on a warm container, mean of {OPERATION_PEOPLE} people "
          "(the stream handlers' share, the rate limit's put among it, not included):")
    for name, operation in operations.items():
        with recording() as recorder:
            for person in people:
                assert operation(person), f"{name} by {person} changed nothing"
        calls = recorder.calls
        units = attribute_writes(calls, {}, table_hash_keys(calls))
        by_item: defaultdict[str, float] = defaultdict(float)
        for key, n in units.items():
            by_item[key.split(":", 1)[0]] += n / len(people)
        ops = Counter(c.operation for c in calls)
        reads = sum(c.capacity_units for c in calls if not c.is_write) / len(people)
        print(f"  {name:<18} {sum(by_item.values()):5.2f} write units, {len(calls) / len(people):.2f} calls "
              f"({', '.join(f'{op} {n / len(people):.2f}' for op, n in ops.items())}), {reads:.2f} read units: "
              + ", ".join(f"{item} {n:.2f}" for item, n in sorted(by_item.items(), key=lambda kv: -kv[1])))


def print_freshness(freshness: Freshness, batches: list, written: float) -> None:
    seen, unshown = freshness.seconds, freshness.unshown()
    within = sum(s <= FRESH_WITHIN for s in seen)
    print(f"Count freshness, every {SAMPLE_EVERY}th support, from its answer to the first read of "
          f"GET /campaigns/{{id}}'s count that includes it: {_spread(seen)}; "
          f"{within} of {len(seen) + unshown} shown within {FRESH_WITHIN:.0f} s"
          + (f", {unshown} not shown within {SETTLE_SECONDS:.0f} s of the last write" if unshown else ""))
    under_load = [b for b in batches if b[2] <= written]
    alone = [b for b in batches if b[2] > written]
    print(f"  Stream handler (count_supports), {len(batches):,} batches: records per batch "
          f"p50 {_quantile([b[0] for b in batches], 0.5):.0f}, max {max((b[0] for b in batches), default=0)}; "
          f"its time per batch while the supports were written: {_spread([b[1] for b in under_load])}")
    if alone:
        print(f"  ... after the last write (no other callers): {_spread([b[1] for b in alone])} "
              f"over {len(alone)} batch(es)")
    print(f"  A reader's read of the count: {_spread(freshness.read_seconds)}")


def print_writes(calls: list, item_state: dict, supports_to_drive: int, batch_size: int, batches: int) -> None:
    by_supporters = [c for c in calls if c.thread.startswith(SUPPORTER)]
    by_handler = [c for c in calls if c.thread.startswith(STREAM)]  # the pools' threads are the handlers' too
    by_handler += [c for c in calls if c.thread.startswith("ThreadPoolExecutor")]
    hash_keys = table_hash_keys(by_supporters + by_handler)
    # Write units as at 5,000 supports/s: the stream's batches are full then, one count write per
    # batch_size supports; here (moto's rate) they are small and many, so the handler's are scaled.
    full_batches = supports_to_drive / batch_size
    scale = full_batches / max(batches, 1)
    units: Counter = attribute_writes(by_supporters, item_state, hash_keys)
    for key, n in attribute_writes(by_handler, item_state, hash_keys).items():
        units[key] += n if key.split(":", 1)[0] in PER_RECORD_TABLES else n * scale
    total_units = sum(units.values())
    hottest, hottest_units = units.most_common(1)[0]
    share = hottest_units / total_units
    per_support_on_hottest = hottest_units / supports_to_drive
    reads = (sum(c.capacity_units for c in by_supporters if not c.is_write)
             + scale * sum(c.capacity_units for c in by_handler if not c.is_write))
    calls_per_support = (len(by_supporters) + scale * len(by_handler)) / supports_to_drive

    def operations(some: list) -> str:
        return ", ".join(f"{op} {n:,}" for op, n in Counter(c.operation for c in some).items())

    print(f"\nDynamoDB calls by the supports: {len(by_supporters):,} ({operations(by_supporters)}); by the "
          f"stream handler: {len(by_handler):,} over {batches:,} batches ({operations(by_handler)})")
    print(f"Per support, the handler's counted as at {TARGET_RATE:,}/s (one batch per {batch_size:,} supports): "
          f"{calls_per_support:.3f} calls, {total_units / supports_to_drive:.2f} write units (tables and indexes), "
          f"{reads / supports_to_drive:.3f} read units")
    print(f"Distinct keys written: {len(units):,}")
    print("\nHottest keys (write units over the run):")
    for key, n in units.most_common(6):
        print(f"  {n:>8,.0f}  {n / total_units:6.2%}  {key}")
    at_rate = per_support_on_hottest * TARGET_RATE
    print(f"\nHottest key: {hottest} with {share:.2%} of all write units")
    print(f"At {TARGET_RATE:,} supports/s: {at_rate:,.0f} write units/s on that key "
          f"(limit {PER_KEY_LIMIT:,}: {'within' if at_rate <= PER_KEY_LIMIT else 'OVER'})")
    print_projection(units, supports_to_drive)
    print(f"\nAssumption: at {TARGET_RATE:,} supports/s the counters' stream arrives in full batches of "
          f"{batch_size:,} records, one campaign write per batch per stream shard (~5 batches/s per stream shard).")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
