"""Reading and writing people, their handles, organisations and memberships."""

from __future__ import annotations

import uuid

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, TransactWriteError, UpdateError

from chalicelib.domain.errors import Conflict, InvalidToken, NotFound, StaleVersion
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.people import INVITED, NEW_MEMBER_NAME, handle_candidate, role_as_member
from chalicelib.observability import count_event
from chalicelib.store import people_cache, public_names
from chalicelib.store.base import Transaction, is_condition_failure, utcnow
from chalicelib.store.erasures import state_of
from chalicelib.store.names import resolve
from chalicelib.store.read_cache import memberships, profile_regions
from chalicelib.store.tables.memberships import MembershipRecord
from chalicelib.store.tables.names import UniqueNameRecord, name_key
from chalicelib.store.tables.organisations import OrganisationRecord
from chalicelib.store.tables.people import PersonRecord

HANDLE_ATTEMPTS = 5


def _handle_taken(handle: str) -> Conflict:
    return Conflict(f"The handle '{handle}' is taken.", code="handle_taken", details={"handle": handle})


def get_person(person_id: str) -> PersonRecord | None:
    try:
        return PersonRecord.get(person_id)
    except DoesNotExist:
        return None


def get_people(person_ids: set[str]) -> dict[str, PersonRecord]:
    if not person_ids:
        return {}
    return {p.id: p for p in PersonRecord.batch_get(list(person_ids))}


def person_by_handle(handle: str) -> PersonRecord:
    claim = resolve("handle", handle)
    person = get_person(claim.target_id) if claim and claim.target_kind == "person" else None
    if person is None:
        raise NotFound(f"Nobody here has the handle '{handle}'.", code="person_not_found")
    return person


def _create_person(caller: Caller) -> PersonRecord:
    for _ in range(HANDLE_ATTEMPTS):
        handle = handle_candidate()
        person = PersonRecord(
            id=caller.id, handle=handle, display_name=NEW_MEMBER_NAME,
            roles=sorted(r.value for r in caller.roles), portfolio=[],
        )
        claim = UniqueNameRecord(name=name_key("handle", handle), target_kind="person", target_id=caller.id)
        tx = Transaction()
        tx.save(claim, "handle", condition=UniqueNameRecord.name.does_not_exist())
        tx.save(person, "person", condition=PersonRecord.id.does_not_exist())
        try:
            tx.commit()
            count_event("SignUps")  # the first signed-in request made the profile: a new member
            return person
        except TransactWriteError:
            if "person" in tx.failed:  # a concurrent first request made the profile: use it
                return PersonRecord.get(caller.id)
            if "handle" not in tx.failed:
                raise
    raise Conflict("Could not find a free handle; please try again.", code="handle_taken")


def _refuse_erased(person_id: str) -> None:
    """A token issued before its account was erased still verifies for up to an hour: it must
    not bring the profile back."""
    if state_of(person_id) is not None:
        raise InvalidToken("This account has been erased.", code="account_erased")


def ensure_person(caller: Caller) -> PersonRecord:
    """The caller's profile, created on first sign-in; roles follow the token's groups."""
    person = get_person(caller.id)
    if person is None:
        _refuse_erased(caller.id)
        person = _create_person(caller)
    roles = sorted(r.value for r in caller.roles)
    if person.roles != roles:
        person.update(actions=[PersonRecord.roles.set(roles)])
    remember_region(person.id, person.region)  # their next support here needs no read of it
    people_cache.remember_profile(person)  # nor their next reply
    return person


def known_person(caller: Caller) -> PersonRecord | people_cache.KnownPerson:
    """The caller's name, handle and roles as this container read them lately (people_cache), for a
    write that only echoes them: no read. A minister's portfolio goes into their reply's badge for
    good, so theirs is read; so is a profile whose roles differ from the token's (to sync them)."""
    recent = people_cache.recent_profile(caller.id)
    if (recent is None or caller.has(Role.MINISTER)
            or list(recent.roles) != sorted(r.value for r in caller.roles)):
        return ensure_person(caller)
    return recent


