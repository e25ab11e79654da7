"""The routes a person's own pages need beyond the ones they already had: their phones (listed,
removed with their SNS endpoints), the feed's unread count, and the organisations they belong to."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.conftest import REGION, assert_error


def _get(api, path: str, user) -> dict:
    response = api.get(path, user=user)
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def _register_phone(api, user) -> str:
    token = f"phone-{uuid.uuid4()}"
    registered = api.post("/me/devices", user=user, json_body={"platform": "fcm", "token": token})
    assert registered.status_code == 201, registered.body
    return token


def _sns():
    from chalicelib.settings import get_settings

    return boto3.client("sns", region_name=REGION, endpoint_url=get_settings().aws_endpoint_url)


def _endpoint_of(person_id: str, device_id: str) -> str:
    from chalicelib.store.notifications import device_of

    device = device_of(person_id, device_id)
    assert device is not None
    return device.endpoint_arn


# --- phones --------------------------------------------------------------------------------------

def test_a_person_lists_their_phones_without_tokens_and_removes_one_with_its_endpoint(api, make_user):
    person = make_user(name="phones")
    person_id = _get(api, "/me", person)["id"]
    tokens = [_register_phone(api, person) for _ in range(2)]
    listed = api.get("/me/devices", user=person)
    phones = json.loads(listed.body)["items"]
    assert [p["platform"] for p in phones] == ["fcm", "fcm"]
    assert all(p["registered_at"].endswith("Z") and set(p) == {"device_id", "platform", "registered_at"}
               for p in phones)
    assert not any(token.encode() in listed.body for token in tokens)  # the push token never leaves

    gone, kept = phones
    arn = _endpoint_of(person_id, gone["device_id"])
    assert _sns().get_endpoint_attributes(EndpointArn=arn)["Attributes"]
    removed = api.delete(f"/me/devices/{gone['device_id']}", user=person)
    assert (removed.status_code, removed.body) == (204, b"")
    assert _get(api, "/me/devices", person)["items"] == [kept]
    with pytest.raises(ClientError):  # nothing can be pushed to it any more
        _sns().get_endpoint_attributes(EndpointArn=arn)
    assert_error(api.delete(f"/me/devices/{gone['device_id']}", user=person), 404, "device_not_found")


def test_another_persons_phone_is_not_found_and_stays_theirs(api, make_user):
    owner, stranger = make_user(name="phone-owner"), make_user(name="phone-stranger")
    owner_id = _get(api, "/me", owner)["id"]
    _register_phone(api, owner)
    [phone] = _get(api, "/me/devices", owner)["items"]
    assert_error(api.delete(f"/me/devices/{phone['device_id']}", user=stranger), 404, "device_not_found")
    assert _get(api, "/me/devices", stranger)["items"] == []
    assert _get(api, "/me/devices", owner)["items"] == [phone]
    assert _sns().get_endpoint_attributes(EndpointArn=_endpoint_of(owner_id, phone["device_id"]))["Attributes"]


def test_unknown_phones_and_signed_out_callers(api, make_user):
    person = make_user(name="no-phones")
    assert _get(api, "/me/devices", person)["items"] == []
    for unknown in ("no-such-phone", "0" * 32, "x" * 2000):  # the last is longer than any key DynamoDB takes
        assert_error(api.delete(f"/me/devices/{unknown}", user=person), 404, "device_not_found")
    assert_error(api.get("/me/devices"), 401, "not_signed_in")
    assert_error(api.delete("/me/devices/anything"), 401, "not_signed_in")


def test_when_push_does_not_answer_the_phone_stays_listed_to_remove_again(api, make_user, monkeypatch):
    from chalicelib.notify import forget

    person = make_user(name="push-down")
    _register_phone(api, person)
    [phone] = _get(api, "/me/devices", person)["items"]

    def down(endpoint_arn: str) -> None:
        raise ClientError({"Error": {"Code": "InternalError", "Message": "down"}}, "DeleteEndpoint")

    monkeypatch.setattr(forget, "drop_endpoint", down)
    response = api.delete(f"/me/devices/{phone['device_id']}", user=person)
    assert_error(response, 503, "dependency_unavailable")
    assert "Retry-After" in response.headers
    assert _get(api, "/me/devices", person)["items"] == [phone]
    monkeypatch.undo()
    assert api.delete(f"/me/devices/{phone['device_id']}", user=person).status_code == 204


# --- the feed's unread count ---------------------------------------------------------------------

def _updates_in_feed(person_id: str, how_many: int, *, start_minutes: int = 0) -> None:
    """Updates delivered to one person's feed, a minute apart, as the fan-out writes them."""
    from chalicelib.domain.notifications import SupporterUpdate
    from chalicelib.store.base import iso, utcnow
    from chalicelib.store.notifications import put_feed_items

    for n in range(how_many):
        at = iso(utcnow() - timedelta(days=1) + timedelta(minutes=start_minutes + n))
        put_feed_items([person_id], SupporterUpdate(
            campaign_id="campaign-x", event_key=f"update#{uuid.uuid4().hex}", kind="owner_update",
            title=f"Update {n}", text="News.", url="http://127.0.0.1/c/x", created_at=at))


