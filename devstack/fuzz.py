"""`make fuzz`: schemathesis over GET /openapi.json, anonymously and signed in, against a local
stack it starts and stops itself. Fails on any 5xx; prints how many requests were sent and how
many server errors came back.

- The stack is `python -m devstack` on free ports, without autoreload (hypothesis and
  schemathesis write `.hypothesis/` and reports; the server restarting mid-run would read as
  "server stopped responding"), and schemathesis runs from a temporary directory.
- TRACE is left out of the methods schemathesis tries on each path: Chalice's local server
  answers it 501, and API Gateway does not route it at all (DESIGN.md).
- The signed-in run uses a demo account's real ID token from the embedded Cognito, and leaves
  out `DELETE /me`, which would erase the account halfway through the run (tests cover it).
- The counts are the server's own: its access log, from the first fuzzing request on.

Environment: FUZZ_SECONDS (time for each of the two runs, 90), FUZZ_EXAMPLES (most examples per
operation and phase, 25), FUZZ_SEED (to repeat a run), SCHEMATHESIS (the `st` to run; the venv's).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
ACCOUNT = ("ada@example.org", "Labourspace-demo-1")  # a citizen of the demo data (devstack/seed.py)
# Chalice's local server (and so the stack) logs each request as `"GET /path HTTP/1.1" 200 -`.
ACCESS_LINE = re.compile(r'"[A-Z]+ \S+ HTTP/1\.[01]" (\d{3}) ')
SCHEMATHESIS_CONFIG = """\
[phases.coverage]
# Every method but TRACE (501 from Chalice's local server; API Gateway does not route it).
unexpected-methods = ["get", "put", "post", "delete", "options", "patch"]
"""


@dataclass
class Tally:
    requests: int = 0
    server_errors: int = 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_health(stack: subprocess.Popen[bytes], url: str, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stack.poll() is not None:
            raise RuntimeError(f"the local stack exited with code {stack.returncode} before answering")
        try:
            if requests.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"the local stack did not answer {url}/health within {timeout:.0f} s")


def _id_token(url: str, aws_endpoint: str) -> str:
    """As the README's "Get a token": the client id from /auth/config, InitiateAuth on the embedded Cognito."""
    client_id = requests.get(f"{url}/auth/config", timeout=10).json()["client_id"]
    answer = requests.post(
        aws_endpoint + "/",
        headers={"Content-Type": "application/x-amz-json-1.1",
                 "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth"},
        json={"ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH",
              "AuthParameters": {"USERNAME": ACCOUNT[0], "PASSWORD": ACCOUNT[1]}},
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()["AuthenticationResult"]["IdToken"]


def _stop(stack: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the stack's process group: devstack stops chalice local and the embedded AWS."""
    if stack.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 20.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(stack.pid, sig)
        except ProcessLookupError:
            return
        try:
            stack.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def _tally(log: Path, offset: int) -> Tally:
    tally = Tally()
    with log.open("rb") as lines:
        lines.seek(offset)
        for line in lines:
            found = ACCESS_LINE.search(line.decode("utf-8", "replace"))
            if found:
                tally.requests += 1
                tally.server_errors += int(found.group(1)) >= 500
    return tally


def _schemathesis(name: str, url: str, workdir: Path, extra: list[str]) -> int:
    st = os.environ.get("SCHEMATHESIS") or str(Path(sys.executable).with_name("st"))
    seconds = os.environ.get("FUZZ_SECONDS", "90")
    command = [st, "--config-file", str(workdir / "schemathesis.toml"), "run", f"{url}/openapi.json",
               "--checks", "not_a_server_error", "--max-examples", os.environ.get("FUZZ_EXAMPLES", "25"),
               "--max-time", seconds, "--workers", "1", "--generation-database", "none",
               "--request-timeout", "30", "--no-color", *extra]
    if os.environ.get("FUZZ_SEED"):
        command += ["--seed", os.environ["FUZZ_SEED"]]
    print(f"\n== schemathesis, {name}, up to {seconds} s ==", flush=True)
    return subprocess.run(command, cwd=workdir, check=False).returncode


def main() -> int:
    port, aws_port = _free_port(), _free_port()
    url, aws_endpoint = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{aws_port}"
    with tempfile.TemporaryDirectory(prefix="labourspace-fuzz-") as temporary:
        workdir = Path(temporary)
        (workdir / "schemathesis.toml").write_text(SCHEMATHESIS_CONFIG)
        log = workdir / "stack.log"
        env = {**os.environ, "PORT": str(port), "AWS_PORT": str(aws_port), "AUTORELOAD": "0",
               "LOCAL_SCHEDULE_SECONDS": "3600"}
        print(f"Starting the local stack on {url} (its log: {log})", flush=True)
        with log.open("wb") as output:
            stack = subprocess.Popen([sys.executable, "-m", "devstack"], cwd=ROOT, env=env, stdout=output,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        codes: dict[str, int] = {}
        try:
            _wait_for_health(stack, url)
            token = _id_token(url, aws_endpoint)
            offset = log.stat().st_size
            codes["anonymous"] = _schemathesis("anonymous", url, workdir, [])
            codes["signed in"] = _schemathesis(
                f"signed in as {ACCOUNT[0]}", url, workdir,
                ["--header", f"Authorization: Bearer {token}", "--exclude-operation-id", "delete_me"])
            tally = _tally(log, offset)
        except Exception:
            print(f"The fuzz run failed to start or finish; the stack's log follows.\n{log.read_text()[-5000:]}",
                  file=sys.stderr)
            raise
        finally:
            _stop(stack)
        print(f"\nfuzz: {tally.requests} requests sent, {tally.server_errors} server errors (5xx); "
              f"schemathesis exit codes: {codes}", flush=True)
        if tally.server_errors:
            errors = [line for line in log.read_text(errors="replace").splitlines()
                      if '"level":"ERROR"' in line or re.search(r'HTTP/1\.[01]" 5\d\d ', line)]
            print("\n".join(errors[-20:]), file=sys.stderr)
        return 1 if tally.server_errors or any(codes.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
