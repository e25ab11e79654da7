"""Nobody judges their own case: the one rule (domain.permissions.conflict_of_interest) behind every
decision it guards, whoever decides (a moderator, the policy team, a minister, an admin)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.permissions import Decision, Interest, conflict_of_interest

people = st.sampled_from(["ada", "ben", "chloe", "dev"])


def test_the_author_the_campaigns_owner_and_the_hosts_members_each_have_a_stake():
    assert conflict_of_interest("ada", author_id="ada") == Interest.AUTHOR
    assert conflict_of_interest("ada", author_id="ben", campaign_owner_id="ada") == Interest.CAMPAIGN_OWNER
    assert conflict_of_interest("ada", author_id="ben", member_of_host=True) == Interest.HOSTING_ORGANISATION
    assert conflict_of_interest("ada", author_id="ben", campaign_owner_id="chloe") is None


def test_the_closest_stake_is_the_one_named():
    assert conflict_of_interest("ada", author_id="ada", campaign_owner_id="ada", member_of_host=True) == Interest.AUTHOR
    assert conflict_of_interest("ada", author_id="ben", campaign_owner_id="ada",
                                member_of_host=True) == Interest.CAMPAIGN_OWNER


@given(decider=people, author=people, owner=st.none() | people, member=st.booleans())
def test_someone_may_decide_exactly_when_they_have_no_stake(decider, author, owner, member):
    stake = conflict_of_interest(decider, author_id=author, campaign_owner_id=owner, member_of_host=member)
    assert (stake is None) == (decider != author and decider != owner and not member)


def test_every_decision_and_stake_has_a_stable_name_for_the_record():
    assert {d.value for d in Decision} == {"campaign_decision", "moderation", "manifesto", "official_response",
                                              "amendment"}
    assert {i.value for i in Interest} == {"author", "campaign_owner", "hosting_organisation"}
