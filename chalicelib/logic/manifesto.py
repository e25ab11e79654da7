"""The manifesto tracker's use case: the policy team of an idea's area (or an admin) moves it on."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.errors import Forbidden, StaleVersion
from chalicelib.domain.identity import Caller
from chalicelib.domain.manifesto import require_enters, require_move
from chalicelib.domain.permissions import Decision, can_steer_ideas_in, conflict_of_interest
from chalicelib.logic.campaigns import visible_campaign
from chalicelib.logic.conflicts import refuse_if_interested
from chalicelib.logic.ports import stores


def move(caller: Caller, campaign_id: str, *, stage: str, note: str, version: int) -> Any:
    """Move the idea to `stage` with the policy team's public note, from the version the mover read
    (If-Match): a stale one is refused before the rules are asked, as a campaign edit is."""
    s = stores()
    person = s.people.ensure_person(caller)
    seen = visible_campaign(caller, campaign_id)
    campaign = seen.campaign
    if not can_steer_ideas_in(caller, list(person.policy_areas or []), campaign.area):
        raise Forbidden(f"Only the policy team for '{campaign.area}' and admins move this idea through the "
                        "manifesto stages.")
    # The party's verdict on an idea is never its author's, nor its hosting organisation's, to give.
    refuse_if_interested(caller, Decision.MANIFESTO,
                         conflict_of_interest(caller.id, author_id=campaign.owner_id, member_of_host=seen.member),
                         thing="idea", instead="another member of the policy team or an admin moves it.",
                         target=f"campaign#{campaign.id}", campaign_id=campaign.id, requested=stage)
    require_enters(campaign.status, campaign.hidden)
    if version != int(campaign.version or 0):
        raise StaleVersion("The campaign changed since you read it; reload it.",
                           details={"version": int(campaign.version or 0)})
    current = s.manifesto.tracked(campaign)
    require_move(current.stage.value if current else None, stage)
    return s.manifesto.move(campaign, actor_id=caller.id, stage=stage, note=note)
