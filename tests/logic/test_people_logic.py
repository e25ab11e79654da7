"""People and organisations on the in-memory fakes: a profile made on first sign-in, handles that
are unique among people and organisations alike, portfolios and policy areas only for those who
may hold them, and memberships that start as invitations."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.errors import Conflict, Forbidden, InvalidToken, NotFound, RateLimited, StaleVersion
from chalicelib.domain.events import DEFAULT_ALERT_KINDS
from chalicelib.domain.identity import Role
from chalicelib.domain.people import Organisation
from chalicelib.logic import people as logic
from chalicelib.notify import addresses, subscriptions
from tests.logic.world import ADMIN, ALICE, BOB, MINISTER, OWNER, person

POLICY = person("policy", Role.POLICY)


@pytest.fixture
def sign_in_emails(monkeypatch) -> dict[str, str]:
    """Cognito's verified sign-in emails by person (asked once for an account with none on record),
    and ministers' alert subscriptions made as SNS would be asked, kept on the settings."""
    verified: dict[str, str] = {}
    monkeypatch.setattr(addresses, "verified_sign_in_email", verified.get)
    monkeypatch.setattr(subscriptions, "sync", lambda settings, portfolio, email_changed=False: replace(
        settings, subscription_arn=f"subscribed:{settings.email}:{','.join(portfolio)}" if portfolio else None))
    return verified


def test_a_profile_is_made_on_first_sign_in_and_its_roles_follow_the_token(fake):
    first = logic.me(MINISTER)
    assert (first.display_name, first.roles) == ("New member", ("citizen", "minister"))
    assert logic.me(person("minister")).roles == ("citizen",)  # the token no longer says minister


def test_a_token_from_before_an_erasure_makes_no_profile(fake):
    fake.erasures.start(ALICE.id)
    with pytest.raises(InvalidToken) as raised:
        logic.me(ALICE)
    assert raised.value.code == "account_erased" and ALICE.id not in fake.people.people


def test_a_handle_is_claimed_once_among_people_and_organisations(fake):
    logic.update_me(ALICE, {"handle": "ada"}, None)
    with pytest.raises(Conflict) as raised:
        logic.update_me(BOB, {"handle": "ada"}, None)
    assert (raised.value.code, raised.value.details) == ("handle_taken", {"handle": "ada"})
    with pytest.raises(Conflict):
        logic.create_organisation(BOB, "ada", "Ada's friends", "")
    assert logic.person_by_handle("ada").id == ALICE.id


def test_an_edit_from_an_old_copy_is_refused_with_the_version_now(fake):
    made = logic.me(ALICE)
    logic.update_me(ALICE, {"bio": "Nurse."}, made.version)
    with pytest.raises(StaleVersion) as raised:
        logic.update_me(ALICE, {"bio": "Nurse and union rep."}, made.version)
    assert raised.value.details == {"version": made.version + 1}


def test_an_edit_that_loses_a_race_is_stale(fake, monkeypatch):
    logic.me(ALICE)
    real = fake.people.update_profile

    def another_tab_first(person, changes):
        real(person, {"bio": "From the other tab."})
        return real(person, changes)

    monkeypatch.setattr(fake.people, "update_profile", another_tab_first)
    with pytest.raises(StaleVersion) as raised:
        logic.update_me(ALICE, {"bio": "From this tab."}, None)
    assert raised.value.message == "The profile changed while you edited it. Reload and try again."


def test_only_ministers_hold_a_portfolio_and_only_the_policy_team_policy_areas(fake, sign_in_emails):
    minister, citizen, policy = logic.me(MINISTER), logic.me(ALICE), logic.me(POLICY)
    assert logic.set_portfolio(minister.id, ["health"]).id == minister.id
    assert fake.people.get_person(minister.id).portfolio == ("health",)
    with pytest.raises(Conflict) as raised:
        logic.set_portfolio(citizen.id, ["health"])
    assert raised.value.code == "not_a_minister"
    assert logic.set_policy_areas(policy.id, ["energy"]).policy_areas == ("energy",)
    with pytest.raises(Conflict):
        logic.set_policy_areas(minister.id, ["energy"])
    with pytest.raises(NotFound) as unknown:
        logic.set_portfolio("nobody", ["health"])
    assert unknown.value.code == "person_not_found"