def update_profile(person: PersonRecord, changes: dict, expected_version: int | None) -> PersonRecord:
    """Apply a profile edit; a new handle is claimed and the old one released atomically."""
    if expected_version is not None and expected_version != person.version:
        raise StaleVersion("Your copy of the profile is out of date.", details={"version": person.version})
    new_handle = changes.pop("handle", None)
    for field, value in changes.items():
        setattr(person, field, value)
    person.updated_at = utcnow()
    old_handle = person.handle
    tx = Transaction()
    if new_handle and new_handle != old_handle:
        person.handle = new_handle
        tx.save(
            UniqueNameRecord(name=name_key("handle", new_handle), target_kind="person", target_id=person.id),
            "new handle", condition=UniqueNameRecord.name.does_not_exist(),
        )
        tx.delete(UniqueNameRecord(name=name_key("handle", old_handle)), "old handle",
                  condition=UniqueNameRecord.target_id == person.id)
    tx.save(person, "person")  # VersionAttribute adds the version condition
    try:
        tx.commit()
    except TransactWriteError as exc:
        person.handle = old_handle
        if "new handle" in tx.failed:
            raise _handle_taken(new_handle or "") from exc
        if tx.failed:
            raise StaleVersion("The profile changed while you edited it. Reload and try again.") from exc
        raise
    remember_region(person.id, person.region)
    people_cache.remember_profile(person)  # the one copy of their name here: cards show the new one too
    return person


def set_portfolio(person: PersonRecord, areas: list[str]) -> PersonRecord:
    return _set_areas(person, PersonRecord.portfolio, areas)


def set_policy_areas(person: PersonRecord, areas: list[str]) -> PersonRecord:
    return _set_areas(person, PersonRecord.policy_areas, areas)


