"""One official response, told to every supporter: what the fan-out costs per recipient.

For each size, seeds an open campaign with that many supporters (SupportRecord batch writes and
exact shard counters; every DEVICE_EVERY-th supporter has a phone, an SNS platform endpoint and
settings saying so), then drives the real fan-out in-process as Lambda would: `plan(event)`,
then WORKERS threads each take one page from the fan-out queue, `deliver_page` it, enqueue the
page that follows and delete the message. DynamoDB calls are recorded by devstack.dynamodb_calls,
SNS/SQS calls by a botocore hook of the same kind. Prints calls per recipient (by operation and
table), time per 1,000 recipients against moto, a check that every supporter got exactly one feed
item, and a projection for 1,000,000 supporters in AWS from the measured rates and stated
latencies, with the plain feed items written both ways: BatchWriteItem of 25 and
TransactWriteItems of 100 (calls, write units, and the time to reach everyone under the table's
write quota and the Lambda concurrency).

    .venv/bin/python bench/fanout.py [sizes..., default 10000 50000]
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The repository instead of bench/ itself: bench/requests.py would shadow the requests package.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

WORKERS = 8  # concurrent "Lambdas" against the single-request moto server
DEVICE_EVERY = 100  # 1% of supporters have a phone registered for push
SAMPLE = 200  # read back by key (BatchGetItem): moto's Query sorts the whole table on every call
MILLION = 1_000_000
# Assumed AWS latencies (seconds), within one region, warm connections.
LATENCY = {"single": 0.005, "page": 0.010, "transact": 0.025, "sns": 0.020, "sqs": 0.010, "hop": 0.050}
WRU_LIMIT_NEW_TABLE = 4_000  # an on-demand table's initial write throughput
WRU_LIMIT_TABLE = 40_000  # default per-table write quota of an on-demand table
LAMBDA_ACCOUNT_CONCURRENCY = 1_000  # default per region

_lock = threading.Lock()
_aws_calls: Counter = Counter()  # (service, operation) -> calls, SNS and SQS
_feed_puts: dict[str, int] = {"ok": 0, "failed": 0}
_delivered_to: set[str] = set()


def _after_call(http_response: Any, model: Any, context: dict[str, Any], **_: Any) -> None:
    service = model.service_model.service_name
    with _lock:
        if service in ("sns", "sqs"):
            _aws_calls[(service, model.name)] += 1
            return
        call = context.get("labourspace_call")  # set by dynamodb_calls while a recorder is open
        if call is None or http_response.status_code != 200:
            if call is not None and model.name == "PutItem" and call.params["TableName"].endswith("-feed"):
                # Refused by its condition: the item is there already (a retried page, or botocore
                # retrying a put whose answer timed out): the person has it, their push is not sent again.
                _feed_puts["failed"] += 1
                _delivered_to.add(call.params["Item"]["person_id"]["S"])
            return
        if model.name == "PutItem" and call.params["TableName"].endswith("-feed"):  # someone with push or email
            _feed_puts["ok"] += 1
            _delivered_to.add(call.params["Item"]["person_id"]["S"])
        elif model.name == "BatchWriteItem":  # feed-only people, 25 a request
            for table, writes in call.params["RequestItems"].items():
                if table.endswith("-feed"):
                    _feed_puts["ok"] += len(writes)
                    _delivered_to.update(w["PutRequest"]["Item"]["person_id"]["S"] for w in writes)


def _tables_of(call: Any, prefix: str) -> list[str]:
    """The table (and index) a call went to, without the stage's prefix; a batch or a transaction
    may name several."""
    params = call.params
    if "TransactItems" in params:
        names = sorted({next(iter(t.values()))["TableName"] for t in params["TransactItems"]})
    elif "RequestItems" in params:
        names = sorted(params["RequestItems"])
    else:
        names = [params.get("TableName", "?") + (f"/{params['IndexName']}" if params.get("IndexName") else "")]
    return [n.removeprefix(f"{prefix}-") for n in names]


def calls_by_table(calls: list[Any]) -> Counter:
    """(operation, table) -> calls."""
    from chalicelib.settings import get_settings

    prefix = get_settings().table_prefix
    return Counter((c.operation, "+".join(_tables_of(c, prefix))) for c in calls)


def breakdown(where: Counter, size: int) -> list[str]:
    """Where every DynamoDB call went: by operation and table, with calls per recipient."""
    return [f"  {op:<18} {table:<32} {n:>6,}  {n / size:.4f} per recipient" for (op, table), n in where.most_common()]


def start_stack() -> None:
    """As bench/hot_campaign.py: the embedded AWS, the template deployed, the app's environment set."""
    from devstack import dynamodb_calls
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    dynamodb_calls.install()
    aws = EmbeddedAws().start()
    os.environ.update(app_env(deploy_infra(aws.endpoint, template_path=str(ROOT / "infra" / "template.yaml")),
                              aws.endpoint))
    os.environ["POWERTOOLS_LOG_LEVEL"] = "WARNING"


