"""Rotating the origin secret (ops/origin_secret.py) never leaves an edge sending a value the API refuses:
each stack update must keep what CloudFront sent before and sends after within what the API accepts, both
before and after (CloudFormation updates the distribution and the web ACL in either order, and CloudFront
takes minutes to reach every edge). Secrets Manager's versions are the embedded AWS's own."""

from __future__ import annotations

import uuid

import boto3

from ops import origin_secret
from tests.conftest import REGION


def _labels(secrets, name: str) -> dict[str, set[str]]:
    return {v["VersionId"]: set(v.get("VersionStages", [])) for v in
            secrets.list_secret_version_ids(SecretId=name)["Versions"]}


def test_each_step_keeps_what_cloudfront_sends_within_what_the_api_accepts(stack) -> None:
    secrets = boto3.client("secretsmanager", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    stage = f"rot{uuid.uuid4().hex[:6]}"
    first = secrets.create_secret(Name=origin_secret.secret_name(stage), SecretString="x" * 48)["VersionId"]
    sends, accepts = first, {first}  # as deployed: the current version, sent and accepted
    updates: list[dict[str, str]] = []

    def update_stack(parameters: dict[str, str]) -> None:
        nonlocal sends, accepts
        updates.append(parameters)
        now_sends = parameters["OriginSecretVersion"]
        now_accepts = {now_sends} | ({parameters["OriginSecretAlsoAccepted"]} - {""})
        assert {sends, now_sends} <= accepts & now_accepts, (parameters, sends, accepts)
        sends, accepts = now_sends, now_accepts

    new = origin_secret.rotate(secrets, stage, update_stack, say=lambda line: None)
    assert len(updates) == 3 and (sends, accepts) == (new, {new})
    labels = _labels(secrets, origin_secret.secret_name(stage))
    assert labels[new] == {"AWSCURRENT"} and labels[first] == {"AWSPREVIOUS"}
    name = origin_secret.secret_name(stage)
    value = secrets.get_secret_value(SecretId=name, VersionStage="AWSCURRENT")["SecretString"]
    assert len(value) == 48 and value.isalnum() and value != "x" * 48
