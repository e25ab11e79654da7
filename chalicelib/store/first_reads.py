"""What a support, withdrawal, follow or unfollow reads before its one write: one consistent
BatchGetItem across the tables that hold its guards (read units, never write units; README,
"What a support costs against AWS's quotas"):
- the person's erasure item (any: the write is refused "erasing"/"erased");
- their profile's region facts (a support counts where the profile says at this read);
- the campaign shard's counter (`frozen`: the campaign closed, the write is refused "counter");
- the person's own item (supporting twice, or withdrawing what is not there, changes nothing
  and spends no use of the rate limit).
An erasure or a close that starts between this read and the write is caught after it, by the
supports' stream (store/stream_tally.py), which removes what it must not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain.errors import ConditionFailed
from chalicelib.domain.privacy import erasure_id_for
from chalicelib.settings import get_settings
from chalicelib.store.base import batch_get
from chalicelib.store.erasures import ERASING
from chalicelib.store.person_regions import RegionFacts, facts_of
from chalicelib.store.tables.people import PersonRecord


@dataclass(frozen=True)
class FirstReads:
    erasure_state: str | None = None  # None: no erasure item
    region: RegionFacts | None = None  # None: not asked for
    frozen: bool = False
    item_exists: bool = False

    def refuse_erasure(self) -> None:
        if self.erasure_state is not None:
            raise ConditionFailed(self.erasure_state)

    def refuse_frozen(self) -> None:
        if self.frozen:
            raise ConditionFailed("counter")


def read(person_id: str, *, item_table: str, item_key: dict[str, str], counter_id: str | None = None,
         erasure: bool = False, region: bool = False) -> FirstReads:
    """One consistent BatchGetItem: the person's item in `item_table` (its key, strings) and the
    guards asked for."""
    settings = get_settings()
    wanted: dict[str, dict[str, Any]] = {}

    def ask(table: str, key: dict[str, str], attributes: list[str]) -> str:
        name = settings.table_name(table)
        wanted[name] = {"Keys": [{k: {"S": v} for k, v in key.items()}], "ConsistentRead": True,
                        "ProjectionExpression": ", ".join(f"#a{i}" for i in range(len(attributes))),
                        "ExpressionAttributeNames": {f"#a{i}": a for i, a in enumerate(attributes)}}
        return name

    item_name = ask(item_table, item_key, list(item_key))
    erasure_name = ask("erasures", {"erasure_id": erasure_id_for(person_id)}, ["erasure_id", "state"]) \
        if erasure else None
    people_name = ask("people", {"id": person_id}, ["id", "region", "region_since", "created_at"]) if region else None
    counter_name = ask("support-counters", {"counter_id": counter_id}, ["counter_id", "frozen"]) \
        if counter_id else None
    # One key per table name asked, so each table answers with at most one item.
    found = {table: items[0] for table, items in batch_get(wanted).items() if items}
    erasure_item = found.get(erasure_name) if erasure_name else None
    counter_item = found.get(counter_name) if counter_name else None
    facts = None
    if people_name:
        person = found.get(people_name)
        facts = facts_of(PersonRecord.from_raw_data(person)) if person else RegionFacts()
    return FirstReads(
        erasure_state=(erasure_item.get("state", {}).get("S") or ERASING) if erasure_item else None,
        region=facts,
        frozen=bool(counter_item and counter_item.get("frozen", {}).get("BOOL")),
        item_exists=item_name in found,
    )
