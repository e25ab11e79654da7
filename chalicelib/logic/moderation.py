"""Reports from anyone signed in, and moderators hiding or restoring what was reported.

The policy (domain/moderation.py): reports are limited per person; every report queues the
item; only reports from established accounts, made since the last moderator decision, count
toward hiding it; a campaign with many supporters is only queued. Moderators never decide
their own content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain import limits
from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.dialogue import Reply, no_such_reply
from chalicelib.domain.errors import ConditionFailed, Forbidden, InvalidInput, field_words
from chalicelib.domain.identity import Caller
from chalicelib.domain.moderation import (
    OpenReport,
    already_reported,
    hides_after_report,
    is_established,
    parse_target,
    target_key,
)
from chalicelib.domain.people import Names
from chalicelib.domain.permissions import Decision, Interest, can_moderate, conflict_of_interest
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.conflicts import refuse_if_interested
from chalicelib.logic.people import profile
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import take
from chalicelib.messages import Words


@dataclass(frozen=True)
class ReportState:
    """Where reports on one campaign or reply stand: how many, and whether it is hidden."""

    target_type: str
    target_id: str
    reports: int
    hidden: bool


@dataclass(frozen=True)
class Target:
    """A reported thing as the caller may see it."""

    hidden: bool
    supporters: int  # a campaign's supporters; 0 for a reply
    campaign_id: str  # the campaign, or the one the reply is on
    interest: Interest | None  # the caller's stake in it, which bars them from deciding it
    set_hidden: Callable[[bool], object]


def _target(caller: Caller, target_type: str, target_id: str) -> Target:
    """The reported thing, if the caller can see it (404 otherwise), and how to hide it."""
    s = stores()
    if target_type == "reply":
        reply = s.replies.get_reply(target_id)
        if reply is None:
            raise no_such_reply()
        seen = visible_campaign(caller, reply.campaign_id)
        # A reply under the moderator's own campaign, or their organisation's, is not theirs to judge either.
        interest = conflict_of_interest(caller.id, author_id=reply.author_id, campaign_owner_id=seen.campaign.owner_id,
                                        member_of_host=seen.member)
        return Target(bool(reply.hidden), 0, reply.campaign_id, interest,
                      lambda hidden: s.replies.set_hidden(reply, hidden))
    if target_type == "campaign":
        seen = visible_campaign(caller, target_id)
        campaign = seen.campaign
        interest = conflict_of_interest(caller.id, author_id=campaign.owner_id, member_of_host=seen.member)
        return Target(bool(campaign.hidden), int(campaign.support_count or 0), campaign.id, interest,
                      lambda hidden: s.campaigns.set_hidden(campaign, hidden))
    raise InvalidInput(wording="target_type",
                       details={"fields": {"target_type": field_words("choices", choices="campaign|reply")}})


def report(caller: Caller, target_type: str, target_id: str, reason: str, reports_to_hide: int, *,
           now: datetime) -> ReportState:
    """Report once (`limits.REPORTS`); enough counting reports hide it until a moderator looks."""
    s = stores()
    target = _target(caller, target_type, target_id)
    take(limits.REPORTS, caller.id)
    reporter = profile(caller)
    key = target_key(target_type, target_id)
    try:
        tally = s.reports.report(key, caller.id, reason,
                                 counts=reporter.created_at is not None and is_established(reporter.created_at, now))
    except ConditionFailed as refused:
        if "report" in refused.failed:  # one report per person per target, ever
            raise already_reported() from refused
        raise
    hidden = target.hidden
    if hides_after_report(tally.counting, reports_to_hide, hidden, target.supporters):
        hidden = s.reports.hide_unless_decided(key, tally.decided_at)  # a decision meanwhile holds
    return ReportState(target_type, target_id, tally.total, hidden)


def moderate(caller: Caller, target_type: str, target_id: str, action: str, reason: str) -> ReportState:
    """Hide or restore, audited; the reports so far are reviewed, and only later ones count."""
    if not can_moderate(caller):
        raise Forbidden(wording="moderators_hide")
    s = stores()
    target = _target(caller, target_type, target_id)
    key = target_key(target_type, target_id)
    refuse_if_interested(caller, Decision.MODERATION, target.interest, thing=target_type,
                         instead=Words("conflict_of_interest.instead.moderator"), target=key,
                         campaign_id=target.campaign_id, requested=action)
    hide = action == "hide"
    reports = s.reports.reviewed(key)  # first, so a report's hide in flight finds the decision and yields
    target.set_hidden(hide)
    s.campaigns.audit(key, caller.id, action, reason)
    return ReportState(target_type, target_id, reports, hide)


@dataclass(frozen=True)
class Reported:
    """Something reported and waiting for a moderator, with what they need to decide it."""

    summary: OpenReport  # how many reports, since when
    target_type: str
    target_id: str
    campaign: Campaign | None  # the campaign reported, or the one the reply is on; None once gone
    reply: Reply | None  # the reply reported, for a reply
    reasons: list[str]  # what reporters said, never who they are


@dataclass(frozen=True)
class ReportedQueue:
    """Reported content awaiting a moderator, with its authors' names."""

    items: list[Reported]  # oldest report first
    authors: Names  # who wrote each reported campaign or reply


def reported_queue(limit: int = 100, reasons_each: int = 10) -> ReportedQueue:
    """The reported content awaiting a moderator, oldest first, each with its words, its place and
    the reporters' reasons: the queue's Query, a BatchGetItem of the replies, one of the campaigns,
    a Query of reasons per item, and the authors' names."""
    s = stores()
    summaries = s.reports.open_reports(limit=limit)
    targets = [(summary, *parse_target(summary.target)) for summary in summaries]
    replies = s.replies.get_replies([tid for _, kind, tid in targets if kind == "reply"])

    def campaign_id_of(kind: str, tid: str) -> str | None:
        if kind == "campaign":
            return tid
        return replies[tid].campaign_id if tid in replies else None

    wanted = [campaign_id_of(kind, tid) for _, kind, tid in targets]
    campaigns = {c.id: c for c in s.campaign_lists.fetch_in_order(list(dict.fromkeys(i for i in wanted if i)))}
    items = [Reported(summary, kind, tid, campaigns.get(campaign_id or ""),
                      replies.get(tid) if kind == "reply" else None,
                      s.reports.reasons_for(summary.target, reasons_each))
             for (summary, kind, tid), campaign_id in zip(targets, wanted, strict=True)]
    author_ids = {r.reply.author_id if r.reply else r.campaign.owner_id for r in items if r.campaign is not None}
    return ReportedQueue(items, Names(people=s.people.names_of_people(author_ids)))
