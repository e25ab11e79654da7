"""Domain rules, no AWS: lifecycle, permissions, similarity, validation, settings."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from chalicelib.api.campaigns import CampaignCreate
from chalicelib.api.ministers import PortfolioUpdate
from chalicelib.api.people import ProfileUpdate
from chalicelib.domain import permissions
from chalicelib.domain.campaigns import TRANSITIONS, Status, slugify, transition
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import ANYONE, SIGNED_IN, Caller, Role, only, roles_from_groups
from chalicelib.domain.people import check_handle
from chalicelib.domain.similarity import most_similar, overlap
from chalicelib.settings import Settings

ALLOWED = {("submit", "draft"), ("submit", "rejected"), ("approve", "pending"), ("reject", "pending"),
           ("close", "open")}


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
@pytest.mark.parametrize("status", [s.value for s in Status])
def test_only_the_lifecycle_moves_are_allowed(action, status):
    if (action, status) in ALLOWED:
        assert transition(action, status) in Status
    else:
        with pytest.raises(Conflict) as raised:
            transition(action, status)
        assert raised.value.code == "invalid_transition"


def test_slugs_are_readable():
    assert slugify("Free bus travel for apprentices!") == "free-bus-travel-for-apprentices"
    assert slugify("Café culture — über alles") == "cafe-culture-uber-alles"
    assert slugify("!!!") == "campaign"
    assert len(slugify("word " * 50)) <= 60


def test_similar_titles():
    assert overlap("Free bus travel for apprentices", "Free buses for all apprentices") > 0.5
    assert overlap("Free bus travel for apprentices", "Build council homes") == 0
    ranked = most_similar("Solar panels on schools", [("a", "Solar panels on every school roof"),
                                                       ("b", "Council homes now"), ("c", "School solar power")])
    assert [cid for cid, _ in ranked] == ["a", "c"] or [cid for cid, _ in ranked] == ["c", "a"]
    assert "b" not in [cid for cid, _ in ranked]


def test_roles_from_groups():
    assert roles_from_groups([]) == {Role.CITIZEN}
    assert roles_from_groups(["ministers", "unknown"]) == {Role.CITIZEN, Role.MINISTER}


def test_access_declarations():
    citizen = Caller(id="c", username="c")
    moderator = Caller(id="m", username="m", roles=frozenset({Role.CITIZEN, Role.MODERATOR}))
    assert ANYONE.allows(None) and not SIGNED_IN.allows(None) and SIGNED_IN.allows(citizen)
    assert only(Role.MODERATOR).allows(moderator) and not only(Role.MODERATOR).allows(citizen)


def test_permissions():
    owner = Caller(id="o", username="o")
    minister = Caller(id="m", username="m", roles=frozenset({Role.CITIZEN, Role.MINISTER}))
    assert permissions.can_edit_campaign(owner, "o", False)
    assert not permissions.can_edit_campaign(minister, "o", False)
    assert permissions.can_edit_campaign(minister, "o", True)  # a member of the hosting organisation
    assert not permissions.can_see_unpublished(None, "o", False)
    assert permissions.can_respond_officially(minister, ["health"], "health")
    assert not permissions.can_respond_officially(minister, ["health"], "transport")
    assert not permissions.can_respond_officially(owner, ["health"], "health")


def test_handles():
    assert check_handle("Ada-Lovelace") == "ada-lovelace"
    for bad in ["ab", "-ab", "ab-", "a--b", "admin", "a b", "x" * 31]:
        with pytest.raises(ValueError):
            check_handle(bad)


def test_validation_models():
    with pytest.raises(ValidationError):
        ProfileUpdate.model_validate({})
    with pytest.raises(ValidationError):
        CampaignCreate.model_validate({"title": "x" * 20, "summary": "y" * 30, "body": "z" * 60, "area": "mars"})
    assert PortfolioUpdate.model_validate({"areas": ["transport", "health", "health"]}).areas == ["health", "transport"]


def test_settings_from_the_environment():
    local = Settings.from_environment({"STAGE": "local", "USER_POOL_ID": "eu-west-2_abc",
                                       "AWS_ENDPOINT_URL": "http://127.0.0.1:4566"})
    assert local.table_name("people") == "labourspace-local-people"
    assert local.cognito_jwks_url == "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc/.well-known/jwks.json"
    assert local.cognito_endpoint == "http://127.0.0.1:4566"
    prod = Settings.from_environment({"STAGE": "prod", "AWS_REGION": "eu-west-1", "MILESTONES": "10,5",
                                      "PUBLIC_BASE_URL": "https://labourspace.example"})
    assert prod.aws_endpoint_url is None and prod.cognito_endpoint is None and prod.cursor_secret == ""
    assert prod.milestones == (5, 10)


def test_trending_is_the_gain_over_a_day():
    from chalicelib.domain.ranking import HOURS_KEPT, hourly_counts_with, trending_score

    counts = []
    for hour in range(40):
        counts = hourly_counts_with(counts, hour * 10)
    assert len(counts) == HOURS_KEPT and counts[-1] == 390
    assert trending_score(counts) == 240  # 24 hours of 10 an hour
    assert trending_score([50, 40]) == 0  # withdrawals never make a negative score
    assert trending_score([]) == 0


def test_cursors_are_signed_scoped_and_expire(monkeypatch):
    from chalicelib.domain.errors import ConditionFailed, InvalidInput
    from chalicelib.logic.refusals import explained
    from chalicelib.store import pagination

    cursor = pagination.encode_cursor("by_status:open", {"id": {"S": "c1"}})
    assert pagination.decode_cursor("by_status:open", cursor) == {"id": {"S": "c1"}}
    tampered = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")  # always a different last character
    for scope, bad in [("by_status:closed", cursor), ("by_status:open", tampered),
                       ("by_status:open", "x.y"), ("by_status:open", "")]:
        if not bad:
            assert pagination.decode_cursor(scope, bad) is None
            continue
        with pytest.raises(ConditionFailed):  # the store's report...
            pagination.decode_cursor(scope, bad)
        with pytest.raises(InvalidInput), explained():  # ...which the logic answers with a 400
            pagination.decode_cursor(scope, bad)
    later = pagination.time.time() + pagination.CURSOR_LIFETIME_SECONDS + 5
    monkeypatch.setattr(pagination.time, "time", lambda: later)
    with pytest.raises(InvalidInput) as expired, explained():
        pagination.decode_cursor("by_status:open", cursor)
    assert expired.value.details["fields"]["cursor"] == "expired"


def test_jwks_is_fetched_once_and_refetched_at_most_once_a_minute_for_unknown_keys(monkeypatch):
    from chalicelib.domain.errors import InvalidToken
    from chalicelib.http import auth

    cache = auth.JwksCache("http://127.0.0.1:9/unused")
    fetches = []

    def fake_fetch():
        fetches.append(1)
        cache._keys = {"k1": "key-one"}
        cache._fetched_at = now[0]

    now = [1000.0]
    monkeypatch.setattr(cache, "_fetch", fake_fetch)
    monkeypatch.setattr(auth.time, "monotonic", lambda: now[0])
    assert cache.key_for("k1") == "key-one" and cache.key_for("k1") == "key-one"
    assert len(fetches) == 1
    with pytest.raises(InvalidToken):
        cache.key_for("rotated")  # within the minute: no refetch for a forged kid
    assert len(fetches) == 1
    now[0] += auth.REFETCH_INTERVAL_SECONDS + 1
    with pytest.raises(InvalidToken):
        cache.key_for("rotated")  # a minute on: one refetch, in case the pool rotated its keys
    assert len(fetches) == 2


def test_a_refusal_names_the_people_a_route_lets_in_in_words():
    assert only(Role.MINISTER).who_may() == "ministers"
    assert only(Role.POLICY, Role.ADMIN).who_may() == "admins or the policy team"
    assert only().who_may() == "signed-in people"
