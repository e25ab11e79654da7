"""The edge on the embedded AWS: the web ACLs, their associations and the CloudFront distribution that moto's
CloudFormation skips, made through moto's own WAFv2 and CloudFront APIs from the templates' Properties, as
devstack makes the Cognito pool (devstack/deploy.py). Only deployed stages have an edge (`make deploy-check`).

What moto cannot make is said, not faked: it has no CloudFront cache policies, so the distribution is made
without one (the policy's settings are checked by cfn-lint and tests/infra/test_ops_in_template.py). moto
keeps web ACL rules and distribution configs but runs neither; tests/infra/test_edge_in_template.py checks
each rule's statement instead. It keeps a CloudFront Function's code but not its association with a cache
behaviour, and runs neither: tests/infra/test_edge_language.py runs the code under Node and checks the
template associates it.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

log = logging.getLogger("devstack.edge")

EDGE_TYPES = ("AWS::WAFv2::WebACL", "AWS::CloudFront::CachePolicy", "AWS::CloudFront::Function",
              "AWS::CloudFront::Distribution", "AWS::WAFv2::WebACLAssociation")
CLOUDFRONT_ACL_REGION = "us-east-1"  # AWS makes CloudFront-scope web ACLs nowhere else
NOT_MADE = "not-made-on-the-embedded-aws"
_DYNAMIC_SECRET = re.compile(r"\{\{resolve:secretsmanager:(.+?)\}\}")


def resolve_secrets(value: Any, secrets: Any) -> Any:
    """CloudFormation's `{{resolve:secretsmanager:...}}` dynamic references, read from the embedded Secrets
    Manager as CloudFormation reads them: `secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]`."""
    if isinstance(value, dict):
        return {k: resolve_secrets(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_secrets(v, secrets) for v in value]
    if isinstance(value, str):
        return _DYNAMIC_SECRET.sub(lambda match: _secret_value(match.group(1), secrets), value)
    return value


def _secret_value(reference: str, secrets: Any) -> str:
    secret_id, _, rest = reference.partition(":SecretString")  # the id may be an ARN, colons and all
    fields = rest[1:].split(":") if rest.startswith(":") else []
    json_key, stage, version = [*fields, "", "", ""][:3]
    # As CloudFormation: the version named, else the stage named, else AWSCURRENT (said outright: moto
    # 5.2.5's unnamed default stays on the first version after the label moves).
    asked = {"SecretId": secret_id, **({"VersionId": version} if version else {"VersionStage": stage or "AWSCURRENT"})}
    text = secrets.get_secret_value(**asked)["SecretString"]
    return str(json.loads(text)[json_key]) if json_key else text


def _quantity(items: list[Any]) -> dict[str, Any]:
    return {"Quantity": len(items), "Items": items}


def distribution_config(config: dict[str, Any], caller_reference: str) -> dict[str, Any]:
    """CloudFormation's DistributionConfig in CloudFront's API shape (lists as Quantity and Items, and a few
    other names), for what infra/template.yaml uses."""
    origins = []
    for origin in config["Origins"]:
        made = {"Id": origin["Id"], "DomainName": origin["DomainName"], "OriginPath": origin.get("OriginPath", "")}
        if "OriginCustomHeaders" in origin:
            made["CustomHeaders"] = _quantity(origin["OriginCustomHeaders"])
        if "CustomOriginConfig" in origin:
            custom = origin["CustomOriginConfig"]
            made["CustomOriginConfig"] = {
                "HTTPPort": custom.get("HTTPPort", 80), "HTTPSPort": custom.get("HTTPSPort", 443),
                "OriginProtocolPolicy": custom["OriginProtocolPolicy"],
                "OriginSslProtocols": _quantity(custom.get("OriginSSLProtocols", ["TLSv1.2"]))}
        origins.append(made)
    given = config["DefaultCacheBehavior"]
    behaviour = {key: given[key] for key in ("TargetOriginId", "ViewerProtocolPolicy", "Compress",
                                             "OriginRequestPolicyId") if key in given}
    behaviour["AllowedMethods"] = {**_quantity(given["AllowedMethods"]),
                                   "CachedMethods": _quantity(given.get("CachedMethods", ["GET", "HEAD"]))}
    if given.get("CachePolicyId") not in (None, NOT_MADE):
        behaviour["CachePolicyId"] = given["CachePolicyId"]
    made_config = {"CallerReference": caller_reference, "Comment": config.get("Comment", ""),
                   "Enabled": bool(config.get("Enabled", True)), "Origins": _quantity(origins),
                   "DefaultCacheBehavior": behaviour, "WebACLId": config.get("WebACLId", "")}
    made_config.update({key: config[key] for key in ("HttpVersion", "PriceClass") if key in config})
    return made_config


def _web_acl_ref(summary: dict[str, Any], scope: str) -> tuple[str, dict[str, Any]]:
    return f"{summary['Name']}|{summary['Id']}|{scope}", {"Arn": summary["ARN"], "Id": summary["Id"]}


def _function_ref(summary: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    arn = summary["FunctionMetadata"]["FunctionARN"]
    return arn, {"FunctionARN": arn, "FunctionMetadata.FunctionARN": arn, "Stage": summary["FunctionMetadata"]["Stage"]}


def _distribution_ref(distribution: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return distribution["Id"], {"Id": distribution["Id"], "DomainName": distribution["DomainName"]}


def already_made(kind: str, props: dict[str, Any], client: Any) -> tuple[str, dict[str, Any]] | None:
    """An edge resource an earlier run made (found by its name, comment or resource): its Ref and attributes."""
    if kind == "AWS::WAFv2::WebACL":
        listed = client("wafv2").list_web_acls(Scope=props["Scope"])["WebACLs"]
        found = [a for a in listed if a["Name"] == props["Name"]]
        return _web_acl_ref(found[0], props["Scope"]) if found else None
    if kind == "AWS::WAFv2::WebACLAssociation":
        attached = client("wafv2").get_web_acl_for_resource(ResourceArn=props["ResourceArn"]).get("WebACL") or {}
        return (props["ResourceArn"], {}) if attached.get("ARN") == props["WebACLArn"] else None
    if kind == "AWS::CloudFront::Function":
        try:
            return _function_ref(client("cloudfront").describe_function(Name=props["Name"])["FunctionSummary"])
        except client("cloudfront").exceptions.NoSuchFunctionExists:
            return None
    if kind == "AWS::CloudFront::Distribution":
        listed = client("cloudfront").list_distributions()["DistributionList"].get("Items") or []
        found = [d for d in listed if d.get("Comment") == props["DistributionConfig"].get("Comment")]
        return _distribution_ref(found[0]) if found else None
    return None


def create(kind: str, logical_id: str, props: dict[str, Any], client: Any, region: str,
           call: Any) -> tuple[str, dict[str, Any]]:
    """Make one edge resource through moto's API; `call` passes the template's Properties to an operation
    (devstack.deploy._call). Its Ref and attributes, as CloudFormation gives them."""
    props = resolve_secrets(props, client("secretsmanager"))
    if kind == "AWS::WAFv2::WebACL":
        if props["Scope"] == "CLOUDFRONT" and region != CLOUDFRONT_ACL_REGION:
            raise RuntimeError(f"{logical_id}: a CLOUDFRONT web ACL can only be made in {CLOUDFRONT_ACL_REGION}")
        return _web_acl_ref(call(client("wafv2"), "CreateWebACL", props, logical_id)["Summary"], props["Scope"])
    if kind == "AWS::WAFv2::WebACLAssociation":
        client("wafv2").associate_web_acl(WebACLArn=props["WebACLArn"], ResourceArn=props["ResourceArn"])
        return props["ResourceArn"], {}
    if kind == "AWS::CloudFront::CachePolicy":
        log.info("%s: not made (moto has no CloudFront cache policies); the distribution is made without it",
                 logical_id)
        return NOT_MADE, {"Id": NOT_MADE}
    if kind == "AWS::CloudFront::Function":  # AutoPublish is CloudFormation's: moto has no PublishFunction
        made = client("cloudfront").create_function(Name=props["Name"], FunctionConfig=props["FunctionConfig"],
                                                    FunctionCode=props["FunctionCode"].encode())
        return _function_ref(made["FunctionSummary"])
    config = distribution_config(props["DistributionConfig"],
                                 caller_reference=f"{logical_id}-{props['DistributionConfig'].get('Comment', '')}")
    return _distribution_ref(client("cloudfront").create_distribution(DistributionConfig=config)["Distribution"])
