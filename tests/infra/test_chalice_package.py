"""`chalice package --stage prod` works, writes a cfn-lint-clean SAM template (with the stream
mappings' failure settings merged in), and a zip that Lambda takes (50 MB for a direct upload).

The first run in a checkout downloads Linux wheels from PyPI (~12 s here); Chalice itself keeps
the built zip in .chalice/deployments/ (gitignored), so later runs take about a second. It is
one test, not several sharing a fixture, so pytest-xdist cannot run two packagers at once
against that shared cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LAMBDA_ZIP_LIMIT = 50 * 1024 * 1024
# Nothing here calls AWS; these only let app.py and its settings import.
PACKAGE_ENV = {
    "STAGE": "prod",
    "PUBLIC_BASE_URL": "https://labourspace.example",
    "AWS_DEFAULT_REGION": "eu-west-2",
    "AWS_REGION": "eu-west-2",
    "CAMPAIGNS_STREAM_ARN": "arn:aws:dynamodb:eu-west-2:123456789012:table/"
    "labourspace-prod-campaigns/stream/2026-01-01T00:00:00.000",
    "PEOPLE_STREAM_ARN": "arn:aws:dynamodb:eu-west-2:123456789012:table/"
    "labourspace-prod-people/stream/2026-01-01T00:00:00.000",
    "COUNTERS_STREAM_ARN": "arn:aws:dynamodb:eu-west-2:123456789012:table/"
    "labourspace-prod-support-counters/stream/2026-01-01T00:00:00.000",
    "SUPPORTS_STREAM_ARN": "arn:aws:dynamodb:eu-west-2:123456789012:table/"
    "labourspace-prod-supports/stream/2026-01-01T00:00:00.000",
    "FOLLOWS_STREAM_ARN": "arn:aws:dynamodb:eu-west-2:123456789012:table/"
    "labourspace-prod-follows/stream/2026-01-01T00:00:00.000",
    "CAMPAIGN_EVENTS_STREAM_ARN": "arn:aws:dynamodb:eu-west-2:123456789012:table/"
    "labourspace-prod-campaign-events/stream/2026-01-01T00:00:00.000",
    "ALERTS_TOPIC_ARN": "arn:aws:sns:eu-west-2:123456789012:labourspace-prod-alerts",
    "EVENTS_TOPIC_ARN": "arn:aws:sns:eu-west-2:123456789012:labourspace-prod-events",
    "STREAM_DEAD_LETTER_QUEUE_NAME": "labourspace-prod-stream-dlq",
}
# Rules cfn-lint raises on what Chalice generates and we cannot change. None so far with
# chalice 1.34.0 / cfn-lint 1.58.0; add a rule id here with the reason, never a blanket ignore.
IGNORED_RULES: list[str] = []


def test_prod_package_is_lint_clean_and_small_enough(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"} | PACKAGE_ENV
    out = tmp_path / "package"

    # What Chalice cannot put on the stream mappings (README, "Faults"), merged into its template.
    mappings = tmp_path / "stream-mappings.json"
    generated = subprocess.run(
        [sys.executable, "-m", "devstack.stream_mappings"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert generated.returncode == 0, generated.stderr
    mappings.write_text(generated.stdout)

    started = time.perf_counter()
    packaged = subprocess.run(  # noqa: S603 - fixed arguments
        [str(BIN / "chalice"), "package", "--stage", "prod", "--merge-template", str(mappings), str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    took = time.perf_counter() - started
    assert packaged.returncode == 0, packaged.stdout + packaged.stderr

    ignore = ["--ignore-checks", *IGNORED_RULES, "--"] if IGNORED_RULES else []
    linted = subprocess.run(  # noqa: S603 - fixed arguments
        [str(BIN / "cfn-lint"), *ignore, str(out / "sam.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert (linted.returncode, linted.stdout + linted.stderr) == (0, "")

    sam = json.loads((out / "sam.json").read_text())
    counting = sam["Resources"]["CountSupports"]["Properties"]["Events"]["CountSupportsDynamodbEventSource"]
    assert counting["Properties"]["Stream"] == PACKAGE_ENV["COUNTERS_STREAM_ARN"]  # merged, not replaced
    assert counting["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert counting["Properties"]["BisectBatchOnFunctionError"] is True
    assert counting["Properties"]["MaximumRetryAttempts"] == 3
    assert counting["Properties"]["DestinationConfig"]["OnFailure"]["Destination"]["Fn::Sub"].endswith(
        ":labourspace-prod-stream-dlq")

    size = (out / "deployment.zip").stat().st_size
    print(f"chalice package: {took:.1f} s; deployment.zip: {size / 1024 / 1024:.1f} MB")
    assert size < LAMBDA_ZIP_LIMIT
