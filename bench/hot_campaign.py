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
and each table's warm throughput, with the rate at which each is reached (issue 30; that projection
is bench/quota_projection.py's).

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
from bench.quota_projection import attribute_writes, print_projection, table_hash_keys  # noqa: E402 (sys.path first)

TARGET_RATE = 5_000
PER_KEY_LIMIT = 1_000
# The stream handler's writes made once per record (a person's rate-limit item), not once per batch:
# counted as they are, where its per-batch writes (counters, the count) are scaled to full batches.
PER_RECORD_TABLES = ("rate-limits",)
FRESH_WITHIN = 5.0  # seconds: the goal (issue 19)
SAMPLE_EVERY = 100  # every 100th support is followed until the shown count reaches it
READ_EVERY = 0.1  # the reader's pause between reads of the shown count
SETTLE_SECONDS = 120.0  # after the last write, how long the count may take before the bench gives up
COUNTING = "count_supports"
TALLYING = "tally_supports"  # the supports' stream, which moves the counters (issue 30)
SETTLING = "settle_supports"  # its second reader: erasures and the rate limit (issue 30, goal 5)
SUPPORTER, STREAM, READER = "supporter", "stream", "reader"


def start_stack() -> None:
    from devstack import dynamodb_calls
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    dynamodb_calls.install()
    aws = EmbeddedAws().start()
    env = app_env(deploy_infra(aws.endpoint, template_path=str(ROOT / "infra" / "template.yaml")), aws.endpoint)
    os.environ.update(env)
    os.environ.update(POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")  # no EMF lines


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
        by_rules = sum(c.read_units for c in calls) / len(people)
        print(f"  {name:<18} {sum(by_item.values()):5.2f} write units, {len(calls) / len(people):.2f} calls "
              f"({', '.join(f'{op} {n / len(people):.2f}' for op, n in ops.items())}), {reads:.2f} read units "
              f"({by_rules:.2f} by DynamoDB's rules): "
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
    # moto's are constants (BatchGetItem 1 a key, whatever the consistency): DynamoDB's, beside them.
    reads_by_rules = sum(c.read_units for c in by_supporters) + scale * sum(c.read_units for c in by_handler)
    calls_per_support = (len(by_supporters) + scale * len(by_handler)) / supports_to_drive

    def operations(some: list) -> str:
        return ", ".join(f"{op} {n:,}" for op, n in Counter(c.operation for c in some).items())

    print(f"\nDynamoDB calls by the supports: {len(by_supporters):,} ({operations(by_supporters)}); by the "
          f"stream handler: {len(by_handler):,} over {batches:,} batches ({operations(by_handler)})")
    print(f"Per support, the handler's counted as at {TARGET_RATE:,}/s (one batch per {batch_size:,} supports): "
          f"{calls_per_support:.3f} calls, {total_units / supports_to_drive:.2f} write units (tables and indexes), "
          f"{reads / supports_to_drive:.3f} read units ({reads_by_rules / supports_to_drive:.3f} by DynamoDB's rules)")
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