def install_aws_hooks() -> None:
    from devstack.botocore_hooks import on_new_clients

    def hook(service_name: str, client: Any) -> None:
        if service_name in ("sns", "sqs", "dynamodb"):
            client.meta.events.register(f"after-call.{service_name}", _after_call)

    on_new_clients("bench/fanout", hook)


def seed(size: int) -> tuple[Any, list[str], Counter]:
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.notify.clients import client
    from chalicelib.settings import get_settings
    from chalicelib.store import campaigns
    from chalicelib.store.base import iso, utcnow
    from chalicelib.store.tables.devices import DeviceRecord
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord
    from chalicelib.store.tables.support_counters import SupportCounterRecord
    from chalicelib.store.tables.supports import SupportRecord

    draft = campaigns.create_campaign(owner_id="owner", title=f"Free school meals for every child ({size})",
                                      summary="s" * 40, body="b" * 80, area="education", organisation_id=None)
    campaign = campaigns.decide(campaigns.submit(draft, "owner"), "moderator", True, "within the rules")
    tag = uuid.uuid4().hex[:6]
    people = [f"fan-{tag}-{i:07d}" for i in range(size)]
    shards: Counter = Counter()
    now = iso(utcnow())
    started = time.monotonic()
    with SupportRecord.batch_write() as batch:
        for i, person in enumerate(people, 1):
            shard = shard_of(person)
            shards[shard] += 1
            batch.save(SupportRecord(campaign_shard=shard_key(campaign.id, shard), supporter_id=person,
                                     campaign_id=campaign.id, supported_at=now))
            if i % 10_000 == 0 or i == size:
                print(f"  seeding supports {i:>7,} / {size:,}", flush=True)
    with SupportCounterRecord.batch_write() as batch:
        for shard, n in shards.items():
            batch.save(SupportCounterRecord(counter_id=shard_key(campaign.id, shard), campaign_id=campaign.id, count=n))
    extra = {"has_devices": True} if "has_devices" in NotificationSettingsRecord.get_attributes() else {}
    phones = people[::DEVICE_EVERY]
    with DeviceRecord.batch_write() as devices, NotificationSettingsRecord.batch_write() as settings:
        for person in phones:
            arn = client("sns").create_platform_endpoint(PlatformApplicationArn=get_settings().apns_application_arn,
                                                         Token=f"token-{person}")["EndpointArn"]
            devices.save(DeviceRecord(person_id=person, device_id=person[-12:], platform="apns",
                                      endpoint_arn=arn, created_at=now))
            settings.save(NotificationSettingsRecord(person_id=person, channels={}, updated_at=now, **extra))
    print(f"  seeded: {len(shards)} shards, {len(phones):,} with a phone; {time.monotonic() - started:.0f} s")
    return campaign, people, shards


def drive(chains: int) -> list[float]:
    """Lambda's SQS poller in-process: one page per message, the next page queued by the worker."""
    from chalicelib.notify.clients import client
    from chalicelib.notify.fanout import deliver_page, enqueue, queue_url

    sqs, url, open_chains, page_times = client("sqs"), queue_url(), [chains], []

    def worker() -> None:
        while open_chains[0] > 0:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, VisibilityTimeout=900).get("Messages")
            if not got:
                with _lock:
                    _aws_calls[("sqs", "ReceiveMessage (empty)")] += 1
                time.sleep(0.05)  # no long polling: it would hold the single-request server
                continue
            started = time.monotonic()
            following = deliver_page(json.loads(got[0]["Body"]))
            if following is not None:
                enqueue([following])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=got[0]["ReceiptHandle"])
            with _lock:
                page_times.append(time.monotonic() - started)
                open_chains[0] -= following is None

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        if round(time.monotonic() - started) % 15 == 0 or not any(t.is_alive() for t in threads):
            print(f"  fan-out {time.monotonic() - started:>4.0f} s: {len(page_times):>4} pages, "
                  f"{_feed_puts['ok']:>7,} feed items", flush=True)
    return page_times


