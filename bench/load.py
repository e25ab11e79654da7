"""A load run: 50 simulated people for 2 minutes against the local stack, on loopback only.

Starts its own stack (`python -m devstack` on free ports, no autoreload: devstack/own_stack.py)
with the demo data, makes PEOPLE accounts in the embedded Cognito (confirmed, as
devstack.accounts does), then runs locust in-process: each person mostly reads pages (`/`,
`/c/{slug}`) and lists (`/campaigns`), and now and then supports or withdraws from a campaign
or replies on one. Bounded: it stops after SECONDS or MAX_REQUESTS, whichever comes first, then
stops the stack. Prints requests/s, p50/p95/p99 latency per kind and in total, and errors.

What carries over to AWS is what each request does (its DynamoDB calls and units: bench/requests.py);
the latencies here are moto's and chalice local's (one Python process answering one request at a
time), not Lambda's and DynamoDB's.

    .venv/bin/python bench/load.py [--people 50] [--seconds 120] [--max-requests 50000]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The repository instead of bench/ itself: bench/requests.py would shadow the requests package
# (locust imports it), so this comes before locust.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

# locust patches the standard library with gevent on import: before anything that opens sockets.
import gevent  # noqa: E402
from locust import HttpUser, between, task  # noqa: E402
from locust.env import Environment  # noqa: E402

from devstack.embedded_aws import aws_env  # noqa: E402
from devstack.own_stack import own_stack  # noqa: E402

PASSWORD = "Labourspace-load-1"  # noqa: S105 (throwaway accounts in the embedded Cognito)
# Each person's writes stay under the rate limits (30 support changes and 30 replies an hour), so
# every answer is expected to be a success: an error is an error.
WRITES_EACH = 20
_accounts: list[tuple[str, str]] = []  # (email, id token), taken one per simulated person
_campaigns: list[dict[str, str]] = []  # open campaigns: id, slug


class Person(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        _email, token = _accounts.pop()
        self.headers = {"Authorization": f"Bearer {token}"}
        self.writes = 0
        self.supported: set[str] = set()
        self.client.get("/me", headers=self.headers, name="GET /me")  # the profile, as an app's first call
        self.consent = self.client.get("/consent/support", name="GET /consent/support").json().get("version")

    @task(4)
    def home(self) -> None:
        self.client.get("/", name="GET /", headers={"Accept": "text/html"})

    @task(4)
    def campaign_page(self) -> None:
        self.client.get(f"/c/{random.choice(_campaigns)['slug']}", name="GET /c/{slug}",
                        headers={"Accept": "text/html"})

    @task(3)
    def campaigns(self) -> None:
        self.client.get("/campaigns", name="GET /campaigns")

    @task(2)
    def support_or_withdraw(self) -> None:
        if self.writes >= WRITES_EACH:
            return self.campaigns()
        self.writes += 1
        campaign = random.choice(_campaigns)["id"]
        if campaign in self.supported:
            self.client.delete(f"/campaigns/{campaign}/support", headers=self.headers,
                               name="DELETE /campaigns/{id}/support")
            self.supported.discard(campaign)
        else:
            self.client.put(f"/campaigns/{campaign}/support", headers=self.headers,
                            json={"consent_version": self.consent}, name="PUT /campaigns/{id}/support")
            self.supported.add(campaign)

    @task(1)
    def reply(self) -> None:
        if self.writes >= WRITES_EACH:
            return self.campaigns()
        self.writes += 1
        self.client.post(f"/campaigns/{random.choice(_campaigns)['id']}/replies", headers=self.headers,
                         json={"body": f"Count me in: this matters where I live ({uuid.uuid4().hex[:6]})."},
                         name="POST /campaigns/{id}/replies")


def _make_people(url: str, aws_endpoint: str, count: int) -> None:
    import requests

    from devstack.accounts import CognitoAccounts

    config = requests.get(f"{url}/auth/config", timeout=10).json()
    accounts = CognitoAccounts(config["user_pool_id"], config["client_id"], aws_endpoint)
    tag = uuid.uuid4().hex[:6]
    for n in range(count):
        account = accounts.create(f"load-{tag}-{n}@example.org", PASSWORD)
        _accounts.append((account.email, accounts.id_token(account)))


def _warm_the_token_keys(url: str) -> None:
    """One signed-in request first: the server fetches the pool's keys on its first one and answers
    any that arrive meanwhile 503 (http/auth.py). A Lambda container serves one request at a time and
    never meets that; this one server taking 50 first requests at once would."""
    import requests

    requests.get(f"{url}/me", headers={"Authorization": f"Bearer {_accounts[0][1]}"}, timeout=60).raise_for_status()


def _open_campaigns(url: str) -> None:
    import requests

    listed = requests.get(f"{url}/campaigns", timeout=30).json()["items"]
    _campaigns.extend({"id": c["id"], "slug": c["slug"]} for c in listed if c.get("status", "open") == "open")
    if not _campaigns:
        raise RuntimeError("the demo data has no open campaign to load")


def _report(env: Environment, seconds: float) -> int:
    rows = [*sorted(env.stats.entries.values(), key=lambda s: -s.num_requests), env.stats.total]
    print(f"\n{'request':<36}{'count':>7}{'errors':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}")
    for s in rows:
        print(f"{s.name:<36}{s.num_requests:>7}{s.num_failures:>8}{s.num_requests / seconds:>8.1f}"
              f"{s.get_response_time_percentile(0.5):>8.0f}{s.get_response_time_percentile(0.95):>8.0f}"
              f"{s.get_response_time_percentile(0.99):>8.0f}")
    for error in env.stats.errors.values():
        print(f"  error: {error.method} {error.name}: {error.error} x{error.occurrences}")
    total = env.stats.total
    print(f"\nload: {total.num_requests} requests in {seconds:.0f} s = {total.num_requests / seconds:.1f}/s; "
          f"p50 {total.get_response_time_percentile(0.5):.0f} ms, p95 {total.get_response_time_percentile(0.95):.0f}"
          f" ms, p99 {total.get_response_time_percentile(0.99):.0f} ms; errors {total.num_failures}")
    return 1 if total.num_failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--max-requests", type=int, default=50_000)
    args = parser.parse_args()

    with own_stack("labourspace-load-") as stack:
        os.environ.update(aws_env(stack.aws_endpoint))  # boto3, for devstack.accounts, at the embedded AWS
        _open_campaigns(stack.url)
        _make_people(stack.url, stack.aws_endpoint, args.people)
        _warm_the_token_keys(stack.url)
        print(f"{args.people} people, {len(_campaigns)} open campaigns; up to {args.seconds:.0f} s or "
              f"{args.max_requests:,} requests", flush=True)
        Person.host = stack.url
        load = Environment(user_classes=[Person])
        runner = load.create_local_runner()
        started = time.monotonic()
        runner.start(args.people, spawn_rate=args.people / 5)
        while time.monotonic() - started < args.seconds and load.stats.total.num_requests < args.max_requests:
            gevent.sleep(1)
        runner.quit()
        return _report(load, time.monotonic() - started)


if __name__ == "__main__":
    sys.exit(main())
