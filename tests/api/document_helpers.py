"""Making policy documents and amendments through the API, as the policy team and members would."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

REASON = "Working people cannot see a GP in the day."
DECIDED = "Costed by the policy team: it fits the fiscal rules."


def draft_body(area: str = "health", **extra) -> dict:
    return {"area": area, "title": f"A healthier Britain {uuid.uuid4().hex[:6]}",
            "summary": "Our plan for the NHS, for members to amend.",
            "chapters": [{"heading": "GPs", "clauses": ["Every town keeps a GP surgery.",
                                                        "Appointments within a week."]},
                         {"heading": "Hospitals", "clauses": ["Waiting lists cut by half."]}],
            "amendments_close_at": (datetime.now(UTC) + timedelta(days=30)).isoformat(), **extra}


def publish(api, user, **extra) -> dict:
    made = api.post("/documents", user=user, json_body=draft_body(**extra))
    assert made.status_code == 201, made.body
    return json.loads(made.body)


def clauses(document: dict) -> list[dict]:
    return [c for chapter in document["chapters"] for c in chapter["clauses"]]


def propose(api, user, document: dict, index: int = 0, *, action: str = "replace",
            text: str = "Every town keeps two GP surgeries.", organisation: str | None = None, reason: str = REASON,
            language: str | None = None):
    body = {"clause_id": clauses(document)[index]["id"], "action": action, "text": text, "reason": reason}
    if organisation:
        body["organisation"] = organisation
    if language:
        body["language"] = language
    return api.post(f"/documents/{document['id']}/amendments", user=user, json_body=body)


def proposed(api, user, document: dict, index: int = 0, **kw) -> dict:
    made = propose(api, user, document, index, **kw)
    assert made.status_code == 201, made.body
    return json.loads(made.body)


def decide(api, user, amendment: dict, decision: str, reason: str | None = DECIDED, **extra):
    body = {"decision": decision, **extra}
    if reason is not None:
        body["reason"] = reason
    return api.put(f"/amendments/{amendment['id']}/decision", user=user, json_body=body)


def team(api, make_user, prefix: str = "doc") -> dict:
    """An admin, three citizens, and the policy team: two of health, one of transport."""
    admin = make_user("admins", name=f"{prefix}-admin")
    people = {"admin": admin, **{n: make_user(name=f"{prefix}-{n}") for n in ("ada", "ben", "chloe")}}
    for name, areas in (("policy", ["health"]), ("policy2", ["health"]), ("transport", ["transport"])):
        people[name] = make_user("policy", name=f"{prefix}-{name}")
        person_id = json.loads(api.get("/me", user=people[name]).body)["id"]
        assigned = api.put(f"/policy-team/{person_id}/areas", user=admin, json_body={"areas": areas})
        assert assigned.status_code == 200, assigned.body
    for name in ("ada", "ben", "chloe"):
        api.get("/me", user=people[name])
    return people


def verified_party(api, admin_of, site_admin, kind: str = "constituency_party") -> str:
    handle = f"clp-{uuid.uuid4().hex[:8]}"
    made = api.post("/organisations", user=admin_of, json_body={"handle": handle, "name": "Bristol West CLP",
                                                                "kind": kind})
    assert made.status_code == 201, made.body
    verified = api.put(f"/organisations/{handle}/verification", user=site_admin, json_body={"kind": kind})
    assert verified.status_code == 200, verified.body
    return handle


def close_window(document_id: str) -> None:
    """Setting the scene: the window for amendments ended a minute ago (as a date passing would)."""
    from chalicelib.store.base import iso, system_update, utcnow
    from chalicelib.store.read_cache import forget_everything
    from chalicelib.store.tables.documents import DocumentRecord

    system_update(DocumentRecord, document_id,
                  actions=[DocumentRecord.amendments_close_at.set(iso(utcnow() - timedelta(minutes=1)))])
    forget_everything()
