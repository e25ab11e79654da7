"""`make deploy STAGE=dev|prod` and `make destroy STAGE=dev`: the whole system in one command.

    python -m ops.deploy deploy --stage dev        # or: destroy --stage dev

1. infra/template.yaml as the stack `labourspace-<stage>`: created or updated, waited on, every
   resource's progress shown (ops/stack.py). On the embedded AWS (AWS_ENDPOINT_URL on loopback)
   devstack's `deploy_infra` does it instead, because moto's CloudFormation skips some types.
2. The stack's Outputs become the stage's environment (`FooBarArn` -> `FOO_BAR_ARN`,
   devstack.deploy.env_name), merged in memory into the stage of .chalice/config.json as Chalice
   reads it: the checked-in file is never edited and no generated copy can go stale.
3. `chalice deploy` through Chalice's own Python API (what its CLI runs), then the stream
   handlers' failure settings onto their event source mappings (Chalice has no parameter for them).
   With `MAIL_DOMAIN` other than the template's default, Chalice is given a copy of the stage's
   policy that lets the functions send from that domain (the checked-in files name the default).
4. The API stage's throttling (ops/stage_throttling.py; Chalice has no setting for it either).
5. The edge: infra/edge.yaml as `labourspace-<stage>-edge` in us-east-1 (a CloudFront-scope web ACL
   can be made nowhere else: the per-client rate limits), then the stack again with `RestApiId` and
   that ACL's ARN, which puts CloudFront in front of the API Chalice just made and lets the API answer
   only what comes through it (the stack cannot know the API before). On the embedded AWS devstack makes
   the web ACLs and the distribution through moto's APIs (devstack/edge.py).

It refuses to start without `PUBLIC_BASE_URL=https://<the site>`: a deployed stage's session
cookie is always Secure and its functions refuse to start without an https address.

Re-running is safe: CloudFormation updates the stack (or says it is up to date), and Chalice
updates what its record of the stage (.chalice/deployed/<stage>.json) says it made.
Secrets never pass through here: the stack generates the signing secret, the functions read it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from chalice.cli.factory import CLIFactory
from chalice.utils import UI

from ops.bytecode import build_compiled_package

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("dev", "prod")
DEFAULT_MAIL_DOMAIN = "labourspace.example"  # infra/template.yaml's MailDomain default, which the policies name
DEFAULT_REGION = "eu-west-2"
EDGE_REGION = "us-east-1"  # where AWS makes CloudFront-scope web ACLs, and nowhere else


@dataclass(frozen=True)
class Deployment:
    deployed: dict[str, Any]  # Chalice's record of what it made
    app: Any  # the Chalice app, as Chalice loaded it to deploy
    environment: dict[str, str]  # the stage's environment: STAGE and every stack output
    seconds: float


def say(line: str) -> None:
    print(line, flush=True)


def stack_name(stage: str) -> str:
    return f"labourspace-{stage}"


def edge_stack_name(stage: str) -> str:
    return f"labourspace-{stage}-edge"


def embedded_endpoint() -> str | None:
    """The embedded AWS's address when that is where this deploy goes (only ever on loopback)."""
    from chalicelib.settings import is_loopback

    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    return endpoint if is_loopback(endpoint) else None


def mail_domain_policy(policy: dict[str, Any], domain: str) -> dict[str, Any]:
    """The stage's policy with SES sending granted on `domain`'s identity instead of the default's."""
    text = json.dumps(policy).replace(f"identity/{DEFAULT_MAIL_DOMAIN}\"", f"identity/{domain}\"")
    return json.loads(text)


def _policy_file(project_dir: Path, stage_config: dict[str, Any], stage: str) -> str | None:
    """The policy file Chalice should read (relative to .chalice/): for a MAIL_DOMAIN other than
    the default, a copy granting that domain, written beside the checked-in one (gitignored)."""
    domain = os.environ.get("MAIL_DOMAIN")
    name = stage_config.get("iam_policy_file")
    if not domain or domain == DEFAULT_MAIL_DOMAIN or not name:
        return name
    chalice_dir = project_dir / ".chalice"
    policy = json.loads((chalice_dir / name).read_text(encoding="utf-8"))
    generated = f"policy-{stage}-mail-{domain}.json"
    (chalice_dir / generated).write_text(json.dumps(mail_domain_policy(policy, domain), indent=2), encoding="utf-8")
    return generated


