"""People and organisations: profiles, handles, portfolios, memberships."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from chalicelib.domain import limits
from chalicelib.domain.errors import ConditionFailed, Conflict, Forbidden, StaleVersion
from chalicelib.domain.identity import Caller
from chalicelib.domain.organisations import Kind
from chalicelib.domain.people import (
    KnownPerson,
    Membership,
    Organisation,
    Person,
    already_invited,
    already_member,
    handle_taken,
    no_invitation,
    no_such_member,
    no_such_organisation,
    no_such_person,
)
from chalicelib.domain.permissions import can_hold_portfolio, can_join_policy_team, can_manage_organisation
from chalicelib.logic.ports import stores
from chalicelib.logic.refusals import explained, take

if TYPE_CHECKING:
    from chalicelib.domain.notifications import Settings

T = TypeVar("T")


def profile(caller: Caller) -> Person:
    """The caller's profile, made on their first sign-in; its roles follow the token's groups."""
    return _made(lambda: stores().people.ensure_person(caller))


def known(caller: Caller) -> KnownPerson:
    """The caller's name, handle, roles and portfolio as this container read them lately (no read
    when warm), or as `profile` reads (and makes) them."""
    return _made(lambda: stores().people.known_person(caller))


def _made(read: Callable[[], T]) -> T:
    try:
        with explained():  # a token from before the account's erasure makes nothing
            return read()
    except ConditionFailed as refused:
        if "handle" in refused.failed:  # every first handle tried was taken
            raise handle_taken() from refused
        raise


def me(caller: Caller) -> Person:
    return profile(caller)


def update_me(caller: Caller, changes: Mapping[str, str | None], version: int | None) -> Person:
    """A handle is unique (409 if taken); `version` guards against a stale edit (412). A language
    chosen is theirs everywhere: it is copied to their notification settings, which is what the
    emails, pushes and alerts sent to them read, and a minister's alerts follow it."""
    person = profile(caller)
    if version is not None and version != person.version:
        raise StaleVersion(wording="profile", details={"version": person.version})
    try:
        updated = stores().people.update_profile(person, changes)
    except ConditionFailed as refused:
        if "new handle" in refused.failed:
            raise handle_taken(str(changes.get("handle") or "")) from refused
        if "person" in refused.failed:
            raise StaleVersion(wording="profile_meanwhile") from refused
        raise
    if "language" in changes:  # written with the profile; a minister's alert subscription follows it
        resubscribe(stores().notifications.settings_of(person.id, consistent=True), updated)
    return updated


def follow_language(person: Person, language: str | None) -> int:
    """Their notification settings take the profile's language, and a minister's alert subscription
    its filter policy on it (1 if a subscription was changed)."""
    return resubscribe(stores().notifications.keep_language(person.id, language), person)


def resubscribe(settings: Settings, person: Person) -> int:
    """A minister's alert subscription made to match their settings now (1 if they have one)."""
    if not (settings.subscription_arn or settings.mailbox_subscription_arn):
        return 0
    from chalicelib.notify import subscriptions  # SNS's and the settings' modules: only for a minister

    stores().notifications.save_settings(subscriptions.sync(settings, list(person.portfolio)))
    return 1


def person_by_handle(handle: str) -> Person:
    person = stores().people.person_by_handle(handle)
    if person is None:
        raise no_such_person(handle)
    return person


def organisation_by_handle(handle: str) -> Organisation:
    org = stores().people.organisation_by_handle(handle)
    if org is None:
        raise no_such_organisation(handle)
    return org


def _existing_person(person_id: str) -> Person:
    person = stores().people.get_person(person_id)
    if person is None:
        raise no_such_person()
    return person


def _areas_set(person: Person, write: str, areas: list[str]) -> Person:
    people = stores().people
    try:
        return people.set_portfolio(person, areas) if write == "portfolio" else people.set_policy_areas(person, areas)
    except ConditionFailed as refused:  # erased between the read and the write
        if "person" in refused.failed:
            raise no_such_person() from refused
        raise


