"""`make deploy-check`: `make deploy STAGE=dev`'s own code (ops/deploy.py) into a fresh embedded AWS,
from a fresh copy of the project; then what exists there, against what the Chalice app declares.

    python -m ops.deploy_check [--json report.json]

Expected comes from the app itself (its routes and its blueprints' event sources), never a hand
list: every Lambda, each stream's and the fan-out queue's event source mapping (with the stream
handlers' failure settings), each SNS subscription, each schedule (an EventBridge rule targeting
its function), each API route, and each function's environment (the stage and every stack output;
no endpoint and no secret). Prints it all; exits 1 when anything is missing or wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STAGE = "dev"
REGION = "eu-west-2"
# The site the checked stage answers as: a deployed stage needs an https address to start at all.
CHECK_SITE = "https://labourspace.example"
# What Chalice packages, and what the deploy reads: a clone of the project has these.
PROJECT_FILES = ("app.py", "requirements.txt", "chalicelib", "infra/template.yaml", "infra/edge.yaml",
                 ".chalice/config.json", ".chalice/policy-dev.json", ".chalice/policy-prod.json")
# Chalice keeps the dependencies' zip here, keyed by requirements.txt; gitignored (/build/).
PACKAGE_CACHE = ROOT / "build" / "deploy-check-packages"
FORBIDDEN_ENV = ("AWS_ENDPOINT_URL", "CURSOR_SECRET")  # never in a deployed function


def fresh_project(into: Path, *, with_dependencies: bool = True) -> Path:
    for name in PROJECT_FILES:
        source, target = ROOT / name, into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target)
    if not with_dependencies:
        # The embedded AWS never runs the functions' code, and `chalice package` is tested on its own
        # (tests/infra/test_chalice_package.py): without them, no Linux wheels are fetched and 12 zips are small.
        (into / "requirements.txt").write_text("")
    PACKAGE_CACHE.mkdir(parents=True, exist_ok=True)
    (into / ".chalice" / "deployments").symlink_to(PACKAGE_CACHE, target_is_directory=True)
    return into


def expected(app: Any, stage: str, environment: dict[str, str]) -> dict[str, Any]:
    from chalice.app import DynamoDBEventConfig, ScheduledEventConfig, SNSEventConfig, SQSEventConfig

    from chalicelib.events.stream_failures import policy_of

    prefix = f"{app.app_name}-{stage}"
    functions = {f"{prefix}-{c.name}" for c in app.event_sources} | {
        f"{prefix}-{name}" for name in app.pure_lambda_functions}
    if app.routes:
        functions.add(prefix)  # the API handler
    return {
        "functions": sorted(functions),
        "mappings": sorted(
            [f"{prefix}-{c.name}", c.stream_arn, policy_of(app.handler_map[c.name].func) is not None]
            for c in app.event_sources if isinstance(c, DynamoDBEventConfig)) + sorted(
            [f"{prefix}-{c.name}", f"queue:{c.queue}", False]
            for c in app.event_sources if isinstance(c, SQSEventConfig)),
        "subscriptions": sorted([c.topic.rsplit(":", 1)[-1], f"{prefix}-{c.name}"]
                                for c in app.event_sources if isinstance(c, SNSEventConfig)),
        "schedules": sorted([f"{prefix}-{c.name}", c.schedule_expression if isinstance(c.schedule_expression, str)
                             else c.schedule_expression.to_string()]
                            for c in app.event_sources if isinstance(c, ScheduledEventConfig)),
        "routes": sorted(f"{method} {path}" for path, methods in app.routes.items() for method in methods),
        "environment": environment,
    }


def _all(method: Any, key: str, **kwargs: Any) -> list[dict[str, Any]]:
    return [item for page in method.__self__.get_paginator(method.__name__).paginate(**kwargs) for item in page[key]]


def deployed(session: Any, stage: str, app_name: str) -> dict[str, Any]:
    prefix = f"{app_name}-{stage}"
    awslambda, events = session.client("lambda"), session.client("events")
    functions = {f["FunctionName"]: f for f in _all(awslambda.list_functions, "Functions")
                 if f["FunctionName"] == prefix or f["FunctionName"].startswith(f"{prefix}-")}
    mappings = []
    for mapping in _all(awslambda.list_event_source_mappings, "EventSourceMappings"):
        function = mapping["FunctionArn"].rsplit(":", 1)[-1]
        source = mapping["EventSourceArn"]
        source = f"queue:{source.rsplit(':', 1)[-1]}" if ":sqs:" in source else source
        failure_settings = ("ReportBatchItemFailures" in (mapping.get("FunctionResponseTypes") or [])
                            and bool(mapping.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")))
        mappings.append([function, source, failure_settings])
    subscriptions = [[s["TopicArn"].rsplit(":", 1)[-1], s["Endpoint"].rsplit(":", 1)[-1]]
                     for s in _all(session.client("sns").list_subscriptions, "Subscriptions")
                     if s["Protocol"] == "lambda"]
    schedules = []
    for rule in _all(events.list_rules, "Rules", NamePrefix=prefix):
        for target in events.list_targets_by_rule(Rule=rule["Name"])["Targets"]:
            schedules.append([target["Arn"].rsplit(":", 1)[-1], rule.get("ScheduleExpression", "")])
    apigateway = session.client("apigateway")
    routes, apis, throttling, api_id = [], 0, None, None
    for api in _all(apigateway.get_rest_apis, "items"):
        if api["name"] == app_name:
            apis += 1
            api_id = api["id"]
            routes += [f"{method} {r['path']}" for r in _all(apigateway.get_resources, "items", restApiId=api["id"])
                       for method in r.get("resourceMethods", {})]
            throttling = _stage_throttling(apigateway, api["id"])
    return {
        "rest_api_id": api_id,
        "functions": sorted(functions),
        "mappings": sorted(mappings),
        "subscriptions": sorted(subscriptions),
        "schedules": sorted(schedules),
        "routes": sorted(routes),
        "rest_apis": apis,
        "throttling": throttling if apis else None,
        "environment": {name: f.get("Environment", {}).get("Variables", {}) for name, f in sorted(functions.items())},
    }


def _stage_throttling(apigateway: Any, rest_api_id: str) -> list[float] | None:
    """The `api` stage's default rate and burst (ops/stage_throttling.py), if set."""
    settings = apigateway.get_stage(restApiId=rest_api_id, stageName="api").get("methodSettings", {}).get("*/*", {})
    if "throttlingRateLimit" not in settings:
        return None
    return [float(settings["throttlingRateLimit"]), float(settings["throttlingBurstLimit"])]