def test_a_minister_given_a_portfolio_hears_what_waits_on_them_until_they_choose(fake, sign_in_emails):
    minister = logic.me(MINISTER)
    sign_in_emails[minister.id] = "mo@example.org"
    logic.set_portfolio(minister.id, ["health"])
    alerts = fake.notifications.settings_of(minister.id)
    assert alerts.email == "mo@example.org"  # their verified sign-in email, kept once read
    assert alerts.alert_kinds == DEFAULT_ALERT_KINDS and alerts.subscription_arn == "subscribed:mo@example.org:health"
    fake.notifications.save_settings(replace(alerts, alert_kinds=(), alerts_chosen_at="2026-12-01T00:00:00Z"))
    logic.set_portfolio(minister.id, ["health", "energy"])  # a reshuffle keeps the choice they made: none
    assert fake.notifications.settings_of(minister.id).alert_kinds == ()
    logic.set_portfolio(minister.id, [])
    assert fake.people.get_person(minister.id).portfolio == ()


def test_an_organisations_admins_see_its_invitations_and_remove_people(fake):
    logic.create_organisation(OWNER, "greens", "Greens for Change", "Fair transport.")
    bob = logic.me(BOB)
    logic.invite_member(OWNER, "greens", bob.handle, "member")
    everyone = logic.members_and_invitations(OWNER, "greens").members
    assert sorted((m.person_id, m.state) for m, _ in everyone) == sorted([(OWNER.id, None), (bob.id, "invited")])
    with pytest.raises(Forbidden) as refused:
        logic.members_and_invitations(BOB, "greens")
    assert refused.value.message == "Only the organisation's admins may see its invitations or remove people."
    logic.remove_member(OWNER, "greens", bob.handle)  # the invitation withdrawn
    with pytest.raises(NotFound) as gone:
        logic.remove_member(OWNER, "greens", bob.handle)
    assert gone.value.code == "member_not_found" and gone.value.message == "They are neither a member nor invited."


def test_an_organisation_starts_with_its_maker_as_admin(fake):
    shown = logic.create_organisation(OWNER, "greens", "Greens for Change", "Fair transport.")
    assert shown.organisation.handle == "greens"
    assert [(m.person_id, m.role) for m, _ in shown.members] == [(OWNER.id, "admin")]
    assert logic.organisation("greens").members[0][1].id == OWNER.id


def test_three_organisations_a_day(fake):
    for n in range(3):
        logic.create_organisation(OWNER, f"group-{n}", f"Group {n}", "")
    with pytest.raises(RateLimited):
        logic.create_organisation(OWNER, "group-3", "Group 3", "")


def test_a_member_is_invited_and_counts_only_once_they_accept(fake):
    logic.create_organisation(OWNER, "greens", "Greens", "")
    alice = logic.me(ALICE)
    who, invitation = logic.invite_member(OWNER, "greens", alice.handle, "member")
    assert (who.id, invitation.state) == (ALICE.id, "invited")
    assert [o.handle for _, o in logic.my_invitations(ALICE)] == ["greens"]
    assert logic.my_organisations(ALICE) == [] and len(logic.organisation("greens").members) == 1
    with pytest.raises(Conflict) as twice:
        logic.invite_member(OWNER, "greens", alice.handle, "member")
    assert twice.value.code == "already_invited"
    logic.accept_invitation(ALICE, "greens")
    assert [o.handle for _, o in logic.my_organisations(ALICE)] == ["greens"]
    with pytest.raises(Conflict) as member:
        logic.decline_invitation(ALICE, "greens")
    assert member.value.code == "already_member"
    logic.leave_organisation(ALICE, "greens")
    with pytest.raises(NotFound) as gone:
        logic.accept_invitation(ALICE, "greens")
    assert gone.value.code == "invitation_not_found"


def test_only_an_organisations_admins_invite(fake):
    logic.create_organisation(OWNER, "greens", "Greens", "")
    bob = logic.me(BOB)
    with pytest.raises(Forbidden):
        logic.invite_member(ALICE, "greens", bob.handle, "member")
    assert logic.invite_member(ADMIN, "greens", bob.handle, "member")[1].state == "invited"  # a site admin may


def test_a_handle_names_a_person_or_an_organisation(fake):
    logic.create_organisation(OWNER, "greens", "Greens", "")
    alice = logic.me(ALICE)
    assert logic.person_or_organisation(alice.handle).id == ALICE.id
    assert isinstance(logic.person_or_organisation("greens"), Organisation)
    with pytest.raises(NotFound) as raised:
        logic.person_or_organisation("nobody-here")
    assert raised.value.code == "organisation_not_found"