def set_portfolio(minister_id: str, areas: list[str]) -> Person:
    """The areas a minister answers for; their alert subscription's filter policy follows. A minister
    who never chose their alerts is subscribed, at their verified sign-in email, to what waits on them
    in those areas (domain.events.DEFAULT_ALERT_KINDS) from then on: they can turn it off on
    /my/notifications, and a choice they made, none included, is kept through every reshuffle."""
    # A minister's alerts alone need these (the address reads the notifications' table): not every
    # request that reads a profile.
    from chalicelib.domain.events import DEFAULT_ALERT_KINDS
    from chalicelib.notify import subscriptions
    from chalicelib.notify.addresses import settings_with_address

    person = _existing_person(minister_id)
    if not can_hold_portfolio(list(person.roles)):
        raise Conflict(code="not_a_minister")
    _areas_set(person, "portfolio", areas)
    notifications = stores().notifications
    alerts = settings_with_address(person.id, notifications) if areas else notifications.settings_of(person.id)
    if areas and not alerts.alerts_chosen_at:
        alerts = replace(alerts, alert_kinds=DEFAULT_ALERT_KINDS)
    if alerts.alert_kinds or alerts.subscription_arn:
        notifications.save_settings(subscriptions.sync(alerts, areas))
    return person


@dataclass(frozen=True)
class OrganisationShown:
    """An organisation with its members and invitations."""

    organisation: Organisation
    members: list[tuple[Membership, Person | None]]  # (membership, person; None once erased)


@dataclass(frozen=True)
class Staff:
    """A person as an admin sees them when giving areas: their roles and the areas they hold."""

    person: Person
    roles: list[str]
    portfolio: list[str]
    policy_areas: list[str]


def staff_by_handle(handle: str) -> Staff:
    person = person_by_handle(handle)
    return Staff(person, sorted(person.roles), sorted(person.portfolio), sorted(person.policy_areas))


def ministers() -> list[Person]:
    """Every minister holding a portfolio, by name (kept a minute per container)."""
    return stores().people.ministers()


def set_policy_areas(person_id: str, areas: list[str]) -> Person:
    """The areas a policy team member steers ideas in (manifesto stages, consultations, canvass)."""
    person = _existing_person(person_id)
    if not can_join_policy_team(list(person.roles)):
        raise Conflict(code="not_policy_team")
    return _areas_set(person, "policy areas", areas)


def organisation(handle: str) -> OrganisationShown:
    return _with_members(organisation_by_handle(handle))


def _with_members(org: Organisation) -> OrganisationShown:
    people = stores().people
    memberships = people.members_of(org.id)
    found = people.get_people({m.person_id for m in memberships})
    return OrganisationShown(org, [(m, found.get(m.person_id)) for m in memberships])


def create_organisation(caller: Caller, handle: str, name: str, description: str,
                        kind: str = "other", language: str | None = None) -> OrganisationShown:
    """The caller becomes its first admin; the handle is claimed once, among people's too. The kind it
    claims shows once an admin has verified it (`verify_organisation`). `language` is what its name and
    description are written in (search analyses them so)."""
    s = stores()
    profile(caller)
    take(limits.ORGANISATIONS, caller.id)
    try:
        return _with_members(s.people.create_organisation(caller, handle, name, description, Kind(kind).value,
                                                          language))
    except ConditionFailed as refused:
        if "handle" in refused.failed:
            raise handle_taken(handle) from refused
        raise


def verify_organisation(caller: Caller, handle: str, kind: str, now: datetime) -> OrganisationShown:
    """An admin (the route says so) confirms what the organisation is; audited."""
    org = organisation_by_handle(handle)
    try:
        with explained():
            stores().proposers.verify(org.id, Kind(kind), caller.id, now)
    except ConditionFailed as refused:
        if "organisation" in refused.failed:  # removed since it was read
            raise no_such_organisation(handle) from refused
        raise
    return _with_members(organisation_by_handle(handle))


