"""The manifesto tracker's use case: the policy team of an idea's area (or an admin) moves it on."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.campaigns import Campaign, is_public
from chalicelib.domain.errors import ConditionFailed, Conflict, Forbidden
from chalicelib.domain.identity import Caller
from chalicelib.domain.manifesto import advance, changed_since_read, require_enters
from chalicelib.domain.permissions import Decision, can_steer_ideas_in, conflict_of_interest
from chalicelib.domain.times import iso, utcnow
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.conflicts import refuse_if_interested
from chalicelib.logic.people import profile
from chalicelib.logic.ports import stores
from chalicelib.messages import Words


def move(caller: Caller, campaign_id: str, *, stage: str, note: str, version: int,
         now: datetime | None = None) -> Campaign:
    """Move the idea to `stage` with the policy team's public note, from the version the mover read
    (If-Match): a stale one is refused before the rules are asked, as a campaign edit is. The move
    is written only if the campaign is still as read and still public."""
    person = profile(caller)
    seen = visible_campaign(caller, campaign_id)
    campaign = seen.campaign
    if not can_steer_ideas_in(caller, list(person.policy_areas), campaign.area):
        raise Forbidden(wording="policy_team_moves", area=campaign.area)
    # The party's verdict on an idea is never its author's, nor its hosting organisation's, to give.
    refuse_if_interested(caller, Decision.MANIFESTO,
                         conflict_of_interest(caller.id, author_id=campaign.owner_id, member_of_host=seen.member),
                         thing="idea", instead=Words("conflict_of_interest.instead.policy_team"),
                         target=f"campaign#{campaign.id}", campaign_id=campaign.id, requested=stage)
    require_enters(campaign.status, campaign.hidden)
    if version != campaign.version:
        raise changed_since_read(campaign.version)
    return moved_as_read(campaign, actor_id=caller.id, stage=stage, note=note, now=now)


def moved_as_read(campaign: Campaign, *, actor_id: str, stage: str, note: str,
                  now: datetime | None = None) -> Campaign:
    """The move from `campaign` as it was read: the rules (once, here), then the write, conditional
    on that version and on the campaign staying public."""
    after = advance(campaign.manifesto, stage, note, iso(now or utcnow()))
    try:
        return stores().manifesto.move(campaign, actor_id=actor_id, after=after)
    except ConditionFailed as refused:  # another move landed first, or it was hidden meanwhile
        if "campaign" not in refused.failed:
            raise
        current = stores().campaigns.get_campaign(campaign.id, consistent=True)
        if current is None or not is_public(current.status, current.hidden):
            raise Conflict(code="campaign_not_public", wording="manifesto") from refused
        raise changed_since_read(current.version) from refused
