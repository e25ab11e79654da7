"""Memberships of organisations: invitations, accepting, declining, leaving and removing, and the
roles they give. Part of the people port (`logic/ports.py`), which reaches them through store/people.py."""

from __future__ import annotations

from pynamodb.exceptions import DeleteError, DoesNotExist, TransactWriteError, UpdateError

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.events import EventKind
from chalicelib.domain.people import (
    INVITED,
    Membership,
    role_as_member,
)
from chalicelib.store import outbox, to_domain
from chalicelib.store.base import Transaction, is_condition_failure, iso, utcnow
from chalicelib.store.read_cache import memberships
from chalicelib.store.tables.memberships import MembershipRecord


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


def members_of(organisation_id: str, limit: int = 100) -> list[Membership]:
    """Accepted members only: an invitation is nobody's business but the person's and the admins'."""
    return [to_domain.membership(m) for m in MembershipRecord.query(
        organisation_id, filter_condition=MembershipRecord.state.does_not_exist(), limit=limit)]


def members_and_invitations(organisation_id: str, limit: int = 200) -> list[Membership]:
    """Everyone the organisation has, members and people invited alike (for its admins): one Query."""
    return [to_domain.membership(m) for m in MembershipRecord.query(organisation_id, limit=limit)]


def remove(organisation_id: str, person_id: str) -> None:
    """An admin takes someone out, or withdraws their invitation; ConditionFailed "member" if neither."""
    try:
        MembershipRecord(organisation_id=organisation_id, person_id=person_id).delete(
            condition=MembershipRecord.person_id.exists())
    except DeleteError as exc:
        if is_condition_failure(exc):
            raise ConditionFailed("member") from exc
        raise
    memberships.forget((organisation_id, person_id))


def memberships_of(person_id: str) -> list[Membership]:
    """The organisations a person belongs to (accepted): index `by_person`, invitations filtered out."""
    return [to_domain.membership(m) for m in MembershipRecord.by_person.query(
        person_id, filter_condition=MembershipRecord.state.does_not_exist())]


def invitations_of(person_id: str) -> list[Membership]:
    """The invitations waiting for a person's answer: index `by_person`, filtered on `state`."""
    return [to_domain.membership(m) for m in MembershipRecord.by_person.query(
        person_id, filter_condition=MembershipRecord.state == INVITED)]


def invite(organisation_id: str, person_id: str, role: str) -> Membership:
    """An invitation, once: ConditionFailed "member" or "invited" if there is one. The person
    is told (domain.events INVITED) by an outbox event written with it."""
    invitation = MembershipRecord(organisation_id=organisation_id, person_id=person_id, role=role, state=INVITED)
    now = iso(utcnow())
    tx = Transaction()
    tx.save(invitation, "invitation", condition=MembershipRecord.person_id.does_not_exist())
    outbox.add_to(tx, outbox.event(outbox.organisation_partition(organisation_id), EventKind.INVITED, "", now,
                                   key=outbox.invited_key(person_id, now), organisation_id=organisation_id,
                                   person_id=person_id))
    try:
        tx.commit()
    except TransactWriteError as exc:
        if "invitation" not in tx.failed:
            raise
        existing = _membership(organisation_id, person_id)
        if existing is not None and existing.state == INVITED:
            raise ConditionFailed("invited") from exc
        raise ConditionFailed("member") from exc
    return to_domain.membership(invitation)


def still_invited(organisation_id: str, person_id: str) -> bool:
    """Whether an invitation waits for this person's answer (not accepted, declined or withdrawn)."""
    membership = _membership(organisation_id, person_id)
    return membership is not None and membership.state == INVITED


def _membership(organisation_id: str, person_id: str) -> MembershipRecord | None:
    try:
        return MembershipRecord.get(organisation_id, person_id, consistent_read=True)
    except DoesNotExist:
        return None


def accept_invitation(organisation_id: str, person_id: str) -> Membership:
    """Invited -> member; accepting again is harmless. ConditionFailed "invitation" if never invited."""
    record = MembershipRecord(organisation_id=organisation_id, person_id=person_id)
    try:
        record.update(actions=[MembershipRecord.state.remove()], condition=MembershipRecord.person_id.exists())
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise ConditionFailed("invitation") from exc
        raise
    memberships.forget((organisation_id, person_id))
    return to_domain.membership(record)


def decline_invitation(organisation_id: str, person_id: str) -> None:
    """The invitation goes. A member leaves instead (ConditionFailed "member"); none: "invitation"."""
    try:
        MembershipRecord(organisation_id=organisation_id, person_id=person_id).delete(
            condition=MembershipRecord.state == INVITED)
    except DeleteError as exc:
        if not is_condition_failure(exc):
            raise
        if _membership(organisation_id, person_id) is not None:
            raise ConditionFailed("member") from exc
        raise ConditionFailed("invitation") from exc


def leave(organisation_id: str, person_id: str) -> None:
    """Anyone may leave at any time, an admin too; leaving twice is harmless. (Site admins can
    still manage an organisation whose last admin left.)"""
    MembershipRecord(organisation_id=organisation_id, person_id=person_id).delete()
    memberships.forget((organisation_id, person_id))
