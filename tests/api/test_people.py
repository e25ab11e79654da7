"""Profiles, handles, organisations and portfolios, as a client sees them."""

from __future__ import annotations

import json
import threading
import uuid

import pytest

from tests.conftest import assert_error


def _handle() -> str:
    return f"h-{uuid.uuid4().hex[:10]}"


def _me(api, user) -> dict:
    response = api.get("/me", user=user)
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def test_profile_is_made_on_first_sign_in_and_kept(api, make_user):
    user = make_user()
    first = _me(api, user)
    assert first["display_name"] == "New member"
    assert first["portfolio"] == [] and first["roles"] == ["citizen"]
    assert _me(api, user) == first


def test_roles_follow_the_tokens_groups(api, make_user):
    minister = make_user("ministers", "moderators")
    assert _me(api, minister)["roles"] == ["citizen", "minister", "moderator"]


def test_choose_a_handle_and_be_found_by_it(api, make_user):
    user = make_user()
    old = _me(api, user)["handle"]
    handle = _handle()
    response = api.patch("/me", user=user, json_body={"handle": handle.upper(), "display_name": "Ada",
                                                       "bio": "Bus driver", "constituency": "Leeds Central"})
    assert response.status_code == 200, response.body
    assert json.loads(response.body)["handle"] == handle  # handles are lower-case
    public = json.loads(api.get(f"/people/{handle}").body)
    assert public["person"]["display_name"] == "Ada" and public["constituency"] == "Leeds Central"
    assert "email" not in json.dumps(public)
    assert_error(api.get(f"/people/{old}"), 404, "person_not_found")


def test_a_taken_handle_is_a_conflict(api, make_user):
    first, second = make_user(), make_user()
    handle = _handle()
    assert api.patch("/me", user=first, json_body={"handle": handle}).status_code == 200
    error = assert_error(api.patch("/me", user=second, json_body={"handle": handle}), 409, "handle_taken")
    assert error["details"]["handle"] == handle
    assert _me(api, second)["handle"] != handle


def test_two_concurrent_claims_of_one_handle_exactly_one_wins(make_user, api):
    from chalicelib.domain.errors import Conflict
    from chalicelib.domain.identity import Caller
    from chalicelib.logic.people import update_me

    for _ in range(5):
        people = [make_user(), make_user()]
        callers = [Caller(id=_me(api, p)["id"], username=p.sub) for p in people]
        handle, barrier, outcomes = _handle(), threading.Barrier(2), []

        def claim(caller, handle=handle, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:
                update_me(caller, {"handle": handle}, None)
                outcomes.append("won")
            except Conflict as exc:
                outcomes.append(exc.code)

        threads = [threading.Thread(target=claim, args=(c,)) for c in callers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["handle_taken", "won"]
        holders = [_me(api, p)["handle"] for p in people]
        assert holders.count(handle) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"handle": "ab"}, "handle"),
        ({"handle": "-bad-"}, "handle"),
        ({"handle": "admin"}, "handle"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": 5}, "display_name"),
        ({"bio": "x" * 1001}, "bio"),
        ({"nickname": "x"}, "nickname"),
        ({}, "body"),
        # Null used to reach the table and answer 500 internal_error; it is a bad value, named.
        ({"bio": None, "constituency": None, "display_name": None, "handle": None}, "bio"),
        ({"display_name": None}, "display_name"),
        ({"handle": None}, "handle"),
    ],
)
def test_bad_profile_fields_are_named(api, make_user, body, field):
    error = assert_error(api.patch("/me", user=make_user(), json_body=body), 400, "invalid_input")
    assert field in error["details"]["fields"], error


