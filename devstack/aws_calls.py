"""Every AWS call the app's own code makes, as IAM sees it: (service, operation, resource ARN).

`install()` patches botocore so each client created afterwards (boto3's and PynamoDB's alike)
reports its calls through the `before-parameter-build` event. Only calls with a frame of
`chalicelib/` or `app.py` on the stack count: the tests' and devstack's own calls (making users,
reading streams for the event runner) are not the app's, and the deployed role never makes them;
nor does it run `make reindex` (OPERATOR_CODE), which an operator runs with their own credentials.

Resources are written for the stage they would have in AWS: `labourspace-local` becomes
`labourspace-{stage}` and generated ids become `<id>`, so the list is the same on every run and
can be checked against `.chalice/policy-<stage>.json` (tests/infra/test_least_privilege.py).
"""

from __future__ import annotations

import json
import re
import sys
import threading
from pathlib import Path
from typing import Any

from devstack.botocore_hooks import on_new_clients

ROOT = Path(__file__).resolve().parents[1]
APP_CODE = (str(ROOT / "chalicelib") + "/", str(ROOT / "app.py"))
# Run by an operator with their own credentials (`make reindex`), never by a function's role: what
# they call (a paged Scan of whole tables) is not the app's to be granted.
OPERATOR_CODE = (str(ROOT / "ops" / "reindex.py"),)
# Whichever stage a resource was named for (a test may build a dev stage's settings), as IAM would
# see it on the stage being checked.
_STAGES = re.compile(r"labourspace-(?:local|dev|prod)(?=[-:/]|$)")
STAGE_PREFIX = "labourspace-{stage}"
ACCOUNT = "123456789012"  # the embedded AWS's one account

_calls: set[tuple[str, str, str]] = set()
_lock = threading.Lock()

# A pool id, a uuid, a long hex or base32 id: anything made at run time.
_IDS = (re.compile(r"(userpool/)[\w-]+_\w+"),
        re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        re.compile(r"(?<=-mailbox-)[\w-]+"))


def _by_app_code() -> bool:
    frame: Any = sys._getframe(2)
    by_app = False
    while frame is not None:
        name = frame.f_code.co_filename
        if name in OPERATOR_CODE:
            return False
        by_app = by_app or name.startswith(APP_CODE)
        frame = frame.f_back
    return by_app


def normalise(resource: str) -> str:
    resource = _STAGES.sub(STAGE_PREFIX, resource)
    resource = _IDS[0].sub(r"\1<pool-id>", resource)
    resource = _IDS[1].sub("<id>", resource)
    return _IDS[2].sub("<id>", resource)


def _table(region: str, name: str, index: str | None = None) -> str:
    arn = f"arn:aws:dynamodb:{region}:{ACCOUNT}:table/{name}"
    return f"{arn}/index/{index}" if index else arn


def _queue(region: str, url_or_name: str) -> str:
    return f"arn:aws:sqs:{region}:{ACCOUNT}:{url_or_name.rsplit('/', 1)[-1]}"


_TRANSACT_ACTIONS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                     "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}


# Batch operations IAM authorises as the single action.
_BATCH_ACTIONS = {("sns", "PublishBatch"): "Publish", ("sqs", "SendMessageBatch"): "SendMessage",
                  ("sqs", "DeleteMessageBatch"): "DeleteMessage",
                  ("sqs", "ChangeMessageVisibilityBatch"): "ChangeMessageVisibility"}


def iam_calls(service: str, operation: str, params: dict[str, Any], region: str) -> list[tuple[str, str, str]]:
    """The (IAM service prefix, IAM action, resource) pairs one API call needs."""
    operation = _BATCH_ACTIONS.get((service, operation), operation)
    if service == "dynamodb":
        if operation in ("TransactWriteItems", "TransactGetItems"):  # IAM checks each item's own action
            return [("dynamodb", _TRANSACT_ACTIONS[kind], _table(region, body["TableName"]))
                    for item in params.get("TransactItems", []) for kind, body in item.items()]
        if operation in ("BatchGetItem", "BatchWriteItem"):
            return [("dynamodb", operation, _table(region, name)) for name in params.get("RequestItems", {})]
        return [("dynamodb", operation, _table(region, params["TableName"], params.get("IndexName")))]
    if service == "sqs":
        if operation in ("ListQueues",):
            prefix = params.get("QueueNamePrefix", "")
            return [("sqs", operation, _queue(region, prefix + "*"))]
        where = params.get("QueueUrl") or params.get("QueueName") or "*"
        return [("sqs", operation, _queue(region, where))]
    if service == "sns":
        arn = (params.get("TopicArn") or params.get("TargetArn") or params.get("SubscriptionArn")
               or params.get("EndpointArn") or params.get("PlatformApplicationArn") or "*")
        return [("sns", operation, arn)]
    if service == "cognito-idp":
        pool = params.get("UserPoolId")
        arn = f"arn:aws:cognito-idp:{region}:{ACCOUNT}:userpool/{pool}" if pool else "*"
        return [("cognito-idp", operation, arn)]
    if service in ("ses", "sesv2"):
        source = params.get("Source") or params.get("FromEmailAddress") or ""
        domain = re.sub(r".*@", "", source).rstrip(">")
        return [("ses", operation, f"arn:aws:ses:{region}:{ACCOUNT}:identity/{domain}")]
    if service == "secretsmanager":
        secret = params.get("SecretId") or "*"
        arn = secret if secret.startswith("arn:") else f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:{secret}"
        return [("secretsmanager", operation, arn)]
    return [(service, operation, "*")]


def _reporter(region: str) -> Any:
    def before_parameter_build(params: dict[str, Any], model: Any, **_: Any) -> None:
        if not _by_app_code():
            return
        service = model.service_model.signing_name  # "ses", not its endpoint "email"
        found = {(s, op, normalise(res)) for s, op, res in iam_calls(service, model.name, params, region)}
        with _lock:
            _calls.update(found)

    return before_parameter_build


def install() -> None:
    """Make every botocore client created from now on report the app's calls. Idempotent."""
    on_new_clients("aws_calls", lambda _service, client: client.meta.events.register(
        "before-parameter-build", _reporter(client.meta.region_name or "*")))


def recorded() -> list[tuple[str, str, str]]:
    with _lock:
        return sorted(_calls)


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([list(c) for c in recorded()], indent=1) + "\n", encoding="utf-8")


def read_all(folder: Path) -> list[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for file in sorted(folder.glob("*.json")):
        found.update(tuple(c) for c in json.loads(file.read_text(encoding="utf-8")))  # type: ignore[misc]
    return sorted(found)


def main(argv: list[str]) -> None:
    """`python -m devstack.aws_calls <recordings folder> <list.json>`: add what a run recorded."""
    folder, target = Path(argv[0]), Path(argv[1])
    known = {tuple(c) for c in json.loads(target.read_text(encoding="utf-8"))} if target.exists() else set()
    merged = sorted(known | set(read_all(folder)))
    target.write_text(json.dumps([list(c) for c in merged], indent=1) + "\n", encoding="utf-8")
    print(f"{target}: {len(merged)} calls ({len(merged) - len(known)} new)")


if __name__ == "__main__":
    main(sys.argv[1:])
