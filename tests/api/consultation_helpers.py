"""Making consultations through the API, as the policy team would."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

SUMMARY = "We heard three clear ideas: evening clinics, more nurses, and shorter referral forms."


def when(**delta: float) -> str:
    """A moment from now, as a client sends it: ISO 8601 with its time zone."""
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


def consultation_body(area: str = "health", **extra) -> dict:
    return {"area": area, "question": f"How should we cut NHS waiting lists? {uuid.uuid4().hex[:6]}",
            "brief": "Tell us what would shorten the wait for a first appointment.",
            "opens_at": when(minutes=-5), "closes_at": when(days=30), **extra}


def open_consultation(api, user, **extra) -> dict:
    made = api.post("/consultations", user=user, json_body=consultation_body(**extra))
    assert made.status_code == 201, made.body
    return json.loads(made.body)


def policy_team(api, make_user, areas: dict[str, list[str]]) -> dict:
    """An admin, a citizen, a moderator, and one policy member per entry of `areas` (name -> areas)."""
    admin = make_user("admins", name="cons-admin")
    people = {"admin": admin, "citizen": make_user(name="cons-citizen"),
              "moderator": make_user("moderators", name="cons-moderator")}
    for name, held in areas.items():
        people[name] = make_user("policy", name=f"cons-{name}")
        person_id = json.loads(api.get("/me", user=people[name]).body)["id"]
        assigned = api.put(f"/policy-team/{person_id}/areas", user=admin, json_body={"areas": held})
        assert assigned.status_code == 200, assigned.body
    return people