def run(size: int) -> dict[str, Any]:
    from chalicelib.notify.fanout import plan
    from chalicelib.store.tables.feed import FeedItemRecord
    from devstack.dynamodb_calls import recording

    print(f"\n=== {size:,} supporters ===")
    campaign, people, shards = seed(size)
    event = {"campaign_id": campaign.id, "event_key": f"response#{uuid.uuid4().hex[:8]}", "kind": "response",
             "area": campaign.area, "stance": "accepted", "created_at": "2030-01-01T00:00:00.000000Z"}
    with _lock:
        _aws_calls.clear()
        _feed_puts.update(ok=0, failed=0)
        _delivered_to.clear()
    started = time.monotonic()
    with recording() as recorder:
        chains = plan(event)
        page_times = drive(chains)
    elapsed = time.monotonic() - started
    ops = Counter(c.operation for c in recorder.calls)
    per_person_ops = Counter(c.operation for c in recorder.calls
                             if c.operation == "PutItem" or c.params.get("TableName", "").endswith("-devices"))
    item_bytes = [len(json.dumps(w["PutRequest"]["Item"])) for c in recorder.calls if c.operation == "BatchWriteItem"
                  for t, writes in c.params["RequestItems"].items() if t.endswith("-feed") for w in writes]
    aws = dict(_aws_calls)

    sample = random.sample(people, min(SAMPLE, size))
    key = f"{event['created_at']}#{campaign.id}#{event['event_key']}"
    stored = sum(i.campaign_id == campaign.id for i in FeedItemRecord.batch_get([(p, key) for p in sample]))
    missing = len(set(people) - _delivered_to)

    dynamo, pages = len(recorder.calls), len(page_times)
    sends, publishes = aws.get(("sqs", "SendMessageBatch"), 0), aws.get(("sns", "Publish"), 0)
    polls = aws.get(("sqs", "ReceiveMessage"), 0) + aws.get(("sqs", "DeleteMessage"), 0)
    polls -= aws.get(("sqs", "ReceiveMessage (empty)"), 0)  # the hook counted those as receives too
    print(f"Chains {chains} (shards with supporters: {len(shards)}), pages {pages}, "
          f"largest shard {max(shards.values()):,}; {elapsed:.1f} s against moto")
    print(f"DynamoDB calls: {dynamo:,} = {dynamo / size:.3f} per recipient "
          f"({', '.join(f'{op} {n:,}' for op, n in ops.most_common())})")
    print(f"  of which per person: {', '.join(f'{op} {n:,}' for op, n in per_person_ops.most_common())}")
    where = calls_by_table(recorder.calls)
    print("  by operation and table:", *breakdown(where, size), sep="\n")
    print(f"SQS: {sends:,} SendMessageBatch by the app = {sends / size:.4f} per recipient; Lambda's poller "
          f"(receive + delete per page) {polls:,} = {polls / size:.4f}; SNS: {publishes:,} Publish = "
          f"{publishes / size:.4f} per recipient")
    print(f"Time per 1,000 recipients: {elapsed / size * 1000:.2f} s (moto, {WORKERS} workers); "
          f"per page: median {sorted(page_times)[len(page_times) // 2]:.2f} s, max {max(page_times):.2f} s")
    print(f"Feed items: {_feed_puts['ok']:,} written, {_feed_puts['failed']:,} refused by their condition "
          f"(there already), to {len(_delivered_to):,} distinct people; {missing:,} supporters without one; read back "
          f"{stored} of a sample of {len(sample)}")
    gated = sum(len(c.params["TransactItems"]) for c in recorder.calls if c.operation == "TransactWriteItems")
    return {"size": size, "where": where, "gated": gated, "aws": aws,
            "item_bytes": sum(item_bytes) / max(len(item_bytes), 1)}


