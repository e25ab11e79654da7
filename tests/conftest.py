"""The whole suite runs against the embedded AWS that `make run` uses: moto's server on
loopback, one request at a time, with the tables, topics and user pool made from
infra/template.yaml. One server per pytest worker, started before any test imports the app
(the app reads its settings at import).

Why a server and not `mock_aws` in-process (README, "Testing"): token checks fetch the user
pool's JWKS over HTTP as in AWS, and concurrency tests need a backend whose transactions stay
atomic under parallel callers, which in-process moto does not give.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import os
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# Properties are checked on a shared machine (two cores, the suite's two workers, CI): a wall-clock
# deadline per example made them fail under load ("Unreliable test timings"), never a wrong answer.
hypothesis_settings.register_profile("labourspace", deadline=None)
hypothesis_settings.load_profile("labourspace")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REGION = "eu-west-2"
PASSWORD = "Correct-Horse-9"
_STACK: dict[str, Any] = {}

# The fast tier talks to no AWS: the local stage, pointed at a loopback port where nothing
# listens (settings refuse the local stage without a loopback endpoint). Set at import, before
# any conftest imports the app; the embedded AWS's environment replaces both when it starts.
os.environ.setdefault("STAGE", "local")
os.environ.setdefault("AWS_ENDPOINT_URL", "http://127.0.0.1:9")


def _start_stack() -> None:
    from devstack import aws_calls, dynamodb_calls
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    dynamodb_calls.install()  # before any DynamoDB client exists, so every call can be counted
    aws_calls.install()  # every AWS call the app makes, checked against the IAM policies at the end

    aws = EmbeddedAws().start()
    outputs = deploy_infra(aws.endpoint, stage="local", region=REGION,
                           template_path=str(ROOT / "infra" / "template.yaml"))
    env = app_env(outputs, aws.endpoint, region=REGION, stage="local")
    os.environ.update(env)
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
    _STACK.update(aws=aws, outputs=outputs, env=env)


# The fast tier: rules and logic on in-memory fakes. Run alone (`make test-fast`), it starts no AWS.
FAST_TIERS = ("tests/unit", "tests/logic")


def _needs_aws(config: pytest.Config) -> bool:
    asked = config.args or config.getini("testpaths")
    for arg in asked:
        path = Path(str(arg).split("::")[0])
        path = path if path.is_absolute() else Path(config.invocation_params.dir) / path
        if not any(path.resolve().is_relative_to(ROOT / tier) for tier in FAST_TIERS):
            return True
    return False


def pytest_configure(config: pytest.Config) -> None:
    is_xdist_controller = (
        getattr(config, "workerinput", None) is None
        and (config.getoption("numprocesses", default=None) or 0) != 0
    )
    if not is_xdist_controller and _needs_aws(config):
        _start_stack()


# Each process writes the AWS calls the app made here; the last one to finish checks them all
# against .chalice/policy-<stage>.json (tests/infra/least_privilege.py).
AWS_CALLS_DIR = ROOT / "test-artifacts" / "aws-calls"


def _is_worker(config: pytest.Config) -> bool:
    return getattr(config, "workerinput", None) is not None


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _is_worker(session.config):  # the controller, or the one process without xdist
        for old in AWS_CALLS_DIR.glob("*.json"):
            old.unlink()


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if _STACK:
        from devstack import aws_calls

        name = config.workerinput["workerid"] if _is_worker(config) else "main"  # type: ignore[attr-defined]
        aws_calls.write(AWS_CALLS_DIR / f"{name}-{os.getpid()}.json")
    if _is_worker(config) or not AWS_CALLS_DIR.is_dir():
        return
    from devstack import aws_calls
    from tests.infra.least_privilege import ungranted

    problems = ungranted(aws_calls.read_all(AWS_CALLS_DIR))
    if problems:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        text = "AWS calls the IAM policies do not grant:\n" + "\n".join(problems)
        if reporter is not None:
            reporter.write_sep("=", "least privilege", red=True)
            reporter.write_line(text)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _a_client_address_per_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test is a client of its own: joining and resetting a password are limited per client
    address (domain.limits), and Chalice's local gateway says every request came from 127.0.0.1."""
    from chalice.local import LambdaEventConverter

    address = ipaddress.IPv4Address(int(ipaddress.IPv4Address("10.0.0.0")) + uuid.uuid4().int % 2**24)
    monkeypatch.setattr(LambdaEventConverter, "LOCAL_SOURCE_IP", str(address))


@pytest.fixture(scope="session")
def stack() -> dict[str, Any]:
    return _STACK


@pytest.fixture
def dynamodb_calls():
    """Every DynamoDB call made while the test runs (botocore event hooks)."""
    from devstack.dynamodb_calls import recording

    with recording() as recorder:
        yield recorder


@pytest.fixture(scope="session")
def app():
    from app import app as chalice_app

    return chalice_app


