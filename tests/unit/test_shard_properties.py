"""Sharded support counts and milestones, as properties. No AWS.

A campaign's count is the sum of SHARDS counters (`<campaign>#<shard>`); a person's support
and its withdrawal must land on the same counter, or the count drifts (and a counter can go
negative). The milestones a campaign reaches are told once each, whatever the count does.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.milestones import crossed_milestones, next_milestone
from chalicelib.domain.shards import SHARDS, campaign_of, shard_key, shard_number, shard_of

FAST = settings(max_examples=60, deadline=None)

# Person ids are Cognito subs (UUIDs) in practice; any UTF-8 text is tried.
person_ids = st.one_of(st.uuids().map(str), st.text(st.characters(codec="utf-8"), max_size=40))
# Campaign ids are UUIDs in practice; ids with '#' in them must still split back correctly.
campaign_ids = st.one_of(st.uuids().map(str), st.text(st.characters(codec="utf-8"), max_size=30),
                         st.lists(st.sampled_from(["#", "0", "12", "abc", "#007", "x#"]), max_size=6).map("".join))
shards = st.integers(min_value=0, max_value=SHARDS - 1)


# --- Where a person's support lands. ---

@FAST
@given(person_ids)
def test_a_person_lands_on_one_of_the_shards(person_id):
    shard = shard_of(person_id)
    assert isinstance(shard, int)
    assert 0 <= shard < SHARDS
    assert shard_of(person_id) == shard


@pytest.mark.parametrize(("person_id", "shard"), [
    ("", 37),
    ("a", 85),
    ("3fa9c1de-0000-4000-8000-000000000001", 26),
    ("person-1", 122),
    ("Zoë", 42),
])
def test_a_persons_shard_never_changes_between_processes_or_releases(person_id, shard):
    """Pinned values. Supports already stored sit on these shards: if the hash (or SHARDS)
    changed, a withdrawal would look for the support on another shard and not find it, and
    the campaign's count would never come down."""
    assert shard_of(person_id) == shard


def test_the_shard_count_fits_the_three_digit_keys():
    assert 1 <= SHARDS <= 1000


@FAST
@given(campaign_ids, shards)
def test_a_shard_key_splits_back_into_campaign_and_shard(campaign_id, shard):
    key = shard_key(campaign_id, shard)
    assert campaign_of(key) == campaign_id
    assert shard_number(key) == shard


@FAST
@given(campaign_ids, campaign_ids, shards, shards)
def test_two_campaigns_or_shards_never_share_a_key(campaign_a, campaign_b, shard_a, shard_b):
    if (campaign_a, shard_a) != (campaign_b, shard_b):
        assert shard_key(campaign_a, shard_a) != shard_key(campaign_b, shard_b)


@settings(max_examples=25, deadline=None)
@given(campaign_ids)
def test_a_campaigns_keys_sort_in_shard_order(campaign_id):
    """Zero padding: '#002' sorts before '#010' (DynamoDB compares keys as text)."""
    keys = [shard_key(campaign_id, shard) for shard in range(SHARDS)]
    assert sorted(keys) == keys
    assert sorted(k.encode() for k in keys) == [k.encode() for k in keys]  # DynamoDB's byte order
    assert len(set(keys)) == SHARDS


def _sequential_ids(n: int) -> list[str]:
    return [f"person-{i}" for i in range(n)]


def _random_uuids(n: int) -> list[str]:
    rng = random.Random(20_000)  # fixed seed: the same 20,000 people on every run
    return [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n)]


@pytest.mark.parametrize("make_ids", [_random_uuids, _sequential_ids], ids=["uuids", "sequential"])
def test_people_spread_evenly_over_the_shards(make_ids):
    """Bound: no shard over 2x the mean, none under half of it.

    20,000 people over 128 shards is a mean of 156.25 a shard; a fair hash gives a binomial
    spread with a standard deviation of about 12.5, so the fullest of 128 shards is expected
    near 190 and 2x the mean (312) is about 12 standard deviations out: a fair hash never
    fails this, a broken one (e.g. keyed on a common prefix, or `% SHARDS` of something
    narrow) does. 2x is also what the design can carry: at 5,000 supports a second a shard
    takes ~39 a second on average (two write units each, transactional), so even a shard at 2x
    is far under DynamoDB's 1,000 write units a second per partition key.
    """
    people = make_ids(20_000)
    per_shard = Counter(shard_of(p) for p in people)
    mean = len(people) / SHARDS
    assert set(per_shard) == set(range(SHARDS)), "every shard takes some of the load"
    assert max(per_shard.values()) <= 2 * mean
    assert min(per_shard.values()) >= mean / 2


# --- The count: the sum of the shard counters, under supports and withdrawals. ---

CAMPAIGN = "c0ffee00-0000-4000-8000-000000000001"
OTHER_CAMPAIGN = CAMPAIGN + "#001"  # looks like one of CAMPAIGN's shard keys; must not mix with it


