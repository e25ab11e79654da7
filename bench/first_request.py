"""Issue 30's measure of a cold start, made for real: in one fresh interpreter, `import app` and then
a new container's first calls of PUT support, GET /c/{slug} and GET /campaigns, each an API Gateway
proxy event handed to the app's handler as Lambda hands it, against an embedded AWS (moto's server)
that this process starts and seeds once. The bare app's counterpart is a fair first request too:
Chalice + boto3, a DynamoDB client, and one route doing one GetItem against the same server.

Each timed interpreter counts its own CPU (time.process_time), so the embedded AWS's work, in this
process, is not counted; wall-clock includes it. Used by bench/cold_start.py; prints nothing itself.

SnapStart (`turn_about(..., snapstart=True)`): the app's interpreter also runs, after `import app`,
what a SnapStart function's init would (chalicelib/snapstart.py's `prime`, the hook app.py registers
where Lambda's runtime has `snapshot_restore_py`), then the after-restore hook, then the same calls.
The snapshot and its restore are AWS's: nothing here can time them, so they are not counted.
"""

from __future__ import annotations

import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REGION = "eu-west-2"
PASSWORD = f"Bench-{uuid.uuid4().hex[:8]}-9"

# The timed interpreter. Its events are read before the clock starts (the bench's part, not the
# container's); each call's phase ends when the handler has returned its response. It prints the
# phases' (wall, CPU) seconds, each response's status, the modules imported (in all, and by the calls),
# its peak memory before the calls and the botocore sessions and clients made, as its last line.
# "#INIT" is where a SnapStart function's initialization goes on after `import app` (SNAPSTART_INIT).
TIMED_REQUEST = """import json, sys, time
events = json.loads(sys.stdin.read())
class LambdaContext:  # what Lambda passes: Powertools and Chalice read only these
    function_name = "api"; memory_limit_in_mb = 512; aws_request_id = "bench"
    invoked_function_arn = "arn:aws:lambda:eu-west-2:123456789012:function:api"
    def get_remaining_time_in_millis(self): return 29000
wall, cpu = time.perf_counter(), time.process_time()
phases, statuses = [], []
import app
phases.append((time.perf_counter() - wall, time.process_time() - cpu))
#INIT
# Between phases, untimed: the peak memory so far (what a snapshot taken here would hold), which no load
# moves. Linux's own count for this process image (getrusage's would carry the parent's across exec).
with open("/proc/self/status") as status:
    rss_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
before_calls = len(sys.modules)
for event in events:
    wall, cpu = time.perf_counter(), time.process_time()
    statuses.append(app.app(event, LambdaContext())["statusCode"])
    phases.append((time.perf_counter() - wall, time.process_time() - cpu))
import gc  # after the clock: the botocore sessions and clients the request made, which no load moves
from botocore.client import BaseClient
from botocore.session import Session
gc.unfreeze()  # a first call freezes what it built (chalicelib/cold_imports.py): get_objects skips frozen ones
made = gc.get_objects()
sessions, clients = sum(isinstance(o, Session) for o in made), sum(isinstance(o, BaseClient) for o in made)
print(json.dumps({"phases": phases, "statuses": statuses, "modules": len(sys.modules),
                  "by_calls": len(sys.modules) - before_calls, "rss_kb": rss_kb, "botocore": [sessions, clients]}))"""

# SnapStart: what Lambda runs when a version is published, after `import app`: the before-snapshot
# hook app.py registers (chalicelib/snapstart.py's `prime`, the same function). A restored container
# then runs the after-restore hook before its first call; the restore itself cannot be timed here.
SNAPSTART_INIT = """wall, cpu = time.perf_counter(), time.process_time()
from chalicelib.snapstart import after_restore, prime
prime()
phases.append((time.perf_counter() - wall, time.process_time() - cpu))
wall, cpu = time.perf_counter(), time.process_time()
after_restore()
phases.append((time.perf_counter() - wall, time.process_time() - cpu))
"""

# The bare app: what a minimal Lambda reading DynamoDB does, a client made at import and one GetItem.
BARE_APP = '''import os
import boto3
from chalice import Chalice

app = Chalice(app_name="bare")
dynamodb = boto3.client("dynamodb")


@app.route("/item/{item_id}")
def item(item_id):
    found = dynamodb.get_item(TableName=os.environ["BARE_TABLE"], Key={"id": {"S": item_id}})
    return {"found": "Item" in found}
'''

CALLS = ("PUT support", "GET /c/{slug}", "GET /campaigns")
PHASES = ("import app", *CALLS)
SEEDING_ONLY = ("PYTHONDONTWRITEBYTECODE", "POWERTOOLS_LOG_LEVEL")  # this process's, not the timed ones
BARE_PHASES = ("import app", "GET one item")
# With SnapStart the first two are paid when a version is published (init), the rest by a restored
# container; the bare app's import (which makes its client) is its init, its GetItem its restored part.
SNAPSTART_PHASES = ("import app", "prime (hook)", "after-restore hook", *CALLS)
SNAPSTART_INIT_PHASES = 2


