"""Fan-out pages that read on from one shard to the next: nobody skipped, nobody told twice, and
nobody with an email left without it, even when a page is delivered again after a crash."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.api.campaign_helpers import open_campaign
from tests.events.test_notifications import _seed_audience
from tests.sent_mail import mail_count, sent_mail

REGION = "eu-west-2"


@pytest.fixture(scope="module")
def cast(make_user):
    return {"owner": make_user(), "moderator": make_user("moderators")}


def _people_in(shards: dict[int, int]) -> list[str]:
    """Fresh people, `n` of them in each shard, shard by shard."""
    from chalicelib.domain.shards import shard_of

    people: list[str] = []
    for shard, n in shards.items():
        found: list[str] = []
        while len(found) < n:
            candidate = f"chain-{uuid.uuid4().hex}"
            if shard_of(candidate) == shard:
                found.append(candidate)
        people += sorted(found)  # a shard's people in the order its Query returns them
    return people


def _update(campaign_id: str) -> dict:
    return {"campaign_id": campaign_id, "kind": "owner_update", "created_at": "2026-11-25T10:00:00.000000Z",
            "event_key": f"update#{uuid.uuid4().hex}", "headline": "We met the minister"}


def _feed_items_of(people: list[str], campaign_id: str) -> dict[str, int]:
    """How many items of this campaign each person's feed holds (each a fresh person: one Query each)."""
    from chalicelib.store.tables.feed import FeedItemRecord

    return {p: sum(i.campaign_id == campaign_id for i in FeedItemRecord.query(p)) for p in people}


def _mail_about(campaign: dict, since: int) -> list[str]:
    about_it = f"/c/{campaign['slug']}\n"
    return sorted(m["to"][0] for m in sent_mail(since) if about_it in m["text"])


def _mail_count() -> int:
    return mail_count()


@pytest.mark.parametrize("layout", [{5: 3, 6: 4, 9: 2}, {5: 4, 6: 3, 9: 2}],
                         ids=["a page ends inside a shard", "a page ends exactly at a shard's end"])
def test_a_page_reads_on_into_the_next_shard_and_nobody_is_skipped_or_doubled(api, cast, monkeypatch, layout):
    from chalicelib.notify import fanout

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health", title="Bus shelters for all")
    people = _people_in(layout)
    _seed_audience(campaign["id"], people, [])
    monkeypatch.setattr(fanout, "PAGE_SIZE", 4)
    monkeypatch.setattr(fanout, "PAGE_LAMBDAS", 1)  # one chain of the three shards
    queued: list[dict] = []
    monkeypatch.setattr(fanout, "enqueue", queued.extend)
    pages: list[list[str]] = []
    real_batch = fanout.notifications.put_feed_items

    def recording_batch(ids, item):
        pages.append(list(ids))
        real_batch(ids, item)

    monkeypatch.setattr(fanout.notifications, "put_feed_items", recording_batch)

    assert fanout.plan(_update(campaign["id"])) == 1
    assert queued[0]["shards"] == [5, 6, 9]
    page = queued[0]
    while page is not None:
        page = fanout.deliver_page(json.loads(json.dumps(page)))  # as SQS holds it

    # Full pages across the shards' boundaries (people are listed shard by shard): every one, each once.
    assert pages == [people[:4], people[4:8], people[8:]]
    assert _feed_items_of(people, campaign["id"]) == {p: 1 for p in people}


def test_a_page_queued_before_chains_still_delivers_its_shard(api, cast, monkeypatch):
    """During a deployment the queue may hold a page of the old shape: one shard, a bare sealed key."""
    from chalicelib.domain.shards import shard_key
    from chalicelib.notify import fanout
    from chalicelib.store.tables.supports import SupportRecord

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health", title="Lifts at every station")
    people = _people_in({11: 5})
    _seed_audience(campaign["id"], people, [])
    first_two = SupportRecord.query(shard_key(campaign["id"], 11), limit=2, attributes_to_get=["supporter_id"])
    assert [r.supporter_id for r in first_two] == people[:2]
    old_page = {"event": _update(campaign["id"]), "source": "supports", "shard": 11,
                "start": fanout.seal_start(first_two.last_evaluated_key)}  # as the old code sealed it
    reached: list[str] = []
    monkeypatch.setattr(fanout.notifications, "put_feed_items", lambda ids, item: reached.extend(ids))
    monkeypatch.setattr(fanout, "PAGE_SIZE", 2)

    following = fanout.deliver_page(old_page)
    assert reached == people[2:4]
    assert following["shards"] == [11] and "shard" not in following  # on in the new shape
    assert fanout.deliver_page(following) is None
    assert reached == people[2:]


def test_a_crash_mid_chain_then_the_page_again_gives_one_item_and_one_email_each(api, cast, monkeypatch):
    from chalicelib.notify import fanout

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health", title="Water fountains in parks")
    people = _people_in({20: 6, 21: 6, 22: 6})
    _seed_audience(campaign["id"], people, [])
    by_email = people[4:10]  # on the first two pages of 6: some on each side of the crash
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

    with NotificationSettingsRecord.batch_write() as batch:
        for person in by_email:
            batch.save(NotificationSettingsRecord(person_id=person, email=f"{person}@example.org",
                                                  channels={"owner_update": ["feed", "email"]}, updated_at="2026"))
    since = _mail_count()
    monkeypatch.setattr(fanout, "PAGE_SIZE", 6)
    monkeypatch.setattr(fanout, "PAGE_LAMBDAS", 1)
    queued: list[dict] = []
    monkeypatch.setattr(fanout, "enqueue", queued.extend)
    real_email, crashed = fanout.send_update_email, []

    def crash_after_the_first_email_of_page_two(person_id, *args):
        real_email(person_id, *args)
        if person_id == people[6] and not crashed:
            crashed.append(person_id)
            raise RuntimeError("the fan-out Lambda died here")

    monkeypatch.setattr(fanout, "send_update_email", crash_after_the_first_email_of_page_two)
    fanout.plan(_update(campaign["id"]))
    page = queued[0]
    while page is not None:
        message = json.dumps(page)
        try:
            page = fanout.deliver_page(json.loads(message))
        except RuntimeError:
            page = json.loads(message)  # SQS hands the same page out again after its visibility timeout

    assert crashed == [people[6]]
    assert _feed_items_of(people, campaign["id"]) == {p: 1 for p in people}
    assert _mail_about(campaign, since) == sorted(f"{p}@example.org" for p in by_email)  # none lost, none twice

