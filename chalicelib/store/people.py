"""Reading and writing people (their profiles and handles), organisations and memberships: the
people port (`logic/ports.py`). What the rules refuse is the domain's (`domain.people`); a write
whose condition fails says which (`ConditionFailed`), and logic explains it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.identity import Caller, Role
from chalicelib.domain.people import (
    NEW_MEMBER_NAME,
    KnownPerson,
    Names,
    Organisation,
    OrganisationName,
    Person,
    PersonName,
    handle_candidate,
)
from chalicelib.observability import count_event
from chalicelib.store import people_cache, public_names, to_domain
from chalicelib.store.base import Transaction, is_condition_failure, system_update, utcnow
from chalicelib.store.erasures import state_of

# The people port's memberships live in store/memberships.py (kept apart for size), reached through here.
from chalicelib.store.memberships import (
    accept_invitation as accept_invitation,
)
from chalicelib.store.memberships import (
    decline_invitation as decline_invitation,
)
from chalicelib.store.memberships import (
    invitations_of as invitations_of,
)
from chalicelib.store.memberships import (
    invite as invite,
)
from chalicelib.store.memberships import (
    leave as leave,
)
from chalicelib.store.memberships import (
    members_and_invitations as members_and_invitations,
)
from chalicelib.store.memberships import (
    members_of as members_of,
)
from chalicelib.store.memberships import (
    membership_role as membership_role,
)
from chalicelib.store.memberships import (
    memberships_of as memberships_of,
)
from chalicelib.store.memberships import (
    recent_membership_role as recent_membership_role,
)
from chalicelib.store.memberships import (
    remove as remove,
)
from chalicelib.store.memberships import (
    still_invited as still_invited,
)
from chalicelib.store.names import resolve
from chalicelib.store.person_regions import remember_region
from chalicelib.store.read_cache import ministers as ministers_shown
from chalicelib.store.tables.memberships import MembershipRecord
from chalicelib.store.tables.names import UniqueNameRecord, name_key
from chalicelib.store.tables.organisations import OrganisationRecord
from chalicelib.store.tables.people import MINISTERS, PersonRecord

HANDLE_ATTEMPTS = 5


def _record(person_id: str) -> PersonRecord | None:
    try:
        return PersonRecord.get(person_id)
    except DoesNotExist:
        return None


def get_person(person_id: str) -> Person | None:
    record = _record(person_id)
    return to_domain.person(record) if record else None


def ministers() -> list[Person]:
    """Every minister holding a portfolio, by name: one Query of the sparse `ministers` index and one
    BatchGetItem, kept a minute per container (`read_cache.ministers`). Someone no longer in the
    ministers group is left out, whatever their portfolio still says."""
    def read() -> list[Person]:
        ids = [key.id for key in PersonRecord.ministers.query(MINISTERS)]
        found = get_people(set(ids)).values()
        return sorted((p for p in found if "minister" in p.roles and p.portfolio),
                      key=lambda p: (p.display_name.lower(), p.handle))

    return ministers_shown.get_or_read("all", read)


def get_people(person_ids: set[str]) -> dict[str, Person]:
    if not person_ids:
        return {}
    return {p.id: to_domain.person(p) for p in PersonRecord.batch_get(list(person_ids))}


def person_by_handle(handle: str) -> Person | None:
    claim = resolve("handle", handle)
    return get_person(claim.target_id) if claim and claim.target_kind == "person" else None


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
    raise ConditionFailed("handle")


def ensure_person(caller: Caller) -> Person:
    """The caller's profile, created on first sign-in; roles follow the token's groups. A token
    issued before its account was erased still verifies for up to an hour: it must not bring the
    profile back (ConditionFailed "erased", its erasure started or done). "handle": no free first
    handle was found."""
    person = _record(caller.id)
    if person is None:
        if state_of(caller.id) is not None:
            raise ConditionFailed("erased")
        person = _create_person(caller)
        if caller.verified_email:  # what is told by email by default reaches them from the start
            from chalicelib.store import notifications  # a first sign-in's: not every reader of names

            notifications.keep_sign_in_email(caller.id, caller.verified_email)
    roles = sorted(r.value for r in caller.roles)
    if person.roles != roles:
        no_longer_minister = person.minister_listing and Role.MINISTER.value not in roles
        person.update(actions=[PersonRecord.roles.set(roles),  # off the list of ministers with the role
                               *([PersonRecord.minister_listing.remove()] if no_longer_minister else [])])
    remember_region(person)  # their next support here needs no read of it
    people_cache.remember_profile(person)  # nor their next reply
    return to_domain.person(person)


def known_person(caller: Caller) -> KnownPerson:
    """The caller's name, handle and roles as this container read them lately (people_cache), for a
    write that only echoes them: no read. A minister's portfolio goes into their reply's badge for
    good, so theirs is read; so is a profile whose roles differ from the token's (to sync them)."""
    recent = people_cache.recent_profile(caller.id)
    if (recent is None or caller.has(Role.MINISTER)
            or list(recent.roles) != sorted(r.value for r in caller.roles)):
        person = ensure_person(caller)
        return KnownPerson(person.id, person.handle, person.display_name, person.roles, person.portfolio)
    return recent