class _StageFactory(CLIFactory):
    """Chalice's CLI factory, reading config.json with the stack's outputs merged into one stage."""

    def __init__(self, project_dir: str, stage: str, environment: dict[str, str]) -> None:
        super().__init__(project_dir, environ=os.environ)
        self._stage, self._environment = stage, environment

    def load_project_config(self) -> dict[str, Any]:
        config = super().load_project_config()
        stage = config.setdefault("stages", {}).setdefault(self._stage, {})
        stage["environment_variables"] = {**stage.get("environment_variables", {}), **self._environment}
        policy_file = _policy_file(Path(self.project_dir), stage, self._stage)
        if policy_file:
            stage["iam_policy_file"] = policy_file
        return config


def deploy_infra(session: Any, stage: str, region: str, template: Path, name: str | None = None,
                 **more: str) -> dict[str, str]:
    """The stack's Outputs, after creating or updating it (`name`: the stage's main stack unless given)."""
    from devstack import cfn
    from ops import stack

    name = name or stack_name(stage)
    endpoint = embedded_endpoint()
    if endpoint is not None:
        from devstack.deploy import deploy_infra as deploy_into_embedded_aws

        say(f"Deploying {template.name} as {name} in {region} into the embedded AWS at {endpoint} ...")
        return deploy_into_embedded_aws(endpoint, stage, region, str(template), name, parameters=more,
                                        platform_applications=name == stack_name(stage))
    template_parameters = cfn.load_template(template).get("Parameters", {})
    return stack.apply(session, name, template, template_parameters, _stack_parameters(stage, **more), say)


def _stack_parameters(stage: str, **more: str) -> dict[str, str]:
    """What this deploy sets; any other parameter keeps the stack's previous value (ops/stack.py)."""
    parameters = {"Stage": stage, **more}
    if os.environ.get("MAIL_DOMAIN"):
        parameters["MailDomain"] = os.environ["MAIL_DOMAIN"]
    return parameters


def rest_api_id(deployed: dict[str, Any]) -> str:
    return next(r["rest_api_id"] for r in deployed["resources"] if r["resource_type"] == "rest_api")


def protect_the_api(session: Any, stage: str, template: Path, api_id: str) -> None:
    """Steps 4 and 5: the stage's throttling, then the edge: the per-client web ACL in us-east-1, and the
    stack again with the API's id and that ACL (CloudFront in front, the API answering only through it)."""
    import boto3

    from ops import stage_throttling

    applied = stage_throttling.apply(session.client("apigateway"), api_id)["methodSettings"]["*/*"]
    say(f"== 4/5 Stage throttling on {api_id}/api: {applied['throttlingRateLimit']:.0f} requests a second, "
        f"bursts of {applied['throttlingBurstLimit']}")
    say(f"== 5/5 The edge: {edge_stack_name(stage)} in {EDGE_REGION} (per-client limits), then CloudFront "
        f"in front of {api_id}: {stack_name(stage)} with RestApiId and EdgeWebAclArn")
    edge = deploy_infra(boto3.Session(region_name=EDGE_REGION), stage, EDGE_REGION, template.parent / "edge.yaml",
                        edge_stack_name(stage))
    deploy_infra(session, stage, session.region_name, template, RestApiId=api_id,
                 EdgeWebAclArn=edge["EdgeWebAclArn"])


class NoHttpsSite(SystemExit):
    """A deployed stage needs the site's https address: the session cookie is Secure there, and
    links in mail point at it. The functions' settings refuse to start without it, so the deploy
    refuses first, before it changes anything."""


def require_https_site() -> str:
    given = os.environ.get("PUBLIC_BASE_URL", "").strip()
    parsed = urlparse(given)
    if parsed.scheme != "https" or not parsed.hostname:
        say(f"PUBLIC_BASE_URL must be the site's https address (got {given or 'nothing'!r}): "
            "make deploy STAGE=<stage> PUBLIC_BASE_URL=https://<the site>. Nothing was deployed.")
        raise NoHttpsSite(2)
    return given


def stage_environment(stack_outputs: dict[str, str], stage: str) -> dict[str, str]:
    """What the functions read (chalicelib/settings.py): every Output, and the stage itself."""
    from devstack.deploy import env_name

    environment = {env_name(key): value for key, value in stack_outputs.items()}
    environment["STAGE"] = stage
    environment["PUBLIC_BASE_URL"] = require_https_site()  # the site's address; not the stack's to know
    return environment