@dataclass
class Stack:
    env: dict[str, str]  # the app's environment, as a local stage's container has it
    campaign_id: str
    slug: str
    bare_table: str
    tokens: list[str]  # a signed-in supporter per interpreter: each first request's support is a new one

    def token(self) -> str:
        return self.tokens.pop()


@contextmanager
def seeded_stack(supporters: int) -> Iterator[Stack]:
    """The embedded AWS on a free loopback port, its tables, topics and user pool made from
    infra/template.yaml, with an open campaign and `supporters` supporters who have signed in before
    (their profiles exist, made by GET /me as the site's first page does)."""
    sys.path.insert(0, str(ROOT))
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    aws, saved = EmbeddedAws().start(), dict(os.environ)
    try:
        outputs = deploy_infra(aws.endpoint, stage="local", region=REGION,
                               template_path=str(ROOT / "infra" / "template.yaml"))
        env = app_env(outputs, aws.endpoint, region=REGION, stage="local")
        os.environ.update(env)
        os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")  # this process's own calls, not timed
        # The seeding's requests print their metrics' EMF lines to stdout, above the figures: not kept.
        # (POWERTOOLS_METRICS_DISABLED would not do: Powertools' single_metric, the app's ColdStart,
        # prints whatever it says.) The timed interpreters' output is untouched.
        with redirect_stdout(io.StringIO()):
            stack = _seed(env, supporters)
        yield stack
    finally:
        aws.stop()
        os.environ.clear()
        os.environ.update(saved)


def _seed(env: dict[str, str], supporters: int) -> Stack:
    from chalice.test import Client

    from app import app
    from chalicelib.settings import get_settings
    from chalicelib.store import campaigns
    from devstack.accounts import CognitoAccounts

    accounts = CognitoAccounts(env["USER_POOL_ID"], env["USER_POOL_CLIENT_ID"], env["AWS_ENDPOINT_URL"], REGION)

    def signed_in(name: str) -> tuple[str, str]:
        account = accounts.create(f"{name}-{uuid.uuid4().hex[:10]}@example.org", PASSWORD)
        return account.sub, accounts.id_token(account)

    owner, _ = signed_in("owner")
    record = campaigns.create_campaign(
        owner_id=owner, title=f"Guarantee a GP appointment within a week {uuid.uuid4().hex[:4]}", area="health",
        summary="Everyone who needs a GP should be seen within seven days.", organisation_id=None,
        body="Waiting weeks to see a GP turns treatable illness into emergencies that cost far more. " * 3)
    record = campaigns.decide(campaigns.submit(record, owner), "bench-moderator", True, "Clear and within the rules.")
    tokens = []
    with Client(app) as client:
        for index in range(supporters):
            _, token = signed_in(f"supporter-{index}")
            seen = client.http.get("/me", headers={"Authorization": f"Bearer {token}"})
            assert seen.status_code == 200, seen.body
            tokens.append(token)
    return Stack(env=env, campaign_id=record.id, slug=record.slug,
                 bare_table=get_settings().table_name("campaigns"), tokens=tokens)


