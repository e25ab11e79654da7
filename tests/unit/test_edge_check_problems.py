"""`make deploy-check` names each way the edge could be missing or open (ops/edge_check.py `problems`)."""

from __future__ import annotations

import copy

from ops.edge_check import problems

WANT = {"edge_acl": "labourspace-dev-edge", "edge_rules": ["aws-common-rules", "writes-per-client"],
        "api_acl": "labourspace-dev-api", "api_rules": ["through-cloudfront"],
        "pool_acl": "labourspace-dev-user-pool", "pool_rules": ["sign-ins-per-ip"],
        "distribution": "labourspace-dev", "secret": "labourspace-dev-origin",
        "language_function": "labourspace-dev-accept-language", "language_code": "function handler(e) {}"}
RATE = {"action": "Block", "managed": None}
HAVE = {
    "origin_secret": True,
    "edge_acl": {"name": "labourspace-dev-edge", "arn": "arn:edge", "region": "us-east-1", "rules": [
        {"name": "aws-common-rules", "action": "(the group's own)", "rate": None,
         "managed": "AWSManagedRulesCommonRuleSet"},
        {"name": "writes-per-client", "rate": ["IP", 300], **RATE}]},
    "distributions": 1,
    "distribution": {"id": "E1", "domain": "d.cloudfront.net", "web_acl": "arn:edge",
                     "origin": "abc123.execute-api.eu-west-2.amazonaws.com/api", "sends_origin_secret": True},
    "language_function": {"name": "labourspace-dev-accept-language", "same_code": True},
    "api_acl": {"name": "labourspace-dev-api", "default": "Block", "rules": [], "lets_through": ["x-origin-verify"],
                "accepts_only_the_origin_secret": True},
    "pool_acl": {"name": "labourspace-dev-user-pool",
                 "rules": [{"name": "sign-ins-per-ip", "rate": ["IP", 100], **RATE}]},
}


def test_a_complete_edge_has_no_problems() -> None:
    assert problems(WANT, HAVE, "abc123") == []


def test_an_api_reachable_around_cloudfront_is_named() -> None:
    have = copy.deepcopy(HAVE)
    have["api_acl"] = None
    assert problems(WANT, have, "abc123") == ["the API stage abc123/api has no web ACL: it answers around CloudFront"]
    have["api_acl"] = {**HAVE["api_acl"], "default": "Allow"}
    assert problems(WANT, have, "abc123") == ["the API stage's web ACL lets through by default (Allow)"]
    have["api_acl"] = {**HAVE["api_acl"], "accepts_only_the_origin_secret": False}
    assert problems(WANT, have, "abc123") == [
        "the API stage's web ACL lets through ['x-origin-verify'] without the origin secret"]


def test_limits_not_per_client_and_a_distribution_without_the_acl_or_the_secret_are_named() -> None:
    have = copy.deepcopy(HAVE)
    have["edge_acl"]["rules"][1]["rate"] = ["FORWARDED_IP", 300]
    have["distribution"].update(web_acl="", sends_origin_secret=False, origin="elsewhere.example/api")
    assert problems(WANT, have, "abc123") == [
        "edge rule writes-per-client counts per FORWARDED_IP, not per client address (IP)",
        "the distribution's web ACL is '', not arn:edge",
        "the distribution's origin is elsewhere.example/api, not the API abc123",
        "the distribution does not send x-origin-verify with the origin secret",
    ]


def test_a_missing_edge_acl_distribution_secret_and_pool_acl_are_named() -> None:
    have = {**copy.deepcopy(HAVE), "origin_secret": False, "edge_acl": None, "distribution": None, "pool_acl": None}
    assert problems(WANT, have, "abc123") == [
        "no origin secret labourspace-dev-origin",
        "no CloudFront-scope web ACL labourspace-dev-edge in us-east-1",
        "no CloudFront distribution labourspace-dev",
        "the user pool has no web ACL",
    ]


def test_a_missing_or_stale_accept_language_function_is_named() -> None:
    have = {**copy.deepcopy(HAVE), "language_function": None}
    assert problems(WANT, have, "abc123") == [
        "no CloudFront Function labourspace-dev-accept-language (Accept-Language to cy or en)"]
    have["language_function"] = {"name": "labourspace-dev-accept-language", "same_code": False}
    assert problems(WANT, have, "abc123") == [
        "the CloudFront Function labourspace-dev-accept-language runs other code than the template's"]
