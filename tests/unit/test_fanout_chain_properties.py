"""How a fan-out groups a campaign's populated shards into chains of pages, as properties. No AWS.

Every populated shard is in exactly one chain (or its people are never told, or told twice); no
more chains than page Lambdas at once; and the chains balanced by count, so none runs much longer.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.shards import SHARDS, fanout_chains

FAST = settings(max_examples=200, deadline=None)

# Shard -> people in it, as the counters say: empty shards, tiny ones, and shards larger than a page.
counts = st.dictionaries(st.integers(min_value=0, max_value=SHARDS - 1), st.integers(min_value=0, max_value=20_000),
                         max_size=SHARDS)
page_sizes = st.integers(min_value=1, max_value=2_000)
lambdas = st.integers(min_value=1, max_value=40)


@FAST
@given(counts, page_sizes, lambdas)
def test_every_populated_shard_is_in_exactly_one_chain(shard_counts, page_size, most):
    chains = fanout_chains(shard_counts, page_size, most)
    placed = [shard for chain in chains for shard in chain]
    assert sorted(placed) == sorted(s for s, n in shard_counts.items() if n > 0)
    assert all(chain == sorted(chain) for chain in chains)  # read in shard order


@FAST
@given(counts, page_sizes, lambdas)
def test_no_more_chains_than_page_lambdas_and_none_empty(shard_counts, page_size, most):
    chains = fanout_chains(shard_counts, page_size, most)
    assert len(chains) <= most
    assert all(chains)


@FAST
@given(counts, page_sizes, lambdas)
def test_chains_are_balanced_within_the_largest_shard(shard_counts, page_size, most):
    chains = fanout_chains(shard_counts, page_size, most)
    loads = [sum(shard_counts[s] for s in chain) for chain in chains]
    if loads:
        assert max(loads) - min(loads) <= max(shard_counts.values())


@FAST
@given(counts, page_sizes, lambdas)
def test_fewer_chains_than_lambdas_means_each_fits_in_one_page(shard_counts, page_size, most):
    """Chains are added (up to the Lambdas) until each fits in a page: a chain then costs one
    page and one SQS message, and no chain ends in a second page of a handful of people."""
    chains = fanout_chains(shard_counts, page_size, most)
    populated = sum(1 for n in shard_counts.values() if n > 0)
    if len(chains) < min(most, populated):
        assert all(sum(shard_counts[s] for s in chain) <= page_size for chain in chains)


def test_a_campaign_of_10000_spread_over_128_shards_is_a_few_single_pages():
    chains = fanout_chains({shard: 78 for shard in range(SHARDS)}, 1000, 20)  # 9,984 people
    assert len(chains) == 11  # 9,984 over pages of 1,000, less room for the largest shard (78): 922 a chain
    assert all(78 * len(chain) <= 1000 for chain in chains)


def test_nobody_to_tell_is_no_chain():
    assert fanout_chains({}, 1000, 20) == []
    assert fanout_chains({3: 0, 4: 0}, 1000, 20) == []
