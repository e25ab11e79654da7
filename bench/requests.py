"""DynamoDB cost per route: for each HTTP route the app serves, the DynamoDB calls one typical
well-formed request makes and the read and write units it consumes (ReturnConsumedCapacity), on
the embedded AWS with a realistic amount of data. Prints figures; never fails on them.

    .venv/bin/python bench/requests.py
"""

from __future__ import annotations

import math
import os
import random
import secrets
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this folder leads sys.path, and this file would shadow the `requests` package moto imports.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
from devstack.dynamodb_calls import item_size  # noqa: E402 (sys.path first; bench/search.py sizes with it too)

REGION = "eu-west-2"
PASSWORD = f"Bench-{secrets.token_hex(6)}-9"
AREAS = ("health", "transport", "housing", "education")
TOPICS = ("Free bus travel for apprentices", "Guarantee a GP appointment within a week",
          "Build council homes on brownfield land", "Free school breakfasts for every child",
          "Solar panels on every public building", "Reopen closed railway stations",
          "Longer opening hours for public libraries", "Cap letting agents' fees for tenants")
BODY = "Waiting weeks to see a GP turns treatable illness into emergencies that cost far more. " * 3
PLACES = ("in the North East", "in Wales", "in rural counties", "in coastal towns", "in London")
OPEN_CAMPAIGNS, PENDING_CAMPAIGNS, SYNTHETIC_SUPPORTS = 60, 6, 400
CONSULTATION_ANSWERS = 12
READS = {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"}
WARM = "warm container"  # a variant measured with the container's short caches filled, as a busy one has them


def estimated_write_units(operation: str, params: dict) -> float:
    """Per item, 1 unit per started KB (Update/Delete/ConditionCheck: by key, + new values); x2 in a transaction."""
    def units(kind: str, op: dict) -> int:
        size = item_size(op["Item"]) if kind in ("Put", "PutRequest") else item_size(op["Key"])
        if kind == "Update":
            size += item_size(op.get("ExpressionAttributeValues", {}))
        return max(1, math.ceil(size / 1024))

    if operation == "TransactWriteItems":
        return sum(2 * units(*next(iter(e.items()))) for e in params["TransactItems"])
    if operation == "BatchWriteItem":
        return sum(units(*next(iter(r.items()))) for rs in params["RequestItems"].values() for r in rs)
    kind = {"PutItem": "Put", "UpdateItem": "Update"}.get(operation, "Delete")
    return units(kind, {**params, "Key": params.get("Key", {})})


def measure(calls: list) -> dict:
    read = write = dynamodb_read = 0.0
    estimated = index_units = False
    for call in calls:
        index_units |= any("GlobalSecondaryIndexes" in c for c in call.consumed)
        if call.operation in READS:
            read += call.capacity_units
            dynamodb_read += call.read_units
        elif call.capacity_units >= 1:
            write += call.capacity_units
        else:  # none reported (TransactWriteItems), or below any write's minimum (moto's UpdateItem: 0.5)
            write += estimated_write_units(call.operation, call.params)
            estimated = True
    ops = Counter(c.operation for c in calls)
    return {"calls": len(calls), "read": read, "ddb_read": dynamodb_read, "write": write, "estimated": estimated,
            "index_units": index_units, "ops": " ".join(f"{op}\u00d7{n}" for op, n in ops.items()),
            "scans": ops["Scan"]}


class World:
    """People, an organisation and campaigns to make requests against (campaigns seeded through the store)."""

    def __init__(self, api, accounts):
        from chalicelib.store import campaigns

        self.api, self.accounts, self.store, self.password = api, accounts, campaigns, PASSWORD
        self.citizen, self.moderator, self.admin = self.user(), self.user("moderators"), self.user("admins")
        self.minister = self.user("ministers")
        self.owners = [self.user() for _ in range(6)]
        self.owner = self.owners[0]
        self.org = f"org-{uuid.uuid4().hex[:8]}"
        org_id = api.post("/organisations", user=self.owner, json_body={"handle": self.org, "name": "Rail Workers"}
                          ).json_body["id"]
        for member in self.owners[1:3]:
            api.post(f"/organisations/{self.org}/members", user=self.owner, json_body={"handle": member.handle})
            api.post(f"/organisations/{self.org}/members/me/accept", user=member)
        self.open_ids = [self.campaign("open", self.owners[i % 6], AREAS[i % len(AREAS)],
                                       f"{TOPICS[i % len(TOPICS)]} {PLACES[i % len(PLACES)]}",
                                       org_id if i % 12 == 1 else None)  # owners[1], a member
                         for i in range(OPEN_CAMPAIGNS)]
        self.pending_ids = [self.campaign("pending") for _ in range(PENDING_CAMPAIGNS)]
        self.campaign("draft")
        self.policy = self.user("policy")
        api.put(f"/policy-team/{self.policy.sub}/areas", user=self.admin, json_body={"areas": ["health"]})
        self.consultation_ids = [self.consultation() for _ in range(3)]
        # A consultation answered by a few campaigns (a draft among them: not shown, still read).
        self.answers = [self.campaign("open" if i else "draft", self.owners[i % 6], "health",
                                      f"{TOPICS[1]} {PLACES[i % len(PLACES)]}",
                                      consultation_id=self.consultation_ids[0]) for i in range(CONSULTATION_ANSWERS)]

    def consultation(self) -> str:
        now = datetime.now(UTC)
        return self.api.post("/consultations", user=self.policy, json_body={
            "area": "health", "question": f"How should we cut NHS waiting lists? {uuid.uuid4().hex[:4]}",
            "brief": "Tell us what would shorten the wait for a first appointment.",
            "opens_at": (now - timedelta(hours=1)).isoformat(), "closes_at": (now + timedelta(days=30)).isoformat(),
        }).json_body["id"]

    def user(self, *groups: str):
        from tests.conftest import User

        email = f"bench-{uuid.uuid4().hex[:10]}@example.org"
        account = self.accounts.create(email, PASSWORD, groups)
        user = User(sub=account.sub, email=email, token=self.accounts.id_token(account), groups=groups)
        user.handle = self.api.get("/me", user=user).json_body["handle"]  # the profile, made on first sign-in
        return user

    def campaign(self, status: str, owner=None, area: str = "health", title: str = "",
                 organisation_id: str | None = None, consultation_id: str | None = None) -> str:
        owner = owner or self.owner
        record = self.store.create_campaign(
            owner_id=owner.sub, title=title or f"{TOPICS[1]} {uuid.uuid4().hex[:4]}", area=area,
            summary="Everyone who needs it should be seen within seven days.", body=BODY,
            organisation_id=organisation_id, consultation_id=consultation_id)
        if status != "draft":
            record = self.store.submit(record, owner.sub)
        if status == "open":
            record = self.store.decide(record, self.moderator.sub, True, "Clear and within the rules.")
        return record.id

    def manifesto_move(self, campaign_id: str) -> tuple:
        """Shortlisting an open campaign, from the version just read (If-Match)."""
        version = self.api.get(f"/campaigns/{campaign_id}").json_body["version"]
        return (f"/campaigns/{campaign_id}/manifesto", {"stage": "shortlisted", "note": "On the shortlist."},
                {"If-Match": str(version)})

    def warmed(self, open_index: int, what: str) -> str:
        """A campaign this container read a moment ago (its two-second status cache holds it)."""
        from chalicelib.store.supports import campaign_snapshot

        campaign_id = self.open_ids[open_index]
        campaign_snapshot(campaign_id)
        return f"/campaigns/{campaign_id}/{what}"

    def replying(self, user, open_index: int, warm: bool) -> tuple:
        """A reply. Warm: from someone who loaded their profile here a moment ago (GET /me, as a page
        does), on a campaign read here a moment ago. Cold: this container remembers nothing shown."""
        from chalicelib.store import read_cache

        if warm:
            self.api.get("/me", user=user)
            path = self.warmed(open_index, "replies")
        else:
            read_cache.forget_shown()
            path = f"/campaigns/{self.open_ids[open_index]}/replies"
        return path, {"body": f"I waited six weeks for a GP appointment last winter. {uuid.uuid4().hex[:4]}"}

    def asked(self, path: str, user=None) -> str:
        """`path` asked just before, as a busy container has it: its short caches hold what it read."""
        self.api.get(path, user=user)
        return path

    def support(self) -> None:
        """Supports skewed towards a few campaigns, and the counts written as the stream would."""
        from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
        from chalicelib.logic.counting import refresh_count
        from chalicelib.store.supports import support

        rng = random.Random(7)
        picks = [self.open_ids[min(int(rng.paretovariate(1.2)) - 1, OPEN_CAMPAIGNS - 1)]
                 for _ in range(SYNTHETIC_SUPPORTS)]
        for i, campaign_id in enumerate(picks):
            support(campaign_id, f"synthetic-{i:05d}", consent_version=SUPPORT_CONSENT_VERSION)
        for campaign_id in self.open_ids[10:13]:
            support(campaign_id, self.citizen.sub, consent_version=SUPPORT_CONSENT_VERSION)
        for campaign_id in {*picks, *self.open_ids[10:13]}:
            refresh_count(campaign_id)


def scenarios(w: World) -> list[tuple]:
    """(route, caller's role, caller, () -> (path[, body[, headers]])[, variant name])."""
    from bench.request_scenarios import more_scenarios
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION

    c, o, m = w.citizen, w.owner, w.moderator
    consent = {"consent_version": SUPPORT_CONSENT_VERSION}
    body = {"title": f"{TOPICS[0]} and trainees", "summary": "Apprentices under 25 should ride buses free.",
            "body": "Apprentices earn little and travel far to their placements. " * 3, "area": "transport"}
    return [
        *[(f"GET {p}", "anyone", None, lambda p=p: (p, None)) for p in ("/health", "/auth/config", "/areas",
                                                                        "/regions", "/openapi.json")],
        ("GET /me", "citizen", c, lambda: ("/me", None)),
        ("PATCH /me", "citizen", c, lambda: ("/me", {"bio": f"Nurse, union rep {uuid.uuid4().hex[:4]}"})),
        ("GET /people/{handle}", "anyone", None, lambda: (f"/people/{o.handle}", None)),
        ("POST /organisations", "citizen", c,
         lambda: ("/organisations", {"handle": f"org-{uuid.uuid4().hex[:8]}", "name": "Bench Org"})),
        ("GET /organisations/{handle}", "anyone", None, lambda: (f"/organisations/{w.org}", None)),
        ("POST /organisations/{handle}/members", "org admin", o,
         lambda: (f"/organisations/{w.org}/members", {"handle": w.user().handle})),
        ("PUT /ministers/{minister_id}/portfolio", "admin", w.admin,
         lambda: (f"/ministers/{w.minister.sub}/portfolio", {"areas": ["health", "housing"]})),
        ("PUT /policy-team/{person_id}/areas", "admin", w.admin,
         lambda: (f"/policy-team/{w.policy.sub}/areas", {"areas": ["health", "education"]})),
        ("GET /ministers/{minister_id}/record", "anyone", None,
         lambda: (f"/ministers/{w.minister.sub}/record", None)),
        ("GET /people/{handle}", "anyone", None, lambda: (f"/people/{w.minister.handle}", None), "a minister"),
        ("POST /campaigns", "citizen", c, lambda: ("/campaigns", body)),
        ("POST /campaigns", "citizen", c, lambda: ("/campaigns", {**body, "title": f"{TOPICS[0]} now"},
                                                   {"Idempotency-Key": uuid.uuid4().hex}), "+ Idempotency-Key"),
        ("POST /campaigns", "citizen", c, lambda: ("/campaigns", {**body, "area": "health", "title": f"{TOPICS[1]} now",
                                                                  "consultation_id": w.consultation_ids[2]}),
         "+ consultation_id"),
        ("GET /campaigns", "anyone", None, lambda: ("/campaigns", None)),
        ("GET /campaigns", "anyone", None, lambda: (w.asked("/campaigns"), None), WARM),
        ("GET /campaigns", "anyone", None, lambda: ("/campaigns?area=health&sort=top", None), "?area=&sort=top"),
        ("GET /campaigns.csv", "anyone", None, lambda: ("/campaigns.csv", None)),
        ("GET /me/campaigns", "owner", o, lambda: ("/me/campaigns", None)),
        ("GET /me/campaigns", "citizen", c, lambda: ("/me/campaigns?relation=supported", None), "?relation=supported"),
        ("GET /campaigns/{campaign_id}", "citizen", c, lambda: (f"/campaigns/{w.open_ids[4]}", None)),
        ("GET /campaigns/{campaign_id}", "citizen", c, lambda: (w.asked(f"/campaigns/{w.open_ids[4]}", c), None), WARM),
        ("GET /campaigns/{campaign_id}", "citizen", c, lambda: (f"/campaigns/{w.open_ids[1]}", None), "org-hosted"),
        ("PATCH /campaigns/{campaign_id}", "owner", o,
         lambda: (f"/campaigns/{w.campaign('draft')}", {"title": "A clearer title for this"}, {"If-Match": "1"})),
        ("POST /campaigns/{campaign_id}/submit", "owner", o, lambda: (f"/campaigns/{w.campaign('draft')}/submit",)),
        ("POST /campaigns/{campaign_id}/decision", "moderator", m,
         lambda: (f"/campaigns/{w.pending_ids.pop()}/decision", {"decision": "approve", "reason": "Fine."})),
        ("POST /campaigns/{campaign_id}/close", "owner", o, lambda: (f"/campaigns/{w.open_ids[6]}/close", None)),
        ("GET /moderation/queue", "moderator", m, lambda: ("/moderation/queue", None)),
        ("PUT /campaigns/{campaign_id}/support", "citizen", c,
         lambda: (f"/campaigns/{w.open_ids[3]}/support", consent)),
        ("PUT /campaigns/{campaign_id}/support", "citizen", c, lambda: (w.warmed(5, "support"), consent), WARM),
        ("DELETE /campaigns/{campaign_id}/support", "citizen", c, lambda: (f"/campaigns/{w.open_ids[3]}/support",)),
        ("DELETE /campaigns/{campaign_id}/support", "citizen", c, lambda: (w.warmed(5, "support"),), WARM),
        ("PUT /campaigns/{campaign_id}/follow", "citizen", c, lambda: (f"/campaigns/{w.open_ids[3]}/follow", None)),
        ("PUT /campaigns/{campaign_id}/follow", "citizen", c, lambda: (w.warmed(5, "follow"), None), WARM),
        ("DELETE /campaigns/{campaign_id}/follow", "citizen", c, lambda: (f"/campaigns/{w.open_ids[3]}/follow",)),
        ("DELETE /campaigns/{campaign_id}/follow", "citizen", c, lambda: (w.warmed(5, "follow"),), WARM),
        ("POST /campaigns/{campaign_id}/replies", "citizen", c, lambda: w.replying(c, 4, warm=False)),
        ("POST /campaigns/{campaign_id}/replies", "citizen", c, lambda: w.replying(c, 5, warm=True), WARM),
        ("POST /campaigns/{campaign_id}/replies", "org member", w.owners[2],
         lambda: w.replying(w.owners[2], 1, warm=True), f"{WARM}, org-hosted, as a member (first reply here)"),
        ("POST /campaigns/{campaign_id}/replies", "org member", w.owners[2],
         lambda: w.replying(w.owners[2], 1, warm=True), f"{WARM}, org-hosted, as a member (again)"),
        ("GET /consultations", "anyone", None, lambda: ("/consultations?area=health&status=open", None)),
        ("POST /consultations", "policy", w.policy, lambda: ("/consultations", {
            "area": "health", "question": "How should we staff evening clinics?",
            "brief": "Who should staff them, where, and how late.", "opens_at": datetime.now(UTC).isoformat(),
            "closes_at": (datetime.now(UTC) + timedelta(days=9)).isoformat()})),
        # Its ideas: CONSULTATION_ANSWERS campaigns, one a draft (read, not shown).
        ("GET /consultations/{consultation_id}", "anyone", None, lambda: (f"/consultations/{w.consultation_ids[0]}",
                                                                          None)),
        ("POST /consultations/{consultation_id}/close", "policy", w.policy,
         lambda: (f"/consultations/{w.consultation_ids[0]}/close", {"summary": "We heard you: evening clinics."})),
        ("PUT /campaigns/{campaign_id}/manifesto", "admin", w.admin, lambda: w.manifesto_move(w.open_ids[8])),
        ("GET /manifesto", "anyone", None, lambda: ("/manifesto", None)),
        ("GET /manifesto", "anyone", None, lambda: ("/manifesto?area=health&stage=shortlisted", None),
         "?area=&stage="),
        ("GET /consent/support", "anyone", None, lambda: ("/consent/support", None)),
        ("GET /areas/{area_id}/canvass", "admin", w.admin, lambda: ("/areas/health/canvass", None)),
        ("GET /areas/{area_id}/canvass.csv", "admin", w.admin, lambda: ("/areas/health/canvass.csv", None)),
        ("GET /me/export", "citizen", c, lambda: ("/me/export", None)),
        *more_scenarios(w),  # bench/request_scenarios.py
    ]


def main() -> None:
    started = time.perf_counter()
    from devstack import dynamodb_calls
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    dynamodb_calls.install()  # before the app (and so any DynamoDB client) is imported
    aws = EmbeddedAws().start()
    outputs = deploy_infra(aws.endpoint, stage="local", region=REGION, template_path=str(ROOT / "infra/template.yaml"))
    os.environ.update(app_env(outputs, aws.endpoint, region=REGION, stage="local"),
                      POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")  # no EMF lines in the table
    from chalice.test import Client

    from app import app
    from chalicelib.settings import get_settings
    from chalicelib.store import read_cache
    from devstack.accounts import CognitoAccounts
    from devstack.dynamodb_calls import recording
    from tests.conftest import Api

    settings = get_settings()
    with Client(app) as client:
        api = Api(client)
        world = World(api, CognitoAccounts(settings.user_pool_id, settings.user_pool_client_id, aws.endpoint, REGION))
        world.support()
        seeded = time.perf_counter()
        rows = []
        for route, role, user, prepare, *variant in scenarios(world):
            read_cache.forget_shown()  # each request pays its reads, as a new container's does...
            path, body, headers = (*prepare(), None, None)[:3]  # ...unless made warm here, before recording
            with recording() as recorder:
                response = api.request(route.split()[0], path, user=user, json_body=body, headers=headers)
            rows.append({"route": route, "variant": variant[0] if variant else "", "role": role,
                         "status": response.status_code, **measure(recorder.calls)})
    measured = time.perf_counter()
    aws.stop()
    report(rows, {f"{m} {p}" for p, methods in app.routes.items() for m in methods})
    print(f"\nSetup and seeding {seeded - started:.1f} s, {len(rows)} requests measured in {measured - seeded:.1f} s.")


def report(rows: list[dict], served: set[str]) -> None:
    print(f"DynamoDB per request: {OPEN_CAMPAIGNS} open campaigns over {len(AREAS)} areas, "
          f"{SYNTHETIC_SUPPORTS} supports, {PENDING_CAMPAIGNS} pending; units from ReturnConsumedCapacity.\n")
    print(f"{'route':<58} {'as':<10} {'http':>4} {'calls':>5} {'read':>6} {'write':>6}  {'read*':>5}  operations")
    for r in rows:
        route = f"  {r['variant']}" if r["variant"] else r["route"]
        flag = "~" if r["estimated"] else " "
        print(f"{route:<58} {r['role']:<10} {r['status']:>4} {r['calls']:>5} {r['read']:>6.1f} "
              f"{r['write']:>5.1f}{flag}  {r['ddb_read']:>5.1f}  {r['ops'] or '-'}")
    main_rows = [r for r in rows if not r["variant"]]
    total = f"total, one request per route ({len(main_rows)})"
    print(f"{total:<74} {sum(r['calls'] for r in main_rows):>5} {sum(r['read'] for r in main_rows):>6.1f} "
          f"{sum(r['write'] for r in main_rows):>5.1f}   {sum(r['ddb_read'] for r in main_rows):>5.1f}")
    unmeasured = served - {r["route"] for r in rows}
    failed = [f"{r['route']} {r['variant']}".strip() for r in rows if r["status"] >= 400]
    scans = [f"{r['route']} ({r['scans']})" for r in rows if r["scans"]]
    print(f"\nScans: {', '.join(scans) if scans else 'none'}.")
    print(f"Not measured (no scenario): {sorted(unmeasured) or 'none'}; error answers: {failed or 'none'}.")
    gsi = ("included where moto reported them" if any(r["index_units"] for r in rows) else "none: moto reports"
           " none (and PynamoDB asks for TOTAL, not INDEXES); a write also writes each index whose key it sets")
    print(NOTES.format(gsi=gsi))


NOTES = """
Notes: indented rows are variants of the route above; totals count one request per route.
- read/write: the units moto reported, read operations as read units, writes as write units. moto's
  figures are per-call constants, not sizes (GetItem 0.5, Query 1, BatchGetItem 1 a key, PutItem 1):
  DynamoDB charges reads per 4 KB (eventually consistent halved), so read units are a weighted call count:
  moving a GetItem's key into a BatchGetItem adds 0.5 here (0.5 -> 1) and nothing in DynamoDB.
- read*: key reads (GetItem, BatchGetItem) by DynamoDB's rules instead: per item, 0.5 a started 4 KB read
  eventually consistent, 1 consistent, an absent item as one of under 4 KB; sized as returned (a projection
  makes it a lower bound); Query and Scan as moto reports them.
- ~ estimated: moto reports nothing for TransactWriteItems and 0.5 for UpdateItem (under any write's
  minimum of 1), so those follow DynamoDB's rules: per item, 1 unit per started KB of the serialized
  item (Update/Delete/ConditionCheck: by key, + new values, at least 1), twice in a transaction.
- GSI write units: {gsi}.
- The container's short caches (chalicelib/store/read_cache.py: the 2 s campaign status, names, list
  order, slugs, related campaigns) are emptied before each request, as in a new container, except in
  the "warm container" rows, where the same request (or the campaign's status) was made just before.
  Every row's caller loaded GET /me on this container first and has written here before: the copies of
  their own kept for their next write (profile region, rate-limit uses) stay (`read_cache.forget_shown`).
  A container new to them reads their region and rate-limit item too: on the support path, in the same
  BatchGetItem as the campaign's status (issue 30), so a support there is still two calls."""


if __name__ == "__main__":
    main()
