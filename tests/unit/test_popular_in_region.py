"""Popular in your region: the ranking is pure, so it is tested here without AWS."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.regional import POPULAR_PER_REGION, PopularTally, RegionalCount, rank_in_region
from chalicelib.domain.regions import REGION_IDS, SUPPRESS_BELOW, UNKNOWN


def test_ranked_by_the_regions_supporters_then_total_then_id():
    campaigns = [
        RegionalCount("c-eleven", 500, {"london": 11}),
        RegionalCount("c-twelve", 12, {"london": 12}),
        RegionalCount("c-tie-b", 40, {"london": 11}),
        RegionalCount("c-tie-a", 40, {"london": 11}),
        RegionalCount("c-nine", 9_000, {"london": 9, "wales": 30}),
    ]
    assert rank_in_region("london", campaigns) == [
        ("c-twelve", 12), ("c-eleven", 11), ("c-tie-a", 11), ("c-tie-b", 11)]
    assert rank_in_region("wales", campaigns) == [("c-nine", 30)]
    assert rank_in_region("scotland", campaigns) == []


def test_a_count_the_campaign_page_suppresses_never_qualifies():
    campaigns = [RegionalCount("c-nine", 10_000, {"london": SUPPRESS_BELOW - 1}),
                 RegionalCount("c-ten", 10, {"london": SUPPRESS_BELOW})]
    assert rank_in_region("london", campaigns) == [("c-ten", 10)]


def test_the_top_ten_only():
    campaigns = [RegionalCount(f"c-{n:02d}", 100, {"north-east": 10 + n}) for n in range(15)]
    ranked = rank_in_region("north-east", campaigns)
    assert len(ranked) == POPULAR_PER_REGION == 10
    assert ranked[0] == ("c-14", 24) and ranked[-1] == ("c-05", 15)


def test_the_tally_lists_every_region_and_none_for_supporters_who_gave_no_region():
    tally = PopularTally()
    tally.add(RegionalCount("c-1", 60, {"london": 20, UNKNOWN: 40}))
    lists = tally.lists()
    assert list(lists) == list(REGION_IDS) and UNKNOWN not in lists
    assert lists["london"] == [("c-1", 20)]
    assert all(lists[r] == [] for r in REGION_IDS if r != "london")


def test_a_tally_of_no_room_holds_nothing():
    tally = PopularTally(limit=0)
    tally.add(RegionalCount("c-1", 60, {"london": 20}))
    assert tally.lists()["london"] == []


# Narrow ranges, so ties are common, and ids that share prefixes ("c", "ca", "cab"): a tie on the
# counts must break on the id as text sorts.
campaign_ids = st.text(alphabet="ab", min_size=0, max_size=3).map(lambda s: f"c{s}")
counts = st.dictionaries(st.sampled_from((*REGION_IDS[:2], UNKNOWN)), st.integers(min_value=8, max_value=12),
                         max_size=3)
campaign_lists = st.lists(st.tuples(campaign_ids, st.sampled_from((20, 30)), counts),
                          unique_by=lambda c: c[0], max_size=15)


@given(campaign_lists, st.integers(min_value=0, max_value=12))
def test_the_tally_kept_page_by_page_is_the_ranking_of_them_all(rows, limit):
    campaigns = [RegionalCount(i, t, c) for i, t, c in rows]
    tally = PopularTally(limit)
    for campaign in campaigns:
        tally.add(campaign)
    lists = tally.lists()
    for region in REGION_IDS:
        ranked = lists[region]
        assert ranked == rank_in_region(region, campaigns, limit)
        assert len(ranked) <= limit
        assert all(count >= SUPPRESS_BELOW for _, count in ranked)  # no suppressed count is given away
        # Best first: by the region's count, then the total, then the id; nobody left out ranks higher.
        keys = [(-count, -next(c.total for c in campaigns if c.campaign_id == cid), cid) for cid, count in ranked]
        assert keys == sorted(keys)
        left_out = [c for c in campaigns if c.campaign_id not in {cid for cid, _ in ranked}
                    and int(c.by_region.get(region, 0)) >= SUPPRESS_BELOW]
        if left_out:
            assert len(ranked) == limit  # only a full list leaves a qualifying campaign out
        if left_out and keys:
            assert all((-int(c.by_region[region]), -c.total, c.campaign_id) > max(keys) for c in left_out)
