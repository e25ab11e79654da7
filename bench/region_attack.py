"""Issue 25, item 1, played against the local stack: what an attacker with accounts learns of a small
regional figure. Prints figures; passes or fails nothing.

Starts its own stack (`python -m devstack` on free ports, with the demo data, its hourly schedules
every SCHEDULE_SECONDS as `make run` does), then, over HTTP only, as anyone could:
1. Subtraction: reads GET /campaigns/{id} and, for each region shown as "<10", what the total and the
   other figures allow it to be (each figure read as the page says: a number rounded to the nearest
   5; "<10"; "10+": 10 or more; the attacker's own arithmetic, not the app's). The naive attack, total
   minus the other numbers, is printed beside it.
2. Padding: makes PADDING accounts through the public sign-up (SignUp with the app's client id from
   GET /auth/config, the code read from GET /dev/mailbox, ConfirmSignUp, sign-in), each sets
   PATCH /me {"region": R} and supports; then reads the figure once the count has moved and the next
   snapshot is taken, infers real = shown - PADDING where the figure is a number, withdraws them all,
   and reads again.
What DynamoDB holds (the campaign's live split, read straight from the embedded AWS) is printed last,
to compare. Against a stack without snapshots (an older main) it reads once the count has moved.

    .venv/bin/python bench/region_attack.py [--campaign "Build 100,000 council homes a year"]
                                            [--region northern-ireland] [--padding 9]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The repository instead of bench/ itself: bench/requests.py would shadow the requests package.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

import boto3  # noqa: E402
import requests  # noqa: E402

from devstack.embedded_aws import aws_env  # noqa: E402
from devstack.own_stack import own_stack  # noqa: E402

SCHEDULE_SECONDS = 20
PASSWORD = "Labourspace-attack-1"  # noqa: S105 (throwaway accounts in the embedded Cognito)
REGION = "eu-west-2"


class Attacker:
    def __init__(self, url: str, aws_endpoint: str) -> None:
        self.url = url
        config = requests.get(f"{url}/auth/config", timeout=60).json()
        self.client_id = config["client_id"]
        self.idp = boto3.client("cognito-idp", endpoint_url=aws_endpoint, region_name=REGION)
        self.consent = requests.get(f"{url}/consent/support", timeout=60).json()["version"]

    def join(self) -> dict[str, str]:
        """A fresh account through the public sign-up, as /join does: the Authorization header."""
        email = f"pad-{uuid.uuid4().hex[:10]}@example.org"
        self.idp.sign_up(ClientId=self.client_id, Username=email, Password=PASSWORD,
                         UserAttributes=[{"Name": "email", "Value": email}])
        mail = requests.get(f"{self.url}/dev/mailbox", params={"to": email}, timeout=60).json()["emails"]
        code = next(found.group(1) for sent in mail for found in [re.search(r"\b(\d{6})\b", sent["text"])] if found)
        self.idp.confirm_sign_up(ClientId=self.client_id, Username=email, ConfirmationCode=code)
        tokens = self.idp.initiate_auth(ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD})
        return {"Authorization": f"Bearer {tokens['AuthenticationResult']['IdToken']}"}

    def campaign(self, campaign_id: str) -> dict:
        return requests.get(f"{self.url}/campaigns/{campaign_id}", timeout=60).json()

    def find(self, title: str) -> dict:
        for status in ("open", "closed"):
            listed = requests.get(f"{self.url}/campaigns", params={"status": status, "limit": 100}, timeout=60)
            for item in listed.json()["items"]:
                if item["title"] == title:
                    return item
        raise SystemExit(f"no campaign titled {title!r} in the demo data")

    def quiet(self, campaign_id: str, timeout: float = 300) -> dict:
        """The campaign once the demo's counts have all arrived and a snapshot was taken after."""
        deadline = time.monotonic() + timeout
        last = self.campaign(campaign_id)
        while time.monotonic() < deadline:
            time.sleep(SCHEDULE_SECONDS + 2)
            now = self.campaign(campaign_id)
            if now["support_count"] == last["support_count"] > 0 and now.get("support_by_region_as_of") != \
                    last.get("support_by_region_as_of", "live"):
                return now
            last = now
        raise SystemExit(f"the demo's count did not settle within {timeout:.0f} s")

    def wait_for(self, campaign_id: str, count: int, after_snapshot: str | None, timeout: float = 300) -> dict:
        """The campaign once its count is `count` and, if it has snapshots, a newer one than the last."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.campaign(campaign_id)
            fresh = "support_by_region_as_of" not in shown or shown["support_by_region_as_of"] != after_snapshot
            if shown["support_count"] == count and fresh:
                return shown
            time.sleep(1)
        raise SystemExit(f"the count did not reach {count} with a new snapshot within {timeout:.0f} s")


def said(value, exact: bool) -> tuple[int, int | None]:
    """What one figure says, as the page states it: a number rounded to the nearest 5 (exact on a
    stack without snapshots, which showed live counts), "<10", or "10+" (10 or more)."""
    if value == "<10":
        return 0, 9
    if value == "10+":
        return 10, None
    return (value, value) if exact else (max(10, value - 2), value + 2)


def attacker_range(figures: dict, total: int, cell: str, exact: bool) -> tuple[int, int]:
    """What the total and every other figure allow `cell` to be: the figures sum to the total."""
    ranges = {c: said(v, exact) for c, v in figures.items()}
    others = [r for c, r in ranges.items() if c != cell]
    low, high = ranges[cell]
    top = total - sum(r[0] for r in others)
    high = top if high is None else min(high, top)
    if all(r[1] is not None for r in others):
        low = max(low, total - sum(r[1] for r in others if r[1] is not None))
    return low, high


def subtraction(shown: dict) -> None:
    figures, total, exact = shown["support_by_region"], shown["support_count"], "support_by_region_as_of" not in shown
    print(f"\n1. Subtraction: total {total:,}; figures {figures}")
    for cell, value in figures.items():
        if value != "<10":
            continue
        numbers = [v for c, v in figures.items() if c != cell and isinstance(v, int)]
        naive = total - sum(numbers) if len(numbers) == len(figures) - 1 else None
        low, high = attacker_range(figures, total, cell, exact)
        naive_said = naive if naive is not None else "n/a (another is hidden)"
        print(f"   {cell:<18} shown <10; total minus the others: {naive_said}; "
              f"what the figures and the total allow: {low} to {high}")


def truth(aws_endpoint: str, campaign_id: str) -> dict[str, int]:
    """The live split the count handler wrote (every support, settled or not), from DynamoDB itself."""
    dynamodb = boto3.client("dynamodb", endpoint_url=aws_endpoint, region_name=REGION)
    table = next(t for t in dynamodb.list_tables()["TableNames"] if t.endswith("-campaigns"))
    item = dynamodb.get_item(TableName=table, Key={"id": {"S": campaign_id}}, ConsistentRead=True)["Item"]
    return {cell: int(v["N"]) for cell, v in item.get("support_by_region", {}).get("M", {}).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaign", default="Build 100,000 council homes a year")
    parser.add_argument("--region", default="northern-ireland")
    parser.add_argument("--padding", type=int, default=9)
    args = parser.parse_args()

    with own_stack("labourspace-region-attack-", schedule_seconds=SCHEDULE_SECONDS) as stack:
        os.environ.update(aws_env(stack.aws_endpoint))
        attacker = Attacker(stack.url, stack.aws_endpoint)
        target = attacker.find(args.campaign)
        before = attacker.quiet(target["id"])
        print(f"Target: {args.campaign!r} ({before['support_count']:,} supporters), region {args.region}; "
              f"figures as of {before.get('support_by_region_as_of', '(live: no snapshot)')}")
        subtraction(before)

        started = time.monotonic()
        padding = [attacker.join() for _ in range(args.padding)]
        for headers in padding:
            assert requests.patch(f"{stack.url}/me", json={"region": args.region}, headers=headers,
                                  timeout=60).status_code == 200
            assert requests.put(f"{stack.url}/campaigns/{target['id']}/support", headers=headers, timeout=60,
                                json={"consent_version": attacker.consent}).status_code == 200
        padded = attacker.wait_for(target["id"], before["support_count"] + args.padding,
                                   before.get("support_by_region_as_of"))
        shown = padded["support_by_region"][args.region]
        inferred = shown - args.padding if isinstance(shown, int) else None
        print(f"\n2. Padding with {args.padding} fresh accounts made through the public sign-up "
              f"({time.monotonic() - started:.0f} s): {args.region} was {before['support_by_region'][args.region]!r}, "
              f"now {shown!r} (as of {padded.get('support_by_region_as_of', 'live')}); "
              f"the attacker infers {inferred if inferred is not None else 'nothing: the figure did not move'}")
        subtraction(padded)
        held = truth(stack.aws_endpoint, target["id"])
        print(f"   meanwhile DynamoDB's live split held {args.region} {held.get(args.region)}")
        for headers in padding:
            assert requests.delete(f"{stack.url}/campaigns/{target['id']}/support", headers=headers,
                                   timeout=60).status_code == 200
        after = attacker.wait_for(target["id"], before["support_count"], padded.get("support_by_region_as_of"))
        print(f"   withdrawn: {args.region} {after['support_by_region'][args.region]!r}; every figure as before: "
              f"{after['support_by_region'] == before['support_by_region']}")

        held = truth(stack.aws_endpoint, target["id"])
        print(f"\nWhat DynamoDB holds (every support, by region): {args.region} {held.get(args.region)}; {held}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
