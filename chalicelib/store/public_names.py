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
from chalicelib.store.base import batch_get
from chalicelib.store.read_cache import TtlCache
from chalicelib.store.read_cache import organisations as organisation_names
from chalicelib.store.read_cache import people as people_names

_GONE = "gone"  # cached absence: an erased person or organisation
BATCH_KEYS = 100  # BatchGetItem's most keys a call
# table -> (the attributes read, the attribute that holds the name)
_TABLES = {"people": ("display_name", PersonName), "organisations": ("name", OrganisationName)}


def _cache(table: str) -> TtlCache:
    return people_names if table == "people" else organisation_names


def missing(person_ids: set[str], organisation_ids: set[str]) -> dict[str, list[str]]:
    """The ids whose names this container does not keep, by table ("people", "organisations")."""
    wanted = {"people": person_ids, "organisations": organisation_ids}
    return {table: ids for table, ids in ((t, sorted(i for i in wanted[t] if i and _cache(t).get(i) is None))
                                          for t in _TABLES) if ids}


def requests_for(missing_ids: dict[str, list[str]]) -> dict[str, Any]:
    """BatchGetItem's RequestItems for `missing`'s names: just the attributes shown."""
    request: dict[str, Any] = {}
    for table, ids in missing_ids.items():
        name_attribute, _ = _TABLES[table]
        request[get_settings().table_name(table)] = {
            "Keys": [{"id": {"S": i}} for i in ids], "ProjectionExpression": "#i, #h, #n",
            "ExpressionAttributeNames": {"#i": "id", "#h": "handle", "#n": name_attribute}}
    return request


def remember(missing_ids: dict[str, list[str]], responses: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Keep what a BatchGetItem of `requests_for(missing_ids)` answered (its items as DynamoDB sends
    them, by full table name); an id it did not answer is kept as gone (erased). What was kept, by
    (table, id)."""
    kept: dict[str, Any] = {}
    for table, ids in missing_ids.items():
        name_attribute, make = _TABLES[table]
        found = {item["id"]["S"]: make(item["id"]["S"], item.get("handle", {}).get("S", ""),
                                       item.get(name_attribute, {}).get("S", ""))
                 for item in responses.get(get_settings().table_name(table), [])}
        for i in ids:
            kept[f"{table}/{i}"] = _cache(table).put(i, found.get(i, _GONE))
    return kept


def names(person_ids: set[str], organisation_ids: set[str]) -> tuple[dict[str, PersonName],
                                                                   dict[str, OrganisationName]]:
    """People's and organisations' names by id, those this container does not keep read in one
    BatchGetItem of just those attributes (a hundred keys a call); the erased absent."""
    found = {f"people/{i}": people_names.get(i) for i in person_ids if i}
    found.update({f"organisations/{i}": organisation_names.get(i) for i in organisation_ids if i})
    wanted = missing(person_ids, organisation_ids)
    keys = [(table, i) for table, ids in wanted.items() for i in ids]
    for start in range(0, len(keys), BATCH_KEYS):
        chunk: dict[str, list[str]] = {}
        for table, i in keys[start:start + BATCH_KEYS]:
            chunk.setdefault(table, []).append(i)
        found.update(remember(chunk, batch_get(requests_for(chunk))))
    shown = {key: v for key, v in found.items() if v is not None and v is not _GONE}
    return ({k.partition("/")[2]: v for k, v in shown.items() if k.startswith("people/")},
            {k.partition("/")[2]: v for k, v in shown.items() if k.startswith("organisations/")})


def people(person_ids: set[str]) -> dict[str, PersonName]:
    """Names by id, one BatchGetItem of just those attributes for the ones not kept; the erased absent."""
    return names(person_ids, set())[0]


def organisations(organisation_ids: set[str]) -> dict[str, OrganisationName]:
    return names(set(), organisation_ids)[1]


def forget_person(person_id: str) -> None:
    """After this container erased them: their next card shows what is stored now."""
    people_names.forget(person_id)
