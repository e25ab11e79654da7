"""What infra/template.yaml and .chalice/config.json promise operations: alarms to the on-call
topic, one dashboard, the edge (CloudFront's cache; its web ACLs are in test_edge_in_template.py),
deletion protection, reserved concurrency. None of it exists on the local stage, so the local
deploy is unchanged; tests/infra/test_devstack_deploy.py deploys the template as ever."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import boto3
import pytest

from devstack import cfn
from ops import stage_throttling
from tests.conftest import REGION, ROOT

TEMPLATE = cfn.load_template(ROOT / "infra" / "template.yaml")
RESOURCES: dict[str, Any] = TEMPLATE["Resources"]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ONLY_IN_AWS = {"AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard", "AWS::WAFv2::WebACL",
               "AWS::WAFv2::WebACLAssociation", "AWS::CloudFront::Distribution", "AWS::CloudFront::CachePolicy",
               "AWS::CloudFront::Function"}


def _of_type(kind: str) -> dict[str, Any]:
    return {lid: r for lid, r in RESOURCES.items() if r["Type"] == kind}


def _metrics(alarm: dict[str, Any]) -> set[str]:
    props = alarm["Properties"]
    if "MetricName" in props:
        return {props["MetricName"]}
    return {m["MetricStat"]["Metric"]["MetricName"] for m in props["Metrics"] if "MetricStat" in m}


def test_every_alarm_tells_on_call_and_the_readme_says_what_to_do() -> None:
    alarms = _of_type("AWS::CloudWatch::Alarm")
    assert len(alarms) >= 9
    for alarm in alarms.values():
        props = alarm["Properties"]
        assert props["AlarmActions"] == [{"Ref": "OnCallTopic"}] == props["OKActions"]
        name = props["AlarmName"]["Fn::Sub"].replace("labourspace-${Stage}-", "")
        assert f"`{name}`" in README, f"README has no row for the alarm {name}"


def test_the_alarms_watch_what_ops_asked_for() -> None:
    watched = set().union(*(_metrics(a) for a in _of_type("AWS::CloudWatch::Alarm").values()))
    assert {"5XXError", "Count", "Latency", "Errors", "Throttles", "ConcurrentExecutions", "WriteThrottleEvents",
            "ReadThrottleEvents", "IteratorAge", "ApproximateNumberOfMessagesVisible", "Reputation.BounceRate",
            "Reputation.ComplaintRate"} <= watched
    latency = RESOURCES["ApiLatencyAlarm"]["Properties"]
    assert latency["ExtendedStatistic"] == "p95"


def test_the_dashboard_shows_every_alarm_and_the_business_metrics() -> None:
    (dashboard,) = _of_type("AWS::CloudWatch::Dashboard").values()
    body_text = dashboard["Properties"]["DashboardBody"]["Fn::Sub"][0]
    for alarm in _of_type("AWS::CloudWatch::Alarm").values():
        name = alarm["Properties"]["AlarmName"]["Fn::Sub"].replace("labourspace-${Stage}-", "")
        assert f'"${{Alarm}}{name}"' in body_text
    for metric in ("Supports", "Responses", "FanoutRecipients", "SignUps"):
        assert f'"{metric}"' in body_text
    json.loads(re.sub(r"\$\{[^}]*\}", "x", body_text))  # well-formed once substituted


def test_monitoring_and_the_edge_exist_only_in_aws() -> None:
    for lid, resource in RESOURCES.items():
        if resource["Type"] in ONLY_IN_AWS or lid.startswith("OnCall"):
            assert resource.get("Condition") in {"InAws", "HasApi", "HasOnCallEmail"}, lid


def test_deployed_tables_and_the_user_pool_cannot_be_deleted() -> None:
    for lid, table in _of_type("AWS::DynamoDB::Table").items():
        if table.get("Condition") == "IsLocal":
            continue
        assert table["Properties"]["DeletionProtectionEnabled"] == {"Fn::If": ["IsLocal", False, True]}, lid
        assert table["DeletionPolicy"] == "Retain"
    pool = RESOURCES["UserPool"]["Properties"]
    assert pool["DeletionProtection"] == {"Fn::If": ["IsLocal", "INACTIVE", "ACTIVE"]}


def test_cloudfront_caches_only_what_the_origin_marks_public_and_passes_authorization_on() -> None:
    config = RESOURCES["EdgeCachePolicy"]["Properties"]["CachePolicyConfig"]
    assert (config["DefaultTTL"], config["MinTTL"]) == (0, 0)  # no Cache-Control, no caching
    headers = config["ParametersInCacheKeyAndForwardedToOrigin"]["HeadersConfig"]
    assert {"Authorization", "Accept"} <= set(headers["Headers"])  # one token's answer is never another's
    behaviour = RESOURCES["EdgeDistribution"]["Properties"]["DistributionConfig"]["DefaultCacheBehavior"]
    assert behaviour["CachePolicyId"] == {"Ref": "EdgeCachePolicy"}
    assert behaviour["CachedMethods"] == ["GET", "HEAD"]


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_stream_and_fanout_handlers_have_reserved_concurrency(app, stage: str) -> None:
    from chalicelib.notify.fanout import PAGE_LAMBDAS

    config = json.loads((ROOT / ".chalice" / "config.json").read_text(encoding="utf-8"))
    reserved = {name: f["reserved_concurrency"] for name, f in config["stages"][stage]["lambda_functions"].items()}
    handlers = {source.name for source in app.event_sources
                if type(source).__name__ in ("DynamoDBEventConfig", "SQSEventConfig")}
    assert set(reserved) == handlers
    assert reserved["deliver_fanout_page"] >= PAGE_LAMBDAS  # the queue's maximum concurrency fits


def test_stage_throttling_sets_rate_and_burst_on_every_method(stack) -> None:
    apigateway = boto3.client("apigateway", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    api_id = apigateway.create_rest_api(name=f"throttled-{uuid.uuid4().hex[:8]}")["id"]
    root = apigateway.get_resources(restApiId=api_id)["items"][0]["id"]
    apigateway.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigateway.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
    apigateway.create_deployment(restApiId=api_id, stageName="api")
    stage_throttling.apply(apigateway, api_id)
    settings = apigateway.get_stage(restApiId=api_id, stageName="api")["methodSettings"]["*/*"]
    assert (settings["throttlingRateLimit"], settings["throttlingBurstLimit"]) == (
        stage_throttling.RATE_PER_SECOND, stage_throttling.BURST)
