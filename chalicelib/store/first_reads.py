"""What a support, withdrawal, follow or unfollow needs that this container may not hold yet, read
in one BatchGetItem at most (README, "What a support costs against AWS's quotas"):
- the campaign's (or amendment's) item, for its two-second status copy (`read_cache`);
- the person's profile region facts (`read_cache.profile_regions`): where a support counts;
- the person's rate-limit item (`read_cache.rate_limit_uses`): whether one more change fits.
The last two are kept as the container's own copies after. A warm container holds all three and
reads nothing: the request's one call is its own conditional write.

Which reads are consistent, and why (each 0.5 read units eventually consistent, 1 consistent):
- the status: eventually consistent, as the two-second copy always was;
- the rate-limit item: eventually consistent. Only the stream writes it (charging each change about
  a second after it is made), so the copy already lacks the last second's uses; a read a moment
  stale lacks them a moment longer, and the stream charges the item exactly and removes what is past
  it whatever the copy said. A stale copy can only lack uses, so a refusal it gives stays exact;
- the region: consistent. A support from a region read here is not marked `region_from_copy`, so the
  stream does not check it: read stale, it would be counted where the profile no longer says. Read
  eventually consistent and marked, it would cost the stream a consistent read (1 unit) to save 0.5
  here, and the count a second more (the check comes before the counters move).

Nothing here is trusted alone. The supports' and follows' streams (store/stream_backstop.py) check
a support's region against the profile, and every change against the person's rate-limit item,
and remove what an erasure or a close forbids (store/stream_tally.py).
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.limits import Limit
from chalicelib.settings import get_settings
from chalicelib.store import person_regions, rate_limits
from chalicelib.store.base import batch_get, dynamodb_client
from chalicelib.store.tables.people import PersonRecord

REGION_ATTRIBUTES = ["id", "region", "region_since", "created_at"]


def read_missing(person_id: str | None, *, limit: Limit | None = None, region: bool = False,
                 item: tuple[str, dict[str, str], list[str]] | None = None) -> dict[str, Any] | None:
    """One BatchGetItem of what is asked and not held here: `item` (table, key, attributes: read
    eventually consistent, as a status copy), the person's region facts (if `region`: consistent)
    and their `limit` item (eventually consistent: the stream is its backstop). Keeps the person's
    copies; returns `item` as DynamoDB sends it (None: absent, or not asked). No call when
    everything is held."""
    settings = get_settings()
    wanted: dict[str, dict[str, Any]] = {}

    def ask(table: str, key: dict[str, str], attributes: list[str], consistent: bool) -> str:
        name = settings.table_name(table)
        names: dict[str, str] = {}
        paths = []
        for attribute in attributes:  # "a.b": only b of the map a
            parts = []
            for part in attribute.split("."):
                names[f"#a{len(names)}"] = part
                parts.append(f"#a{len(names) - 1}")
            paths.append(".".join(parts))
        wanted[name] = {"Keys": [{k: {"S": v} for k, v in key.items()}], "ConsistentRead": consistent,
                        "ProjectionExpression": ", ".join(paths), "ExpressionAttributeNames": names}
        return name

    item_name = ask(*item, consistent=False) if item else None
    people_name = ask("people", {"id": person_id}, REGION_ATTRIBUTES, True) \
        if person_id and region and not person_regions.region_known(person_id) else None
    limit_key = rate_limits.key_of(limit, person_id) if person_id and limit else None
    limit_name = ask("rate-limits", {"key": limit_key}, ["key", "uses", "revision"], False) \
        if limit_key and not rate_limits.copy_held(limit_key) else None
    if not wanted:
        return None
    if item_name is not None and list(wanted) == [item_name]:  # the person's copies are held: a GetItem
        asked = wanted[item_name]
        answer = dynamodb_client().get_item(TableName=item_name, Key=asked["Keys"][0], ConsistentRead=False,
                                            ProjectionExpression=asked["ProjectionExpression"],
                                            ExpressionAttributeNames=asked["ExpressionAttributeNames"])
        return answer.get("Item")
    # One key per table name asked, so each table answers with at most one item.
    found = {table: items[0] for table, items in batch_get(wanted).items() if items}
    if people_name and person_id:
        person = found.get(people_name)
        person_regions.keep_region(person_id, PersonRecord.from_raw_data(person) if person else None)
    if limit_name and limit_key:
        rate_limits.keep_copy(limit_key, found.get(limit_name))
    return found.get(item_name) if item_name else None
