"""The names shown beside campaigns and replies: a person's handle and display name, an
organisation's handle and name. Every campaign card, page and reply shows them, so a busy
container keeps them (`read_cache.people` and `read_cache.organisations`, which say for how long
and why that is safe) instead of one BatchGetItem per list and per thread. The ones not kept are
read in one BatchGetItem across both tables (`names`): a cold page of campaigns by people and
organisations pays one call for its names, not two."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.people import OrganisationName, PersonName
from chalicelib.settings import get_settings
from chalicelib.store.base import dynamodb_client
from chalicelib.store.read_cache import TtlCache
from chalicelib.store.read_cache import organisations as organisation_names
from chalicelib.store.read_cache import people as people_names

_GONE = "gone"  # cached absence: an erased person or organisation
BATCH_KEYS = 100  # BatchGetItem's most keys a call
# table -> (the attributes read, the attribute that holds the name)
_TABLES = {"people": ("display_name", PersonName), "organisations": ("name", OrganisationName)}


def _kept(cache: TtlCache, ids: set[str]) -> tuple[dict[str, Any], list[str]]:
    found = {i: cache.get(i) for i in ids if i}
    return found, [i for i, v in found.items() if v is None]


def _read(missing: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """Names by table and id, the missing ones of every table in one BatchGetItem (a hundred keys a
    call; again only for keys DynamoDB left unprocessed under load)."""
    keys = [(table, i) for table, ids in missing.items() for i in ids]
    read: dict[str, dict[str, Any]] = {table: {} for table in missing}
    for start in range(0, len(keys), BATCH_KEYS):
        request: dict[str, Any] = {}
        for table, i in keys[start:start + BATCH_KEYS]:
            name_attribute, _ = _TABLES[table]
            asked = request.setdefault(get_settings().table_name(table), {
                "Keys": [], "ProjectionExpression": "#i, #h, #n",
                "ExpressionAttributeNames": {"#i": "id", "#h": "handle", "#n": name_attribute}})
            asked["Keys"].append({"id": {"S": i}})
        for _ in range(3):
            if not request:
                break
            answer = dynamodb_client().batch_get_item(RequestItems=request)
            for table in missing:
                name_attribute, make = _TABLES[table]
                for item in answer.get("Responses", {}).get(get_settings().table_name(table), []):
                    i = item["id"]["S"]
                    read[table][i] = make(i, item.get("handle", {}).get("S", ""),
                                          item.get(name_attribute, {}).get("S", ""))
            request = answer.get("UnprocessedKeys") or {}
    return read


def names(person_ids: set[str], organisation_ids: set[str]) -> tuple[dict[str, PersonName],
                                                                   dict[str, OrganisationName]]:
    """People's and organisations' names by id, those this container does not keep read in one
    BatchGetItem of just those attributes; the erased absent."""
    people, people_missing = _kept(people_names, person_ids)
    organisations, organisations_missing = _kept(organisation_names, organisation_ids)
    missing = {t: ids for t, ids in (("people", people_missing), ("organisations", organisations_missing)) if ids}
    if missing:
        read = _read(missing)
        for found, cache, table in ((people, people_names, "people"),
                                    (organisations, organisation_names, "organisations")):
            for i in missing.get(table, []):
                found[i] = cache.put(i, read[table].get(i, _GONE))
    return ({i: v for i, v in people.items() if v is not _GONE},
            {i: v for i, v in organisations.items() if v is not _GONE})


def people(person_ids: set[str]) -> dict[str, PersonName]:
    """Names by id, one BatchGetItem of just those attributes for the ones not kept; the erased absent."""
    return names(person_ids, set())[0]


def organisations(organisation_ids: set[str]) -> dict[str, OrganisationName]:
    return names(set(), organisation_ids)[1]


def forget_person(person_id: str) -> None:
    """After this container erased them: their next card shows what is stored now."""
    people_names.forget(person_id)
