"""infra/template.yaml as a CloudFormation stack in AWS: create or update it, wait, show each
resource's progress as CloudFormation reports it, and read the Outputs. Deleting waits the same way.

On the embedded AWS (moto), devstack/deploy.py's `deploy_infra` does the same from the same
template, and also makes what moto's CloudFormation skips (Cognito, SES, the secret).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

Say = Callable[[str], None]
# CloudFormation takes at most this much as TemplateBody; a larger template goes through S3.
TEMPLATE_BODY_LIMIT = 51_200
CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"]
POLL_SECONDS = 5.0


def stack_status(cloudformation: Any, name: str) -> str | None:
    try:
        return cloudformation.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
    except ClientError as error:
        if "does not exist" in str(error):
            return None
        raise


def outputs(cloudformation: Any, name: str) -> dict[str, str]:
    stack = cloudformation.describe_stacks(StackName=name)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def _template_argument(session: Any, name: str, template: Path) -> dict[str, str]:
    body = template.read_text(encoding="utf-8")
    if len(body.encode()) <= TEMPLATE_BODY_LIMIT:
        return {"TemplateBody": body}
    # Too big to send inline: a bucket of the stack's own, made once and kept.
    account = session.client("sts").get_caller_identity()["Account"]
    s3 = session.client("s3")
    bucket = f"{name}-templates-{account}"
    try:
        s3.head_bucket(Bucket=bucket)
    except ClientError:
        region = s3.meta.region_name
        s3.create_bucket(Bucket=bucket, **({} if region == "us-east-1" else {
            "CreateBucketConfiguration": {"LocationConstraint": region}}))
    key = f"template-{int(time.time())}.yaml"
    s3.put_object(Bucket=bucket, Key=key, Body=body.encode())
    return {"TemplateURL": f"https://{bucket}.s3.amazonaws.com/{key}"}


def _parameters(template_parameters: dict[str, Any], given: dict[str, str],
                previous: set[str]) -> list[dict[str, Any]]:
    """The values given; on an update, the stack's previous value for any parameter not given (so
    `make deploy` never quietly resets MailDomain to its default). A parameter the stack did not have
    before takes its default: CloudFormation refuses UsePreviousValue for it."""
    chosen = []
    for key in template_parameters:
        if key in given:
            chosen.append({"ParameterKey": key, "ParameterValue": given[key]})
        elif key in previous:
            chosen.append({"ParameterKey": key, "UsePreviousValue": True})
    return chosen


def _previous_parameters(cloudformation: Any, name: str) -> set[str]:
    stack = cloudformation.describe_stacks(StackName=name)["Stacks"][0]
    return {p["ParameterKey"] for p in stack.get("Parameters", [])}


def _wait(cloudformation: Any, name: str, since: datetime, say: Say, timeout: float) -> str:
    """Poll until the stack settles, printing every new stack event; the final status."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while True:
        try:
            events = cloudformation.describe_stack_events(StackName=name)["StackEvents"]
        except ClientError as error:  # a deleted stack, asked for by name
            if "does not exist" not in str(error):
                raise
            events = []
        for event in reversed(events):  # oldest first
            if event["EventId"] in seen or event["Timestamp"] < since:
                continue
            seen.add(event["EventId"])
            reason = f"  {event['ResourceStatusReason']}" if event.get("ResourceStatusReason") else ""
            say(f"  {event['Timestamp']:%H:%M:%S}  {event['ResourceStatus']:<28} "
                f"{event['LogicalResourceId']} ({event['ResourceType']}){reason}")
        status = stack_status(cloudformation, name) or "DELETE_COMPLETE"
        if not status.endswith("_IN_PROGRESS"):
            return status
        if time.monotonic() > deadline:
            raise RuntimeError(f"stack {name} still {status} after {timeout:.0f} s")
        time.sleep(POLL_SECONDS)


def apply(session: Any, name: str, template: Path, template_parameters: dict[str, Any],
          parameters: dict[str, str], say: Say, timeout: float = 3600) -> dict[str, str]:
    """Create the stack, or update it to this template; its Outputs once it is settled."""
    cloudformation = session.client("cloudformation")
    status = stack_status(cloudformation, name)
    if status == "ROLLBACK_COMPLETE":  # a first create that failed: only deleting it helps
        say(f"Stack {name} never finished its first create ({status}); deleting it to start again.")
        delete(session, name, say, timeout)
        status = None
    updating = status is not None
    previous = _previous_parameters(cloudformation, name) if updating else set()
    arguments = {"StackName": name, "Capabilities": CAPABILITIES,
                 "Parameters": _parameters(template_parameters, parameters, previous),
                 **_template_argument(session, name, template)}
    since = datetime.now(UTC)
    try:
        if updating:
            say(f"Updating stack {name} (now {status}) ...")
            cloudformation.update_stack(**arguments)
        else:
            say(f"Creating stack {name} ...")
            cloudformation.create_stack(**arguments)
    except ClientError as error:
        if "No updates are to be performed" not in str(error):
            raise
        say(f"Stack {name} is already up to date.")
        return outputs(cloudformation, name)
    final = _wait(cloudformation, name, since, say, timeout)
    if final not in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
        raise RuntimeError(f"stack {name} ended {final}: see the events above")
    say(f"Stack {name}: {final}")
    return outputs(cloudformation, name)


def delete(session: Any, name: str, say: Say, timeout: float = 3600) -> None:
    """Delete the stack and wait; resources marked Retain stay (CloudFormation keeps them)."""
    cloudformation = session.client("cloudformation")
    if stack_status(cloudformation, name) is None:
        say(f"Stack {name} does not exist.")
        return
    # Once deleted, a stack answers only to its id: wait on that.
    stack_id = cloudformation.describe_stacks(StackName=name)["Stacks"][0]["StackId"]
    since = datetime.now(UTC)
    say(f"Deleting stack {name} ...")
    cloudformation.delete_stack(StackName=name)
    final = _wait(cloudformation, stack_id, since, say, timeout)
    if final != "DELETE_COMPLETE":
        raise RuntimeError(f"stack {name} ended {final}: see the events above")
    say(f"Stack {name} deleted.")
