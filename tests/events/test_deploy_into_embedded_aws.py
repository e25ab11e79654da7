"""`make deploy STAGE=dev`'s own code (ops/deploy.py), run by `make deploy-check` into a fresh embedded AWS
of its own (its own process: moto's state is per process) from a fresh copy of the project; then
`make destroy STAGE=dev`'s code, which must leave nothing of Chalice's or the stack but the Retain data.

It deploys without requirements.txt (`--without-dependencies`): the embedded AWS runs none of the code,
and `chalice package` with the dependencies is tested in tests/infra. `make deploy-check` packages them
too (the first run in a checkout downloads the Linux wheels into build/deploy-check-packages/).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from chalice.app import DynamoDBEventConfig, ScheduledEventConfig, SQSEventConfig

from tests.conftest import ROOT


def test_deploy_check_finds_everything_the_app_declares_deployed(tmp_path: Path) -> None:
    from app import app

    report_path = tmp_path / "report.json"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # nothing of this worker's stack leaks in
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "ops.deploy_check", "--destroy", "--without-dependencies", "--json", str(report_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    report = json.loads(report_path.read_text())
    assert report["problems"] == []
    deployed = report["deployed"]

    # Every function the app declares, named as Chalice names them.
    names = {f"labourspace-dev-{c.name}" for c in app.event_sources} | {"labourspace-dev"}
    assert set(deployed["functions"]) == names
    # Both streams' handlers and the fan-out queue's; the counters' mapping with its failure settings.
    streams = [c.name for c in app.event_sources if isinstance(c, DynamoDBEventConfig)]
    queues = [c.name for c in app.event_sources if isinstance(c, SQSEventConfig)]
    mapped = {function: (source, failure) for function, source, failure in deployed["mappings"]}
    assert {f"labourspace-dev-{n}" for n in streams + queues} <= set(mapped)
    assert mapped["labourspace-dev-count_supports"][1] is True
    assert mapped["labourspace-dev-deliver_fanout_page"][0] == "queue:labourspace-dev-fanout"
    schedules = {c.name for c in app.event_sources if isinstance(c, ScheduledEventConfig)}
    assert {function.removeprefix("labourspace-dev-") for function, _ in deployed["schedules"]} == schedules
    routes = {f"{method} {path}" for path, methods in app.routes.items() for method in methods}
    assert routes <= set(deployed["routes"])
    # Each function runs as the dev stage with the stack's outputs, and no endpoint or secret.
    for variables in deployed["environment"].values():
        assert variables["STAGE"] == "dev"
        assert variables["TABLE_PREFIX"] == "labourspace-dev"
        assert variables["CURSOR_SECRET_ARN"].startswith("arn:aws:secretsmanager:")
        assert "AWS_ENDPOINT_URL" not in variables and "CURSOR_SECRET" not in variables
    # The edge (issue 25, item 8), as devstack makes it from the templates through moto's WAFv2 and CloudFront.
    edge = deployed["edge"]
    assert edge["edge_acl"]["region"] == "us-east-1"  # CloudFront's web ACLs live nowhere else
    rates = {r["name"]: r["rate"] for r in edge["edge_acl"]["rules"] if r["rate"]}
    assert rates == {"writes-per-client": ["IP", 300], "requests-per-client": ["IP", 3000]}
    assert edge["distribution"]["web_acl"] == edge["edge_acl"]["arn"]
    assert edge["distribution"]["origin"] == f"{deployed['rest_api_id']}.execute-api.eu-west-2.amazonaws.com/api"
    assert edge["distribution"]["sends_origin_secret"] and edge["distributions"] == 1
    assert edge["language_function"] == {"name": "labourspace-dev-accept-language", "same_code": True}
    assert (edge["api_acl"]["default"], edge["api_acl"]["lets_through"]) == ("Block", ["x-origin-verify"])
    assert edge["api_acl"]["accepts_only_the_origin_secret"]
    assert {r["name"]: r["rate"] for r in edge["pool_acl"]["rules"] if r["rate"]} == {
        "sign-ins-per-ip": ["IP", 100], "account-emails-per-ip": ["IP", 20]}
    assert "the origin: web ACL labourspace-dev-api on the API stage: by default Block" in done.stdout
    assert "Everything the app declares is deployed." in done.stdout
    assert "Nothing left but Retain data." in done.stdout