def update_profile(person: Person, changes: Mapping[str, str | None]) -> Person:
    """Apply a profile edit to the profile as read (its version: "person" if it changed since); a
    new handle is claimed and the old one released atomically ("new handle" if it is taken), and a
    language chosen is copied to the notification settings in the same transaction (what is sent to
    the person reads it there), so a failure of any part leaves all as it was. Only the fields
    changed are written: whatever else the item holds stays as it is."""
    changed = dict(changes)
    new_handle = changed.pop("handle", None) or person.handle
    actions = [getattr(PersonRecord, field).set(value) if value is not None else getattr(PersonRecord, field).remove()
               for field, value in changed.items()]
    actions += [PersonRecord.handle.set(new_handle), PersonRecord.updated_at.set(utcnow())]
    region_since = person.region_since
    if "region" in changed and changed["region"] != person.region:
        region_since = utcnow()  # supports count in the new region only once it settles
        actions.append(PersonRecord.region_since.set(region_since))
    tx = Transaction()
    if new_handle != person.handle:
        tx.save(
            UniqueNameRecord(name=name_key("handle", new_handle), target_kind="person", target_id=person.id),
            "new handle", condition=UniqueNameRecord.name.does_not_exist(),
        )
        tx.delete(UniqueNameRecord(name=name_key("handle", person.handle)), "old handle",
                  condition=UniqueNameRecord.target_id == person.id)
    # VersionAttribute adds the condition on the version read, and moves it on.
    tx.update(PersonRecord(id=person.id, version=person.version or None), actions, "person")
    if "language" in changed:
        from chalicelib.store import notifications  # a profile's edit: not every reader of names

        notifications.keep_language_in(tx, person.id, changed["language"])
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "new handle" in tx.failed:
            raise ConditionFailed("new handle") from exc
        if tx.failed:
            raise ConditionFailed("person") from exc
        raise
    updated = replace(person, handle=new_handle, version=person.version + 1,
                      display_name=changed.get("display_name") or person.display_name,
                      bio=changed.get("bio", person.bio) or "",
                      constituency=changed.get("constituency", person.constituency) or "",
                      region=changed.get("region", person.region), region_since=region_since,
                      language=changed.get("language", person.language))
    remember_region(updated)
    people_cache.remember_profile(updated)  # the one copy of their name here: cards show the new one too
    return updated


def set_portfolio(person: Person, areas: list[str]) -> Person:
    """A minister holding a portfolio is listed (`ministers` index); one left without is not."""
    listed = PersonRecord.minister_listing.set(MINISTERS) if areas else PersonRecord.minister_listing.remove()
    updated = _set_areas(person, PersonRecord.portfolio, areas, listed)
    ministers_shown.clear()  # this container's lists show the reshuffle at once
    return updated


def list_minister(person: PersonRecord) -> int:
    """A minister given a portfolio before the list of ministers existed is put on it (1 if written):
    the reindex's phase, over the table's records."""
    if not person.portfolio or Role.MINISTER.value not in person.roles:
        return 0
    system_update(PersonRecord, person.id, actions=[PersonRecord.minister_listing.set(MINISTERS)])
    return 1


def set_policy_areas(person: Person, areas: list[str]) -> Person:
    return _set_areas(person, PersonRecord.policy_areas, areas)


def _set_areas(person: Person, attribute, areas: list[str], *also: Any) -> Person:
    """ConditionFailed "person": the profile is gone (erased meanwhile)."""
    record = PersonRecord(id=person.id, version=person.version or None)
    try:
        record.update(
            actions=[attribute.set(areas), PersonRecord.updated_at.set(utcnow()), *also],
            condition=PersonRecord.id.exists(),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise ConditionFailed("person") from exc
        raise
    return to_domain.person(record)


def create_organisation(caller: Caller, handle: str, name: str, description: str,
                        kind: str = "other", language: str | None = None) -> Organisation:
    org = OrganisationRecord(
        id=str(uuid.uuid4()), handle=handle, name=name, description=description, created_by=caller.id, kind=kind,
        language=language,
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
            raise ConditionFailed("handle") from exc
        raise
    return to_domain.organisation(org)


def organisation_by_handle(handle: str) -> Organisation | None:
    claim = resolve("handle", handle)
    if claim is None or claim.target_kind != "organisation":
        return None
    return to_domain.organisation(OrganisationRecord.get(claim.target_id))


def get_organisation(organisation_id: str) -> Organisation | None:
    try:
        return to_domain.organisation(OrganisationRecord.get(organisation_id))
    except DoesNotExist:
        return None


def organisation_handle(organisation_id: str) -> str | None:
    """An organisation's handle, from the names this container keeps (public_names)."""
    named = public_names.organisations({organisation_id}).get(organisation_id)
    return named.handle if named else None


def get_organisations(organisation_ids: set[str]) -> dict[str, Organisation]:
    if not organisation_ids:
        return {}
    return {o.id: to_domain.organisation(o) for o in OrganisationRecord.batch_get(list(organisation_ids))}


def names_of_people(person_ids: set[str]) -> dict[str, PersonName]:
    """What is shown beside people's words, from the names this container keeps (public_names)."""
    return public_names.people(person_ids)


def names_of_organisations(organisation_ids: set[str]) -> dict[str, OrganisationName]:
    return public_names.organisations(organisation_ids)


def names_of(person_ids: set[str], organisation_ids: set[str]) -> Names:
    """People's and organisations' names together: those not kept in one BatchGetItem, not two."""
    people, organisations = public_names.names(person_ids, organisation_ids)
    return Names(people=people, organisations=organisations)