class ShardedCounters:
    """Storage as `store.supports` writes it, in memory: a support record keyed by
    (campaign_shard, person), written only if absent (support) or deleted only if present
    (withdraw), in one transaction with +1/-1 on that shard's counter. The shard comes from
    the real rule pieces; nothing here knows how shards are chosen."""

    def __init__(self) -> None:
        self.records: set[tuple[str, str]] = set()
        self.counters: dict[str, int] = {}

    def support(self, campaign_id: str, person_id: str) -> bool:
        key = shard_key(campaign_id, shard_of(person_id))
        if (key, person_id) in self.records:  # condition: supporter_id does not exist
            return False
        self.records.add((key, person_id))
        self.counters[key] = self.counters.get(key, 0) + 1
        return True

    def withdraw(self, campaign_id: str, person_id: str) -> bool:
        key = shard_key(campaign_id, shard_of(person_id))
        if (key, person_id) not in self.records:  # condition: supporter_id exists
            return False
        self.records.remove((key, person_id))
        self.counters[key] = self.counters.get(key, 0) - 1
        return True

    def shown_count(self, campaign_id: str) -> int:
        """As `counted_total` reads it: exactly the SHARDS keys of the campaign, summed."""
        return sum(self.counters.get(shard_key(campaign_id, shard), 0) for shard in range(SHARDS))


@settings(max_examples=50, deadline=None)
@given(
    people=st.lists(person_ids, min_size=1, max_size=16, unique=True),
    steps=st.lists(st.tuples(st.sampled_from(["support", "withdraw"]), st.integers(0, 15),
                             st.sampled_from([CAMPAIGN, OTHER_CAMPAIGN])), max_size=40),
)
def test_the_shown_count_is_the_number_of_people_supporting_now(people, steps):
    storage = ShardedCounters()
    supporters: dict[str, set[str]] = {CAMPAIGN: set(), OTHER_CAMPAIGN: set()}  # what people did
    for action, index, campaign_id in steps:
        person = people[index % len(people)]
        if action == "support":
            changed = storage.support(campaign_id, person)
            assert changed == (person not in supporters[campaign_id]), "a repeated support is no new support"
            supporters[campaign_id].add(person)
        else:
            changed = storage.withdraw(campaign_id, person)
            assert changed == (person in supporters[campaign_id]), "only a supporter can withdraw"
            supporters[campaign_id].discard(person)

        assert all(count >= 0 for count in storage.counters.values()), storage.counters
        for campaign in supporters:
            assert storage.shown_count(campaign) == len(supporters[campaign])
        # Every counter written is one of its campaign's SHARDS keys, so the read sees it.
        for key in storage.counters:
            assert campaign_of(key) in supporters
            assert 0 <= shard_number(key) < SHARDS
            assert shard_key(campaign_of(key), shard_number(key)) == key


# --- Milestones. ---

thresholds_st = st.one_of(
    st.just((100, 1000, 10000, 100000)),  # the default settings
    st.lists(st.integers(1, 5000), unique=True, max_size=6),
)
totals_st = st.lists(st.integers(0, 6000), min_size=1, max_size=20)


@settings(max_examples=40, deadline=None)
@given(thresholds_st, totals_st, st.randoms(use_true_random=False))
def test_each_milestone_reached_is_told_exactly_once(thresholds, totals, rnd):
    """Totals go up and down (withdrawals, recounts); what was told is fed back as recorded,
    in whatever order storage returns it."""
    thresholds = list(thresholds)
    rnd.shuffle(thresholds)  # settings sort them; nothing should depend on it
    recorded: list[int] = []
    told_at: dict[int, int] = {}
    for step, total in enumerate(totals):
        fed_back = list(recorded)
        rnd.shuffle(fed_back)
        crossed = crossed_milestones(total, thresholds, fed_back)
        assert crossed == sorted(crossed), "told smallest first"
        for milestone in crossed:
            assert milestone in thresholds
            assert milestone <= total, "not told before it is reached"
            assert milestone not in told_at, f"{milestone} told twice"
            told_at[milestone] = step
        recorded.extend(crossed)

    highest = max(totals)
    assert set(told_at) == {t for t in thresholds if t <= highest}
    for milestone, step in told_at.items():
        # Told on the first reading that reached it, not later.
        assert all(earlier < milestone for earlier in totals[:step])


@pytest.mark.parametrize(("total", "recorded", "expected"), [
    (99, [], []),
    (100, [], [100]),  # reaching the number counts
    (12_345, [], [100, 1000, 10000]),  # a jump past several tells each
    (12_345, [100, 1000], [10000]),
    (50, [100], []),  # dipped below: nothing to tell
    (150, [100], []),  # crossed again: already told
    (10**9, [100, 1000, 10000, 100000], []),
])
def test_milestone_examples(total, recorded, expected):
    assert crossed_milestones(total, (100, 1000, 10000, 100000), recorded) == expected


@FAST
@given(st.one_of(st.just([100, 1000, 10000, 100000]), st.lists(st.integers(0, 5000), max_size=8)),
       st.integers(-10, 6000), st.randoms(use_true_random=False))
def test_the_progress_bar_aims_at_the_next_milestone_above_the_count(thresholds, total, rnd):
    thresholds = list(thresholds)
    rnd.shuffle(thresholds)
    target = next_milestone(total, thresholds)
    above = [t for t in thresholds if t > total]
    if target is None:
        assert not above, "None only past the last milestone"
    else:
        assert target in thresholds
        assert target > total, "the count has not reached it yet"
        assert all(t >= target for t in above), "no milestone is skipped"


@pytest.mark.parametrize(("total", "expected"), [
    (0, 100), (99, 100), (100, 1000), (999, 1000), (100_000, None), (10**9, None),
])
def test_next_milestone_examples(total, expected):
    assert next_milestone(total, (100, 1000, 10000, 100000)) == expected
