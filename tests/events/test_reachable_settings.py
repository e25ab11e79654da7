"""The fan-out reads no settings for people who have neither a phone nor an address: the sparse
`reachable` index holds exactly those who have one, whichever way their settings were written."""

from __future__ import annotations

import uuid


def _people_in_one_shard(count: int) -> list[str]:
    from chalicelib.domain.shards import shard_of

    tag, people = uuid.uuid4().hex[:8], []
    while len(people) < count:
        person = f"reach-{tag}-{uuid.uuid4().hex[:8]}"
        if not people or shard_of(person) == shard_of(people[0]):
            people.append(person)
    return sorted(people)


def test_only_people_with_a_phone_or_an_address_are_read_and_they_leave_when_both_go(stack):
    from dataclasses import replace

    from chalicelib.domain.notifications import Settings
    from chalicelib.store import notifications
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

    phone, address, feed_only, unknown = _people_in_one_shard(4)
    with NotificationSettingsRecord.batch_write() as batch:  # the way tests and seeds write them
        batch.save(NotificationSettingsRecord(person_id=phone, has_devices=True, updated_at="2026"))
        batch.save(NotificationSettingsRecord(person_id=feed_only, channels={"response": ["feed"]}, updated_at="2026"))
    notifications.save_settings(Settings(person_id=address, email=f"{address}@example.org", updated_at="2026"))
    notifications.mark_feed_seen(unknown, "2026-01-01")  # an UpdateItem makes a record with neither

    found = notifications.reachable_among([phone, address, feed_only, unknown])
    assert sorted(found) == sorted([phone, address])
    assert found[address].email == f"{address}@example.org" and found[phone].has_devices

    notifications.save_settings(replace(notifications.settings_of(address), email=None))
    assert sorted(notifications.reachable_among([phone, address, feed_only, unknown])) == [phone]


def test_someone_reachable_but_not_on_the_page_is_left_out(stack):
    from chalicelib.store import notifications
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

    first, between, last = _people_in_one_shard(3)  # `between` sorts inside the page's range
    with NotificationSettingsRecord.batch_write() as batch:
        for person in (first, between, last):
            batch.save(NotificationSettingsRecord(person_id=person, email=f"{person}@example.org", updated_at="2026"))
    assert sorted(notifications.reachable_among([first, last])) == [first, last]
    assert notifications.reachable_among([]) == {}


def test_settings_written_before_the_index_are_brought_into_reach_by_make_reindex(stack):
    """Deployed over existing data, the index starts empty: `make reindex`'s last phase fills it."""
    from chalicelib.store import notifications
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord
    from ops.reindex import PHASES

    phone, address, neither = _people_in_one_shard(3)
    client = NotificationSettingsRecord._get_connection().connection.client
    for person, extra in ((phone, {"has_devices": {"BOOL": True}}),
                          (address, {"email": {"S": f"{address}@example.org"}}), (neither, {})):
        # As the code before the index wrote them: no reach_shard.
        client.put_item(TableName=NotificationSettingsRecord.Meta.table_name,
                        Item={"person_id": {"S": person}, "updated_at": {"S": "2026"}, **extra})
    assert notifications.reachable_among([phone, address, neither]) == {}  # their email would be lost

    [(_, model, _, backfill)] = [phase for phase in PHASES if phase[0] == "notification settings"]
    assert model is NotificationSettingsRecord
    written = [backfill(NotificationSettingsRecord.get(p, consistent_read=True)) for p in (phone, address, neither)]
    assert written == [1, 1, 0]
    assert sorted(notifications.reachable_among([phone, address, neither])) == sorted([phone, address])
    assert [backfill(NotificationSettingsRecord.get(p, consistent_read=True)) for p in (phone, address)] == [0, 0]
