"""Reports from anyone signed in, and moderators hiding or restoring what was reported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.errors import Forbidden, InvalidInput
from chalicelib.domain.identity import Caller
from chalicelib.domain.moderation import hides_after_report, target_key
from chalicelib.domain.permissions import can_moderate
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.ports import stores


@dataclass(frozen=True)
class ReportState:
    target_type: str
    target_id: str
    reports: int
    hidden: bool


def _target(caller: Caller, target_type: str, target_id: str) -> tuple[Any, Callable[[bool], Any]]:
    """The reported thing, if the caller can see it (404 otherwise), and how to hide it."""
    s = stores()
    if target_type == "reply":
        reply = s.replies.get_reply(target_id)
        visible_campaign(caller, reply.campaign_id)
        return reply, lambda hidden: s.replies.set_hidden(reply, hidden)
    if target_type == "campaign":
        campaign = visible_campaign(caller, target_id).campaign
        return campaign, lambda hidden: s.campaigns.set_hidden(campaign, hidden)
    raise InvalidInput("target_type is campaign or reply.", details={"fields": {"target_type": "campaign|reply"}})


def report(caller: Caller, target_type: str, target_id: str, reason: str, reports_to_hide: int) -> ReportState:
    """Report once; enough reports from different people hide it until a moderator looks."""
    target, set_hidden = _target(caller, target_type, target_id)
    count = stores().reports.report(target_key(target_type, target_id), caller.id, reason)
    hidden = bool(target.hidden)
    if hides_after_report(count, reports_to_hide, hidden):
        set_hidden(True)
        hidden = True
    return ReportState(target_type, target_id, count, hidden)


def moderate(caller: Caller, target_type: str, target_id: str, action: str, reason: str) -> ReportState:
    """Hide or restore, audited; the open reports are marked reviewed."""
    if not can_moderate(caller):
        raise Forbidden("Only moderators may hide or restore.")
    s = stores()
    _, set_hidden = _target(caller, target_type, target_id)
    hide = action == "hide"
    set_hidden(hide)
    key = target_key(target_type, target_id)
    s.campaigns.audit(key, caller.id, action, reason)
    return ReportState(target_type, target_id, s.reports.reviewed(key), hide)
