"""The policy team: a Cognito group whose members an admin assigns policy areas, the way a
minister's portfolio is assigned. Its members need an authenticator app, like every power role."""

from __future__ import annotations

import json
import uuid

from tests.conftest import assert_error


def test_an_admin_assigns_a_policy_member_their_areas(api, make_user):
    admin, member = make_user("admins", name="pt-admin"), make_user("policy", name="pt-member")
    person_id = json.loads(api.get("/me", user=member).body)["id"]
    put = api.put(f"/policy-team/{person_id}/areas", user=admin, json_body={"areas": ["health", "education", "health"]})
    assert put.status_code == 200, put.body
    assert json.loads(put.body) == {"person_id": person_id, "areas": ["education", "health"]}
    me = json.loads(api.get("/me", user=member).body)
    assert me["policy_areas"] == ["education", "health"] and "policy" in me["roles"]


def test_only_members_of_the_policy_group_hold_policy_areas(api, make_user):
    admin, citizen = make_user("admins", name="pt-admin2"), make_user(name="pt-citizen")
    citizen_id = json.loads(api.get("/me", user=citizen).body)["id"]
    assert_error(api.put(f"/policy-team/{citizen_id}/areas", user=admin, json_body={"areas": ["health"]}),
                 409, "not_policy_team")
    assert_error(api.put(f"/policy-team/{uuid.uuid4()}/areas", user=admin, json_body={"areas": ["health"]}),
                 404, "person_not_found")


def test_areas_must_be_real_and_only_admins_assign_them(api, make_user):
    admin, member = make_user("admins", name="pt-admin3"), make_user("policy", name="pt-member2")
    person_id = json.loads(api.get("/me", user=member).body)["id"]
    assert_error(api.put(f"/policy-team/{person_id}/areas", user=admin, json_body={"areas": ["atlantis"]}), 400)
    assert_error(api.put(f"/policy-team/{person_id}/areas", user=admin, json_body={"areas": "health"}), 400)
    assert_error(api.put(f"/policy-team/{person_id}/areas", user=member, json_body={"areas": ["health"]}),
                 403, "forbidden")
