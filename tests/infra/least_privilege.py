"""Does `.chalice/policy-<stage>.json` grant each AWS call the app makes, and nothing wider?

The calls come from devstack/aws_calls.py (recorded while the suite runs; the committed list is
tests/infra/aws_calls.json). Actions and wildcards are read with parliament's IAM definitions
(which actions exist, which take no resource ARN); the matching of an Allow statement's
Action/Resource/Condition against a call is done here, for the few condition operators the
policies use. An unknown operator never grants.
"""

from __future__ import annotations

import fnmatch
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from parliament import expand_action, iam_definition

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("dev", "prod")
COMMITTED = Path(__file__).with_name("aws_calls.json")
STAGE_TAG = "labourspace-stage"  # on the user pool (infra/template.yaml, UserPoolTags)

# Cognito's sign-in and sign-out are public APIs: no IAM policy applies to them.
NO_IAM = {("cognito-idp", "InitiateAuth"), ("cognito-idp", "RevokeToken")}
# The tables whose streams the app's on_dynamodb_record handlers read (test_least_privilege.py
# compares this with app.event_sources).
STREAM_TABLES = ("supports", "follows", "support-counters", "campaign-events", "campaigns", "people", "organisations",
                 "consultations")
# Calls only a deployed stage makes, so no local run records them: the signing secret, read at
# start-up outside the local stage (chalicelib/settings.py), which keeps a fixed local secret.
DEPLOYED_ONLY = [("secretsmanager", "GetSecretValue",
                  "arn:aws:secretsmanager:*:*:secret:labourspace-{stage}-cursor-<id>")]
# The local stage's stand-ins for email (/dev/mailbox): queues no deployed stage has.
LOCAL_ONLY = re.compile(r"-mailbox-|:labourspace-local-mail$|labourspace-\{stage\}-dev-mail")


def platform_calls() -> list[tuple[str, str, str]]:
    """What Lambda itself does with the function's role for the handlers app.py declares: write
    logs and traces, read the streams and the fan-out queue, send failed stream batches on."""
    prefix = "labourspace-{stage}"
    calls = []
    for function in (prefix, f"{prefix}-<handler>"):  # the API's function, and each handler's
        logs = f"arn:aws:logs:*:*:log-group:/aws/lambda/{function}"
        calls += [("logs", "CreateLogGroup", logs), ("logs", "CreateLogStream", f"{logs}:log-stream:<id>"),
                  ("logs", "PutLogEvents", f"{logs}:log-stream:<id>")]
    calls += [("xray", "PutTraceSegments", "*"), ("xray", "PutTelemetryRecords", "*"),
             ("dynamodb", "ListStreams", "*")]
    for table in STREAM_TABLES:
        stream = f"arn:aws:dynamodb:*:*:table/{prefix}-{table}/stream/<id>"
        calls += [("dynamodb", op, stream) for op in ("DescribeStream", "GetRecords", "GetShardIterator")]
    queue = f"arn:aws:sqs:*:*:{prefix}-fanout"
    calls += [("sqs", op, queue) for op in ("ReceiveMessage", "DeleteMessage", "GetQueueAttributes")]
    calls.append(("sqs", "SendMessage", f"arn:aws:sqs:*:*:{prefix}-stream-dlq"))
    return calls + DEPLOYED_ONLY