def problems(want: dict[str, Any], have: dict[str, Any]) -> list[str]:
    from ops import stage_throttling

    found = []
    if want["routes"] and have.get("throttling") != [float(stage_throttling.RATE_PER_SECOND),
                                                     float(stage_throttling.BURST)]:
        found.append(f"the api stage's throttling is {have.get('throttling')}, not "
                     f"{stage_throttling.RATE_PER_SECOND}/s with a burst of {stage_throttling.BURST}")
    for kind in ("functions", "mappings", "subscriptions", "schedules", "routes"):
        present = [json.dumps(item) for item in have[kind]]
        found += [f"missing {kind[:-1]}: {item}" for item in want[kind] if json.dumps(item) not in present]
        found += [f"more than one {kind[:-1]}: {item}" for item in sorted(set(present))
                  if present.count(item) > 1]  # a re-run must update, never add
    if want["routes"] and have.get("rest_apis") != 1:
        found.append(f"{have.get('rest_apis')} REST APIs named after the app, not 1")
    if "edge" in want:
        from ops import edge_check

        found += edge_check.problems(want["edge"], have["edge"], have.get("rest_api_id"))
    for function, variables in have["environment"].items():
        for name, value in want["environment"].items():
            if variables.get(name) != value:
                found.append(f"{function}: {name} is {variables.get(name)!r}, not {value!r}")
        found += [f"{function}: {name} must not be set" for name in FORBIDDEN_ENV if name in variables]
    return found


def after_destroy(session: Any, app_name: str, project: Path) -> list[str]:
    """What `destroy` left that it should have removed, or removed that the template keeps."""
    import boto3

    from devstack import cfn
    from ops.deploy import EDGE_REGION, edge_stack_name, stack_name

    have = deployed(session, STAGE, app_name)
    found = [f"function {name}" for name in have["functions"]] + [f"schedule {rule}" for rule in have["schedules"]]
    if have["rest_apis"]:
        found.append(f"{have['rest_apis']} REST API(s) named {app_name}")
    for region, name in ((REGION, stack_name(STAGE)), (EDGE_REGION, edge_stack_name(STAGE))):
        stacks = boto3.Session(region_name=region).client("cloudformation").list_stacks()["StackSummaries"]
        found += [f"stack {s['StackName']} {s['StackStatus']}" for s in stacks
                  if s["StackName"] == name and s["StackStatus"] != "DELETE_COMPLETE"]
    template = cfn.load_template(project / "infra" / "template.yaml")
    context = cfn.make_context(template, {"Stage": STAGE})
    kept = [r["Properties"]["TableName"] for r in template["Resources"].values()
            if r["Type"] == "AWS::DynamoDB::Table" and r.get("DeletionPolicy") == "Retain"
            and ("Condition" not in r or cfn.resolve({"Condition": r["Condition"]}, context))]
    tables = set(session.client("dynamodb").list_tables()["TableNames"])
    found += [f"table {name} (Retain) was deleted" for name in
              (cfn.resolve(kept_name, context) for kept_name in kept) if name not in tables]
    return found


