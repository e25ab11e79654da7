"""The rules behind sessions ending everywhere and joining for any address alike (domain.sign_ins,
domain.accounts): when a sign-in stops counting, which changes end the older ones, the codes, and
the password rules the user pool holds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.accounts import (
    CODE_DIGITS,
    PASSWORD_MIN_LENGTH,
    new_code,
    normalised_address,
    password_meets_the_rules,
)
from chalicelib.domain.sign_ins import SignInState, counts, not_before_for, notice
from devstack.cfn import load_template

TEMPLATE = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"
MINISTER, MODERATOR = "minister", "moderator"


@given(st.floats(min_value=1.7e9, max_value=2.5e9))
def test_a_change_ends_every_sign_in_of_its_second_and_before_and_none_after(now: float) -> None:
    not_before = not_before_for(now)
    assert not counts(int(now), not_before)          # the change's own second: refused
    assert not counts(int(now) - 3600, not_before)   # an hour-old sign-in, refreshed since: refused
    assert counts(not_before, not_before)            # the next second on: counts
    assert 0 < not_before - now <= 1                 # the answer waits at most a second for it


def test_a_role_granted_or_an_authenticator_set_up_out_of_sight_signs_out() -> None:
    known = SignInState(not_before=100, second_factor=True, power_roles=frozenset({MINISTER}))
    assert notice(known, frozenset({MINISTER}), True) is None
    assert notice(SignInState(), frozenset(), None) is None  # most people: nothing to note
    granted = notice(known, frozenset({MINISTER, MODERATOR}), True)
    assert granted and granted.signs_out and granted.state.power_roles == {MINISTER, MODERATOR}
    enrolled = notice(SignInState(power_roles=frozenset({MINISTER})), frozenset({MINISTER}), True)
    assert enrolled and enrolled.signs_out and enrolled.state.second_factor


def test_a_role_or_authenticator_taken_away_is_noted_without_signing_out_and_noticed_when_given_back() -> None:
    known = SignInState(not_before=100, second_factor=True, power_roles=frozenset({MINISTER}))
    removed = notice(known, frozenset(), None)  # a citizen's token: the factor was not asked about
    assert removed and not removed.signs_out and removed.state == SignInState(100, True, frozenset())
    given_back = notice(removed.state, frozenset({MINISTER}), True)
    assert given_back and given_back.signs_out
    factor_off = notice(known, frozenset({MINISTER}), False)
    assert factor_off and not factor_off.signs_out and not factor_off.state.second_factor
    factor_on_again = notice(factor_off.state, frozenset({MINISTER}), True)
    assert factor_on_again and factor_on_again.signs_out


def test_codes_are_six_random_digits_and_addresses_one_however_typed() -> None:
    codes = {new_code() for _ in range(200)}
    assert all(len(c) == CODE_DIGITS and c.isdigit() for c in codes) and len(codes) > 150
    assert normalised_address("  Ada@Example.ORG ") == "ada@example.org"


def test_the_password_rules_are_the_pools() -> None:
    pool = load_template(TEMPLATE)["Resources"]["UserPool"]["Properties"]["Policies"]["PasswordPolicy"]
    assert (pool["MinimumLength"], pool["RequireUppercase"], pool["RequireLowercase"], pool["RequireNumbers"],
            pool["RequireSymbols"]) == (PASSWORD_MIN_LENGTH, True, True, True, False)
    assert password_meets_the_rules("Correct-Horse-9") and password_meets_the_rules("correcthorse9A")
    for weak in ("Short-9a", "no-capitals-99", "NO-SMALL-999", "No-Numbers-Here"):
        assert not password_meets_the_rules(weak), weak


def test_the_pool_admits_only_the_apps_accounts_and_verifies_a_changed_email() -> None:
    resources = load_template(TEMPLATE)["Resources"]
    pool, client = resources["UserPool"]["Properties"], resources["UserPoolClient"]["Properties"]
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert pool["AccountRecoverySetting"]["RecoveryMechanisms"] == [{"Name": "admin_only", "Priority": 1}]
    assert pool["UserAttributeUpdateSettings"]["AttributesRequireVerificationBeforeUpdate"] == ["email"]
    assert "email" in pool["AutoVerifiedAttributes"]
    # A person may not change their sign-in email at Cognito, whose code email is English only: the API
    # changes it (POST /me/sign-in-email). Not an empty list, which Cognito reads as every attribute.
    assert client["WriteAttributes"] == ["locale"] and client["PreventUserExistenceErrors"] == "ENABLED"


