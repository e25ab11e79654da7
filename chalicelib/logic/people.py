"""People and organisations: profiles, handles, portfolios, memberships."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.domain import limits
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.events import DEFAULT_ALERT_KINDS
from chalicelib.domain.identity import Caller
from chalicelib.domain.organisations import Kind
from chalicelib.domain.permissions import can_hold_portfolio, can_join_policy_team, can_manage_organisation
from chalicelib.logic.ports import stores
from chalicelib.notify import subscriptions
from chalicelib.notify.addresses import settings_with_address
from chalicelib.store import notifications as notification_store
from chalicelib.store import profiles


def me(caller: Caller) -> Any:
    """The caller's profile, made on their first sign-in."""
    return profiles.ensure_person(caller)


def update_me(caller: Caller, changes: dict, version: int | None) -> Any:
    """A handle is unique (409 if taken); `version` guards against a stale edit (412). A language
    chosen is theirs everywhere: it is copied to their notification settings, which is what the
    emails, pushes and alerts sent to them read, and a minister's alerts follow it."""
    person = profiles.update_profile(profiles.ensure_person(caller), changes, version)
    if "language" in changes:
        follow_language(person, changes["language"])
    return person


def follow_language(person: Any, language: str | None) -> int:
    """Their notification settings take the profile's language, and a minister's alert subscription
    its filter policy on it (1 if a subscription was changed)."""
    settings = notification_store.keep_language(person.id, language)
    return resubscribe(settings, person)


def resubscribe(settings: Any, person: Any) -> int:
    """A minister's alert subscription made to match their settings now (1 if they have one)."""
    if not (settings.subscription_arn or settings.mailbox_subscription_arn):
        return 0
    subscriptions.sync(settings, list(person.portfolio or []))
    notification_store.save_settings(settings)
    return 1


def person_by_handle(handle: str) -> Any:
    return profiles.person_by_handle(handle)


def _existing_person(person_id: str) -> Any:
    person = profiles.get_person(person_id)
    if person is None:
        raise NotFound("No such person.", code="person_not_found")
    return person


def set_portfolio(minister_id: str, areas: list[str]) -> Any:
    """The areas a minister answers for; their alert subscription's filter policy follows. A minister
    who never chose their alerts is subscribed, at their verified sign-in email, to what waits on them
    in those areas (domain.events.DEFAULT_ALERT_KINDS) from then on: they can turn it off on
    /my/notifications, and a choice they made, none included, is kept through every reshuffle."""
    person = _existing_person(minister_id)
    if not can_hold_portfolio(list(person.roles)):
        raise Conflict("Only members of the ministers group can hold a portfolio.", code="not_a_minister")
    profiles.set_portfolio(person, areas)
    alerts = settings_with_address(person.id) if areas else notification_store.settings_of(person.id)
    if areas and not alerts.alerts_chosen_at:
        alerts.alert_kinds = list(DEFAULT_ALERT_KINDS)
    if alerts.alert_kinds or alerts.subscription_arn:
        subscriptions.sync(alerts, areas)
        notification_store.save_settings(alerts)
    return person


@dataclass(frozen=True)
class OrganisationShown:
    organisation: Any
    members: list[tuple[Any, Any]]  # (membership, person or None once erased)


@dataclass(frozen=True)
class Staff:
    """A person as an admin sees them when giving areas: their roles and the areas they hold."""

    person: Any
    roles: list[str]
    portfolio: list[str]
    policy_areas: list[str]


def staff_by_handle(handle: str) -> Staff:
    person = profiles.person_by_handle(handle)
    return Staff(person, sorted(str(r) for r in person.roles or []), sorted(str(a) for a in person.portfolio or []),
                 sorted(str(a) for a in person.policy_areas or []))

def ministers() -> list[Any]:
    """Every minister holding a portfolio, by name (kept a minute per container)."""
    return profiles.ministers()



def set_policy_areas(person_id: str, areas: list[str]) -> Any:
    """The areas a policy team member steers ideas in (manifesto stages, consultations, canvass)."""
    person = _existing_person(person_id)
    if not can_join_policy_team(list(person.roles)):
        raise Conflict("Only members of the policy group can hold policy areas.", code="not_policy_team")
    return profiles.set_policy_areas(person, areas)