def with_other_platforms(calls: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """A push call recorded for Android's platform application holds for Apple's too: the code
    takes the platform from the device (logic/notifications.register_device), and the local stage
    registers Android phones."""
    twins = {(s, op, res.replace("/GCM/labourspace-{stage}-gcm", "/APNS/labourspace-{stage}-apns"))
             for s, op, res in calls if "/GCM/labourspace-{stage}-gcm" in res}
    return set(calls) | twins


def committed_calls() -> list[tuple[str, str, str]]:
    return [tuple(c) for c in json.loads(COMMITTED.read_text(encoding="utf-8"))]  # type: ignore[misc]


def policy(stage: str) -> dict[str, Any]:
    return json.loads((ROOT / ".chalice" / f"policy-{stage}.json").read_text(encoding="utf-8"))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _condition_holds(condition: dict[str, Any], tags: dict[str, str]) -> bool:
    for operator, tests in condition.items():
        for key, wanted in tests.items():
            tag = key.split("/", 1)[1] if key.startswith("aws:ResourceTag/") else None
            if operator != "StringEquals" or tag is None or tags.get(tag) not in _as_list(wanted):
                return False
    return True


def grants(document: dict[str, Any], action: str, resource: str, tags: dict[str, str]) -> bool:
    """An Allow statement covers the action on the resource (no Deny is used in these policies)."""
    for statement in _as_list(document["Statement"]):
        if statement.get("Effect") != "Allow" or "NotAction" in statement or "NotResource" in statement:
            continue
        if not any(fnmatch.fnmatch(action.lower(), a.lower()) for a in _as_list(statement["Action"])):
            continue
        if not any(fnmatch.fnmatchcase(resource, r) for r in _as_list(statement["Resource"])):
            continue
        if _condition_holds(statement.get("Condition", {}), tags):
            return True
    return False


def _for_stage(resource: str, stage: str, action: str = "") -> str:
    """The resource IAM evaluates: "*" for an action that takes no resource ARN."""
    return "*" if action and _takes_no_resource(action) else resource.replace("{stage}", stage)


def _needs_iam(call: tuple[str, str, str]) -> bool:
    service, operation, resource = call
    return (service, operation) not in NO_IAM and not LOCAL_ONLY.search(resource)


def _tags(resource: str, stage: str) -> dict[str, str]:
    return {STAGE_TAG: stage} if ":userpool/" in resource else {}


def ungranted(calls: list[tuple[str, str, str]], documents: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """One line per stage and call that its policy does not grant."""
    missing = []
    for stage, document in (documents or {s: policy(s) for s in STAGES}).items():
        for service, operation, resource in sorted(with_other_platforms(calls) | set(platform_calls())):
            if not _needs_iam((service, operation, resource)):
                continue
            arn = _for_stage(resource, stage, f"{service}:{operation}")
            line = f"policy-{stage}.json: {service}:{operation} on {arn}"
            if not grants(document, f"{service}:{operation}", arn, _tags(arn, stage)) and line not in missing:
                missing.append(line)
    return missing


@cache
def _takes_no_resource(action: str) -> bool:
    """IAM's reference lists no resource type for it: only Resource "*" can grant it."""
    prefix, name = action.split(":")
    for service in iam_definition:
        if service["prefix"] != prefix:
            continue
        for privilege in service["privileges"]:
            if privilege["privilege"].lower() == name.lower():
                return all(not t["resource_type"] for t in privilege["resource_types"])
    return False


def _scoped(resource: str, stage: str) -> bool:
    """Wildcards only in the region and account, or within a name of the stage's own
    (`labourspace-<stage>...`): some segment of the resource starts with the stage's prefix."""
    parts = resource.split(":", 5)
    if len(parts) < 6:
        return False
    return any(segment.startswith(f"labourspace-{stage}") for segment in re.split(r"[/:]", parts[5]))


def _tag_scoped(statement: dict[str, Any]) -> bool:
    return any(key.startswith("aws:ResourceTag/") for tests in statement.get("Condition", {}).values() for key in tests)


def wider_than_needed(stage: str, calls: list[tuple[str, str, str]],
                      document: dict[str, Any] | None = None) -> list[str]:
    """Grants no call needs (an action or a resource of a statement that no call uses), and
    wildcard resources reaching past the stage's own resources."""
    needed = [(f"{c[0]}:{c[1]}".lower(), _for_stage(c[2], stage, f"{c[0]}:{c[1]}"))
              for c in with_other_platforms(calls) | set(platform_calls()) if _needs_iam(c)]
    problems = []
    for statement in _as_list((document or policy(stage))["Statement"]):
        sid = statement.get("Sid", "?")
        actions = sorted({f"{a['service']}:{a['action']}".lower() for pattern in _as_list(statement["Action"])
                          for a in expand_action(pattern)})
        resources = _as_list(statement["Resource"])

        def used(action: str, resource: str) -> bool:
            return any(fnmatch.fnmatch(name, action) and fnmatch.fnmatchcase(arn, resource) for name, arn in needed)

        problems += [f"{sid}: {action} on {resources}: no call needs it"
                     for action in actions if not any(used(action, r) for r in resources)]
        problems += [f"{sid}: {resource}: no call needs it"
                     for resource in resources if not any(used(a, resource) for a in actions)]
        for resource in resources:
            if "*" not in resource.split(":", 5)[-1] or _scoped(resource, stage) or _tag_scoped(statement):
                continue
            for action in actions:
                if not (resource == "*" and _takes_no_resource(action)):
                    problems.append(f"{sid}: {action} on {resource}: a wildcard past the stage's resources")
    return problems
