"""Supporting, withdrawing, following and unfollowing: idempotent per person."""

from __future__ import annotations

from chalicelib.domain import limits
from chalicelib.domain.campaigns import (
    Snapshot,
    is_public,
    not_found,
    require_followable,
    require_takes_back,
    require_takes_support,
    very_busy,
    withdrawal_keeps_count,
)
from chalicelib.domain.consent import require_support_consent
from chalicelib.domain.identity import Caller
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained, take


def snapshot_of(campaign_id: str, person_id: str | None = None, limit: limits.Limit | None = None,
                region: bool = False) -> Snapshot:
    """What a support, a follow or a reply needs of the campaign (kept two seconds per container);
    for `person_id`, read with what this container lacks of theirs (region facts, `limit`'s item)."""
    snapshot = stores().supports.campaign_snapshot(campaign_id, person_id, limit, region)
    if snapshot is None:
        raise not_found()
    return snapshot


def support(caller: Caller, campaign_id: str, consent_version: str | None) -> int:
    """Record the caller's support with the consent they gave; the count shown afterwards.
    The campaign's state comes from a two-second cache: a support that lands after a close anyway
    is removed, uncounted, by the supports' stream, as is one by a person whose erasure started; the
    region and the rate limit are this container's copies, which the stream checks (store)."""
    given = require_support_consent(consent_version)
    snapshot = snapshot_of(campaign_id, caller.id, limits.SUPPORT_CHANGES, region=True)
    require_takes_support(snapshot.status, snapshot.hidden)
    record_support(campaign_id, caller.id, given)
    return snapshot.support_count


def record_support(campaign_id: str, person_id: str, consent_version: str) -> bool:
    """The support's write, one conditional put. True if it is new."""
    with explained(limits.SUPPORT_CHANGES, busy=very_busy):
        return stores().supports.support(campaign_id, person_id, consent_version=consent_version,
                                         limit=limits.SUPPORT_CHANGES)


def withdraw(caller: Caller, campaign_id: str) -> int:
    """Always possible, as the consent promises; on a closed campaign the support is anonymised
    and the final count stays (one that lands after a close the cache had not seen yet is kept
    anonymised by the supports' stream). Withdrawing twice is harmless."""
    s = stores()
    snapshot = snapshot_of(campaign_id, caller.id, limits.SUPPORT_CHANGES)
    require_takes_back(snapshot.status)
    if not withdrawal_keeps_count(snapshot.status):
        with explained(limits.SUPPORT_CHANGES, busy=very_busy):
            s.supports.withdraw(campaign_id, caller.id, limit=limits.SUPPORT_CHANGES)
        return snapshot.support_count
    take(limits.SUPPORT_CHANGES, caller.id)  # closed: rare, so its own call
    s.supports.anonymise(campaign_id, caller.id)
    return snapshot.support_count


def follow(caller: Caller, campaign_id: str) -> None:
    """The campaign's state comes from the same two-second cache as supporting; only one anyone may
    not follow is read in full, to tell who may see it (409) from who may not (404)."""
    s = stores()
    snapshot = snapshot_of(campaign_id, caller.id, limits.FOLLOWS)
    if not is_public(snapshot.status, snapshot.hidden):
        campaign = visible_campaign(caller, campaign_id).campaign
        require_followable(campaign.status, campaign.hidden)
    with explained(limits.FOLLOWS, busy=very_busy):
        s.follows.follow(campaign_id, caller.id, limit=limits.FOLLOWS)


def unfollow(caller: Caller, campaign_id: str) -> None:
    """Possible on a hidden campaign too: a follower must be able to stop hearing about it."""
    s = stores()
    require_takes_back(snapshot_of(campaign_id, caller.id, limits.FOLLOWS).status)
    with explained(limits.FOLLOWS, busy=very_busy):
        s.follows.unfollow(campaign_id, caller.id, limit=limits.FOLLOWS)