def report(want: dict[str, Any], have: dict[str, Any], found: list[str], seconds: float) -> None:
    print(f"\nDeployed stage {STAGE} into a fresh embedded AWS in {seconds:.0f} s:")
    print(f"  Lambda functions ({len(have['functions'])}): " + ", ".join(have["functions"]))
    print(f"  event source mappings ({len(have['mappings'])}):")
    for function, source, failure in have["mappings"]:
        print(f"    {source} -> {function}" + (" (failure settings: retries, bisect, on-failure queue)"
                                              if failure else ""))
    print(f"  SNS subscriptions to functions ({len(have['subscriptions'])}): "
          + (", ".join(f"{t} -> {f}" for t, f in have["subscriptions"]) or "none (the app declares none)"))
    print(f"  schedules ({len(have['schedules'])}):")
    for function, expression in have["schedules"]:
        print(f"    {expression:<28} -> {function}")
    print(f"  API routes ({len(have['routes'])}), e.g. " + ", ".join(have["routes"][:6]) + ", ...")
    print(f"  the api stage's throttling (rate, burst): {have.get('throttling')}")
    if have.get("edge"):
        from ops import edge_check

        edge_check.report(have["edge"])
    print(f"  each function's environment ({len(want['environment'])} variables from the stage and the stack):")
    for name in sorted(want["environment"]):
        print(f"    {name}={want['environment'][name]}")
    if found:
        print(f"\nMISSING OR WRONG ({len(found)}):")
        for line in found:
            print(f"  {line}")
    else:
        print("\nEverything the app declares is deployed.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--rerun", action="store_true", help="deploy twice (a re-run must change nothing)")
    parser.add_argument("--destroy", action="store_true",
                        help="then `make destroy`'s code: nothing of Chalice's or the stack left, Retain data kept")
    parser.add_argument("--without-dependencies", action="store_true",
                        help="package the functions without requirements.txt (the suite's quick check)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import boto3

    from devstack.embedded_aws import EmbeddedAws, aws_env
    from ops import deploy as deployment
    from ops import edge_check

    with EmbeddedAws() as aws, tempfile.TemporaryDirectory(prefix="labourspace-clone-") as clone:
        os.environ.update(aws_env(aws.endpoint, REGION))
        # A deployed stage refuses to start without the site's https address (chalicelib/settings.py).
        os.environ.setdefault("PUBLIC_BASE_URL", CHECK_SITE)
        project = fresh_project(Path(clone), with_dependencies=not args.without_dependencies)
        done = deployment.deploy(STAGE, project_dir=project, region=REGION)
        if args.rerun:
            print("\n== Deploying again, as a re-run would")
            done = deployment.deploy(STAGE, project_dir=project, region=REGION)
        want = expected(done.app, STAGE, done.environment)
        have = deployed(boto3.Session(region_name=REGION), STAGE, done.app.app_name)
        want["edge"] = edge_check.expected(project, STAGE)
        have["edge"] = edge_check.deployed(lambda region: boto3.Session(region_name=region or REGION), want["edge"],
                                           have["rest_api_id"], done.environment.get("USER_POOL_ID"))
        found = problems(want, have)
        report(want, have, found, done.seconds)
        if args.destroy:
            print("\n== Destroying the stage, as `make destroy STAGE=dev` does")
            deployment.destroy(STAGE, project_dir=project, region=REGION)
            left = after_destroy(boto3.Session(region_name=REGION), done.app.app_name, project)
            print("\n".join(f"  LEFT BEHIND OR LOST: {line}" for line in left) or "  Nothing left but Retain data.")
            found += left
        if args.json:
            args.json.write_text(json.dumps({"seconds": done.seconds, "expected": want, "deployed": have,
                                             "problems": found}, indent=2))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
