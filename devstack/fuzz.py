"""`make fuzz`: schemathesis over GET /openapi.json, anonymously and signed in, against a local
stack it starts and stops itself. Fails on any 5xx; prints how many requests were sent and how
many server errors came back.

- The stack is `python -m devstack` on free ports, without autoreload (devstack/own_stack.py:
  hypothesis and schemathesis write `.hypothesis/` and reports; the server restarting mid-run would
  read as "server stopped responding"), and schemathesis runs from its temporary directory.
- TRACE is left out of the methods schemathesis tries on each path: Chalice's local server
  answers it 501, and API Gateway does not route it at all (DESIGN.md).
- The signed-in run uses a demo account's real ID token from the embedded Cognito, and leaves
  out `DELETE /me`, which would erase the account halfway through the run, and
  `POST /auth/sign-out-everywhere`, which would end the token's sign-in there (tests cover both).
- The counts are the server's own: its access log, from the first fuzzing request on.

Environment: FUZZ_SECONDS (time for each of the two runs, 90), FUZZ_EXAMPLES (most examples per
operation and phase, 25), FUZZ_SEED (to repeat a run), SCHEMATHESIS (the `st` to run; the venv's).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import requests

from devstack.own_stack import own_stack

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
    codes: dict[str, int] = {}
    with own_stack("labourspace-fuzz-") as stack:
        (stack.workdir / "schemathesis.toml").write_text(SCHEMATHESIS_CONFIG)
        token = _id_token(stack.url, stack.aws_endpoint)
        offset = stack.log.stat().st_size
        codes["anonymous"] = _schemathesis("anonymous", stack.url, stack.workdir, [])
        codes["signed in"] = _schemathesis(
            f"signed in as {ACCOUNT[0]}", stack.url, stack.workdir,
            ["--header", f"Authorization: Bearer {token}", "--exclude-operation-id", "delete_me",
             "--exclude-operation-id", "post_auth_sign_out_everywhere"])
        tally = _tally(stack.log, offset)
        print(f"\nfuzz: {tally.requests} requests sent, {tally.server_errors} server errors (5xx); "
              f"schemathesis exit codes: {codes}", flush=True)
        if tally.server_errors:
            errors = [line for line in stack.log.read_text(errors="replace").splitlines()
                      if '"level":"ERROR"' in line or re.search(r'HTTP/1\.[01]" 5\d\d ', line)]
            print("\n".join(errors[-20:]), file=sys.stderr)
    return 1 if tally.server_errors or any(codes.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
