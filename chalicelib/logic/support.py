"""Supporting, withdrawing, following and unfollowing: idempotent per person."""

from __future__ import annotations

from chalicelib.domain import limits
from chalicelib.domain.campaigns import (
    is_public,
    require_followable,
    require_takes_back,
    require_takes_support,
    withdrawal_keeps_count,
)
from chalicelib.domain.consent import require_support_consent
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import Caller
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.ports import stores


def support(caller: Caller, campaign_id: str, consent_version: str | None) -> int:
    """Record the caller's support with the consent they gave; the count shown afterwards.
    The campaign's state comes from a two-second cache; the frozen counters make closing exact.
    The rate limit and the erasure check are taken in the support's own transaction."""
    given = require_support_consent(consent_version)
    s = stores()
    snapshot = s.supports.campaign_snapshot(campaign_id)
    require_takes_support(snapshot.status, snapshot.hidden)
    s.supports.support(campaign_id, caller.id, consent_version=given, limit=limits.SUPPORT_CHANGES)
    return snapshot.support_count


def withdraw(caller: Caller, campaign_id: str) -> int:
    """Always possible, as the consent promises; on a closed campaign the support is anonymised
    and the final count stays. Withdrawing twice is harmless."""
    s = stores()
    snapshot = s.supports.campaign_snapshot(campaign_id)
    require_takes_back(snapshot.status)
    if not withdrawal_keeps_count(snapshot.status):
        try:
            s.supports.withdraw(campaign_id, caller.id, limit=limits.SUPPORT_CHANGES)
            return snapshot.support_count
        except Conflict as refused:  # the counters froze: it closed, whatever the cached status said
            if refused.code != "campaign_not_open":
                raise
    s.rate_limits.take(limits.SUPPORT_CHANGES, caller.id)  # closed: rare, so its own call
    s.supports.anonymise(campaign_id, caller.id)
    return snapshot.support_count


def follow(caller: Caller, campaign_id: str) -> None:
    """The campaign's state comes from the same two-second cache as supporting; only one anyone may
    not follow is read in full, to tell who may see it (409) from who may not (404)."""
    s = stores()
    snapshot = s.supports.campaign_snapshot(campaign_id)
    if not is_public(snapshot.status, snapshot.hidden):
        campaign = visible_campaign(caller, campaign_id).campaign
        require_followable(campaign.status, campaign.hidden)
    s.follows.follow(campaign_id, caller.id, limit=limits.FOLLOWS)


def unfollow(caller: Caller, campaign_id: str) -> None:
    """Possible on a hidden campaign too: a follower must be able to stop hearing about it."""
    s = stores()
    require_takes_back(s.supports.campaign_snapshot(campaign_id).status)
    s.follows.unfollow(campaign_id, caller.id, limit=limits.FOLLOWS)