def organisation(handle: str) -> OrganisationShown:
    return _with_members(profiles.organisation_by_handle(handle))


def _with_members(org: Any) -> OrganisationShown:
    memberships = profiles.members_of(org.id)
    people = profiles.get_people({m.person_id for m in memberships})
    return OrganisationShown(org, [(m, people.get(m.person_id)) for m in memberships])


def create_organisation(caller: Caller, handle: str, name: str, description: str,
                        kind: str = "other") -> OrganisationShown:
    """The caller becomes its first admin; the handle is claimed once, among people's too. The kind it
    claims shows once an admin has verified it (`verify_organisation`)."""
    profiles.ensure_person(caller)
    stores().rate_limits.take(limits.ORGANISATIONS, caller.id)
    return _with_members(profiles.create_organisation(caller, handle, name, description, Kind(kind).value))


def verify_organisation(caller: Caller, handle: str, kind: str, now: datetime) -> OrganisationShown:
    """An admin (the route says so) confirms what the organisation is; audited."""
    org = profiles.organisation_by_handle(handle)
    stores().proposers.verify(org.id, Kind(kind), caller.id, now)
    return _with_members(profiles.organisation_by_handle(handle))


def invite_member(caller: Caller, organisation_handle: str, member_handle: str, role: str) -> tuple[Any, Any]:
    """(the person, their invitation). Only the organisation's admins (or site admins) invite; the
    person is a member, shown and with a member's rights, only once they accept."""
    org = profiles.organisation_by_handle(organisation_handle)
    if not can_manage_organisation(caller, profiles.membership_role(org.id, caller.id)):
        raise Forbidden("Only the organisation's admins may invite members.")
    person = profiles.person_by_handle(member_handle)
    return person, profiles.invite(org.id, person.id, role)


def _managed(caller: Caller, organisation_handle: str) -> Any:
    org = profiles.organisation_by_handle(organisation_handle)
    if not can_manage_organisation(caller, profiles.membership_role(org.id, caller.id)):
        raise Forbidden("Only the organisation's admins may see its invitations or remove people.")
    return org


def members_and_invitations(caller: Caller, organisation_handle: str) -> OrganisationShown:
    """Everyone the organisation has, members and people invited alike, for its admins."""
    org = _managed(caller, organisation_handle)
    memberships = profiles.members_and_invitations(org.id)
    people = profiles.get_people({m.person_id for m in memberships})
    return OrganisationShown(org, [(m, people.get(m.person_id)) for m in memberships])


def remove_member(caller: Caller, organisation_handle: str, member_handle: str) -> None:
    """An organisation's admin (or a site admin) takes a member out, or withdraws an invitation. A
    campaign they started stays theirs; only the organisation's rights over it go with them."""
    org = _managed(caller, organisation_handle)
    profiles.remove(org.id, profiles.person_by_handle(member_handle).id)


def my_organisations(caller: Caller) -> list[tuple[Any, Any]]:
    """(membership, organisation) for each organisation the caller belongs to, with their role."""
    memberships = profiles.memberships_of(caller.id)
    organisations = profiles.get_organisations({m.organisation_id for m in memberships})
    found = [(m, organisations[m.organisation_id]) for m in memberships if m.organisation_id in organisations]
    return sorted(found, key=lambda pair: pair[1].name.lower())


def my_invitations(caller: Caller) -> list[tuple[Any, Any]]:
    """(invitation, organisation) for each invitation waiting for the caller's answer."""
    invitations = profiles.invitations_of(caller.id)
    organisations = profiles.get_organisations({i.organisation_id for i in invitations})
    return [(i, organisations[i.organisation_id]) for i in invitations if i.organisation_id in organisations]


def accept_invitation(caller: Caller, organisation_handle: str) -> tuple[Any, Any]:
    org = profiles.organisation_by_handle(organisation_handle)
    return profiles.ensure_person(caller), profiles.accept_invitation(org.id, caller.id)


def decline_invitation(caller: Caller, organisation_handle: str) -> None:
    profiles.decline_invitation(profiles.organisation_by_handle(organisation_handle).id, caller.id)


def leave_organisation(caller: Caller, organisation_handle: str) -> None:
    profiles.leave(profiles.organisation_by_handle(organisation_handle).id, caller.id)
