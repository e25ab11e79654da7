"""The edge, as `make deploy-check` reads it back from the embedded AWS after `deploy("dev")`: the per-client
web ACL CloudFront evaluates (us-east-1), the distribution in front of the API and the origin secret it adds,
the API stage's own web ACL letting through only requests that carry that secret, and the user pool's web ACL.
What to expect comes from infra/edge.yaml and infra/template.yaml themselves (each web ACL's rules).

moto stores web ACLs, associations and distributions, and runs neither WAF nor CloudFront; NOT_SHOWN says
what is checked elsewhere instead, and the report prints it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

EDGE_REGION = "us-east-1"
ORIGIN_HEADER = "x-origin-verify"
NOT_SHOWN = (
    "the CloudFront cache policy: moto 5.2.5 has none, so the distribution here has no cache policy "
    "(its settings: cfn-lint, tests/infra/test_ops_in_template.py)",
    "WAF evaluating the rules and CloudFront adding the header: moto keeps both, runs neither (each rule's "
    "statement: tests/infra/test_edge_in_template.py; the schema: cfn-lint on both templates)",
    "the Accept-Language function running before the cache: moto keeps its code, not its association with the "
    "distribution, and runs neither (tests/infra/test_edge_language.py runs the code under Node and checks the "
    "association in the template)",
)


def expected(project: Path, stage: str) -> dict[str, Any]:
    from devstack import cfn

    def rules(template: str, logical_id: str) -> list[str]:
        resources = cfn.load_template(project / "infra" / template)["Resources"]
        return [rule["Name"] for rule in resources[logical_id]["Properties"]["Rules"]]

    language = cfn.load_template(project / "infra" / "template.yaml")["Resources"]["EdgeLanguageFunction"]

    return {"edge_acl": f"labourspace-{stage}-edge", "edge_rules": rules("edge.yaml", "EdgeWebAcl"),
            "api_acl": f"labourspace-{stage}-api", "api_rules": rules("template.yaml", "ApiWebAcl"),
            "pool_acl": f"labourspace-{stage}-user-pool", "pool_rules": rules("template.yaml", "UserPoolWebAcl"),
            "distribution": f"labourspace-{stage}", "secret": f"labourspace-{stage}-origin",
            "language_function": f"labourspace-{stage}-accept-language",
            "language_code": language["Properties"]["FunctionCode"]}


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    statement = rule["Statement"]
    rate = statement.get("RateBasedStatement")
    managed = statement.get("ManagedRuleGroupStatement")
    action = next(iter(rule.get("Action") or {"(the group's own)": {}}))
    return {"name": rule["Name"], "action": action,
            "rate": [rate["AggregateKeyType"], rate["Limit"]] if rate else None,
            "managed": managed["Name"] if managed else None}


def _header_values(statement: dict[str, Any]) -> list[tuple[str, str]]:
    """(header, value) of each exact header match in a statement, through Or statements."""
    if "OrStatement" in statement:
        return [pair for inner in statement["OrStatement"]["Statements"] for pair in _header_values(inner)]
    match = statement.get("ByteMatchStatement", {})
    header = match.get("FieldToMatch", {}).get("SingleHeader", {}).get("Name")
    value = match.get("SearchString", b"")
    return [(header.lower(), value.decode() if isinstance(value, bytes) else value)] if header else []


def _acl(wafv2: Any, resource_arn: str) -> dict[str, Any] | None:
    return wafv2.get_web_acl_for_resource(ResourceArn=resource_arn).get("WebACL") or None


def deployed(session_for: Any, want: dict[str, Any], rest_api_id: str | None, pool_id: str | None) -> dict[str, Any]:
    """What exists. `session_for(region)` gives a boto3 session on the embedded AWS. Secret values are only
    compared here, never returned."""
    region = session_for(None).region_name
    secrets = session_for(None).client("secretsmanager")
    try:
        secret = secrets.get_secret_value(SecretId=want["secret"], VersionStage="AWSCURRENT")["SecretString"]
    except secrets.exceptions.ResourceNotFoundException:
        secret = None
    have: dict[str, Any] = {"origin_secret": secret is not None}

    edge_waf = session_for(EDGE_REGION).client("wafv2")
    found = [a for a in edge_waf.list_web_acls(Scope="CLOUDFRONT")["WebACLs"] if a["Name"] == want["edge_acl"]]
    edge_acl = edge_waf.get_web_acl(Name=found[0]["Name"], Scope="CLOUDFRONT", Id=found[0]["Id"])["WebACL"] \
        if found else None
    have["edge_acl"] = {"name": edge_acl["Name"], "arn": edge_acl["ARN"], "region": EDGE_REGION,
                        "rules": [_rule(r) for r in edge_acl["Rules"]]} if edge_acl else None

    cloudfront = session_for(None).client("cloudfront")
    listed = cloudfront.list_distributions()["DistributionList"].get("Items") or []
    have["distributions"] = len([d for d in listed if d.get("Comment") == want["distribution"]])
    found = [d for d in listed if d.get("Comment") == want["distribution"]]
    if found:
        config = cloudfront.get_distribution_config(Id=found[0]["Id"])["DistributionConfig"]
        origin = config["Origins"]["Items"][0]
        added = origin.get("CustomHeaders", {}).get("Items") or []
        headers = {h["HeaderName"].lower(): h["HeaderValue"] for h in added}
        have["distribution"] = {
            "id": found[0]["Id"], "domain": found[0]["DomainName"], "web_acl": config.get("WebACLId"),
            "origin": f"{origin['DomainName']}{origin.get('OriginPath', '')}",
            "sends_origin_secret": secret is not None and headers.get(ORIGIN_HEADER) == secret}
    else:
        have["distribution"] = None
    try:
        made = cloudfront.get_function(Name=want["language_function"])
        have["language_function"] = {"name": want["language_function"],
                                     "same_code": made["FunctionCode"].read().decode() == want["language_code"]}
    except cloudfront.exceptions.NoSuchFunctionExists:
        have["language_function"] = None

    wafv2 = session_for(None).client("wafv2")
    stage_arn = f"arn:aws:apigateway:{region}::/restapis/{rest_api_id}/stages/api"
    api_acl = _acl(wafv2, stage_arn) if rest_api_id else None
    if api_acl:
        accepted = [pair for rule in api_acl["Rules"] if "Allow" in rule.get("Action", {})
                    for pair in _header_values(rule["Statement"])]
        have["api_acl"] = {"name": api_acl["Name"], "default": next(iter(api_acl["DefaultAction"])),
                           "rules": [_rule(r) for r in api_acl["Rules"]],
                           "lets_through": sorted({header for header, _ in accepted}),
                           "accepts_only_the_origin_secret": bool(accepted) and secret is not None
                           and all(value == secret for _, value in accepted)}
    else:
        have["api_acl"] = None
    pool_arn = session_for(None).client("cognito-idp").describe_user_pool(UserPoolId=pool_id)["UserPool"]["Arn"] \
        if pool_id else None
    pool_acl = _acl(wafv2, pool_arn) if pool_arn else None
    have["pool_acl"] = {"name": pool_acl["Name"], "rules": [_rule(r) for r in pool_acl["Rules"]]} if pool_acl else None
    return have


def problems(want: dict[str, Any], have: dict[str, Any], rest_api_id: str | None) -> list[str]:
    found = []
    if not have["origin_secret"]:
        found.append(f"no origin secret {want['secret']}")
    edge_acl = have["edge_acl"]
    if edge_acl is None:
        found.append(f"no CloudFront-scope web ACL {want['edge_acl']} in {EDGE_REGION}")
    else:
        names = [r["name"] for r in edge_acl["rules"]]
        if names != want["edge_rules"]:
            found.append(f"the edge web ACL's rules are {names}, not {want['edge_rules']}")
        found += [f"edge rule {r['name']} counts per {r['rate'][0]}, not per client address (IP)"
                  for r in edge_acl["rules"] if r["rate"] and r["rate"][0] != "IP"]
    distribution = have["distribution"]
    if distribution is None:
        found.append(f"no CloudFront distribution {want['distribution']}")
    else:
        if have["distributions"] > 1:
            found.append(f"{have['distributions']} distributions {want['distribution']}, not 1")
        if edge_acl is not None and distribution["web_acl"] != edge_acl["arn"]:
            found.append(f"the distribution's web ACL is {distribution['web_acl']!r}, not {edge_acl['arn']}")
        if rest_api_id and not distribution["origin"].startswith(f"{rest_api_id}.execute-api."):
            found.append(f"the distribution's origin is {distribution['origin']}, not the API {rest_api_id}")
        if not distribution["sends_origin_secret"]:
            found.append(f"the distribution does not send {ORIGIN_HEADER} with the origin secret")
    if have["language_function"] is None:
        found.append(f"no CloudFront Function {want['language_function']} (Accept-Language to cy or en)")
    elif not have["language_function"]["same_code"]:
        found.append(f"the CloudFront Function {want['language_function']} runs other code than the template's")
    api_acl = have["api_acl"]
    if api_acl is None:
        found.append(f"the API stage {rest_api_id}/api has no web ACL: it answers around CloudFront")
    else:
        if api_acl["default"] != "Block":
            found.append(f"the API stage's web ACL lets through by default ({api_acl['default']})")
        if not api_acl["accepts_only_the_origin_secret"] or api_acl["lets_through"] != [ORIGIN_HEADER]:
            found.append(f"the API stage's web ACL lets through {api_acl['lets_through']} without the origin secret")
    pool_acl = have["pool_acl"]
    if pool_acl is None:
        found.append("the user pool has no web ACL")
    elif [r["name"] for r in pool_acl["rules"]] != want["pool_rules"]:
        found.append(f"the user pool's web ACL rules are {[r['name'] for r in pool_acl['rules']]}, "
                     f"not {want['pool_rules']}")
    return found


def _rules(rules: list[dict[str, Any]]) -> str:
    return ", ".join(f"{r['name']} ({r['rate'][1]} per 5 minutes per {r['rate'][0]})" if r["rate"]
                     else f"{r['name']} ({r['managed'] or r['action']})" for r in rules)


def report(have: dict[str, Any]) -> None:
    print("  the edge (README, \"Edge protection\"):")
    edge_acl, distribution, api_acl, pool_acl = (have[k] for k in ("edge_acl", "distribution", "api_acl", "pool_acl"))
    if edge_acl:
        print(f"    per-client limits: web ACL {edge_acl['name']} (CLOUDFRONT scope, {edge_acl['region']}): "
              + _rules(edge_acl["rules"]))
    if distribution:
        named = "the one above" if edge_acl and distribution["web_acl"] == edge_acl["arn"] else distribution["web_acl"]
        sent = "the origin secret" if distribution["sends_origin_secret"] else "NOT the secret"
        print(f"    CloudFront: {distribution['id']} ({distribution['domain']}) -> {distribution['origin']}, "
              f"web ACL {named}, adds {ORIGIN_HEADER}: {sent}")
    if have["language_function"]:
        print(f"    before the cache: CloudFront Function {have['language_function']['name']} reduces Accept-Language "
              "to cy or en" + ("" if have["language_function"]["same_code"] else " (NOT the template's code)"))
    if api_acl:
        accepted = "the origin secret" if api_acl["accepts_only_the_origin_secret"] else "SOMETHING ELSE"
        print(f"    the origin: web ACL {api_acl['name']} on the API stage: by default {api_acl['default']}; "
              f"lets through only {', '.join(api_acl['lets_through']) or 'nothing'} = {accepted}")
    if pool_acl:
        print(f"    the user pool: web ACL {pool_acl['name']}: " + _rules(pool_acl["rules"]))
    for line in NOT_SHOWN:
        print(f"    not shown here: {line}")
