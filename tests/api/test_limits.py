"""Rate limits through the API and on the real table: 429 with Retry-After, rolling windows,
exact under racing requests (README, "Limits")."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime

import pytest

from tests.api.campaign_helpers import CONSENT, open_campaign
from tests.conftest import assert_error


@pytest.fixture(scope="module")
def cast(make_user):
    return {"owner": make_user(), "moderator": make_user("moderators")}


def _limited(response) -> dict:
    error = assert_error(response, 429, "rate_limited")
    assert 0 < int(response.headers["Retry-After"]) <= 86400
    assert error["details"]["retry_after_seconds"] == int(response.headers["Retry-After"])
    return error


def test_three_organisations_a_day_per_person(api, make_user):
    founder, other = make_user(), make_user()
    for _ in range(3):
        made = api.post("/organisations", user=founder,
                        json_body={"handle": f"org-{uuid.uuid4().hex[:10]}", "name": "Tenants together"})
        assert made.status_code == 201, made.body
    handle = f"org-{uuid.uuid4().hex[:10]}"
    error = _limited(api.post("/organisations", user=founder, json_body={"handle": handle, "name": "Squat"}))
    assert error["details"]["limit"] == 3
    assert api.get(f"/organisations/{handle}").status_code == 404  # the handle was not taken
    assert api.post("/organisations", user=other, json_body={"handle": handle, "name": "Mine"}).status_code == 201


def test_ten_devices_a_day_per_person(api, make_user):
    person = make_user()
    for n in range(10):
        registered = api.post("/me/devices", user=person,
                              json_body={"platform": "fcm", "token": f"phone-{n}-{uuid.uuid4()}"})
        assert registered.status_code == 201, registered.body
    _limited(api.post("/me/devices", user=person, json_body={"platform": "fcm", "token": f"phone-{uuid.uuid4()}"}))


def test_thirty_support_changes_an_hour_per_person(api, make_user, cast):
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="culture")
    path = f"/campaigns/{campaign['id']}/support"
    fan = make_user(name="fan")
    for _ in range(15):
        assert api.put(path, user=fan, json_body=CONSENT).status_code == 200
        assert api.delete(path, user=fan).status_code == 200
    _limited(api.put(path, user=fan, json_body=CONSENT))
    assert api.put(path, user=make_user(), json_body=CONSENT).status_code == 200  # others have their own


def test_sixty_follow_changes_an_hour_per_person(api, make_user, cast):
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="culture")
    path = f"/campaigns/{campaign['id']}/follow"
    reader = make_user(name="reader")
    for _ in range(30):
        assert api.put(path, user=reader).status_code == 200
        assert api.delete(path, user=reader).status_code == 200
    _limited(api.put(path, user=reader))
    assert json.loads(api.get("/me/campaigns?relation=followed", user=reader).body)["items"] == []


def _moment(day: int, hour: int, minute: int) -> float:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC).timestamp()


def test_owner_updates_roll_over_24_hours_on_the_table(stack):
    """Three just before midnight leave none for just after: a UTC day's counter let six through."""
    from chalicelib.domain import limits
    from chalicelib.domain.errors import RateLimited
    from chalicelib.logic.refusals import explained
    from chalicelib.store import rate_limits

    campaign_id = f"c-{uuid.uuid4().hex}"
    for minute in (57, 58, 59):
        rate_limits.take(limits.OWNER_UPDATES, campaign_id, now=_moment(1, 23, minute))
    with pytest.raises(RateLimited) as raised, explained(limits.OWNER_UPDATES):  # the store's refusal, as told
        rate_limits.take(limits.OWNER_UPDATES, campaign_id, now=_moment(2, 0, 1))
    assert raised.value.retry_after == int(_moment(2, 23, 57) - _moment(2, 0, 1))
    rate_limits.take(limits.OWNER_UPDATES, campaign_id, now=_moment(2, 23, 57))


def test_racing_requests_cannot_both_take_the_last_place(stack):
    from chalicelib.domain.errors import RateLimited
    from chalicelib.domain.limits import HOUR, Limit
    from chalicelib.logic.refusals import take

    two = Limit("race-test", 2, HOUR, "person", "test")
    person_id = f"p-{uuid.uuid4().hex}"
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def attempt() -> None:
        start.wait()
        try:
            take(two, person_id)
            outcomes.append("taken")
        except RateLimited:
            outcomes.append("refused")

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused"] * 6 + ["taken"] * 2
