"""Least privilege, checked: each stage's IAM policy grants every AWS call the app makes, and no
more than the stage's own resources.

tests/infra/aws_calls.json is what devstack/aws_calls.py recorded of the app's calls while the
suite ran; tests/conftest.py also checks each run's own recording at the end of the session, so a
new call the policies do not grant fails the run that first makes it. To add newly recorded calls
to the list: `python -m devstack.aws_calls test-artifacts/aws-calls tests/infra/aws_calls.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parliament import analyze_policy_string

from devstack import aws_calls, cfn
from tests.infra.least_privilege import (
    ROOT,
    STAGE_TAG,
    STAGES,
    STREAM_TABLES,
    committed_calls,
    policy,
    ungranted,
    wider_than_needed,
)

BEFORE_ISSUE_18 = Path(__file__).with_name("data") / "policy-prod-before-issue-18.json"


def test_each_stage_policy_grants_every_call_the_app_makes() -> None:
    assert ungranted(committed_calls()) == []


@pytest.mark.parametrize("stage", STAGES)
def test_no_grant_reaches_past_what_the_app_needs(stage: str) -> None:
    assert wider_than_needed(stage, committed_calls()) == []


@pytest.mark.parametrize("stage", STAGES)
def test_parliament_finds_nothing_in_the_policy(stage: str) -> None:
    text = (ROOT / ".chalice" / f"policy-{stage}.json").read_text(encoding="utf-8")
    findings = analyze_policy_string(text, include_community_auditors=True).findings
    assert [(f.issue, f.detail) for f in findings] == []


def test_the_check_names_what_the_prod_policy_lacked_before() -> None:
    """The policy as it was: no fan-out queue, no platform endpoints, every pool and identity."""
    before = json.loads(BEFORE_ISSUE_18.read_text(encoding="utf-8"))
    missing = ungranted(committed_calls(), {"prod": before})
    here = "eu-west-2:123456789012"
    for line in (f"sqs:SendMessage on arn:aws:sqs:{here}:labourspace-prod-fanout",
                 f"sqs:GetQueueUrl on arn:aws:sqs:{here}:labourspace-prod-fanout",
                 "sqs:ReceiveMessage on arn:aws:sqs:*:*:labourspace-prod-fanout",
                 f"sns:Publish on arn:aws:sns:{here}:endpoint/GCM/labourspace-prod-gcm/<id>",
                 # IAM evaluates these on "*": the old grants on endpoint and subscription ARNs never applied.
                 "sns:CreatePlatformEndpoint on *", "sns:DeleteEndpoint on *", "sns:Unsubscribe on *"):
        assert f"policy-prod.json: {line}" in missing
    too_wide = "\n".join(wider_than_needed("prod", committed_calls(), before))
    for grant in ("cognito-idp:admingetuser on arn:aws:cognito-idp:*:*:userpool/*",
                  "ses:sendemail on arn:aws:ses:*:*:identity/*",
                  "sns:deleteendpoint on arn:aws:sns:*:*:endpoint/*"):
        assert grant in too_wide


def test_the_streams_granted_are_the_ones_the_handlers_read(app) -> None:
    streams = {source.stream_arn.split(":table/labourspace-local-")[1].split("/stream/")[0]
               for source in app.event_sources if type(source).__name__ == "DynamoDBEventConfig"}
    assert set(STREAM_TABLES) == streams


def test_the_user_pool_carries_the_tag_the_policies_scope_cognito_by() -> None:
    template = cfn.load_template(ROOT / "infra" / "template.yaml")
    assert template["Resources"]["UserPool"]["Properties"]["UserPoolTags"] == {STAGE_TAG: {"Ref": "Stage"}}
    for stage in STAGES:
        cognito = [s for s in policy(stage)["Statement"] if any(a.startswith("cognito-idp:") for a in s["Action"])]
        assert [s["Condition"] for s in cognito] == [{"StringEquals": {f"aws:ResourceTag/{STAGE_TAG}": stage}}]


def test_the_policies_send_mail_only_from_the_templates_mail_domain() -> None:
    domain = cfn.load_template(ROOT / "infra" / "template.yaml")["Parameters"]["MailDomain"]["Default"]
    for stage in STAGES:
        sending = [s["Resource"] for s in policy(stage)["Statement"] if "ses:SendEmail" in s["Action"]]
        assert sending == [f"arn:aws:ses:*:*:identity/{domain}"]


def test_a_transaction_needs_each_items_own_action_and_a_batch_the_single_one() -> None:
    transaction = {"TransactItems": [{"Put": {"TableName": "labourspace-local-supports"}},
                                     {"Update": {"TableName": "labourspace-local-support-counters"}},
                                     {"ConditionCheck": {"TableName": "labourspace-local-campaigns"}}]}
    table = "arn:aws:dynamodb:eu-west-2:123456789012:table/labourspace-local-"
    assert aws_calls.iam_calls("dynamodb", "TransactWriteItems", transaction, "eu-west-2") == [
        ("dynamodb", "PutItem", f"{table}supports"), ("dynamodb", "UpdateItem", f"{table}support-counters"),
        ("dynamodb", "ConditionCheckItem", f"{table}campaigns")]
    topic = "arn:aws:sns:eu-west-2:123456789012:labourspace-local-events"
    assert aws_calls.iam_calls("sns", "PublishBatch", {"TopicArn": topic}, "eu-west-2") == [
        ("sns", "Publish", topic)]
    assert aws_calls.normalise(f"{topic}:0c7e7d9e-2f7e-4d8e-9a53-4c1c2a9d7e11") == (
        "arn:aws:sns:eu-west-2:123456789012:labourspace-{stage}-events:<id>")