def _event(method: str, resource: str, path: str, path_params: dict[str, str], headers: dict[str, str],
           body: str | None = None, query: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """An API Gateway REST proxy event, with the fields Chalice reads (as chalice.local builds them)."""
    return {
        "resource": resource, "path": path, "httpMethod": method, "body": body, "isBase64Encoded": False,
        "headers": {k.lower(): v for k, v in headers.items()},
        "multiValueQueryStringParameters": query, "pathParameters": path_params or None, "stageVariables": {},
        "requestContext": {"httpMethod": method, "resourcePath": resource, "path": path,
                           "requestId": str(uuid.uuid4()), "identity": {"sourceIp": "10.1.2.3"}},
    }


def app_events(stack: Stack) -> list[dict[str, Any]]:
    """The three first calls: a supporter's PUT support (JSON, as the campaign page's button sends
    it), the campaign's page as a browser asks for it, and the API's list of campaigns."""
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION

    cid = stack.campaign_id
    return [
        _event("PUT", "/campaigns/{campaign_id}/support", f"/campaigns/{cid}/support", {"campaign_id": cid},
               {"Authorization": f"Bearer {stack.token()}", "Content-Type": "application/json",
                "Accept": "application/json"}, json.dumps({"consent_version": SUPPORT_CONSENT_VERSION})),
        _event("GET", "/c/{slug}", f"/c/{stack.slug}", {"slug": stack.slug},
               {"Accept": "text/html,application/xhtml+xml", "Accept-Language": "en-GB,en;q=0.9"}),
        _event("GET", "/campaigns", "/campaigns", {}, {"Accept": "application/json"}),
    ]


def bare_events(stack: Stack) -> list[dict[str, Any]]:
    return [_event("GET", "/item/{item_id}", f"/item/{stack.campaign_id}", {"item_id": stack.campaign_id},
                   {"Accept": "application/json"})]


@dataclass
class Run:
    phases: list[tuple[float, float]]  # (wall, CPU) seconds: the import (and a SnapStart init), then each call
    modules: int
    by_calls: int  # of those, imported by the calls
    rss_kb: int  # the interpreter's peak resident memory before the first call (after the init)
    botocore: tuple[int, int]  # sessions, clients

    def total(self, index: int, start: int = 0, stop: int | None = None) -> float:
        return sum(phase[index] for phase in self.phases[start:stop])


def timed_code(init: str = "") -> str:
    return TIMED_REQUEST.replace("#INIT\n", init)


def timed_run(cwd: Path, env: dict[str, str], events: list[dict[str, Any]], init: str = "") -> tuple[Run, str]:
    """One fresh interpreter's first request (after `init`, where a SnapStart function has one); every
    call's answer must be 200. Returns its stderr too."""
    done = subprocess.run([sys.executable, "-c", timed_code(init)], cwd=cwd, env=env, check=True,
                          input=json.dumps(events), capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if any(status != 200 for status in result["statuses"]):
        raise RuntimeError(f"a first call did not answer 200: {result['statuses']}\n{done.stdout[-3000:]}")
    return Run([tuple(p) for p in result["phases"]], result["modules"], result["by_calls"], result["rss_kb"],
               tuple(result["botocore"])), done.stderr


def _timed_env(stack: Stack) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SEEDING_ONLY}
    env.update(stack.env, BARE_TABLE=stack.bare_table)
    return env


def turn_about(stack: Stack, bare_dir: Path, runs: int, *, snapstart: bool = False) -> tuple[list[Run], list[Run]]:
    """The app's and the bare app's first requests, turn about, each in a fresh interpreter, after one
    discarded run of each (which writes every imported module's .pyc). With `snapstart`, the app's
    interpreter primes as a SnapStart function's init does before its calls (the bare app's client is
    made by its import already)."""
    env, init = _timed_env(stack), SNAPSTART_INIT if snapstart else ""
    timed_run(ROOT, env, app_events(stack), init)
    timed_run(bare_dir, env, bare_events(stack))
    app_runs, bare_runs = [], []
    for _ in range(runs):
        app_runs.append(timed_run(ROOT, env, app_events(stack), init)[0])
        bare_runs.append(timed_run(bare_dir, env, bare_events(stack))[0])
    return app_runs, bare_runs


def median_phases(runs: list[Run], names: tuple[str, ...]) -> list[tuple[str, float, float]]:
    """Each phase's median (wall, CPU) seconds, then the whole request's."""
    rows = [(name, statistics.median(r.phases[i][0] for r in runs), statistics.median(r.phases[i][1] for r in runs))
            for i, name in enumerate(names)]
    rows.append(("all", statistics.median(r.total(0) for r in runs), statistics.median(r.total(1) for r in runs)))
    return rows


def median_total(runs: list[Run], start: int = 0, stop: int | None = None) -> tuple[float, float]:
    """The median (wall, CPU) seconds of phases[start:stop] summed in each run."""
    return (statistics.median(r.total(0, start, stop) for r in runs),
            statistics.median(r.total(1, start, stop) for r in runs))


@contextmanager
def templates_compiled_as_deployed() -> Iterator[bool]:
    """The page templates compiled as `make deploy` ships them (ops/bytecode.py), as the warm-up's .pyc
    files stand for the package's; removed afterwards. False where this tree's code cannot compile them."""
    target = ROOT / "chalicelib" / "web" / "template_bytecode"
    if target.exists():
        yield True
        return
    sys.path.insert(0, str(ROOT))
    try:
        from ops.bytecode import compile_templates

        compile_templates(ROOT)
    except (ImportError, subprocess.CalledProcessError):  # code from before templates were compiled
        yield False
        return
    try:
        yield True
    finally:
        shutil.rmtree(target, ignore_errors=True)


@contextmanager
def bare_app_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "app.py").write_text(BARE_APP, encoding="utf-8")
        yield Path(folder)


def profile(stack: Stack, count: int, *, snapstart: bool = False) -> list[str]:
    """Where one real first request's CPU goes: cProfile's functions by own time, in a fresh interpreter
    (with `snapstart`, the init's priming is profiled too)."""
    with tempfile.NamedTemporaryFile(suffix=".prof") as out:
        code = f"import cProfile\ncProfile.run({timed_code(SNAPSTART_INIT if snapstart else '')!r}, {out.name!r})"
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_timed_env(stack), check=True,
                              input=json.dumps(app_events(stack)), capture_output=True,
                              text=True)
        text = io.StringIO()
        stats = pstats.Stats(out.name, stream=text)
        stats.sort_stats("tottime").print_stats(count)
        stats.sort_stats("cumulative").print_stats(count)
    return [done.stdout.strip().splitlines()[-1], text.getvalue()]