def project(measured: dict[str, Any]) -> None:
    """A million supporters in AWS, from the measured run's rates, with the plain feed items written
    both ways: BatchWriteItem of 25 (1 WRU an item of <= 1 KB) or TransactWriteItems of 100 (2 WRU)."""
    from chalicelib.domain.shards import SHARDS
    from chalicelib.notify.fanout import PAGE_LAMBDAS, PAGE_SIZE, PARALLEL_DELIVERIES

    size, where, aws = measured["size"], measured["where"], measured["aws"]
    gated = measured["gated"] / size * MILLION  # people with a push or an email
    devices = where[("Query", "devices")] / size * MILLION
    publishes = aws.get(("sns", "Publish"), 0) / size * MILLION
    pages = math.ceil(MILLION / PAGE_SIZE) + PAGE_LAMBDAS  # a part-full last page per chain, at most
    shard_reads = pages + SHARDS  # a Query per page, one more where it crosses into the next shard
    gated_calls = pages * math.ceil(gated / pages / 100)  # a transaction of up to 100 a page
    fixed = 2 * shard_reads + gated_calls + devices  # Queries of supports and of the reachable index
    print(f"\n=== Projection: {MILLION:,} supporters in AWS (rates from the {size:,} run) ===")
    print(f"Assumed latencies: {LATENCY['page'] * 1000:.0f} ms a Query or BatchWriteItem, "
          f"{LATENCY['transact'] * 1000:.0f} ms a TransactWriteItems of 100, "
          f"{LATENCY['single'] * 1000:.0f} ms a devices Query, "
          f"{LATENCY['sns'] * 1000:.0f} ms an SNS Publish, {LATENCY['sqs'] * 1000:.0f} ms an SQS send, "
          f"{LATENCY['hop'] * 1000:.0f} ms SQS->Lambda per page")
    print(f"Pages {pages:,} of {PAGE_SIZE:,} in {PAGE_LAMBDAS} chains; every way: {2 * shard_reads:,} Queries "
          f"(supports, reachable), {gated:,.0f} people with push or email ({gated_calls:,} transactions), "
          f"{devices:,.0f} devices Queries, {publishes:,.0f} SNS Publish")
    print(f"{'plain feed items as':<26} {'calls':>9} {'per recip.':>10} {'feed WRU':>10} {'page':>7} "
          f"{'at ' + str(PAGE_LAMBDAS) + ' Lambdas':>14} {'WRU/s then':>10} {'quota floor':>11} {'fastest':>8}")
    for way, per_call, units, latency in (("BatchWriteItem of 25", 25, 1, LATENCY["page"]),
                                          ("TransactWriteItems of 100", 100, 2, LATENCY["transact"])):
        feed_calls = (MILLION - gated) / per_call + PAGE_LAMBDAS  # a part-full last batch per chain
        wru = (MILLION - gated) * units + gated * 2  # the gated puts are transactions both ways
        serial = 2 * shard_reads / pages * LATENCY["page"] + feed_calls / pages * latency  # one after another
        page_s = (serial + math.ceil(gated / pages / 100) * LATENCY["transact"] + LATENCY["sqs"]
                  + (devices * LATENCY["single"] + publishes * LATENCY["sns"]) / pages / PARALLEL_DELIVERIES)
        at_cap = pages * (page_s + LATENCY["hop"]) / PAGE_LAMBDAS
        rate = wru / at_cap
        quota_floor = wru / WRU_LIMIT_TABLE
        fastest = max(quota_floor, pages * (page_s + LATENCY["hop"]) / LAMBDA_ACCOUNT_CONCURRENCY)
        calls = fixed + feed_calls
        print(f"{way:<26} {calls:>9,.0f} {calls / MILLION:>10.4f} {wru:>10,.0f} {page_s * 1000:>5.0f}ms "
              f"{max(at_cap, quota_floor):>12.1f} s {min(rate, WRU_LIMIT_TABLE):>10,.0f} {quota_floor:>9.1f} s "
              f"{fastest:>6.1f} s" + ("  (throttled: over the quota)" if rate > WRU_LIMIT_TABLE else ""))
    print(f"'at {PAGE_LAMBDAS} Lambdas': the page Lambdas the queue allows, but never faster than the table's "
          f"{WRU_LIMIT_TABLE:,} WRU/s default quota lets; 'quota floor': the feed WRU / {WRU_LIMIT_TABLE:,}, the "
          f"least time with any number of Lambdas; 'fastest': that, or {LAMBDA_ACCOUNT_CONCURRENCY:,} Lambdas (the "
          f"account's default) if slower. Feed items ~{measured['item_bytes']:.0f} B: 1 WRU each. A new on-demand "
          f"table starts at {WRU_LIMIT_NEW_TABLE:,} WRU/s: ten times these floors.")
    print("moto's timings are not AWS's: only the call counts carry over; the times above are assumptions.")


def main(sizes: list[int]) -> None:
    install_aws_hooks()
    start_stack()  # before any client exists: both hooks reach every client the app makes
    logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)  # 16 threads share a pool of 10
    results = [run(size) for size in sizes]
    project(max(results, key=lambda r: r["size"]))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 50_000])
