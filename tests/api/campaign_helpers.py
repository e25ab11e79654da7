"""Making campaigns through the API, as their owners and moderators would."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION as CONSENT_VERSION

# What a client sends to support, having shown GET /consent/support.
CONSENT = {"consent_version": CONSENT_VERSION}


def campaign_body(area: str = "transport", title: str | None = None, **extra) -> dict:
    return {
        "title": title or f"Free bus travel for apprentices {uuid.uuid4().hex[:6]}",
        "summary": "Apprentices under 25 should ride buses free, as students do in Scotland.",
        "body": "Apprentices earn little and travel far to their placements. " * 3,
        "area": area,
        **extra,
    }


def create(api, owner, **kwargs) -> dict:
    response = api.post("/campaigns", user=owner, json_body=campaign_body(**kwargs))
    assert response.status_code == 201, response.body
    return json.loads(response.body)


def submit(api, owner, campaign: dict) -> dict:
    response = api.post(f"/campaigns/{campaign['id']}/submit", user=owner)
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def decide(api, moderator, campaign: dict, decision: str, reason: str = "Clear and within the rules.") -> dict:
    response = api.post(f"/campaigns/{campaign['id']}/decision", user=moderator,
                        json_body={"decision": decision, "reason": reason})
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def open_campaign(api, owner, moderator, **kwargs) -> dict:
    campaign = create(api, owner, **kwargs)
    submit(api, owner, campaign)
    return decide(api, moderator, campaign, "approve")


def moderation_queue(api, **auth) -> Iterator[dict]:
    """The pending campaigns a moderator sees, oldest first, page after page: other tests'
    pending campaigns may fill the first pages. Reading stops when the caller stops iterating."""
    cursor = None
    while True:
        path = "/moderation/queue?limit=100" + (f"&cursor={cursor}" if cursor else "")  # cursors are URL-safe
        response = api.get(path, **auth)
        assert response.status_code == 200, response.body
        page = json.loads(response.body)
        yield from page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return


# What the tests check in the tables themselves, where no route shows it (the app never needs it).
def support_stored(campaign_id: str, person_id: str) -> bool:
    """Whether the person's support item exists (under their id, not anonymised)."""
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.store.tables.supports import SupportRecord

    try:
        SupportRecord.get(shard_key(campaign_id, shard_of(person_id)), person_id)
        return True
    except SupportRecord.DoesNotExist:
        return False


def counted_total(campaign_id: str) -> int:
    """The exact count now: every shard's counter summed, read consistently (what the stream shows later)."""
    from chalicelib.store.supports import counted

    return counted(campaign_id)[0]


def audit_trail(campaign_id: str) -> list:
    """The audit table's entries about a campaign, oldest first."""
    from chalicelib.store.tables.audit import AuditRecord

    return list(AuditRecord.query(f"campaign#{campaign_id}"))
