"""`make run`: the whole local stack in one foreground process, stopped by Ctrl-C.

The embedded AWS and the event runner live in this process; `chalice local` is a child in its
own process group, so that stopping it takes its autoreload worker with it.

Environment: PORT (8000), AWS_PORT (4566), LOCAL_SCHEDULE_SECONDS (30),
TEMPLATE_PATH (infra/template.yaml), AUTORELOAD (1; 0 for runs that write files into the
project, such as the fuzzer's `.hypothesis/`, which would restart the server mid-run).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests

from devstack.accounts import LOCAL_TOTP_SECRET
from devstack.deploy import app_env, deploy_infra
from devstack.embedded_aws import EmbeddedAws
from devstack.event_runner import EventRunner
from devstack.own_stack import stop as stop_child

ROOT = Path(__file__).resolve().parents[1]
REGION = "eu-west-2"
STAGE = "local"
log = logging.getLogger("devstack")


class Stopped(Exception):
    """Ctrl-C or SIGTERM arrived while the stack was still starting."""


def _ensure_free(port: int, variable: str) -> None:
    """Fail at once on a taken port: a `chalice local` that cannot bind keeps running, silent."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as both servers do
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise RuntimeError(f"port {port} is in use; stop what holds it or set {variable}=<port>"
                               ) from None


def _start_chalice(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    # The venv's own script: `python -m chalice` has no __main__.
    chalice = Path(sys.executable).with_name("chalice")
    reload = [] if os.environ.get("AUTORELOAD", "1") != "0" else ["--no-autoreload"]
    return subprocess.Popen(
        [str(chalice), "local", "--stage", STAGE, "--host", "127.0.0.1", "--port", str(port), *reload],
        cwd=ROOT, env={**os.environ, **env},
        start_new_session=True,  # its own process group: one killpg stops it and its worker
    )


def _wait_until_healthy(child: subprocess.Popen[bytes], url: str, stop: threading.Event,
                        timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stop.is_set():
            raise Stopped
        if child.poll() is not None:
            raise RuntimeError(f"chalice local exited with code {child.returncode} "
                               "before answering (see its output above)")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass  # not listening yet
        stop.wait(0.25)
    raise RuntimeError(f"chalice local did not answer {url} within {timeout:.0f} s")


def _seed(env: dict[str, str]) -> list[tuple[str, str, str]] | None:
    """Demo data from devstack/seed.py, written by another part of the project if present."""
    if importlib.util.find_spec("devstack.seed") is None:
        print("No devstack/seed.py yet: starting without demo data.")
        return None
    seed = importlib.import_module("devstack.seed")
    return list(seed.seed_demo_data(env))


def _print_ready(url: str, aws_endpoint: str, accounts: list[tuple[str, str, str]] | None,
                 schedule_seconds: float) -> None:
    lines = ["", f"Labourspace is running at {url}",
             f"  embedded AWS: {aws_endpoint} (schedules run every {schedule_seconds:g} s)"]
    if accounts:
        lines.append("  demo accounts (role, sign-in, password):")
        role_width = max(len(role) for role, _, _ in accounts)
        user_width = max(len(user) for _, user, _ in accounts)
        lines += [f"    {role:<{role_width}}  {user:<{user_width}}  {password}"
                  for role, user, password in accounts]
        lines += ["  ministers, moderators, admins and the policy team also give a TOTP code: `make totp` prints the",
                  f"    current one (or add the secret {LOCAL_TOTP_SECRET} to an authenticator app)"]
    lines += [f"  every email sent (sign-up and reset codes too): {url}/dev/mailbox",
              "Press Ctrl-C to stop.", ""]
    print("\n".join(lines), flush=True)


def run(stop: threading.Event) -> int:
    print("The embedded AWS keeps its data in memory: a restart begins again from the demo data.",
          flush=True)
    port = int(os.environ.get("PORT", "8000"))
    aws_port = int(os.environ.get("AWS_PORT", "4566"))
    schedule_seconds = float(os.environ.get("LOCAL_SCHEDULE_SECONDS", "30"))
    template = os.environ.get("TEMPLATE_PATH", str(ROOT / "infra" / "template.yaml"))

    _ensure_free(port, "PORT")
    _ensure_free(aws_port, "AWS_PORT")
    aws = EmbeddedAws("127.0.0.1", aws_port).start()
    child: subprocess.Popen[bytes] | None = None
    runner_thread: threading.Thread | None = None
    try:
        outputs = deploy_infra(aws.endpoint, STAGE, REGION, template)
        env = app_env(outputs, aws.endpoint, REGION, STAGE)
        env.setdefault("PUBLIC_BASE_URL", f"http://127.0.0.1:{port}")
        # The app and the seed read their settings at import: the environment comes first.
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        app: Any = importlib.import_module("app").app
        # Made before seeding, so its SNS subscriptions see what the demo data publishes.
        runner = EventRunner(app, aws.endpoint, REGION, schedule_seconds)
        accounts = _seed(env)
        runner_thread = threading.Thread(target=runner.run_forever, args=(stop,),
                                         name="event-runner", daemon=True)
        runner_thread.start()

        child = _start_chalice(port, env)
        url = f"http://127.0.0.1:{port}"
        _wait_until_healthy(child, f"{url}/health", stop)
        _print_ready(url, aws.endpoint, accounts, schedule_seconds)
        while not stop.wait(0.5):
            if child.poll() is not None:
                print(f"chalice local exited with code {child.returncode}; stopping.",
                      file=sys.stderr)
                return 1
        return 0
    except Stopped:
        return 0
    finally:
        print("Stopping the local stack...", flush=True)
        stop.set()
        stop_child(child, term_grace=5.0)
        if runner_thread is not None:
            runner_thread.join(timeout=3)  # handlers mid-run are daemon threads: they end with us
        aws.stop()
        print("Stopped.", flush=True)


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("devstack").setLevel(logging.INFO)
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        return run(stop)
    except RuntimeError as error:  # devstack's own, already plain: no traceback needed
        print(f"devstack: {error}", file=sys.stderr)
        return 1
    except Exception:
        log.exception("the local stack failed")
        return 1