def test_bad_json_wrong_type_and_oversize(api, make_user):
    user = make_user()
    json_header = {"Content-Type": "application/json"}
    assert_error(api.patch("/me", user=user, body="{nope", headers=json_header), 400, "invalid_json")
    assert_error(api.patch("/me", user=user, body="[1, 2]", headers=json_header), 400, "invalid_input")
    assert_error(api.patch("/me", user=user, body="bio=x", headers={"Content-Type": "text/plain"}),
                 400, "unsupported_content_type")
    huge = json.dumps({"bio": "x" * 70_000})
    assert_error(api.patch("/me", user=user, body=huge, headers=json_header), 413, "payload_too_large")


def test_stale_version_is_refused(api, make_user):
    user = make_user()
    version = _me(api, user)["version"]
    fresh = api.patch("/me", user=user, json_body={"bio": "one"}, headers={"If-Match": str(version)})
    assert fresh.status_code == 200
    stale = api.patch("/me", user=user, json_body={"bio": "two"}, headers={"If-Match": str(version)})
    assert_error(stale, 412, "stale_version")
    assert _me(api, user)["bio"] == "one"


def test_organisations_and_members(api, make_user):
    founder, joiner, outsider = make_user(), make_user(), make_user()
    handle = _handle()
    created = api.post("/organisations", user=founder,
                       json_body={"handle": handle, "name": "Unite Leeds", "description": "A branch"})
    assert created.status_code == 201, created.body
    joiner_handle = _me(api, joiner)["handle"]
    assert_error(api.post(f"/organisations/{handle}/members", user=outsider,
                          json_body={"handle": joiner_handle}), 403, "forbidden")
    added = api.post(f"/organisations/{handle}/members", user=founder, json_body={"handle": joiner_handle})
    assert added.status_code == 201, added.body
    assert json.loads(added.body)["state"] == "invited"
    assert_error(api.post(f"/organisations/{handle}/members", user=founder,
                          json_body={"handle": joiner_handle}), 409, "already_invited")
    assert api.post(f"/organisations/{handle}/members/me/accept", user=joiner).status_code == 200
    assert_error(api.post(f"/organisations/{handle}/members", user=founder,
                          json_body={"handle": joiner_handle}), 409, "already_member")
    shown = json.loads(api.get(f"/organisations/{handle}").body)
    assert shown["name"] == "Unite Leeds"
    assert sorted(m["role"] for m in shown["members"]) == ["admin", "member"]
    # A handle is one namespace for people and organisations.
    assert_error(api.patch("/me", user=outsider, json_body={"handle": handle}), 409, "handle_taken")
    assert_error(api.post("/organisations", user=outsider, json_body={"handle": handle, "name": "Copy"}),
                 409, "handle_taken")


def _members(api, handle: str) -> list[str]:
    return sorted(m["person"]["handle"] for m in json.loads(api.get(f"/organisations/{handle}").body)["members"])


