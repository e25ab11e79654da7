"""The people port in memory: `store.people`'s profiles, handles (one namespace for people and
organisations), organisations and memberships, with its conditions reported as it reports them."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from chalicelib.domain.identity import Caller
from chalicelib.domain.people import (
    INVITED,
    NEW_MEMBER_NAME,
    KnownPerson,
    Membership,
    Names,
    Organisation,
    OrganisationName,
    Person,
    PersonName,
    role_as_member,
)
from tests.logic.fakes_base import Clock, ConditionFailed

if TYPE_CHECKING:
    from tests.logic.fake_notifications import FakeErasures, FakeNotifications


class FakePeople:
    def __init__(self, clock: Clock, erasures: FakeErasures) -> None:
        self.clock, self.erasures = clock, erasures
        self.people: dict[str, Person] = {}
        self.organisations: dict[str, Organisation] = {}
        self.memberships: dict[tuple[str, str], Membership] = {}
        self.handles: dict[str, str] = {}  # handle -> whose (a person's or an organisation's id)
        self.notifications: FakeNotifications | None = None  # where a language chosen is copied (build())

    # --- the scene a test sets (what an admin or an organisation's admin did earlier) ----------

    def give_portfolio(self, caller: Caller, areas: list[str]) -> Person:
        return self.set_portfolio(self.ensure_person(caller), areas)

    def give_policy_areas(self, caller: Caller, areas: list[str]) -> Person:
        return self.set_policy_areas(self.ensure_person(caller), areas)

    def add_organisation(self, handle: str, members: dict[str, str]) -> Organisation:
        org = Organisation(f"org-{handle}", handle, handle.title())
        self.organisations[org.id], self.handles[handle] = org, org.id
        for person_id, role in members.items():
            self.memberships[(org.id, person_id)] = Membership(org.id, person_id, role)
        return org

    # --- the port ---------------------------------------------------------------------------

    def ensure_person(self, caller: Caller) -> Person:
        if caller.id not in self.people:
            if self.erasures.state_of(caller.id) is not None:
                raise ConditionFailed("erased")
            handle = f"member-{secrets.token_hex(3)}"
            self.handles[handle] = caller.id
            self.people[caller.id] = Person(caller.id, handle, NEW_MEMBER_NAME, created_at=self.clock.now(), version=1)
        roles = tuple(sorted(r.value for r in caller.roles))
        stored = self.people[caller.id]
        if stored.roles != roles:  # follows the token's groups: an update, so the version moves
            self.people[caller.id] = replace(stored, roles=roles, version=stored.version + 1)
        return self.people[caller.id]

    def known_person(self, caller: Caller) -> KnownPerson:
        """`store.people.known_person`: no container copy here, so always as read."""
        person = self.ensure_person(caller)
        return KnownPerson(person.id, person.handle, person.display_name, person.roles, person.portfolio)

    def get_person(self, person_id: str) -> Person | None:
        return self.people.get(person_id)

    def get_people(self, person_ids: set[str]) -> dict[str, Person]:
        return {i: self.people[i] for i in person_ids if i in self.people}

    def person_by_handle(self, handle: str) -> Person | None:
        return self.people.get(self.handles.get(handle, ""))

    def update_profile(self, person: Person, changes: Mapping[str, str | None]) -> Person:
        stored = self.people[person.id]
        new_handle = changes.get("handle") or stored.handle
        if stored.version != person.version:
            raise ConditionFailed("person")
        if new_handle != stored.handle and new_handle in self.handles:
            raise ConditionFailed("new handle")
        if new_handle != stored.handle:
            del self.handles[stored.handle]
            self.handles[new_handle] = person.id
        updated = self.people[person.id] = replace(
            stored, handle=new_handle, display_name=changes.get("display_name") or stored.display_name,
            bio=changes.get("bio", stored.bio) or "",
            constituency=changes.get("constituency", stored.constituency) or "",
            region=changes.get("region", stored.region), language=changes.get("language", stored.language),
            version=stored.version + 1)
        if "language" in changes and self.notifications is not None:  # the same write, in the store
            self.notifications.keep_language(person.id, changes["language"])
        return updated

    def _set_areas(self, person: Person, **areas: tuple[str, ...]) -> Person:
        stored = self.people.get(person.id)
        if stored is None:
            raise ConditionFailed("person")
        self.people[person.id] = replace(stored, **areas, version=stored.version + 1)
        return self.people[person.id]

    def set_portfolio(self, person: Person, areas: list[str]) -> Person:
        return self._set_areas(person, portfolio=tuple(areas))

    def set_policy_areas(self, person: Person, areas: list[str]) -> Person:
        return self._set_areas(person, policy_areas=tuple(areas))

    def create_organisation(self, caller: Caller, handle: str, name: str, description: str,
                            kind: str = "other", language: str | None = None) -> Organisation:
        if handle in self.handles:
            raise ConditionFailed("handle")
        org = Organisation(f"org-{handle}", handle, name, description, caller.id, kind=kind, language=language)
        self.organisations[org.id], self.handles[handle] = org, org.id
        self.memberships[(org.id, caller.id)] = Membership(org.id, caller.id, "admin")
        return org

    def organisation_by_handle(self, handle: str) -> Organisation | None:
        return self.organisations.get(self.handles.get(handle, ""))

    def get_organisation(self, organisation_id: str) -> Organisation | None:
        return self.organisations.get(organisation_id)

    def get_organisations(self, organisation_ids: set[str]) -> dict[str, Organisation]:
        return {i: self.organisations[i] for i in organisation_ids if i in self.organisations}

    def membership_role(self, organisation_id: str | None, person_id: str) -> str | None:
        found = self.memberships.get((organisation_id, person_id)) if organisation_id else None
        return role_as_member(found.role, found.state) if found else None

    def recent_membership_role(self, organisation_id: str | None, person_id: str) -> str | None:
        return self.membership_role(organisation_id, person_id)

    def organisation_handle(self, organisation_id: str) -> str | None:
        org = self.organisations.get(organisation_id)
        return org.handle if org else None

    def members_of(self, organisation_id: str, limit: int = 100) -> list[Membership]:
        return [m for (o, _), m in sorted(self.memberships.items()) if o == organisation_id and m.state is None][:limit]

    def memberships_of(self, person_id: str) -> list[Membership]:
        return [m for (_, p), m in sorted(self.memberships.items()) if p == person_id and m.state is None]

    def invitations_of(self, person_id: str) -> list[Membership]:
        return [m for (_, p), m in sorted(self.memberships.items()) if p == person_id and m.state == INVITED]

    def invite(self, organisation_id: str, person_id: str, role: str) -> Membership:
        existing = self.memberships.get((organisation_id, person_id))
        if existing is not None:
            raise ConditionFailed("invited" if existing.state == INVITED else "member")
        invitation = self.memberships[(organisation_id, person_id)] = Membership(organisation_id, person_id, role,
                                                                                 INVITED)
        return invitation

    def accept_invitation(self, organisation_id: str, person_id: str) -> Membership:
        existing = self.memberships.get((organisation_id, person_id))
        if existing is None:
            raise ConditionFailed("invitation")
        accepted = self.memberships[(organisation_id, person_id)] = replace(existing, state=None)
        return accepted

    def decline_invitation(self, organisation_id: str, person_id: str) -> None:
        existing = self.memberships.get((organisation_id, person_id))
        if existing is None or existing.state != INVITED:
            raise ConditionFailed("member" if existing is not None else "invitation")
        del self.memberships[(organisation_id, person_id)]

    def leave(self, organisation_id: str, person_id: str) -> None:
        self.memberships.pop((organisation_id, person_id), None)

    def ministers(self) -> list[Person]:
        holding = [p for p in self.people.values() if "minister" in p.roles and p.portfolio]
        return sorted(holding, key=lambda p: (p.display_name.lower(), p.handle))

    def members_and_invitations(self, organisation_id: str, limit: int = 200) -> list[Membership]:
        return [m for (o, _), m in sorted(self.memberships.items()) if o == organisation_id][:limit]

    def remove(self, organisation_id: str, person_id: str) -> None:
        if self.memberships.pop((organisation_id, person_id), None) is None:
            raise ConditionFailed("member")

    def names_of_people(self, person_ids: set[str]) -> dict[str, PersonName]:
        return {i: PersonName(p.id, p.handle, p.display_name) for i, p in self.get_people(person_ids).items()}

    def names_of_organisations(self, organisation_ids: set[str]) -> dict[str, OrganisationName]:
        found = self.get_organisations(organisation_ids)
        return {i: OrganisationName(o.id, o.handle, o.name) for i, o in found.items()}

    def names_of(self, person_ids: set[str], organisation_ids: set[str]) -> Names:
        return Names(people=self.names_of_people(person_ids),
                     organisations=self.names_of_organisations(organisation_ids))