def test_updates_are_unread_until_the_feed_is_opened(api, make_user):
    person = make_user(name="reader")
    person_id = _get(api, "/me", person)["id"]
    assert _get(api, "/me/feed/unread", person) == {"unread": 0, "more": False}
    _updates_in_feed(person_id, 3)
    assert _get(api, "/me/feed/unread", person) == {"unread": 3, "more": False}

    seen = api.post("/me/feed/seen", user=person)
    assert (seen.status_code, seen.body) == (204, b"")
    assert _get(api, "/me/feed/unread", person) == {"unread": 0, "more": False}
    assert len(_get(api, "/me/feed", person)["items"]) == 3  # read, not gone
    _updates_in_feed(person_id, 1, start_minutes=10)
    assert _get(api, "/me/feed/unread", person) == {"unread": 1, "more": False}
    assert _get(api, "/me/export", person)["notification_settings"]["feed_read_up_to"].endswith("Z")


def test_opening_an_empty_feed_is_harmless(api, make_user):
    person = make_user(name="empty-feed")
    assert api.post("/me/feed/seen", user=person).status_code == 204
    assert _get(api, "/me/feed/unread", person) == {"unread": 0, "more": False}


def test_past_99_unread_the_count_says_more_and_reads_one_bounded_page(api, make_user, dynamodb_calls):
    from chalicelib.settings import get_settings

    person = make_user(name="busy-reader")
    person_id = _get(api, "/me", person)["id"]
    _updates_in_feed(person_id, 120)
    dynamodb_calls.calls.clear()
    assert _get(api, "/me/feed/unread", person) == {"unread": 99, "more": True}
    feed_table = get_settings().table_name("feed")
    reads = [c for c in dynamodb_calls.calls if c.params.get("TableName") == feed_table]
    assert [(c.operation, c.params.get("Select"), c.params.get("Limit")) for c in reads] == [("Query", "COUNT", 100)]
    assert "Scan" not in dynamodb_calls.operations()


def test_marking_the_feed_seen_takes_no_fields_and_needs_sign_in(api, make_user):
    person = make_user(name="seen-body")
    error = assert_error(api.post("/me/feed/seen", user=person, json_body={"up_to": "now"}), 400, "invalid_input")
    assert "up_to" in error["details"]["fields"]
    assert_error(api.post("/me/feed/seen", user=person, body="up_to=now",
                          headers={"Content-Type": "application/x-www-form-urlencoded"}), 400,
                 "unsupported_content_type")
    assert_error(api.post("/me/feed/seen"), 401, "not_signed_in")
    assert_error(api.get("/me/feed/unread"), 401, "not_signed_in")


# --- organisations --------------------------------------------------------------------------------

def test_my_organisations_are_those_i_belong_to_with_my_role(api, make_user):
    me, other = make_user(name="joiner"), make_user(name="host")
    my_handle = _get(api, "/me", me)["handle"]
    mine, theirs = f"zz-mine-{uuid.uuid4().hex[:6]}", f"aa-theirs-{uuid.uuid4().hex[:6]}"
    for founder, handle, name in ((me, mine, "Zebra Crossing Group"), (other, theirs, "Allotment Society")):
        assert api.post("/organisations", user=founder, json_body={"handle": handle, "name": name}).status_code == 201
    invited = api.post(f"/organisations/{theirs}/members", user=other, json_body={"handle": my_handle})
    assert invited.status_code == 201, invited.body

    def listed() -> list[tuple[str, str]]:
        return [(o["organisation"]["handle"], o["role"]) for o in _get(api, "/me/organisations", me)["items"]]

    assert listed() == [(mine, "admin")]  # an invitation is not a membership
    assert api.post(f"/organisations/{theirs}/members/me/accept", user=me).status_code == 200
    assert listed() == [(theirs, "member"), (mine, "admin")]  # by name
    assert api.delete(f"/organisations/{theirs}/members/me", user=me).status_code == 204
    assert listed() == [(mine, "admin")]
    assert_error(api.get("/me/organisations"), 401, "not_signed_in")


def test_the_settings_show_every_kind_of_update(api, make_user):
    person = make_user(name="channels")
    shown = json.loads(api.put("/me/notifications", user=person,
                               json_body={"updates": {"owner_update": ["feed", "push"]}}).body)
    assert shown["updates"] == {"response": ["feed", "push", "email"], "owner_update": ["feed", "push"],
                                "closed": ["feed"], "consultation_closed": ["feed"],
                                "manifesto": ["feed", "push", "email"], "campaign_approved": ["feed", "email"],
                                "campaign_rejected": ["feed", "email"], "invited": ["feed", "email"],
                                "reply_to_reply": ["feed", "email"], "amendment_decided": ["feed", "push"],
                                "clause_shaped": ["feed", "push"], "document_adopted": ["feed", "push"]}
    assert _get(api, "/me/notifications", person)["updates"]["owner_update"] == ["feed", "push"]