def test_nobody_is_a_member_without_accepting_an_invitation(api, make_user):
    from tests.api.campaign_helpers import campaign_body

    founder, invited, decliner = make_user(), make_user(), make_user()
    handle = _handle()
    made = api.post("/organisations", user=founder, json_body={"handle": handle, "name": "Unite Hull"})
    assert made.status_code == 201, made.body
    founder_handle, invited_handle, decliner_handle = (_me(api, u)["handle"] for u in (founder, invited, decliner))
    for person in (invited_handle, decliner_handle):
        made = api.post(f"/organisations/{handle}/members", user=founder, json_body={"handle": person})
        assert (made.status_code, json.loads(made.body)["state"]) == (201, "invited"), made.body

    # The invited person sees the invitation; nobody else does.
    invitations = json.loads(api.get("/me/invitations", user=invited).body)["items"]
    assert [(i["organisation"]["handle"], i["role"]) for i in invitations] == [(handle, "member")]
    assert json.loads(api.get("/me/invitations", user=founder).body)["items"] == []
    assert_error(api.get("/me/invitations"), 401, "not_signed_in")
    # Invited is not a member: not listed, no member's rights.
    assert _members(api, handle) == [founder_handle]
    assert_error(api.post("/campaigns", user=invited, json_body=campaign_body(organisation=handle)), 403, "forbidden")
    assert_error(api.post(f"/organisations/{handle}/members", user=invited,
                          json_body={"handle": founder_handle}), 403, "forbidden")
    assert [(o["handle"], o["state"]) for o in json.loads(api.get("/me/export", user=invited).body)[
        "organisations"]] == [(handle, "invited")]

    # Declining deletes the invitation.
    assert api.post(f"/organisations/{handle}/members/me/decline", user=decliner).status_code == 204
    assert_error(api.post(f"/organisations/{handle}/members/me/decline", user=decliner), 404, "invitation_not_found")
    assert_error(api.post(f"/organisations/{handle}/members/me/accept", user=decliner), 404, "invitation_not_found")
    assert json.loads(api.get("/me/export", user=decliner).body)["organisations"] == []

    # Accepting makes a member, shown and with a member's rights; twice is harmless.
    for _ in range(2):
        accepted = api.post(f"/organisations/{handle}/members/me/accept", user=invited)
        assert (accepted.status_code, json.loads(accepted.body)["state"]) == (200, "member"), accepted.body
    assert _members(api, handle) == sorted([founder_handle, invited_handle])
    assert json.loads(api.get("/me/invitations", user=invited).body)["items"] == []  # answered
    assert api.post("/campaigns", user=invited, json_body=campaign_body(organisation=handle)).status_code == 201
    assert_error(api.post(f"/organisations/{handle}/members/me/decline", user=invited), 409, "already_member")

    # Leaving, at any time; twice is harmless; the rights go with it.
    for _ in range(2):
        assert api.delete(f"/organisations/{handle}/members/me", user=invited).status_code == 204
    assert _members(api, handle) == [founder_handle]
    assert_error(api.post("/campaigns", user=invited, json_body=campaign_body(organisation=handle)), 403, "forbidden")
    assert_error(api.delete("/organisations/no-such-org/members/me", user=invited), 404, "organisation_not_found")
    assert_error(api.post(f"/organisations/{handle}/members/me/accept"), 401, "not_signed_in")


def test_portfolio_is_set_by_admins_for_ministers_only(api, make_user):
    admin, minister, citizen = make_user("admins"), make_user("ministers"), make_user()
    minister_id, citizen_id = _me(api, minister)["id"], _me(api, citizen)["id"]
    path = f"/ministers/{minister_id}/portfolio"
    set_ = api.put(path, user=admin, json_body={"areas": ["transport", "health", "health"]})
    assert set_.status_code == 200, set_.body
    assert _me(api, minister)["portfolio"] == ["health", "transport"]
    assert_error(api.put(path, user=citizen, json_body={"areas": ["health"]}), 403, "forbidden")
    assert_error(api.put(path, user=minister, json_body={"areas": ["health"]}), 403, "forbidden")
    assert_error(api.put(path, json_body={"areas": ["health"]}), 401, "not_signed_in")
    error = assert_error(api.put(path, user=admin, json_body={"areas": ["atlantis"]}), 400)
    assert "areas" in error["details"]["fields"]
    assert_error(api.put(f"/ministers/{citizen_id}/portfolio", user=admin, json_body={"areas": ["health"]}),
                 409, "not_a_minister")
    assert_error(api.put("/ministers/nobody/portfolio", user=admin, json_body={"areas": []}),
                 404, "person_not_found")


@pytest.mark.parametrize(("method", "path"), [
    ("PUT", "/campaigns//support"), ("PUT", "/campaigns//follow"), ("POST", "/campaigns//replies"),
    ("DELETE", "/campaigns//replies/r1"),
])
def test_an_empty_id_in_the_path_is_not_found_not_a_server_error(api, make_user, method, path):
    """Found in a make run walkthrough: an empty path parameter reached DynamoDB as an empty key (500)."""
    user = make_user()
    body = {"body": "Hello"} if path.endswith("replies") else {}
    error = assert_error(api.request(method, path, user=user, json_body=body), 404, "not_found")
    assert error["details"]["fields"] == {"campaign_id": "must not be empty"}
