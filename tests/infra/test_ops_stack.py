"""ops/stack.py, the CloudFormation half of `make deploy` in AWS, against the embedded AWS's
CloudFormation: create, a re-run with nothing to change, an update, delete; every step waited on
and its events shown. (The real template needs types moto's CloudFormation skips, so a small one
stands in; `make deploy-check` runs the rest of the deploy.)"""

from __future__ import annotations

import uuid
from pathlib import Path

import boto3
import pytest

from ops import stack as ops_stack
from tests.conftest import REGION

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: {Type: String}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {QueueName: !Sub "ops-stack-${Stage}-queue", VisibilityTimeout: VISIBILITY}
Outputs:
  QueueName:
    Value: !GetAtt Queue.QueueName
"""


@pytest.fixture
def session(stack, monkeypatch: pytest.MonkeyPatch) -> boto3.Session:
    """boto3 finds the embedded AWS (the `stack` fixture's) through AWS_ENDPOINT_URL."""
    monkeypatch.setattr("ops.stack.POLL_SECONDS", 0.1)
    return boto3.Session(region_name=REGION)


def test_create_rerun_update_and_delete_each_wait_and_show_progress(session: boto3.Session, tmp_path: Path) -> None:
    name, stage = f"ops-stack-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex[:8]
    template = tmp_path / "template.yaml"
    template.write_text(TEMPLATE.replace("VISIBILITY", "30"))
    lines: list[str] = []

    outputs = ops_stack.apply(session, name, template, {"Stage": {}}, {"Stage": stage}, lines.append, timeout=60)
    assert outputs == {"QueueName": f"ops-stack-{stage}-queue"}
    assert lines[0] == f"Creating stack {name} ..." and lines[-1] == f"Stack {name}: CREATE_COMPLETE"
    # moto records the stack's own events only (AWS adds one per resource): each shown once, in order.
    shown = [line for line in lines if "(AWS::CloudFormation::Stack)" in line]
    assert [line.split()[1] for line in shown] == ["CREATE_IN_PROGRESS", "CREATE_COMPLETE"]

    lines.clear()  # a re-run: the stage parameter is kept from before, nothing else changes
    assert ops_stack.apply(session, name, template, {"Stage": {}}, {}, lines.append, timeout=60) == outputs
    assert lines[0].startswith(f"Updating stack {name}") or lines == [f"Stack {name} is already up to date."]

    lines.clear()
    template.write_text(TEMPLATE.replace("VISIBILITY", "60"))
    ops_stack.apply(session, name, template, {"Stage": {}}, {"Stage": stage}, lines.append, timeout=60)
    assert lines[-1] == f"Stack {name}: UPDATE_COMPLETE"
    sqs = session.client("sqs")
    url = sqs.get_queue_url(QueueName=outputs["QueueName"])["QueueUrl"]
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"] == {
        "VisibilityTimeout": "60"}

    lines.clear()
    ops_stack.delete(session, name, lines.append, timeout=60)
    assert lines[-1] == f"Stack {name} deleted." and any("DELETE_COMPLETE" in line for line in lines)
    assert ops_stack.stack_status(session.client("cloudformation"), name) is None


def test_an_update_keeps_the_previous_values_and_gives_a_new_parameter_its_default() -> None:
    """The edge's parameters (EdgeWebAclArn, ...) are new to stacks deployed before them: CloudFormation
    refuses UsePreviousValue for a key the stack never had."""
    declared = {"Stage": {}, "MailDomain": {}, "EdgeWebAclArn": {"Default": ""}}
    assert ops_stack._parameters(declared, {"Stage": "dev"}, previous={"Stage", "MailDomain", "ApiRatePerIp"}) == [
        {"ParameterKey": "Stage", "ParameterValue": "dev"}, {"ParameterKey": "MailDomain", "UsePreviousValue": True}]
    assert ops_stack._parameters(declared, {"Stage": "dev"}, previous=set()) == [
        {"ParameterKey": "Stage", "ParameterValue": "dev"}]
