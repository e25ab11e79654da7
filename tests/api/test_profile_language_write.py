"""PATCH /me with a language writes the profile and the notification settings' copy of it (what is
sent to the person reads it there) in one TransactWriteItems: a failure of either part leaves both as
they were (issue 29). A profile refused by its own conditions, and a settings write refused by
DynamoDB (injected at the client, as AWS cancels a transaction), are each tried."""

from __future__ import annotations

import json

import pytest
from botocore.client import BaseClient
from botocore.exceptions import ClientError

from tests.conftest import assert_error


def _held(api, user) -> tuple[str | None, str | None]:
    """(the profile's language, the settings' copy), as each is now in the tables."""
    from pynamodb.exceptions import DoesNotExist

    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

    profile = json.loads(api.get("/me", user=user).body)
    try:
        return profile["language"], NotificationSettingsRecord.get(profile["id"], consistent_read=True).language
    except DoesNotExist:
        return profile["language"], None


def _version(api, user) -> int:
    return json.loads(api.get("/me", user=user).body)["version"]


@pytest.fixture
def settings_writes_fail(monkeypatch):
    """From when it is called, DynamoDB refuses any write to the notification-settings table: a
    TransactWriteItems holding one is cancelled whole (its reasons name the settings item), an
    UpdateItem of it fails."""
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

    table = NotificationSettingsRecord.Meta.table_name
    real = BaseClient._make_api_call

    def refusing(client, operation: str, params: dict):
        if client.meta.service_model.service_name == "dynamodb":
            if operation == "TransactWriteItems":
                tables = [next(iter(item.values()))["TableName"] for item in params["TransactItems"]]
                if table in tables:
                    raise ClientError({"Error": {"Code": "TransactionCanceledException", "Message": "refused"},
                                       "CancellationReasons": [{"Code": "ThrottlingError" if t == table else "None"}
                                                               for t in tables]}, operation)
            elif params.get("TableName") == table and operation in ("UpdateItem", "PutItem"):
                raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "refused"}},
                                  operation)
        return real(client, operation, params)

    return lambda: monkeypatch.setattr(BaseClient, "_make_api_call", refusing)


def test_a_settings_write_that_fails_leaves_the_profile_as_it_was(api, make_user, settings_writes_fail):
    user = make_user(name="iaith-methu")
    before = _version(api, user)
    settings_writes_fail()
    refused = api.patch("/me", user=user, json_body={"language": "cy", "bio": "Cymraeg o Gaerdydd."})
    assert refused.status_code in (500, 503), refused.body
    assert set(json.loads(refused.body)["error"]) == {"code", "message", "details"}
    profile = json.loads(api.get("/me", user=user).body)  # a profile read writes nothing to the settings
    # Before: the profile said "cy" (and the new bio) while the settings, which emails read, said nothing.
    assert (profile["language"], profile["bio"], profile["version"]) == (None, "", before)
    assert _held(api, user) == (None, None)


def test_a_profile_refused_leaves_the_settings_as_they_were(api, make_user):
    user, other = make_user(name="iaith-a"), make_user(name="iaith-b")
    taken = json.loads(api.get("/me", user=other).body)["handle"]
    assert_error(api.patch("/me", user=user, json_body={"language": "cy", "handle": taken}), 409)
    stale = _version(api, user) - 1
    assert_error(api.patch("/me", user=user, json_body={"language": "cy"}, headers={"If-Match": str(stale)}), 412)
    assert _held(api, user) == (None, None)


def test_both_are_written_together(api, make_user):
    user = make_user(name="iaith-y-ddau")
    assert api.patch("/me", user=user, json_body={"language": "cy"}).status_code == 200
    assert _held(api, user) == ("cy", "cy")
    assert api.patch("/me", user=user, json_body={"language": "en"}).status_code == 200
    assert _held(api, user) == ("en", "en")
