"""The edge the templates promise (issue 25, item 8): per-client rate limits evaluated by CloudFront on the
client's own address (infra/edge.yaml, in us-east-1), an API that answers only what came through CloudFront
(the origin secret), and a web ACL on the user pool. moto runs no WAF, so each rule's statement is played
here against the requests it is for, by a small reading of the few statement types the templates use."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from devstack import cfn
from tests.conftest import ROOT

TEMPLATE = cfn.load_template(ROOT / "infra" / "template.yaml")
EDGE = cfn.load_template(ROOT / "infra" / "edge.yaml")
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECRET_ARN = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:labourspace-dev-origin-AbCdEf"


def _resolved(template: dict[str, Any], logical_id: str, **parameters: str) -> dict[str, Any]:
    context = cfn.make_context(template, {"Stage": "dev", **parameters})
    context["refs"].update(OriginSecret=SECRET_ARN, EdgeCachePolicy="policy-id")
    context["attributes"].update(ApiWebAcl={"Arn": "arn:api-acl"}, UserPoolWebAcl={"Arn": "arn:pool-acl"},
                                 UserPool={"Arn": "arn:pool"},
                                 EdgeLanguageFunction={"FunctionARN": "arn:function"})
    return cfn.resolve(template["Resources"][logical_id]["Properties"], context)


def _matches(statement: dict[str, Any], request: dict[str, Any]) -> bool:
    """Does a WAF statement match a request ({"method", "headers", "json"})? Only the types used here."""
    (kind, spec), = statement.items()
    if kind == "OrStatement":
        return any(_matches(s, request) for s in spec["Statements"])
    if kind == "AndStatement":
        return all(_matches(s, request) for s in spec["Statements"])
    if kind == "NotStatement":
        return not _matches(spec["Statement"], request)
    field = spec["FieldToMatch"]
    if "Method" in field:
        value = request["method"]
    elif "SingleHeader" in field:
        value = request["headers"].get(field["SingleHeader"]["Name"].lower())
    else:  # JsonBody: the included path's value, parsed (so escapes are undone)
        body = request.get("json")
        if body is None:  # a body WAF cannot parse as JSON
            return field["JsonBody"]["InvalidFallbackBehavior"] == "MATCH"
        (path,) = field["JsonBody"]["MatchPattern"]["IncludedPaths"]
        value = body.get(path.lstrip("/"))
    if value is None:
        return False
    if kind == "RegexMatchStatement":
        return re.search(spec["RegexString"], value) is not None
    assert kind == "ByteMatchStatement" and spec["PositionalConstraint"] == "EXACTLY", spec
    return value == spec["SearchString"]


def _cognito(call: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"method": "POST", "headers": {"x-amz-target": f"AWSCognitoIdentityProviderService.{call}"},
            "json": body if body is not None else {}}


def _rules(properties: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {rule["Name"]: rule for rule in properties["Rules"]}


# Per-client rate limits, on the client's own address

def test_the_rate_limits_are_evaluated_by_cloudfront_in_us_east_1_on_the_clients_own_address() -> None:
    acl = EDGE["Resources"]["EdgeWebAcl"]["Properties"]
    assert acl["Scope"] == "CLOUDFRONT"  # at the edge: the address that connected, which no header forges
    rules = _rules(acl)
    for name in ("writes-per-client", "requests-per-client"):
        rate = rules[name]["Statement"]["RateBasedStatement"]
        assert rate["AggregateKeyType"] == "IP" and "ForwardedIPConfig" not in rate
        assert rules[name]["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
    writes = rules["writes-per-client"]["Statement"]["RateBasedStatement"]["ScopeDownStatement"]
    assert [_matches(writes, {"method": m, "headers": {}}) for m in ("POST", "PUT", "PATCH", "DELETE", "GET")] == [
        True, True, True, True, False]
    body = json.loads(acl["CustomResponseBodies"]["rate-limited"]["Content"])
    assert set(body["error"]) == {"code", "message", "details"} and body["error"]["code"] == "rate_limited"
    assert rules["aws-common-rules"]["Statement"]["ManagedRuleGroupStatement"]["Name"] == "AWSManagedRulesCommonRuleSet"
    # The distribution names that ACL, and nothing at the regional ACL counts per address any more:
    # behind CloudFront its IP would be CloudFront's, one edge's worth of people.
    distribution = _resolved(TEMPLATE, "EdgeDistribution", RestApiId="abc123", EdgeWebAclArn="arn:edge")
    assert distribution["DistributionConfig"]["WebACLId"] == "arn:edge"
    regional = TEMPLATE["Resources"]["ApiWebAcl"]["Properties"]
    assert "RateBasedStatement" not in json.dumps(regional)
    # A stack made before the edge ACL keeps its distribution (and its domain) until step 5 names the ACL.
    before = _resolved(TEMPLATE, "EdgeDistribution", RestApiId="abc123")
    assert "WebACLId" not in before["DistributionConfig"]


def test_make_deploy_puts_the_edge_acl_in_us_east_1_and_hands_its_arn_to_the_stack(monkeypatch) -> None:
    from ops import deploy, stage_throttling

    made: list[tuple] = []

    def deploy_infra(session, stage, region, template, name=None, **more):
        made.append((region, Path(template).name, name, more))
        return {"EdgeWebAclArn": "arn:aws:wafv2:us-east-1:1:global/webacl/labourspace-dev-edge/x"}

    class Session:
        region_name = "eu-west-2"

        def client(self, service):
            return service

    monkeypatch.setattr(deploy, "deploy_infra", deploy_infra)
    monkeypatch.setattr(stage_throttling, "apply", lambda client, api_id: {"methodSettings": {"*/*": {
        "throttlingRateLimit": 1.0, "throttlingBurstLimit": 1}}})
    deploy.protect_the_api(Session(), "dev", ROOT / "infra" / "template.yaml", "abc123")
    assert made == [("us-east-1", "edge.yaml", "labourspace-dev-edge", {}),
                    ("eu-west-2", "template.yaml", None, {
                        "RestApiId": "abc123",
                        "EdgeWebAclArn": "arn:aws:wafv2:us-east-1:1:global/webacl/labourspace-dev-edge/x"})]


# The origin answers only through CloudFront

@pytest.mark.parametrize(("parameters", "sent", "accepted"), [
    ({}, f"{{{{resolve:secretsmanager:{SECRET_ARN}:SecretString}}}}", 1),
    ({"OriginSecretVersion": "v1", "OriginSecretAlsoAccepted": "v2"},
     f"{{{{resolve:secretsmanager:{SECRET_ARN}:SecretString:::v1}}}}", 2),
    ({"OriginSecretVersion": "v2"}, f"{{{{resolve:secretsmanager:{SECRET_ARN}:SecretString:::v2}}}}", 1),
])
def test_the_api_lets_through_only_requests_carrying_the_secret_cloudfront_adds(parameters, sent, accepted) -> None:
    given = {"RestApiId": "abc123", "EdgeWebAclArn": "arn:edge", **parameters}
    acl = _resolved(TEMPLATE, "ApiWebAcl", **given)
    assert acl["DefaultAction"]["Block"]["CustomResponse"]["ResponseCode"] == 403
    body = json.loads(acl["CustomResponseBodies"]["not-through-the-site"]["Content"])
    assert set(body["error"]) == {"code", "message", "details"}
    (allow,) = acl["Rules"]
    assert allow["Action"] == {"Allow": {}}
    origin = _resolved(TEMPLATE, "EdgeDistribution", **given)["DistributionConfig"]["Origins"][0]
    (header,) = origin["OriginCustomHeaders"]
    assert (header["HeaderName"], header["HeaderValue"]) == ("X-Origin-Verify", sent)
    through_cloudfront = {"method": "GET", "headers": {"x-origin-verify": sent}}
    assert _matches(allow["Statement"], through_cloudfront)
    assert not _matches(allow["Statement"], {"method": "GET", "headers": {}})  # straight to execute-api
    assert not _matches(allow["Statement"], {"method": "GET", "headers": {"x-origin-verify": "guessed"}})
    also = f"{{{{resolve:secretsmanager:{SECRET_ARN}:SecretString:::{parameters.get('OriginSecretAlsoAccepted')}}}}}"
    assert _matches(allow["Statement"], {"method": "GET", "headers": {"x-origin-verify": also}}) is (accepted == 2)


def test_the_secret_is_generated_by_aws_and_the_acl_is_attached_only_with_the_distribution_that_sends_it() -> None:
    secret = TEMPLATE["Resources"]["OriginSecret"]
    assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] >= 32
    assert "OriginSecret" not in json.dumps(TEMPLATE["Outputs"])  # in no output, so no function's environment
    for lid in ("ApiWebAcl", "ApiWebAclAssociation", "EdgeDistribution"):
        assert TEMPLATE["Resources"][lid]["Condition"] == "HasApi", lid
    # The guard changes only after the distribution has deployed its own change: no edge is refused meanwhile.
    assert TEMPLATE["Resources"]["ApiWebAcl"]["DependsOn"] == "EdgeDistribution"
    association = _resolved(TEMPLATE, "ApiWebAclAssociation", RestApiId="abc123", EdgeWebAclArn="arn:edge")
    assert association == {"ResourceArn": "arn:aws:apigateway:eu-west-2::/restapis/abc123/stages/api",
                           "WebACLArn": "arn:api-acl"}


# The user pool's own web ACL

def test_the_user_pool_limits_sign_ins_sign_ups_and_resets_per_address_but_not_the_apis_refreshes() -> None:
    association = _resolved(TEMPLATE, "UserPoolWebAclAssociation")
    assert association == {"ResourceArn": "arn:pool", "WebACLArn": "arn:pool-acl"}
    rules = _rules(TEMPLATE["Resources"]["UserPoolWebAcl"]["Properties"])
    sign_ins = rules["sign-ins-per-ip"]["Statement"]["RateBasedStatement"]
    emails = rules["account-emails-per-ip"]["Statement"]["RateBasedStatement"]
    assert sign_ins["AggregateKeyType"] == emails["AggregateKeyType"] == "IP"  # Cognito is called directly
    counted = {
        "password sign-in": _cognito("InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH"}),
        "SRP sign-in": _cognito("InitiateAuth", {"AuthFlow": "USER_SRP_AUTH"}),
        "a body WAF cannot parse": _cognito("InitiateAuth", None) | {"json": None},
        "an authenticator code": _cognito("RespondToAuthChallenge", {"ChallengeName": "SOFTWARE_TOKEN_MFA"}),
    }
    for what, request in counted.items():
        assert _matches(sign_ins["ScopeDownStatement"], request), what
    refresh = _cognito("InitiateAuth", {"AuthFlow": "REFRESH_TOKEN_AUTH"})  # POST /auth/refresh, from Lambda
    assert not _matches(sign_ins["ScopeDownStatement"], refresh)
    for call in ("SignUp", "ConfirmSignUp", "ResendConfirmationCode", "ForgotPassword", "ConfirmForgotPassword"):
        assert _matches(emails["ScopeDownStatement"], _cognito(call)), call
    for call in ("SignUpAgain", "GlobalSignOut", "GetUser", "RevokeToken"):
        assert not _matches(emails["ScopeDownStatement"], _cognito(call)), call
    assert "AWSManagedRulesATPRuleSet" not in json.dumps(rules)  # Cognito refuses a web ACL with it


def test_the_readme_says_what_each_part_of_the_edge_does() -> None:
    section = README.split("### Edge protection")[1].split("\n## ")[0]
    for promise in ("`EdgeWebAcl`", "us-east-1", "`ApiWebAcl`", "X-Origin-Verify", "`UserPoolWebAcl`",
                    "ops.origin_secret rotate", "make deploy-check"):
        assert promise in section, promise


def test_the_edge_caches_a_page_once_per_language() -> None:
    """Issue 29: CloudFront keys on everything that chooses a page's language (chalicelib/http/language.py),
    so a page cached for a Welsh reader is never served to an English one, or the other way round."""
    from chalicelib.http import language

    key = _resolved(TEMPLATE, "EdgeCachePolicy")["CachePolicyConfig"]["ParametersInCacheKeyAndForwardedToOrigin"]
    assert key["QueryStringsConfig"] == {"QueryStringBehavior": "all"} and language.QUERY == "lang"
    assert key["CookiesConfig"] == {"CookieBehavior": "whitelist", "Cookies": [language.COOKIE]}
    assert "Accept-Language" in key["HeadersConfig"]["Headers"]
    assert set(language.VARY) == {"Accept-Language", "Cookie"}  # what the origin tells other caches
