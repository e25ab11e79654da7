"""The names shown beside campaigns and replies: a person's handle and display name, an
organisation's handle and name. Every campaign card, page and reply shows them, so a busy
container keeps them (`read_cache.people` and `read_cache.organisations`, which say for how long
and why that is safe) instead of one BatchGetItem per list and per thread."""

from __future__ import annotations

from chalicelib.domain.people import OrganisationName, PersonName
from chalicelib.store.read_cache import TtlCache
from chalicelib.store.read_cache import organisations as organisation_names
from chalicelib.store.read_cache import people as people_names
from chalicelib.store.tables.organisations import OrganisationRecord
from chalicelib.store.tables.people import PersonRecord

_GONE = "gone"  # cached absence: an erased person or organisation


def _cached(cache: TtlCache, ids: set[str], read) -> dict:
    found = {i: cache.get(i) for i in ids if i}
    missing = [i for i, v in found.items() if v is None]
    if missing:
        fresh = read(missing)
        for i in missing:
            found[i] = cache.put(i, fresh.get(i, _GONE))
    return {i: v for i, v in found.items() if v is not _GONE}


def people(person_ids: set[str]) -> dict[str, PersonName]:
    """Names by id, one BatchGetItem of just those attributes for the ones not kept; the erased absent."""
    def read(ids: list[str]) -> dict[str, PersonName]:
        return {p.id: PersonName(p.id, p.handle, p.display_name)
                for p in PersonRecord.batch_get(ids, attributes_to_get=["id", "handle", "display_name"])}

    return _cached(people_names, person_ids, read)


def organisations(organisation_ids: set[str]) -> dict[str, OrganisationName]:
    def read(ids: list[str]) -> dict[str, OrganisationName]:
        return {o.id: OrganisationName(o.id, o.handle, o.name)
                for o in OrganisationRecord.batch_get(ids, attributes_to_get=["id", "handle", "name"])}

    return _cached(organisation_names, organisation_ids, read)


def forget_person(person_id: str) -> None:
    """After this container erased them: their next card shows what is stored now."""
    people_names.forget(person_id)
