"""Every table (and index) a support writes is ready for 5,000 supports a second from the first one.

A new on-demand table takes 4,000 write units a second at once and doubles from its peak over about
30 minutes; a support writes 1 unit on each table it touches (2 on any a transaction would touch).
So each of those tables declares its warm throughput in the template (README, "Support at viral
scale"). Found from the support's own writes, so a write added later on another table is caught here
if not warmed. The supports' stream's write made once per support (the rate limit's put, issue 30's
goal 5) is counted with them; the counters' share, written once per shard per batch, is far under a
unit a support.)"""

from __future__ import annotations

from collections import Counter

import boto3

from devstack.dynamodb_calls import recording
from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.conftest import deliver_until_quiet

VIRAL_SUPPORTS_A_SECOND = 5_000
TRANSACTION_UNITS = 2  # each item of a transaction, up to 1 KB; 1 for a write of its own
SINGLE = {"PutItem": "Put", "UpdateItem": "Update", "DeleteItem": "Delete"}


def _units_per_support(calls) -> Counter:
    """(table or table/index) -> write units one support takes there (items under 1 KB)."""
    client = boto3.client("dynamodb")
    units: Counter = Counter()
    written = [(op, body, TRANSACTION_UNITS) for call in calls if call.operation == "TransactWriteItems"
               for entry in call.params["TransactItems"] for op, body in entry.items()]
    written += [(SINGLE[call.operation], call.params, 1) for call in calls if call.operation in SINGLE]
    for op, body, unit in written:
        table = body["TableName"]
        units[table] += unit
        if op != "Put":
            continue
        for index in client.describe_table(TableName=table)["Table"].get("GlobalSecondaryIndexes", []):
            if all(k["AttributeName"] in body["Item"] for k in index["KeySchema"]):
                units[f"{table}/{index['IndexName']}"] += 1
    return units


def _warm_write_units(table_or_index: str) -> int:
    table, _, index = table_or_index.partition("/")
    described = boto3.client("dynamodb").describe_table(TableName=table)["Table"]
    if index:
        described = next(i for i in described["GlobalSecondaryIndexes"] if i["IndexName"] == index)
    return int(described.get("WarmThroughput", {}).get("WriteUnitsPerSecond", 4_000))


PER_SUPPORT_ON_THE_STREAM = ("rate-limits",)  # the stream's writes keyed by the person, one per support


def test_every_table_a_support_writes_takes_5000_supports_a_second_at_once(api, make_user, runner):
    owner, moderator = make_user(name="owner"), make_user("moderators", name="mod")
    campaign = open_campaign(api, owner, moderator)
    fan = make_user(name="fan")
    assert api.patch("/me", user=fan, json_body={"region": "wales"}).status_code == 200
    deliver_until_quiet(runner)
    with recording() as calls:
        supported = api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT)
    assert supported.status_code == 200, supported.body
    with recording() as streamed:
        deliver_until_quiet(runner)
    units = _units_per_support(calls.calls)
    units.update({table: n for table, n in _units_per_support(streamed.calls).items()
                  if table.endswith(PER_SUPPORT_ON_THE_STREAM)})
    assert len(units) >= 3, units  # the support, its index, and the rate limit (on the stream)
    short = {}
    for written, per_support in units.items():
        needed = per_support * VIRAL_SUPPORTS_A_SECOND
        if _warm_write_units(written) < needed:
            short[written] = (_warm_write_units(written), needed)
    assert short == {}
