"""A local stack of one's own, for a command that drives it from outside (`make fuzz`,
bench/load.py): `python -m devstack` on free loopback ports, with the demo data, without autoreload
(a run writes files; the server restarting mid-run would read as failures) and with the schedules
held off for an hour, its output in a log file; stopped, whatever happens, on the way out."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class OwnStack:
    url: str  # the app
    aws_endpoint: str  # its embedded AWS
    workdir: Path  # a temporary folder, gone after the run
    log: Path  # the stack's output, its access log included


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(stack: subprocess.Popen[bytes], url: str, timeout: float = 300.0) -> None:
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


def stop(stack: subprocess.Popen[bytes] | None, term_grace: float = 20.0) -> None:
    """SIGTERM to a child's process group (devstack, or chalice local under it), then SIGKILL if it
    has not ended within `term_grace` seconds."""
    if stack is None or stack.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, term_grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(stack.pid, sig)
        except ProcessLookupError:
            return
        try:
            stack.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def own_stack(prefix: str, schedule_seconds: float = 3600) -> Iterator[OwnStack]:
    """The stack, once it answers /health; its log's tail is printed if the run fails. Its schedules
    run at once, then every `schedule_seconds` (held off for an hour unless a run needs them)."""
    port, aws_port = free_port(), free_port()
    url, aws_endpoint = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{aws_port}"
    with tempfile.TemporaryDirectory(prefix=prefix) as temporary:
        workdir = Path(temporary)
        log = workdir / "stack.log"
        env = {**os.environ, "PORT": str(port), "AWS_PORT": str(aws_port), "AUTORELOAD": "0",
               "LOCAL_SCHEDULE_SECONDS": f"{schedule_seconds:g}"}
        print(f"Starting the local stack on {url} (its log: {log})", flush=True)
        with log.open("wb") as output:
            stack = subprocess.Popen([sys.executable, "-m", "devstack"], cwd=ROOT, env=env, stdout=output,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for_health(stack, url)
            yield OwnStack(url, aws_endpoint, workdir, log)
        except Exception:
            print(f"The run failed; the stack's log follows.\n{log.read_text()[-5000:]}", file=sys.stderr)
            raise
        finally:
            stop(stack)
