"""`make deploy-check` fails on what is missing or wrong (ops/deploy_check.py `problems`)."""

from __future__ import annotations

import copy

from ops.deploy_check import problems
from ops.stage_throttling import BURST, RATE_PER_SECOND

WANT = {
    "functions": ["labourspace-dev", "labourspace-dev-count_supports"],
    "mappings": [["labourspace-dev-count_supports", "arn:stream", True]],
    "subscriptions": [],
    "schedules": [["labourspace-dev-recount", "rate(1 hour)"]],
    "routes": ["GET /health"],
    "environment": {"STAGE": "dev", "TABLE_PREFIX": "labourspace-dev"},
}
HAVE = {
    **copy.deepcopy({k: v for k, v in WANT.items() if k != "environment"}),
    "routes": ["GET /health", "OPTIONS /health"],
    "rest_apis": 1,
    "throttling": [float(RATE_PER_SECOND), float(BURST)],
    "environment": {"labourspace-dev": {"STAGE": "dev", "TABLE_PREFIX": "labourspace-dev"}},
}


def test_a_complete_deploy_has_no_problems() -> None:
    assert problems(WANT, HAVE) == []


def test_each_missing_thing_is_named() -> None:
    have = copy.deepcopy(HAVE)
    have["functions"].remove("labourspace-dev-count_supports")
    have["mappings"] = [["labourspace-dev-count_supports", "arn:stream", False]]  # no failure settings
    have["schedules"] = []
    have["routes"] = ["OPTIONS /health"]
    assert problems(WANT, have) == [
        "missing function: labourspace-dev-count_supports",
        "missing mapping: ['labourspace-dev-count_supports', 'arn:stream', True]",
        "missing schedule: ['labourspace-dev-recount', 'rate(1 hour)']",
        "missing route: GET /health",
    ]


def test_a_wrong_or_forbidden_variable_is_named() -> None:
    have = copy.deepcopy(HAVE)
    have["environment"]["labourspace-dev"].update(STAGE="local", AWS_ENDPOINT_URL="http://127.0.0.1:4566")
    assert problems(WANT, have) == ["labourspace-dev: STAGE is 'local', not 'dev'",
                                    "labourspace-dev: AWS_ENDPOINT_URL must not be set"]


def test_a_rerun_that_added_instead_of_updating_is_named() -> None:
    have = copy.deepcopy(HAVE)
    have["mappings"] *= 2
    have["rest_apis"] = 2
    assert problems(WANT, have) == [
        "more than one mapping: [\"labourspace-dev-count_supports\", \"arn:stream\", true]",
        "2 REST APIs named after the app, not 1",
    ]


def test_a_stage_without_its_throttling_is_named() -> None:
    have = copy.deepcopy(HAVE)
    have["throttling"] = None  # API Gateway's default: only the account's limit stands before a flood
    assert problems(WANT, have) == [f"the api stage's throttling is None, not {RATE_PER_SECOND}/s "
                                    f"with a burst of {BURST}"]