@pytest.fixture(scope="session")
def served_app(app) -> Iterator[str]:
    """The app over real HTTP, as browsers and generated clients reach it: Chalice's local server
    in a thread of this process, on a free port. Yields the base URL."""
    from chalice.config import Config
    from chalice.local import create_local_server

    server = create_local_server(app, Config.create(chalice_stage="local", app_name=app.app_name),
                                 "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, name="app-over-http", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server.server_address[1]}"
    server.shutdown()
    server.server.server_close()


def event_runner(app, stack) -> Any:
    """A runner that reads the streams from their ends now (LATEST), as a deployed mapping reads
    what comes after it. Make it before the writes it should deliver: one that read from the start
    (TRIM_HORIZON) would deliver this worker's whole history again, which grows with every test."""
    from devstack.event_runner import EventRunner

    return EventRunner(app, stack["aws"].endpoint, hold_schedules=True, retry_seconds=0, fresh_stack=False)


@pytest.fixture(scope="module")
def runner(app, stack) -> Any:
    """The module's event runner, made before its tests write: earlier modules' records are theirs."""
    return event_runner(app, stack)


_module_runners: list[Any] = []


@pytest.fixture(scope="module")
def streams(runner) -> Iterator[Any]:
    """The module's runner, for helpers that are not fixtures: `deliver_streams()` delivers through it."""
    _module_runners.append(runner)
    yield runner
    _module_runners.remove(runner)


def deliver_streams() -> None:
    """What AWS's streams would have delivered by now, through the module's runner (`streams`)."""
    deliver_until_quiet(_module_runners[-1])


def deliver_until_quiet(runner: Any, rounds: int = 500) -> None:
    """What the stream and SNS handlers would do in AWS within seconds, and what that leads to
    (a count's milestones, a close's per-idea events, their fan-out pages), until nothing is left."""
    for _ in range(rounds):
        if runner.run_once() == 0:
            return
    raise AssertionError(f"events still flowing after {rounds} rounds")


@pytest.fixture(scope="session")
def demo_data(stack, app) -> list[tuple[str, str, str]]:
    """The demo world `make run` seeds, made once per worker (its accounts' emails are fixed), with
    its events delivered (counts, the search index): (role, email, password) for each demo account."""
    from devstack.seed import seed_demo_data

    runner = event_runner(app, stack)
    seeded = seed_demo_data(stack["env"])
    deliver_until_quiet(runner)
    return seeded


@pytest.fixture(scope="session")
def accounts(stack):
    from devstack.accounts import CognitoAccounts

    outputs = stack["env"]
    return CognitoAccounts(outputs["USER_POOL_ID"], outputs["USER_POOL_CLIENT_ID"],
                           stack["aws"].endpoint, REGION)


_counter = itertools.count()


@dataclass
class User:
    sub: str
    email: str
    token: str
    groups: tuple[str, ...]

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="session")
def make_user(accounts):
    """A new person in the embedded Cognito, signed in, with a real ID token."""

    def make(*groups: str, name: str = "person") -> User:
        email = f"{name}-{next(_counter)}-{uuid.uuid4().hex[:8]}@example.org"
        account = accounts.create(email, PASSWORD, tuple(groups))
        return User(sub=account.sub, email=email, token=accounts.id_token(account), groups=tuple(groups))

    return make


class Api:
    """The app as a client sees it: JSON in and out, through Chalice's test client."""

    def __init__(self, client):
        self._http = client.http

    def request(self, method: str, path: str, *, user: User | None = None, json_body: Any = None,
                body: bytes | str | None = None, headers: dict[str, str] | None = None):
        sent = dict(headers or {})
        if user is not None:
            sent.update(user.auth)
        if json_body is not None:
            body = json.dumps(json_body)
            sent.setdefault("Content-Type", "application/json")
        return getattr(self._http, method.lower())(path, headers=sent, body=body or b"")

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw):
        return self.request("POST", path, **kw)

    def put(self, path: str, **kw):
        return self.request("PUT", path, **kw)

    def patch(self, path: str, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path: str, **kw):
        return self.request("DELETE", path, **kw)


@pytest.fixture
def response_threshold(monkeypatch) -> Any:
    """Sets, for this test alone, how many supporters put a campaign in its minister's inbox: the app
    and the event handlers that count run in this process. Call it with the number."""
    def lower(count: int) -> None:
        from chalicelib.logic import counting
        from chalicelib.settings import get_settings

        monkeypatch.setattr(counting, "get_settings", lambda: replace(get_settings(), response_threshold=count))
    return lower


@pytest.fixture(scope="session")
def api(app):
    from chalice.test import Client

    with Client(app) as client:
        yield Api(client)


def assert_error(response, status: int, code: str | None = None) -> dict:
    """Every error comes in the API's shape; return it for further checks."""
    assert response.status_code == status, (response.status_code, response.body)
    body = json.loads(response.body)
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]
