"""Who may do what: one function per decision, no HTTP and no storage in them.

Routes state the role they need in their declaration (`api.routing.endpoint`); the decisions
here need the resource itself (ownership, membership, portfolio).
"""

from __future__ import annotations

from chalicelib.domain.identity import Caller, Role


def can_set_portfolio(caller: Caller) -> bool:
    return caller.has(Role.ADMIN)


def can_hold_portfolio(roles: list[str]) -> bool:
    return Role.MINISTER.value in roles


def can_join_policy_team(roles: list[str]) -> bool:
    return Role.POLICY.value in roles


def can_steer_ideas_in(caller: Caller, policy_areas: list[str], area: str) -> bool:
    """The manifesto and the canvass of an area: its policy team, and admins."""
    return caller.has(Role.ADMIN) or (caller.has(Role.POLICY) and area in policy_areas)


def is_judging_own_idea(caller: Caller, owner_id: str) -> bool:
    """Nobody moves their own idea through the manifesto, not even a policy member of its area or
    an admin: the party's verdict on an idea is never its author's to give."""
    return caller.id == owner_id


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


def can_decide_campaign(caller: Caller, owner_id: str, organisation_member: bool) -> bool:
    """Moderators approve, reject, hide and restore campaigns, but never one they could edit
    (their own, or their organisation's): nobody judges their own case."""
    return can_moderate(caller) and not can_edit_campaign(caller, owner_id, organisation_member)


def can_moderate_reply(caller: Caller, author_id: str) -> bool:
    """Moderators hide and restore replies, but not their own."""
    return can_moderate(caller) and caller.id != author_id


def can_close_campaign(caller: Caller, owner_id: str, organisation_member: bool) -> bool:
    return can_edit_campaign(caller, owner_id, organisation_member) or caller.has(Role.ADMIN)


def can_respond_officially(caller: Caller, portfolio: list[str], area: str) -> bool:
    return caller.has(Role.MINISTER) and area in portfolio


def can_see_hidden_reply(caller: Caller | None, author_id: str) -> bool:
    """A reply hidden by moderation stays visible to its author and to moderators."""
    return caller is not None and (caller.id == author_id or caller.has(Role.MODERATOR))


def is_deciding_own_amendment(caller: Caller, proposer_id: str, member_of_proposer: bool) -> bool:
    """Nobody decides an amendment they proposed, or one their organisation proposed (a member of it,
    whatever their role there): the policy team's verdict is never the proposer's to give."""
    return caller.id == proposer_id or member_of_proposer
