"""What Chalice's `on_dynamodb_record` cannot put on an event source mapping, as a template for
`chalice package --merge-template`: each stream handler's `stream_failure_policy`
(chalicelib/events/stream_failures.py) as ReportBatchItemFailures, BisectBatchOnFunctionError,
MaximumRetryAttempts and an OnFailure queue. One source for AWS and for the local runner.

    STAGE=prod python -m devstack.stream_mappings > stream-mappings.json
    chalice package --stage prod --merge-template stream-mappings.json out/
"""

from __future__ import annotations

import json
from typing import Any

from chalice.app import DynamoDBEventConfig


def sam_resource_name(handler_name: str) -> str:
    """How `chalice package` names a handler's function: count_supports -> CountSupports."""
    return "".join(part[:1].upper() + part[1:] for part in handler_name.split("_"))


def failure_settings(policy: Any, queue_arn: Any) -> dict[str, Any]:
    """A `StreamFailurePolicy` as the mapping's own settings (SAM's and UpdateEventSourceMapping's
    names are the same): `chalice package` merges them, `make deploy` sets them after Chalice."""
    properties = {
        "BisectBatchOnFunctionError": policy.bisect,
        "MaximumRetryAttempts": policy.max_retries,
        "DestinationConfig": {"OnFailure": {"Destination": queue_arn}},
    }
    if policy.report_batch_item_failures:
        properties["FunctionResponseTypes"] = ["ReportBatchItemFailures"]
    return properties


def merge_template(app: Any) -> dict[str, Any]:
    from chalicelib.events.stream_failures import policy_of

    resources: dict[str, Any] = {}
    for config in app.event_sources:
        policy = policy_of(app.handler_map[config.name].func) if isinstance(config, DynamoDBEventConfig) else None
        if policy is None:
            continue
        function = sam_resource_name(config.name)
        queue_arn = {"Fn::Sub": f"arn:aws:sqs:${{AWS::Region}}:${{AWS::AccountId}}:{policy.dead_letter_queue_name}"}
        properties = failure_settings(policy, queue_arn)
        resources[function] = {"Properties": {"Events": {
            f"{function}DynamodbEventSource": {"Type": "DynamoDB", "Properties": properties}}}}
    return {"Resources": resources}


if __name__ == "__main__":
    import os

    # A deployed stage's settings need the site's address to load; these mappings do not depend on it.
    os.environ.setdefault("PUBLIC_BASE_URL", "https://stream-mappings.invalid")
    from app import app as chalice_app

    print(json.dumps(merge_template(chalice_app), indent=2))