def _set_stream_failure_settings(session: Any, app: Any, deployed: dict[str, Any]) -> None:
    """Each stream handler's `stream_failure_policy` onto its mapping, as `chalice package` merges it."""
    from chalice.app import DynamoDBEventConfig

    from chalicelib.events.stream_failures import policy_of
    from devstack.stream_mappings import failure_settings

    sqs, awslambda = session.client("sqs"), session.client("lambda")
    mappings = {r["name"]: r for r in deployed["resources"] if r["resource_type"] == "dynamodb_event"}
    for config in app.event_sources:
        policy = policy_of(app.handler_map[config.name].func) if isinstance(config, DynamoDBEventConfig) else None
        mapping = mappings.get(f"{config.name}-dynamodb-event-source")
        if policy is None or mapping is None:
            continue
        queue_url = sqs.get_queue_url(QueueName=policy.dead_letter_queue_name)["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        awslambda.update_event_source_mapping(UUID=mapping["event_uuid"], **failure_settings(policy, queue_arn))
        say(f"Stream failure settings on {config.name}: {policy.max_retries} retries, then {queue_arn}")


def deploy_functions(project_dir: Path, stage: str, environment: dict[str, str]) -> tuple[dict[str, Any], Any]:
    """`chalice deploy --stage <stage>` with the stage's environment; what it deployed, and the app."""
    factory = _StageFactory(str(project_dir), stage, environment)
    config = factory.create_config_obj(chalice_stage_name=stage)
    session = factory.create_botocore_session()
    ui = UI()
    build_compiled_package(config, ui)  # chalice deploy reuses it: a cold start compiles nothing (ops/bytecode.py)
    deployed = factory.create_default_deployer(session=session, config=config, ui=ui).deploy(
        config, chalice_stage_name=stage)
    factory.create_deployment_reporter(ui=ui).display_report(deployed)
    return deployed, config.chalice_app


def deploy(stage: str, project_dir: Path = ROOT, region: str | None = None) -> Deployment:
    import boto3

    require_https_site()
    region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
    os.environ.setdefault("AWS_DEFAULT_REGION", region)  # Chalice's botocore session reads it
    session = boto3.Session(region_name=region)
    started = time.monotonic()
    template = project_dir / "infra" / "template.yaml"
    say(f"== 1/5 Infrastructure: {stack_name(stage)} in {region}")
    environment = stage_environment(deploy_infra(session, stage, region, template), stage)
    say(f"== 2/5 The stage's environment: {', '.join(sorted(environment))}")
    say(f"== 3/5 chalice deploy --stage {stage}")
    deployed, app = deploy_functions(project_dir, stage, environment)
    _set_stream_failure_settings(session, app, deployed)
    protect_the_api(session, stage, template, rest_api_id(deployed))
    seconds = time.monotonic() - started
    say(f"Deployed {stage} in {seconds:.0f} s.")
    return Deployment(deployed, app, environment, seconds)


def destroy(stage: str, project_dir: Path = ROOT, region: str | None = None) -> None:
    """Chalice's functions, API and roles, then the stack; what the template marks Retain stays."""
    import boto3

    from devstack import cfn
    from ops import stack

    region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
    os.environ.setdefault("AWS_DEFAULT_REGION", region)
    factory = _StageFactory(str(project_dir), stage, {"STAGE": stage})
    config = factory.create_config_obj(chalice_stage_name=stage)
    say(f"== 1/2 chalice delete --stage {stage}")
    factory.create_deletion_deployer(session=factory.create_botocore_session(), ui=UI()).deploy(
        config, chalice_stage_name=stage)
    say(f"== 2/2 Stacks {stack_name(stage)}, then {edge_stack_name(stage)} in {EDGE_REGION} (its web ACL "
        "is in use until the distribution is gone)")
    stack.delete(boto3.Session(region_name=region), stack_name(stage), say)
    stack.delete(boto3.Session(region_name=EDGE_REGION), edge_stack_name(stage), say)
    template = cfn.load_template(project_dir / "infra" / "template.yaml")
    context = cfn.make_context(template, {"Stage": stage})
    kept = sorted(lid for lid, r in template["Resources"].items() if r.get("DeletionPolicy") == "Retain"
                  and ("Condition" not in r or cfn.resolve({"Condition": r["Condition"]}, context)))
    say(f"Kept (DeletionPolicy Retain; delete by hand only if the data must go): {', '.join(kept)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("action", choices=("deploy", "destroy"))
    parser.add_argument("--stage", required=True, choices=STAGES)
    parser.add_argument("--yes-destroy-prod", action="store_true", help="destroy refuses prod without it")
    args = parser.parse_args(argv)
    if args.action == "destroy" and args.stage == "prod" and not args.yes_destroy_prod:
        say("Refusing to destroy prod without --yes-destroy-prod.")
        return 2
    sys.path.insert(0, str(ROOT))
    if args.action == "deploy":
        deploy(args.stage)
    else:
        destroy(args.stage)
    return 0


if __name__ == "__main__":
    sys.exit(main())
