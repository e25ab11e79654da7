"""Privacy rules with no AWS: consent, erasure names, stand-ins, retention."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.consent import SUPPORT_CONSENT_VERSION, require_support_consent
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.privacy import erasure_id_for, former_member_id, support_retention_cutoff


@pytest.mark.parametrize("given", [None, "", "support-2020-01", SUPPORT_CONSENT_VERSION.upper()])
def test_only_the_current_wordings_version_is_consent(given):
    with pytest.raises(InvalidInput) as refused:
        require_support_consent(given)
    assert refused.value.code == "consent_required"
    assert refused.value.details["version"] == SUPPORT_CONSENT_VERSION and refused.value.details["purpose"]
    assert require_support_consent(SUPPORT_CONSENT_VERSION) == SUPPORT_CONSENT_VERSION


def test_an_erasure_is_named_by_a_hash_that_does_not_contain_the_id():
    person = "3fa9c1de-0000-4000-8000-000000000001"
    assert erasure_id_for(person) == erasure_id_for(person) != erasure_id_for(person + "x")
    assert person not in erasure_id_for(person) and len(erasure_id_for(person)) == 64


def test_stand_ins_cannot_group_a_former_members_words():
    assert former_member_id() != former_member_id()
    assert former_member_id().startswith("former-member#")


def test_supports_are_kept_twelve_months_after_closing():
    now = datetime(2026, 11, 25, tzinfo=UTC)
    assert support_retention_cutoff(now) == datetime(2025, 11, 25, tzinfo=UTC)


def test_an_invitation_gives_no_role_until_it_is_accepted():
    from chalicelib.domain.people import INVITED, role_as_member

    assert role_as_member("admin", INVITED) is None and role_as_member("member", INVITED) is None
    assert role_as_member("admin", None) == "admin" and role_as_member("member", None) == "member"
    assert role_as_member(None, None) is None
