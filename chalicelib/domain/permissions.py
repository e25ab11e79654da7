"""Who may do what: one function per decision, no HTTP and no storage in them.

Routes state the role they need in their declaration (`api.routing.endpoint`); the decisions
here need the resource itself (ownership, membership, portfolio).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.identity import Caller, Role


def can_hold_portfolio(roles: list[str]) -> bool:
    return Role.MINISTER.value in roles


def can_join_policy_team(roles: list[str]) -> bool:
    return Role.POLICY.value in roles


def can_steer_ideas_in(caller: Caller, policy_areas: list[str], area: str) -> bool:
    """The manifesto and the canvass of an area: its policy team, and admins."""
    return caller.has(Role.ADMIN) or (caller.has(Role.POLICY) and area in policy_areas)


def can_manage_organisation(caller: Caller, membership_role: str | None) -> bool:
    return membership_role == "admin" or caller.has(Role.ADMIN)


def can_edit_campaign(caller: Caller, owner_id: str, organisation_member: bool) -> bool:
    """The owner, or a member of the hosting organisation."""
    return caller.id == owner_id or organisation_member


def can_see_unpublished(caller: Caller | None, owner_id: str, organisation_member: bool) -> bool:
    """Drafts, pending and rejected campaigns: their authors and moderators, nobody else."""
    if caller is None:
        return False
    return can_edit_campaign(caller, owner_id, organisation_member) or caller.has(Role.MODERATOR)


def can_moderate(caller: Caller) -> bool:
    return caller.has(Role.MODERATOR)


def can_close_campaign(caller: Caller, owner_id: str, organisation_member: bool) -> bool:
    return can_edit_campaign(caller, owner_id, organisation_member) or caller.has(Role.ADMIN)


def can_respond_officially(caller: Caller, portfolio: list[str], area: str) -> bool:
    return caller.has(Role.MINISTER) and area in portfolio


def can_see_hidden_reply(caller: Caller | None, author_id: str) -> bool:
    """A reply hidden by moderation stays visible to its author and to moderators."""
    return caller is not None and (caller.id == author_id or caller.has(Role.MODERATOR))


class Interest(StrEnum):
    """A stake in something that bars its holder from deciding it, whatever their role."""

    AUTHOR = "author"  # they wrote it: the campaign, the reply (an amendment's proposer, issue 28)
    CAMPAIGN_OWNER = "campaign_owner"  # it sits on a campaign they own (a reply under it)
    HOSTING_ORGANISATION = "hosting_organisation"  # they are an accepted member of the organisation hosting it


class Decision(StrEnum):
    """The decisions the conflict-of-interest rule guards, as the refusals record names them."""

    CAMPAIGN_DECISION = "campaign_decision"  # a moderator approves or rejects a submitted campaign
    MODERATION = "moderation"  # a moderator hides or restores a campaign or a reply
    MANIFESTO = "manifesto"  # the policy team (or an admin) moves an idea through the manifesto stages
    OFFICIAL_RESPONSE = "official_response"  # a minister answers a campaign for the government
    AMENDMENT = "amendment"  # the policy team (or an admin) decides an amendment to a policy document


def conflict_of_interest(decider_id: str, *, author_id: str, campaign_owner_id: str | None = None,
                         member_of_host: bool = False) -> Interest | None:
    """Nobody judges their own case: the stake `decider_id` has in what they are about to decide,
    or None when they have none. One rule for every decision (`Decision`): a moderator's, the policy
    team's, a minister's, an admin's. `member_of_host` is an accepted membership of the organisation
    hosting the campaign (an invitation confers nothing). The closest stake is the one named."""
    if decider_id == author_id:
        return Interest.AUTHOR
    if campaign_owner_id is not None and decider_id == campaign_owner_id:
        return Interest.CAMPAIGN_OWNER
    if member_of_host:
        return Interest.HOSTING_ORGANISATION
    return None


@dataclass(frozen=True)
class Refusal:
    """A decision refused for a conflict of interest, kept for admins to read."""

    at: str  # a stored time (`times.iso`)
    actor_id: str
    decision: str  # a `Decision`
    rule: str  # the `Interest` that barred them
    target: str  # what was to be decided: `campaign#<id>` or `reply#<id>`
    campaign_id: str
    requested: str  # approve or reject, hide or restore, a stage, a stance
