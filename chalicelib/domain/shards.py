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


def fanout_chains(counts: dict[int, int], page_size: int, most: int) -> list[list[int]]:
    """The populated shards (shard -> people in it) grouped into the chains of pages a fan-out
    runs side by side, each chain's shards in order. A page reads on across its chain's shards
    until it holds `page_size` people, so its writes go in full batches and a small shard costs
    no page of its own. Balanced by count: largest shard first into the lightest chain, so no
    chain holds more than the average plus the largest shard. As many chains as it takes for
    each to fit in one page by that bound, up to `most` (the page Lambdas at once)."""
    populated = sorted(((n, shard) for shard, n in counts.items() if n > 0), reverse=True)
    if not populated:
        return []
    total, largest = sum(n for n, _ in populated), populated[0][0]
    room = page_size - largest
    wanted = min(most, len(populated), -(-total // room) if room > 0 else most)
    loads = [0] * wanted
    chains: list[list[int]] = [[] for _ in range(wanted)]
    for n, shard in populated:
        lightest = loads.index(min(loads))
        loads[lightest] += n
        chains[lightest].append(shard)
    return [sorted(chain) for chain in chains]
