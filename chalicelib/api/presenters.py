"""Turning stored records into the shapes the API shows. Shared by every resource."""

from __future__ import annotations

from chalicelib.domain.people import Member, Organisation, PersonSummary, Profile
from chalicelib.store.people import MembershipRecord, OrganisationRecord, PersonRecord


def profile(person: PersonRecord) -> Profile:
    return Profile(
        id=person.id, handle=person.handle, display_name=person.display_name, bio=person.bio,
        constituency=person.constituency, roles=list(person.roles), portfolio=list(person.portfolio),
        version=int(person.version or 0),
    )


def person_summary(person: PersonRecord | None) -> PersonSummary:
    if person is None:  # erased accounts keep their words in threads, not their names
        return PersonSummary(id="", handle="", display_name="a former member")
    return PersonSummary(id=person.id, handle=person.handle, display_name=person.display_name)


def organisation(org: OrganisationRecord, members: list[tuple[MembershipRecord, PersonRecord | None]]) -> Organisation:
    return Organisation(
        id=org.id, handle=org.handle, name=org.name, description=org.description,
        members=[Member(person=person_summary(p), role=m.role) for m, p in members],
    )
