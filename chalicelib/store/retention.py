"""Retention: twelve months after a campaign closes, its supports are anonymised. The counts
stay (the counters are untouched, and each shard keeps one item per supporter, so a recount
still agrees); the link to people goes. A batch job that Queries, never Scans."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from chalicelib.domain.campaigns import Status
from chalicelib.domain.privacy import ANONYMOUS_SUPPORTER_PREFIX
from chalicelib.domain.shards import SHARDS, shard_key
from chalicelib.store.supports import anonymise_record
from chalicelib.store.tables.campaigns import CampaignRecord
from chalicelib.store.tables.supports import SupportRecord

PARALLEL_SHARDS = 8


def closed_between(after: str, before: str, page_size: int = 100) -> Iterator[tuple[str, str]]:
    """(campaign id, closed at) of campaigns closed after `after` and before `before`, oldest
    first: `by_status` on ("closed", listed_at), as a campaign is listed in `closed` when it closes."""
    after = after or "0"  # before any ISO time; a key condition may not hold an empty string
    for key in CampaignRecord.by_status.query(Status.CLOSED.value, CampaignRecord.listed_at.between(after, before),
                                              scan_index_forward=True, page_size=page_size):
        if after < key.listed_at < before:
            yield key.id, key.listed_at


def _anonymise_shard(campaign_id: str, shard: int) -> int:
    done = 0
    for record in SupportRecord.query(shard_key(campaign_id, shard)):
        if not record.supporter_id.startswith(ANONYMOUS_SUPPORTER_PREFIX):
            done += anonymise_record(record.campaign_shard, record.supporter_id, campaign_id)
    return done


def anonymise_supports(campaign_id: str) -> int:
    """How many supports were anonymised; running it again finds none left to do."""
    with ThreadPoolExecutor(max_workers=PARALLEL_SHARDS) as pool:
        return sum(pool.map(lambda shard: _anonymise_shard(campaign_id, shard), range(SHARDS)))
