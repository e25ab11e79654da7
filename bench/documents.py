"""What policy documents cost in DynamoDB at a programme round's scale: a document of 200 clauses with
2,000 amendments and 100,000 supports on them (Zipf-like: a few amendments carry most of the support),
on the embedded AWS. For each operation it prints the calls, read and write units (as bench/requests.py
measures them) and the operations made, cold (a new container) and warm; supporting an amendment beside
supporting a campaign; and publishing a version that applies 200 decided changes, with its time.

    .venv/bin/python bench/documents.py

The amendments, supports and counters are written in batches (the items the API would write; the
counts as the stream would leave them); the measured requests go through the API.
"""

from __future__ import annotations

import json
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
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

REGION = "eu-west-2"
PASSWORD = f"Bench-{secrets.token_hex(6)}-9"
CHAPTERS, CLAUSES_EACH = 10, 20  # 200 clauses
AMENDMENTS = 2_000
SUPPORTS = 100_000
CLAUSE_TEXT = ("The party will fund every local authority to insulate the homes of people on low incomes, "
               "with grants that cover the whole cost and a public body to see the work done well. ")


def supports_per_amendment(rng: random.Random) -> list[int]:
    """SUPPORTS spread over AMENDMENTS by a Zipf-like law (weight 1/rank), summing exactly."""
    weights = [1 / (rank + 1) for rank in range(AMENDMENTS)]
    total = sum(weights)
    counts = [int(SUPPORTS * w / total) for w in weights]
    for i in range(SUPPORTS - sum(counts)):
        counts[i % AMENDMENTS] += 1
    rng.shuffle(counts)
    return counts


