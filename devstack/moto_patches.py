"""Changes to moto, installed before the embedded AWS serves: Cognito made to behave like AWS's
for the account journey (devstack/moto_cognito.py; changing an email: moto_cognito_attributes.py),
SES mail mirrored where a developer can read it (devstack/moto_mail.py), and two changes to
DynamoDB, for speed only: same semantics, other cost.

1. moto's TransactWriteItems deep-copies every table a transaction touches, on every call, so it
can roll back a cancelled one. That is O(size of the table) per transaction: with 20,000
supports in a table, one support took ~0.5 s. Here the tables are "copied" by identity and
only the items the transaction names are snapshotted (and the tables' stream records counted),
so a cancelled transaction is rolled back exactly as before: its items and its stream records.

2. moto's Query on a table's own key sorts every item of the table to find one partition's:
O(table) per call, where DynamoDB's is O(page). A fan-out test with 10,000 supporters made every
later Query in its worker ~0.2 s. Here such a Query sees only its partition; moto's own code
still does the sorting, paging and filtering. Index queries are left as they are.

3. DynamoDB makes TransactWriteItems idempotent by ClientRequestToken: a call that repeats the token of
one that succeeded in the last 10 minutes succeeds without writing again. botocore resends a request
whose reply timed out, so without this a transaction the server had already applied ran a second
time and failed its own condition. moto ignores the token; here it is honoured.

4. API Gateway's ImportRestApi and PutRestApi take Swagger 2.0, which is what `chalice deploy`
sends, with no `info.description`. moto 5.2.5 reads `info["description"]` (a KeyError, answered
as a 500) and refuses any document that says `swagger: "2.0"`, though it walks the paths, methods
and integrations of one exactly as it walks OpenAPI 3's. Here the description is optional, as in
AWS, and a Swagger 2.0 document is accepted.
"""

from __future__ import annotations

import copy as _copy
import inspect
import time
from typing import Any

from moto.apigateway.models import APIGatewayBackend
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

from devstack import moto_cognito, moto_cognito_attributes, moto_mail

IDEMPOTENCY_WINDOW_SECONDS = 600

_installed = False


class _CopyTablesByIdentity:
    """Stands in for the `copy` module inside moto's DynamoDB backend."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_copy, name)

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        return value if isinstance(value, Table) else _copy.deepcopy(value, memo)


def _keys(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]):
    for entry in transact_items:
        for op in entry.values():
            table = backend.tables.get(op.get("TableName", ""))
            if table is None:
                continue
            source = op.get("Item") if "Item" in op else op.get("Key", {})
            if table.hash_key_attr not in source:
                continue
            hash_value = DynamoType(source[table.hash_key_attr])
            range_value = (DynamoType(source[table.range_key_attr])
                           if table.range_key_attr and table.range_key_attr in source else None)
            yield table, hash_value, range_value


def _snapshot(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> tuple[list, dict]:
    items = []
    for table, hash_value, range_value in _keys(backend, transact_items):
        current = table.get_item(hash_value, range_value) if (range_value or not table.range_key_attr) else None
        items.append((table, hash_value, range_value, _copy.deepcopy(current)))
    streams = {id(t): (t, len(t.stream_shard.items)) for t, *_ in items if t.stream_shard is not None}
    return items, streams


def _restore(items: list, streams: dict) -> None:
    for table, hash_value, range_value, before in reversed(items):
        if range_value is not None:
            partition = table.items[hash_value]
            if before is None:
                partition.pop(range_value, None)
            else:
                partition[range_value] = before
        elif before is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = before
    for table, length in streams.values():
        del table.stream_shard.items[length:]


def _query_one_partition(original: Any) -> Any:
    signature = inspect.signature(original)

    def query(self: Table, *args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(self, *args, **kwargs).arguments
        hash_key = bound.get("hash_key")
        if bound.get("index_name") or hash_key is None or not self.range_key_attr:
            return original(self, *args, **kwargs)
        partition = self.items.get(hash_key, {})  # .get: the table's defaultdict must not grow
        # The server takes one request at a time, so shadowing the method on the instance
        # for the length of this call is seen by nothing else.
        self.all_items = lambda: list(partition.values())  # type: ignore[method-assign]
        try:
            return original(self, *args, **kwargs)
        finally:
            del self.all_items

    return query


def _idempotent_by_token(original: Any) -> Any:
    succeeded: dict[str, float] = {}  # token -> when; the server takes one request at a time

    def transact_write_items(self: DynamoHandler) -> Any:
        token = self.body.get("ClientRequestToken")
        now = time.monotonic()
        for old in [t for t, at in succeeded.items() if now - at > IDEMPOTENCY_WINDOW_SECONDS]:
            del succeeded[old]
        if token and token in succeeded:
            return _empty_result()  # what the first call answered
        result = original(self)
        if token:
            succeeded[token] = now
        return result

    return transact_write_items


def _empty_result() -> Any:
    from moto.core.responses import ActionResult

    return ActionResult({"ConsumedCapacity": [], "ItemCollectionMetrics": {}})


def _swagger_accepted(original: Any) -> Any:
    def put_rest_api(self: APIGatewayBackend, function_id: str, api_doc: dict[str, Any],
                     *args: Any, **kwargs: Any) -> Any:
        if api_doc.get("swagger") is not None:  # moto would refuse the version, not the content
            api_doc = {key: value for key, value in api_doc.items() if key != "swagger"}
        return original(self, function_id, api_doc, *args, **kwargs)

    return put_rest_api


def _import_without_description(self: APIGatewayBackend, api_doc: dict[str, Any],
                                fail_on_warnings: bool) -> Any:
    info = api_doc.get("info", {})
    api = self.create_rest_api(name=info["title"], description=info.get("description", ""))
    self.put_rest_api(api.id, api_doc, fail_on_warnings=fail_on_warnings)
    return api


def install() -> None:
    global _installed
    if _installed:
        return
    moto_mail.install()
    moto_cognito.install()
    moto_cognito_attributes.install()
    Table.query = _query_one_partition(Table.query)  # type: ignore[method-assign]
    DynamoHandler.transact_write_items = _idempotent_by_token(  # type: ignore[method-assign]
        DynamoHandler.transact_write_items)
    APIGatewayBackend.put_rest_api = _swagger_accepted(  # type: ignore[method-assign]
        APIGatewayBackend.put_rest_api)
    APIGatewayBackend.import_rest_api = _import_without_description  # type: ignore[method-assign]
    dynamodb_models.copy = _CopyTablesByIdentity()  # type: ignore[assignment]
    original = DynamoDBBackend.transact_write_items

    def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
        items, streams = _snapshot(self, transact_items)
        try:
            original(self, transact_items)
        except Exception:
            _restore(items, streams)
            raise

    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]
    _installed = True
