"""People as tests need them: accounts older than the ones a test has just made."""

from __future__ import annotations

import json
from datetime import timedelta

from chalicelib.store.base import utcnow
from chalicelib.store.tables.people import PersonRecord


def established(api, user, days: int = 2):
    """The person's profile, as if made `days` ago: old enough for their reports to count."""
    person_id = json.loads(api.get("/me", user=user).body)["id"]
    PersonRecord.get(person_id).update(actions=[PersonRecord.created_at.set(utcnow() - timedelta(days=days))])
    return user
