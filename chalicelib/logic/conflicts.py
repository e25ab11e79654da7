"""Nobody judges their own case: a decision asked for by someone with a stake in it is refused (403)
and the refusal recorded for admins. The rule is `domain.permissions.conflict_of_interest`; each use
case asks it once it knows the caller holds the power at all (the role, the area, the portfolio), so
only someone who could otherwise decide is recorded."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Caller
from chalicelib.domain.permissions import Decision, Interest
from chalicelib.logic.ports import stores

CODE = "conflict_of_interest"
# Codes clients already branch on, kept for the refusals that had them before the rule was one.
_EARLIER_CODES = {
    (Decision.MANIFESTO, Interest.AUTHOR): "own_idea",
    **{(Decision.CAMPAIGN_DECISION, interest): "own_campaign" for interest in Interest},
    **{(Decision.MODERATION, interest): "own_content" for interest in Interest},
}
_WHY = {
    Interest.AUTHOR: "This is your own {thing}",
    Interest.CAMPAIGN_OWNER: "This is on your own campaign",
    Interest.HOSTING_ORGANISATION: "You belong to the organisation hosting this {thing}",
}


def refuse_if_interested(caller: Caller, decision: Decision, interest: Interest | None, *, thing: str,
                         instead: str, target: str, campaign_id: str, requested: str) -> None:
    """Nothing when `interest` is None; else record the refusal, then raise 403 saying who decides
    instead. `target` names what was to be decided as the audit trail does (`campaign#<id>`, `reply#<id>`)."""
    if interest is None:
        return
    stores().refusals.record(actor_id=caller.id, decision=decision.value, rule=interest.value, target=target,
                             campaign_id=campaign_id, requested=requested)
    raise Forbidden(f"{_WHY[interest].format(thing=thing)}: {instead}",
                    code=_EARLIER_CODES.get((decision, interest), CODE),
                    details={"rule": interest.value, "decision": decision.value})


def recent_refusals(limit: int, cursor: str | None) -> tuple[list[Any], str | None]:
    """For admins (the route says so): every refusal, newest first."""
    return stores().refusals.recent(limit, cursor)
