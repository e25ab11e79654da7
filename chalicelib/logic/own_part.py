"""A person's part in one campaign (`GET /me/campaigns/{id}`): what the campaign page shows them
alone, read fresh, so the page (cached and the same for everyone) is never older than their own act.
Four keyed reads from three tables, through the own-part port (store/own_part.py)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.campaigns import Campaign, is_public, not_found
from chalicelib.domain.dialogue import Reply
from chalicelib.domain.identity import Caller
from chalicelib.domain.own_view import GivenSupport, count_seen_by_supporter
from chalicelib.domain.permissions import can_edit_campaign
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained


@dataclass(frozen=True)
class OwnPart:
    """A person's own part in one campaign, read fresh: their support, following and replies."""

    campaign: Campaign  # the campaign's state now (only what store.own_part.CAMPAIGN_NOW reads)
    support: GivenSupport | None
    following: bool
    replies: list[Reply]
    yours: bool  # they started it, or belong to the organisation hosting it
    support_count: int  # as they should see it (domain.own_view)


def own_part(caller: Caller, campaign_id: str) -> OwnPart:
    """404 for a campaign nobody may see (a draft, pending, rejected or hidden), as its page is."""
    s = stores()
    campaign = s.own_part.campaign_now(campaign_id)
    if campaign is None or not is_public(campaign.status, campaign.hidden):
        raise not_found()
    support = s.own_part.support_of(campaign_id, caller.id)
    member = s.people.recent_membership_role(campaign.organisation_id, caller.id) is not None
    return OwnPart(
        campaign=campaign, support=support, following=s.own_part.follows(campaign_id, caller.id),
        replies=s.own_part.replies_on(campaign_id, caller.id),
        yours=can_edit_campaign(caller, campaign.owner_id, member),
        support_count=count_seen_by_supporter(campaign.support_count, campaign.count_read_at,
                                              support.supported_at if support else None))


def amendment_support(caller: Caller, amendment_id: str) -> tuple[GivenSupport | None, int]:
    """(your support of an amendment, if you gave it; its count): amendments' supports live in the
    campaigns' tables keyed by the amendment, so its page can offer you withdrawing. 404 if none."""
    s = stores()
    with explained():  # no such amendment: 404
        state = s.amendments.support_state(amendment_id)
    return s.own_part.support_of(amendment_id, caller.id), state.support_count