def _set_areas(person: PersonRecord, attribute, areas: list[str]) -> PersonRecord:
    try:
        person.update(
            actions=[attribute.set(areas), PersonRecord.updated_at.set(utcnow())],
            condition=PersonRecord.id.exists(),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise NotFound("No such person.", code="person_not_found") from exc
        raise
    return person


def create_organisation(caller: Caller, handle: str, name: str, description: str,
                        kind: str = "other") -> OrganisationRecord:
    org = OrganisationRecord(
        id=str(uuid.uuid4()), handle=handle, name=name, description=description, created_by=caller.id, kind=kind
    )
    tx = Transaction()
    tx.save(UniqueNameRecord(name=name_key("handle", handle), target_kind="organisation", target_id=org.id),
            "handle", condition=UniqueNameRecord.name.does_not_exist())
    tx.save(org, "organisation")
    tx.save(MembershipRecord(organisation_id=org.id, person_id=caller.id, role="admin"), "membership")
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "handle" in tx.failed:
            raise _handle_taken(handle) from exc
        raise
    return org


def organisation_by_handle(handle: str) -> OrganisationRecord:
    claim = resolve("handle", handle)
    if claim is None or claim.target_kind != "organisation":
        raise NotFound(f"No organisation has the handle '{handle}'.", code="organisation_not_found")
    return OrganisationRecord.get(claim.target_id)


def get_organisation(organisation_id: str) -> OrganisationRecord | None:
    try:
        return OrganisationRecord.get(organisation_id)
    except DoesNotExist:
        return None


def organisation_handle(organisation_id: str) -> str | None:
    """An organisation's handle, from the names this container keeps (public_names)."""
    named = public_names.organisations({organisation_id}).get(organisation_id)
    return named.handle if named else None


def get_organisations(organisation_ids: set[str]) -> dict[str, OrganisationRecord]:
    if not organisation_ids:
        return {}
    return {o.id: o for o in OrganisationRecord.batch_get(list(organisation_ids))}


def membership_role(organisation_id: str | None, person_id: str) -> str | None:
    """The role of an accepted member; None for anyone else, an invited person included."""
    if not organisation_id:
        return None
    try:
        record = MembershipRecord.get(organisation_id, person_id)
    except DoesNotExist:
        return None
    return role_as_member(record.role, record.state)


def recent_membership_role(organisation_id: str | None, person_id: str) -> str | None:
    """`membership_role`, from this container's copy (`read_cache.memberships`)."""
    if not organisation_id:
        return None
    return memberships.get_or_read((organisation_id, person_id),
                                                lambda: membership_role(organisation_id, person_id))


def members_of(organisation_id: str, limit: int = 100) -> list[MembershipRecord]:
    """Accepted members only: an invitation is nobody's business but the person's and the admins'."""
    return list(MembershipRecord.query(organisation_id, filter_condition=MembershipRecord.state.does_not_exist(),
                                       limit=limit))


def memberships_of(person_id: str) -> list[MembershipRecord]:
    """The organisations a person belongs to (accepted): index `by_person`, invitations filtered out."""
    return list(MembershipRecord.by_person.query(person_id, filter_condition=MembershipRecord.state.does_not_exist()))


def invitations_of(person_id: str) -> list[MembershipRecord]:
    """The invitations waiting for a person's answer: index `by_person`, filtered on `state`."""
    return list(MembershipRecord.by_person.query(person_id, filter_condition=MembershipRecord.state == INVITED))


def invite(organisation_id: str, person_id: str, role: str) -> MembershipRecord:
    """An invitation, once: 409 `already_member` or `already_invited` if there is one."""
    invitation = MembershipRecord(organisation_id=organisation_id, person_id=person_id, role=role, state=INVITED)
    try:
        invitation.save(condition=MembershipRecord.person_id.does_not_exist())
    except PutError as exc:
        if not is_condition_failure(exc):
            raise
        existing = _membership(organisation_id, person_id)
        if existing is not None and existing.state == INVITED:
            raise Conflict("That person is already invited.", code="already_invited") from exc
        raise Conflict("That person is already a member.", code="already_member") from exc
    return invitation


def _membership(organisation_id: str, person_id: str) -> MembershipRecord | None:
    try:
        return MembershipRecord.get(organisation_id, person_id, consistent_read=True)
    except DoesNotExist:
        return None


def accept_invitation(organisation_id: str, person_id: str) -> MembershipRecord:
    """Invited -> member; accepting again is harmless. 404 `invitation_not_found` if never invited."""
    record = MembershipRecord(organisation_id=organisation_id, person_id=person_id)
    try:
        record.update(actions=[MembershipRecord.state.remove()], condition=MembershipRecord.person_id.exists())
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise NotFound("You have no invitation from this organisation.", code="invitation_not_found") from exc
        raise
    memberships.forget((organisation_id, person_id))
    return record


def decline_invitation(organisation_id: str, person_id: str) -> None:
    """The invitation goes. A member leaves instead (409 `already_member`); none: 404."""
    try:
        MembershipRecord(organisation_id=organisation_id, person_id=person_id).delete(
            condition=MembershipRecord.state == INVITED)
    except DeleteError as exc:
        if not is_condition_failure(exc):
            raise
        if _membership(organisation_id, person_id) is not None:
            raise Conflict("You are a member: leave the organisation instead.", code="already_member") from exc
        raise NotFound("You have no invitation from this organisation.", code="invitation_not_found") from exc


def leave(organisation_id: str, person_id: str) -> None:
    """Anyone may leave at any time, an admin too; leaving twice is harmless. (Site admins can
    still manage an organisation whose last admin left.)"""
    MembershipRecord(organisation_id=organisation_id, person_id=person_id).delete()
    memberships.forget((organisation_id, person_id))


def region_of(person_id: str) -> str | None:
    """The region a person gave on their profile, if any (read when they support)."""
    try:
        return PersonRecord.get(person_id, attributes_to_get=["id", "region"]).region
    except DoesNotExist:
        return None


def region_known(person_id: str) -> bool:
    return person_id in profile_regions


def remember_region(person_id: str, region: str | None) -> None:
    profile_regions.put(person_id, region)


def known_region(person_id: str) -> str | None:
    """The person's profile region as this container last saw it (read once, then kept: never
    trusted alone, see `read_cache.profile_regions`)."""
    region: str | None = profile_regions.get_or_read(person_id, lambda: region_of(person_id))
    return region


def forget_region(person_id: str) -> None:
    profile_regions.forget(person_id)


def check_region_within(tx: Transaction, person_id: str, region: str | None, label: str = "region") -> None:
    """The profile still gives `region` (none: still none, or no profile) when `tx` commits."""
    still = PersonRecord.region == region if region else PersonRecord.region.does_not_exist()
    tx.condition_check(PersonRecord, person_id, still, label)
