"""Decisions refused for a conflict of interest (domain.permissions.conflict_of_interest), kept in the
audit table for admins to read: who was refused, what they asked for, on what, when, by which rule.

All refusals share one partition (`subject` = `refusal`), newest first by `at_id`. Only people who hold a
power (moderators, ministers, the policy team, admins) can meet the rule, and each refusal is a person
clicking: far below a partition's 1,000 writes a second. The actor is rewritten to a former member when
their account is erased, as for every audit entry (`store.erasure_steps.erase_audit_actor`)."""

from __future__ import annotations

import uuid

from chalicelib.domain.permissions import Refusal
from chalicelib.store.base import iso, utcnow
from chalicelib.store.pagination import decode_cursor, encode_cursor
from chalicelib.store.tables.audit import AuditRecord

SUBJECT = "refusal"
ACTION_PREFIX = "refused:"
_CURSOR_SCOPE = "audit:refusal"


def _refusal(item: AuditRecord) -> Refusal:
    return Refusal(at=item.at_id.split("#", 1)[0], actor_id=item.actor_id,
                   decision=item.action.removeprefix(ACTION_PREFIX), rule=item.reason, target=item.target or "",
                   campaign_id=item.campaign_id or "", requested=item.requested or "")


def record(*, actor_id: str, decision: str, rule: str, target: str, campaign_id: str, requested: str) -> None:
    AuditRecord(subject=SUBJECT, at_id=f"{iso(utcnow())}#{uuid.uuid4().hex[:8]}", actor_id=actor_id,
                action=f"{ACTION_PREFIX}{decision}", reason=rule, target=target, campaign_id=campaign_id,
                requested=requested).save()


def recent(limit: int, cursor: str | None) -> tuple[list[Refusal], str | None]:
    """A page of refusals, newest first."""
    results = AuditRecord.query(SUBJECT, scan_index_forward=False, limit=limit,
                                last_evaluated_key=decode_cursor(_CURSOR_SCOPE, cursor))
    page = [_refusal(item) for item in results]
    return page, encode_cursor(_CURSOR_SCOPE, results.last_evaluated_key)