def invite_member(caller: Caller, organisation_handle: str, member_handle: str,
                  role: str) -> tuple[Person, Membership]:
    """(the person, their invitation). Only the organisation's admins (or site admins) invite; the
    person is a member, shown and with a member's rights, only once they accept."""
    people = stores().people
    org = organisation_by_handle(organisation_handle)
    if not can_manage_organisation(caller, people.membership_role(org.id, caller.id)):
        raise Forbidden(wording="organisation_admins_invite")
    person = person_by_handle(member_handle)
    try:
        return person, people.invite(org.id, person.id, role)
    except ConditionFailed as refused:
        if "invited" in refused.failed:
            raise already_invited() from refused
        if "member" in refused.failed:
            raise already_member() from refused
        raise


def _managed(caller: Caller, organisation_handle: str) -> Organisation:
    org = organisation_by_handle(organisation_handle)
    if not can_manage_organisation(caller, stores().people.membership_role(org.id, caller.id)):
        raise Forbidden(wording="organisation_admins_manage")
    return org


def members_and_invitations(caller: Caller, organisation_handle: str) -> OrganisationShown:
    """Everyone the organisation has, members and people invited alike, for its admins."""
    people = stores().people
    org = _managed(caller, organisation_handle)
    memberships = people.members_and_invitations(org.id)
    found = people.get_people({m.person_id for m in memberships})
    return OrganisationShown(org, [(m, found.get(m.person_id)) for m in memberships])


def remove_member(caller: Caller, organisation_handle: str, member_handle: str) -> None:
    """An organisation's admin (or a site admin) takes a member out, or withdraws an invitation. A
    campaign they started stays theirs; only the organisation's rights over it go with them."""
    org = _managed(caller, organisation_handle)
    try:
        stores().people.remove(org.id, person_by_handle(member_handle).id)
    except ConditionFailed as refused:
        if "member" in refused.failed:  # neither a member nor invited
            raise no_such_member() from refused
        raise


def my_organisations(caller: Caller) -> list[tuple[Membership, Organisation]]:
    """(membership, organisation) for each organisation the caller belongs to, with their role."""
    people = stores().people
    memberships = people.memberships_of(caller.id)
    organisations = people.get_organisations({m.organisation_id for m in memberships})
    found = [(m, organisations[m.organisation_id]) for m in memberships if m.organisation_id in organisations]
    return sorted(found, key=lambda pair: pair[1].name.lower())


def my_invitations(caller: Caller) -> list[tuple[Membership, Organisation]]:
    """(invitation, organisation) for each invitation waiting for the caller's answer."""
    people = stores().people
    invitations = people.invitations_of(caller.id)
    organisations = people.get_organisations({i.organisation_id for i in invitations})
    return [(i, organisations[i.organisation_id]) for i in invitations if i.organisation_id in organisations]


def accept_invitation(caller: Caller, organisation_handle: str) -> tuple[Person, Membership]:
    org = organisation_by_handle(organisation_handle)
    person = profile(caller)
    try:
        return person, stores().people.accept_invitation(org.id, caller.id)
    except ConditionFailed as refused:
        if "invitation" in refused.failed:
            raise no_invitation() from refused
        raise


def decline_invitation(caller: Caller, organisation_handle: str) -> None:
    org = organisation_by_handle(organisation_handle)
    try:
        stores().people.decline_invitation(org.id, caller.id)
    except ConditionFailed as refused:
        if "member" in refused.failed:
            raise already_member("decline") from refused
        if "invitation" in refused.failed:
            raise no_invitation() from refused
        raise


def leave_organisation(caller: Caller, organisation_handle: str) -> None:
    stores().people.leave(organisation_by_handle(organisation_handle).id, caller.id)


def person_or_organisation(handle: str) -> Person | Organisation:
    """Whoever has the handle: people and organisations share one namespace of handles."""
    person = stores().people.person_by_handle(handle)
    return person if person is not None else organisation_by_handle(handle)
