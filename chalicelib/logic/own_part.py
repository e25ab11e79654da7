"""A person's part in one campaign (`GET /me/campaigns/{id}`): what the campaign page shows them
alone, read fresh, so the page (cached and the same for everyone) is never older than their own act.
Gathers four keyed reads from three tables, so it calls the store directly (tests/api/test_own_part.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain.campaigns import is_public
from chalicelib.domain.errors import NotFound
from chalicelib.domain.identity import Caller
from chalicelib.domain.own_view import count_seen_by_supporter
from chalicelib.domain.permissions import can_edit_campaign
from chalicelib.store import amendments as amendment_store
from chalicelib.store import own_part as store
from chalicelib.store.own_part import GivenSupport
from chalicelib.store.profiles import recent_membership_role


@dataclass(frozen=True)
class OwnPart:
    campaign: Any  # the campaign's state now (store.own_part.CAMPAIGN_NOW)
    support: GivenSupport | None
    following: bool
    replies: list[Any]
    yours: bool  # they started it, or belong to the organisation hosting it
    support_count: int  # as they should see it (domain.own_view)


def own_part(caller: Caller, campaign_id: str) -> OwnPart:
    """404 for a campaign nobody may see (a draft, pending, rejected or hidden), as its page is."""
    campaign = store.campaign_now(campaign_id)
    if campaign is None or not is_public(campaign.status, campaign.hidden):
        raise NotFound(code="campaign_not_found")
    support = store.support_of(campaign_id, caller.id)
    member = recent_membership_role(campaign.organisation_id, caller.id) is not None
    return OwnPart(
        campaign=campaign, support=support, following=store.follows(campaign_id, caller.id),
        replies=store.replies_on(campaign_id, caller.id),
        yours=can_edit_campaign(caller, campaign.owner_id, member),
        support_count=count_seen_by_supporter(int(campaign.support_count or 0), campaign.count_read_at,
                                              support.supported_at if support else None))


def amendment_support(caller: Caller, amendment_id: str) -> tuple[GivenSupport | None, int]:
    """(your support of an amendment, if you gave it; its count): amendments' supports live in the
    campaigns' tables keyed by the amendment, so its page can offer you withdrawing. 404 if none."""
    state = amendment_store.support_state(amendment_id)
    return store.support_of(amendment_id, caller.id), state.support_count
