"""Who proposes amendments, as the logic sees them: people's public names, organisations' kind
and standing, and an admin's verification of an organisation's kind (the rest of an organisation
lives in store/profiles.py with the people it is made of)."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import TransactWriteError

from chalicelib.domain.errors import Busy, ConditionFailed
from chalicelib.domain.organisations import Kind, Standing
from chalicelib.domain.people import PersonName
from chalicelib.store import public_names
from chalicelib.store.base import Transaction, iso
from chalicelib.store.campaigns import audit_record
from chalicelib.store.tables.organisations import OrganisationRecord


def people(person_ids: set[str]) -> dict[str, PersonName]:
    """Public names from the container's short copies (store.public_names); the erased are absent."""
    return {i: PersonName(n.id, n.handle, n.display_name) for i, n in public_names.people(person_ids).items()}


def _standing(o: OrganisationRecord) -> Standing:
    return Standing(o.id, o.handle, o.name, o.kind or Kind.OTHER.value, o.verified_at is not None)


def standing(organisation_ids: set[str]) -> dict[str, Standing]:
    """Their handles, names, kinds and whether verified: one BatchGetItem."""
    ids = [i for i in organisation_ids if i]
    if not ids:
        return {}
    return {o.id: _standing(o) for o in OrganisationRecord.batch_get(
        ids, attributes_to_get=["id", "handle", "name", "kind", "verified_at"])}


def verify(organisation_id: str, kind: Kind, actor_id: str, now: datetime) -> None:
    """An admin confirms what the organisation is (correcting the kind it claimed), audited."""
    tx = Transaction()
    tx.system_update(OrganisationRecord, organisation_id,
                     [OrganisationRecord.kind.set(kind.value), OrganisationRecord.verified_at.set(iso(now))],
                     "organisation", condition=OrganisationRecord.id.exists())
    tx.save(audit_record(f"organisation#{organisation_id}", actor_id, f"verify:{kind.value}", "", now), "audit")
    try:
        tx.commit()
    except TransactWriteError as exc:
        if tx.conflicted:  # another write held the organisation: the admin may simply try again
            raise Busy() from exc
        raise ConditionFailed(*(tx.failed or {"unknown"})) from exc
