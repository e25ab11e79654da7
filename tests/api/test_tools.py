"""GET /me/tools: who you are (your name, never your email) and each of your roles' tools, with how
much waits there: what the header's role menu, "Your space" and signing in show (issue 27, section 1)."""

from __future__ import annotations

import json

import pytest

from tests.api.campaign_helpers import create, submit
from tests.conftest import assert_error


@pytest.fixture(scope="module")
def cast(api, make_user):
    people = {"citizen": make_user(name="tools-citizen"), "moderator": make_user("moderators", name="tools-mod"),
              "minister": make_user("ministers", name="tools-minister"),
              "policy": make_user("policy", name="tools-policy"), "admin": make_user("admins", name="tools-admin")}
    me = {role: json.loads(api.get("/me", user=user).body) for role, user in people.items()}
    assert api.put(f"/ministers/{me['minister']['id']}/portfolio", user=people["admin"],
                   json_body={"areas": ["culture"]}).status_code == 200
    assert api.put(f"/policy-team/{me['policy']['id']}/areas", user=people["admin"],
                   json_body={"areas": ["transport", "energy"]}).status_code == 200
    return people


def _tools(api, user) -> dict:
    response = api.get("/me/tools", user=user)
    assert response.status_code == 200, response.body
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.body)


def test_a_member_has_a_name_and_no_tools(api, cast):
    found = _tools(api, cast["citizen"])
    assert (found["tools"], found["canvass_areas"], found["work_page"]) == ([], [], "/")
    assert found["display_name"] and "@" not in found["display_name"]  # a name, not the email


def test_a_moderator_sees_how_much_waits_for_review(api, cast, make_user):
    before = _tools(api, cast["moderator"])
    assert [t["name"] for t in before["tools"]] == ["moderation"]
    assert (before["tools"][0]["page"], before["work_page"]) == ("/moderate", "/moderate")
    owner = make_user(name="tools-owner")
    submit(api, owner, create(api, owner, area="culture"))  # one more campaign waiting for a moderator
    after = _tools(api, cast["moderator"])["tools"][0]["waiting"]
    assert after == min(100, before["tools"][0]["waiting"] + 1)


def test_a_minister_sees_the_campaigns_awaiting_their_answer(api, cast):
    found = _tools(api, cast["minister"])
    assert [t["name"] for t in found["tools"]] == ["inbox"]
    assert found["work_page"] == "/inbox"
    me = json.loads(api.get("/me", user=cast["minister"]).body)
    record = json.loads(api.get(f"/ministers/{me['id']}/record").body)
    inbox = found["tools"][0]
    assert (inbox["waiting"], inbox["overdue"]) == (record["waiting"], record["overdue"])


def test_the_policy_team_canvasses_its_own_areas_and_an_admin_every_area(api, cast):
    policy = _tools(api, cast["policy"])
    assert [t["name"] for t in policy["tools"]] == ["canvass", "consultations"]
    assert (policy["canvass_areas"], policy["work_page"]) == (["energy", "transport"], "/canvass")
    admin = _tools(api, cast["admin"])
    assert [t["name"] for t in admin["tools"]] == ["canvass", "consultations", "refusals"]
    assert "health" in admin["canvass_areas"] and len(admin["canvass_areas"]) == 15
    assert admin["work_page"] == "/my"  # an admin's tools are listed on Your space


def test_tools_are_for_someone_signed_in(api):
    assert_error(api.get("/me/tools"), 401)
