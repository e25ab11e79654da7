"""Supporting, withdrawing, following and unfollowing: idempotent per person."""

from __future__ import annotations

from chalicelib.domain import limits
from chalicelib.domain.campaigns import (
    Snapshot,
    Status,
    is_public,
    not_found,
    require_followable,
    require_takes_back,
    require_takes_support,
    very_busy,
    withdrawal_keeps_count,
)
from chalicelib.domain.consent import require_support_consent
from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.identity import Caller
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained, take


def snapshot_of(campaign_id: str) -> Snapshot:
    """What a support, a follow or a reply needs of the campaign (kept two seconds per container)."""
    snapshot = stores().supports.campaign_snapshot(campaign_id)
    if snapshot is None:
        raise not_found()
    return snapshot


def support(caller: Caller, campaign_id: str, consent_version: str | None) -> int:
    """Record the caller's support with the consent they gave; the count shown afterwards.
    The campaign's state comes from a two-second cache; the frozen counters make closing exact.
    The erasure check and the frozen counter are read with the support, before its write (store)."""
    given = require_support_consent(consent_version)
    snapshot = snapshot_of(campaign_id)
    require_takes_support(snapshot.status, snapshot.hidden)
    record_support(campaign_id, caller.id, given)
    return snapshot.support_count


def record_support(campaign_id: str, person_id: str, consent_version: str) -> bool:
    """The support's write, whatever a cached status said: a frozen counter, read with it, refuses
    it (409 `campaign_not_open`). True if it is new."""
    try:
        with explained(limits.SUPPORT_CHANGES, busy=very_busy):
            return stores().supports.support(campaign_id, person_id, consent_version=consent_version,
                                             limit=limits.SUPPORT_CHANGES)
    except ConditionFailed as refused:
        if "counter" in refused.failed:  # the counters froze: it closed
            require_takes_support(Status.CLOSED.value, hidden=False)
        raise


def withdraw(caller: Caller, campaign_id: str) -> int:
    """Always possible, as the consent promises; on a closed campaign the support is anonymised
    and the final count stays. Withdrawing twice is harmless."""
    s = stores()
    snapshot = snapshot_of(campaign_id)
    require_takes_back(snapshot.status)
    if not withdrawal_keeps_count(snapshot.status):
        try:
            with explained(limits.SUPPORT_CHANGES, busy=very_busy):
                s.supports.withdraw(campaign_id, caller.id, limit=limits.SUPPORT_CHANGES)
            return snapshot.support_count
        except ConditionFailed as refused:  # the counters froze: it closed, whatever the cached status said
            if "counter" not in refused.failed:
                raise
    take(limits.SUPPORT_CHANGES, caller.id)  # closed: rare, so its own call
    s.supports.anonymise(campaign_id, caller.id)
    return snapshot.support_count


def follow(caller: Caller, campaign_id: str) -> None:
    """The campaign's state comes from the same two-second cache as supporting; only one anyone may
    not follow is read in full, to tell who may see it (409) from who may not (404)."""
    s = stores()
    snapshot = snapshot_of(campaign_id)
    if not is_public(snapshot.status, snapshot.hidden):
        campaign = visible_campaign(caller, campaign_id).campaign
        require_followable(campaign.status, campaign.hidden)
    with explained(limits.FOLLOWS, busy=very_busy):
        s.follows.follow(campaign_id, caller.id, limit=limits.FOLLOWS)


def unfollow(caller: Caller, campaign_id: str) -> None:
    """Possible on a hidden campaign too: a follower must be able to stop hearing about it."""
    s = stores()
    require_takes_back(snapshot_of(campaign_id).status)
    with explained(limits.FOLLOWS, busy=very_busy):
        s.follows.unfollow(campaign_id, caller.id, limit=limits.FOLLOWS)
