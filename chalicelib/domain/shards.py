"""How a campaign's supporters and followers are spread over partition keys.

Why shards (README, "Support at viral scale"): at 5,000 supports a second on one campaign, no
partition key may take more than 1,000 write units a second. A person's support lands on one
of SHARDS partitions (`<campaign>#<shard>`, by a hash of the person), together with that
shard's counter, in one transaction. The count shown is the sum of the shards.
"""

from __future__ import annotations

import hashlib

SHARDS = 128


def shard_of(person_id: str) -> int:
    """Stable across processes (unlike hash()), and even across people."""
    return int.from_bytes(hashlib.blake2b(person_id.encode(), digest_size=4).digest(), "big") % SHARDS


def shard_key(campaign_id: str, shard: int) -> str:
    return f"{campaign_id}#{shard:03d}"


def campaign_of(shard_key_value: str) -> str:
    return shard_key_value.rsplit("#", 1)[0]


def shard_number(shard_key_value: str) -> int:
    return int(shard_key_value.rsplit("#", 1)[1])
