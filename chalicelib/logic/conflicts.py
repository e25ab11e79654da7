"""Nobody judges their own case: a decision asked for by someone with a stake in it is refused (403)
and the refusal recorded for admins. The rule is `domain.permissions.conflict_of_interest`; each use
case asks it once it knows the caller holds the power at all (the role, the area, the portfolio), so
only someone who could otherwise decide is recorded."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.domain.campaigns import Campaign
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.identity import Caller
from chalicelib.domain.people import Names, name_of
from chalicelib.domain.permissions import Decision, Interest, Refusal
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained
from chalicelib.messages import Words

CODE = "conflict_of_interest"
# Codes clients already branch on, kept for the refusals that had them before the rule was one.
_EARLIER_CODES = {
    (Decision.MANIFESTO, Interest.AUTHOR): "own_idea",
    **{(Decision.CAMPAIGN_DECISION, interest): "own_campaign" for interest in Interest},
    **{(Decision.MODERATION, interest): "own_content" for interest in Interest},
}
# What was to be decided, in the words of the refusal's sentence.
_THINGS = {"campaign": Words("conflict_of_interest.thing.campaign"), "idea": Words("conflict_of_interest.thing.idea"),
           "reply": Words("conflict_of_interest.thing.reply"),
           "amendment": Words("conflict_of_interest.thing.amendment")}


def refuse_if_interested(caller: Caller, decision: Decision, interest: Interest | None, *, thing: str,
                         instead: Words, target: str, campaign_id: str, requested: str) -> None:
    """Nothing when `interest` is None; else record the refusal, then raise 403 saying who decides
    `instead`. `thing` is what was to be decided ("campaign", "idea", "reply"); `target` names it as
    the audit trail does (`campaign#<id>`, `reply#<id>`)."""
    if interest is None:
        return
    stores().refusals.record(actor_id=caller.id, decision=decision.value, rule=interest.value, target=target,
                             campaign_id=campaign_id, requested=requested)
    details = {"rule": interest.value, "decision": decision.value}
    if interest is Interest.AUTHOR:
        refused = Forbidden(code="conflict_of_interest", wording="author", thing=_THINGS[thing], instead=instead,
                            details=details)
    elif interest is Interest.CAMPAIGN_OWNER:
        refused = Forbidden(code="conflict_of_interest", wording="campaign_owner", instead=instead, details=details)
    else:
        refused = Forbidden(code="conflict_of_interest", wording="hosting_organisation", thing=_THINGS[thing],
                            instead=instead, details=details)
    # The words are the rule's; the code is the one clients knew for this refusal, if it had one.
    refused.code = _EARLIER_CODES.get((decision, interest), CODE)
    raise refused


@dataclass(frozen=True)
class Refusals:
    """A page of refusals as admins read them: who was refused (their names), and on what campaign."""

    refusals: list[Refusal]
    next_cursor: str | None
    names: Names
    campaigns: dict[str, Campaign]  # by id: only their slugs and titles; one gone since is absent


def recent_refusals(limit: int, cursor: str | None) -> Refusals:
    """For admins (the route says so): every refusal, newest first."""
    s = stores()
    with explained():
        found, next_cursor = s.refusals.recent(limit, cursor)
    people = s.people.get_people({r.actor_id for r in found})
    campaigns = s.campaign_lists.titles_of(list(dict.fromkeys(r.campaign_id for r in found if r.campaign_id)))
    return Refusals(found, next_cursor, Names(people={i: name_of(p) for i, p in people.items()}),
                    {c.id: c for c in campaigns})