def seed(document, clause_ids: list[str], proposers: list[str], rng: random.Random) -> list[tuple[str, str, int]]:
    """(amendment id, clause id, supports) of AMENDMENTS amendments, 10 a clause, with their supports and
    counters, and the document's counts, as the API and the counters' stream would have left them."""
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.domain.regions import REGION_IDS
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.store.base import iso, system_update, utcnow
    from chalicelib.store.tables.amendments import AmendmentRecord
    from chalicelib.store.tables.documents import DocumentRecord
    from chalicelib.store.tables.support_counters import SupportCounterRecord, region_counter
    from chalicelib.store.tables.supports import SupportRecord

    counts = supports_per_amendment(rng)
    made, started = [], time.monotonic()
    base = datetime.now(UTC)
    with AmendmentRecord.batch_write() as batch:
        for n in range(AMENDMENTS):
            clause = clause_ids[n % len(clause_ids)]
            at = iso(base + timedelta(milliseconds=n))
            amendment_id = f"am-{''.join(ch for ch in at[:23] if ch.isdigit())}-{n:06x}"
            action = ("replace", "insert_after", "delete")[n % 3]
            batch.save(AmendmentRecord(
                id=amendment_id, document_id=document.id, clause_id=clause, clause_key=f"{document.id}#{clause}",
                clause_order=f"{clause}#{at}#{amendment_id}", action=action,
                text="" if action == "delete" else CLAUSE_TEXT[: 80 + n % 120], reason=CLAUSE_TEXT[:140],
                proposer_id=proposers[n % len(proposers)], against_version=1, proposed_at=at, status="submitted",
                support_count=counts[n], support_by_region={r: counts[n] // 13 for r in REGION_IDS}))
            made.append((amendment_id, clause, counts[n]))
    per_clause = Counter(c for _, c, _ in made)
    system_update(DocumentRecord, document.id, actions=[
        DocumentRecord.clause_amendments.set(dict(per_clause)), DocumentRecord.amendment_count.set(AMENDMENTS),
        DocumentRecord.undecided_count.set(AMENDMENTS)])
    print(f"  {AMENDMENTS:,} amendments written in {time.monotonic() - started:.0f} s", flush=True)
    now, written, shards = iso(utcnow()), 0, Counter()
    regions: Counter = Counter()
    with SupportRecord.batch_write() as batch:
        for amendment_id, _clause, count in made:
            for i in range(count):
                person = f"member-{i:06d}"  # the same members support many amendments, as members do
                shard = shard_of(person)
                region = REGION_IDS[i % len(REGION_IDS)]
                shards[(amendment_id, shard)] += 1
                regions[(amendment_id, shard, region)] += 1
                batch.save(SupportRecord(campaign_shard=shard_key(amendment_id, shard), supporter_id=person,
                                         campaign_id=amendment_id, supported_at=now,
                                         consent_version=SUPPORT_CONSENT_VERSION, consented_at=now, region=region))
                written += 1
                if written % 20_000 == 0:
                    print(f"  supports {written:>7,} / {SUPPORTS:,}", flush=True)
    with SupportCounterRecord.batch_write() as batch:
        for (amendment_id, shard), n in shards.items():
            counter = SupportCounterRecord(counter_id=shard_key(amendment_id, shard), campaign_id=amendment_id, count=n)
            for region in REGION_IDS:
                setattr(counter, region_counter(region).attr_name, regions[(amendment_id, shard, region)] or None)
            batch.save(counter)
    print(f"  {written:,} supports and {len(shards):,} shard counters written; {time.monotonic() - started:.0f} s",
          flush=True)
    return made


def main() -> None:
    started = time.perf_counter()
    from bench.requests import measure
    from devstack import dynamodb_calls
    from devstack.deploy import app_env, deploy_infra
    from devstack.embedded_aws import EmbeddedAws

    dynamodb_calls.install()
    aws = EmbeddedAws().start()
    outputs = deploy_infra(aws.endpoint, stage="local", region=REGION, template_path=str(ROOT / "infra/template.yaml"))
    os.environ.update(app_env(outputs, aws.endpoint, region=REGION, stage="local"),
                      POWERTOOLS_LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true")
    from chalice.test import Client

    from app import app
    from chalicelib.domain.amendments import Action, Change
    from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION
    from chalicelib.domain.documents import new_clause_id
    from chalicelib.domain.versions import apply
    from chalicelib.logic import amendments as amendment_logic
    from chalicelib.settings import get_settings
    from chalicelib.store import campaigns, documents, read_cache
    from chalicelib.store.tables.document_versions import DocumentVersionRecord
    from devstack.accounts import CognitoAccounts
    from devstack.dynamodb_calls import recording
    from tests.conftest import Api, User

    settings = get_settings()
    accounts = CognitoAccounts(settings.user_pool_id, settings.user_pool_client_id, aws.endpoint, REGION)
    rng = random.Random(28)
    rows: list[dict] = []
    with Client(app) as client:
        api = Api(client)

        def user(*groups: str) -> User:
            email = f"bench-{uuid.uuid4().hex[:10]}@example.org"
            account = accounts.create(email, PASSWORD, groups)
            made = User(sub=account.sub, email=email, token=accounts.id_token(account), groups=groups)
            api.get("/me", user=made)
            return made

        admin, policy, citizen, moderator = user("admins"), user("policy"), user(), user("moderators")
        api.put(f"/policy-team/{policy.sub}/areas", user=admin, json_body={"areas": ["energy"]})
        body = {"area": "energy", "title": "Warm homes, clean power: the 2029 programme", "summary": "s" * 300,
                "chapters": [{"heading": f"Chapter {c + 1}", "clauses": [f"{CLAUSE_TEXT} ({c + 1}.{k + 1})"
                                                                         for k in range(CLAUSES_EACH)]}
                             for c in range(CHAPTERS)],
                "amendments_close_at": (datetime.now(UTC) + timedelta(days=30)).isoformat()}
        made = api.post("/documents", user=policy, json_body=body)
        assert made.status_code == 201, made.body
        document = documents.get_document(made.json_body["id"], consistent=True)
        version_item = DocumentVersionRecord.get(document.id, 1)
        clause_ids = [c.id for c in documents.get_version(document.id, 1).clauses()]
        proposers = [f"proposer-{i:04d}" for i in range(400)]
        seeded = seed(document, clause_ids, proposers, rng)
        busiest = max(seeded, key=lambda row: row[2])
        draft = campaigns.create_campaign(owner_id=citizen.sub, title="Free school meals", summary="s" * 60,
                                          body="b" * 200, area="education", organisation_id=None)
        campaign = campaigns.decide(campaigns.submit(draft, citizen.sub), moderator.sub, True, "Fine.")
        seeded_at = time.perf_counter()

        def run(label: str, variant: str, method: str, path: str, who=None, json_body=None, warm=None,
                status: int = 200) -> None:
            # A container's caches of what is shown emptied, keeping the person's own copies (their
            # region, rate-limit uses): one that has served them, as bench/requests.py measures...
            read_cache.forget_shown()
            if warm is not None:  # ...or what a busy one would hold: the same read made just before
                warm()
            t0 = time.perf_counter()
            with recording() as recorder:
                response = api.request(method, path, user=who, json_body=json_body)
            took = (time.perf_counter() - t0) * 1000
            assert response.status_code == status, (label, response.status_code, response.body)
            rows.append({"label": label, "variant": variant, "ms": took, **measure(recorder.calls)})

        consent = {"consent_version": SUPPORT_CONSENT_VERSION}
        doc_path = f"/documents/{document.id}"
        run("reading the document (GET /documents/{id})", "cold", "GET", doc_path)
        run("", "warm", "GET", doc_path, warm=lambda: api.get(doc_path))
        run("", "the page, cold", "GET", doc_path)
        clause_path = f"{doc_path}/amendments?clause_id={busiest[1]}"
        run("one clause's amendments (10, most supported first)", "cold", "GET", clause_path)
        run("", "warm", "GET", clause_path, warm=lambda: api.get(clause_path))
        api.get("/me", user=citizen)
        run("proposing (POST /documents/{id}/amendments)", "", "POST", f"{doc_path}/amendments", citizen,
            {"clause_id": clause_ids[7], "action": "replace", "text": "A better wording of this clause.",
             "reason": "Because members asked for it at branch meetings."}, status=201)
        supported = [a for a, _c, n in seeded if n < 40][:2]
        api.get("/me", user=citizen)
        run("supporting an amendment (PUT /amendments/{id}/support)", "cold", "PUT",
            f"/amendments/{supported[0]}/support", citizen, consent)
        run("", "warm container", "PUT", f"/amendments/{supported[1]}/support", citizen, consent,
            warm=lambda: amendment_logic.stores().amendments.support_state(supported[1]))
        run("supporting a campaign (PUT /campaigns/{id}/support), the same", "cold", "PUT",
            f"/campaigns/{campaign.id}/support", citizen, consent)
        from chalicelib.store.supports import campaign_snapshot
        api.delete(f"/campaigns/{campaign.id}/support", user=citizen)
        run("", "warm container", "PUT", f"/campaigns/{campaign.id}/support", citizen, consent,
            warm=lambda: campaign_snapshot(campaign.id))
        decided_one = busiest[0]
        run("deciding (PUT /amendments/{id}/decision: freeze 128 counters, then one transaction)", "", "PUT",
            f"/amendments/{decided_one}/decision", policy,
            {"decision": "rejected", "reason": "Costed, and it does not fit the fiscal rules."})

        # Publishing: 200 decided changes waiting, one rewording per clause (through the use case, unmeasured).
        from chalicelib.domain.identity import Caller, Role

        team = Caller(id=policy.sub, username=policy.sub, roles=frozenset({Role.CITIZEN, Role.POLICY}))
        per_clause: dict[str, str] = {}
        for amendment_id, clause_id, _n in seeded:
            if clause_id not in per_clause and amendment_id != decided_one and int(amendment_id[-6:], 16) % 3 == 0:
                per_clause[clause_id] = amendment_id
        t0 = time.perf_counter()
        for amendment_id in per_clause.values():
            amendment_logic.decide(team, amendment_id, verdict="accepted", reason="Members made the case well.",
                                   text=None, composite_of=[], now=datetime.now(UTC))
        decided_s = time.perf_counter() - t0
        run(f"publishing a version ({len(per_clause)} changes applied)", "", "POST", f"{doc_path}/versions", policy,
            {"note": "After the round."}, status=201)
        published = documents.get_document(document.id, consistent=True)
        current = documents.get_version(document.id, 1)
        changes = [Change((f"am-{i}",), c.id, Action.REPLACE, CLAUSE_TEXT, "2026")
                   for i, c in enumerate(current.clauses())]
        t0 = time.perf_counter()
        for _ in range(20):
            apply(current.chapters, changes, new_clause_id)
        apply_ms = (time.perf_counter() - t0) * 1000 / 20
        run("the diff of version 1 and 2 (GET /documents/{id}/diff)", "cold", "GET", f"{doc_path}/diff?from=1&to=2")
    measured = time.perf_counter()
    aws.stop()
    report(rows)
    size = len(json.dumps(version_item.chapters))
    print(f"\nThe document: {CHAPTERS * CLAUSES_EACH} clauses, its version item ~{size / 1024:.0f} KB; "
          f"{AMENDMENTS:,} amendments, {SUPPORTS:,} supports. Now version {published.current_version}, "
          f"{published.pending} changes waiting.")
    print(f"Applying 200 changes to 200 clauses (domain.versions.apply): {apply_ms:.1f} ms of CPU. Deciding the "
          f"{len(per_clause)} changes through the use case took {decided_s:.0f} s on moto (not measured above).")
    print(f"Setup and seeding {seeded_at - started:.0f} s; measuring {measured - seeded_at:.0f} s.")


def report(rows: list[dict]) -> None:
    print(f"\nDynamoDB per operation: a document of {CHAPTERS * CLAUSES_EACH} clauses, {AMENDMENTS:,} amendments, "
          f"{SUPPORTS:,} supports; units from ReturnConsumedCapacity (~ estimated, as bench/requests.py).\n")
    print(f"{'operation':<78} {'calls':>5} {'read':>6} {'write':>6} {'ms':>7}  operations")
    for r in rows:
        name = f"  {r['variant']}" if not r["label"] else f"{r['label']}{', ' + r['variant'] if r['variant'] else ''}"
        flag = "~" if r["estimated"] else " "
        print(f"{name:<78} {r['calls']:>5} {r['read']:>6.1f} {r['write']:>5.1f}{flag} {r['ms']:>7.0f}  {r['ops']}")
    scans = sum(r["scans"] for r in rows)
    print(f"\nScans: {scans or 'none'}. ms: on this machine against moto (one request at a time), not AWS.")


if __name__ == "__main__":
    main()
