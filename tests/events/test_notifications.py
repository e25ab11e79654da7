"""Ministers' alerts through SNS filter policies, and updates fanned out to every supporter."""

from __future__ import annotations

import json
import uuid
from collections import Counter

import pytest

from tests.api.campaign_helpers import open_campaign
from tests.sent_mail import mail_count, sent_mail

SUPPORTERS = 10_000  # the size issue 7 asks for
FOLLOWERS = 300  # a third of them also support: they get one item too
REGION = "eu-west-2"


@pytest.fixture(scope="module")
def cast(api, make_user):
    people = {"owner": make_user(), "moderator": make_user("moderators"), "admin": make_user("admins"),
              "health": make_user("ministers", name="alert-health"),
              "transport": make_user("ministers", name="alert-transport")}
    for minister in ("health", "transport"):
        minister_id = json.loads(api.get("/me", user=people[minister]).body)["id"]
        api.put(f"/ministers/{minister_id}/portfolio", user=people["admin"], json_body={"areas": [minister]})
    return people


def _mail(api, minister_id: str) -> list[dict]:
    boxes = json.loads(api.get("/dev/mailbox").body)["mailboxes"]
    return next((b["messages"] for b in boxes if b["minister_id"] == minister_id), [])


def test_filter_policies_send_each_minister_their_own_areas_and_kinds(api, cast, runner):
    ids = {}
    for minister, kinds in (("health", ["campaign_opened", "milestone"]), ("transport", ["milestone"])):
        ids[minister] = json.loads(api.get("/me", user=cast[minister]).body)["id"]
        chosen = api.put("/me/notifications", user=cast[minister], json_body={"alerts": kinds})
        assert json.loads(chosen.body)["alert_subscription"] in ("subscribed", "pending_confirmation")
    before = {m: len(_mail(api, ids[m])) for m in ids}

    health = open_campaign(api, cast["owner"], cast["moderator"], area="health", title="Free prescriptions in England")
    open_campaign(api, cast["owner"], cast["moderator"], area="transport", title="Cap rail fares for commuters")
    runner.run_once()
    health_mail = _mail(api, ids["health"])[before["health"]:]
    transport_mail = _mail(api, ids["transport"])[before["transport"]:]
    assert [(m["kind"], m["area"]) for m in health_mail] == [("campaign_opened", "health")]
    assert "Free prescriptions in England" in health_mail[0]["subject"]
    assert f"/c/{health['slug']}" in health_mail[0]["text"]
    assert transport_mail == []  # transport's minister did not choose openings, nor health's area

    # The portfolio changes; the filter policy follows it.
    api.put(f"/ministers/{ids['transport']}/portfolio", user=cast["admin"],
            json_body={"areas": ["transport", "health"]})
    open_campaign(api, cast["owner"], cast["moderator"], area="health", title="Dentists for every town")
    runner.run_once()
    assert _mail(api, ids["transport"])[before["transport"]:] == []  # still only milestones for them
    assert [m["kind"] for m in _mail(api, ids["health"])[before["health"]:]] == ["campaign_opened"] * 2



def test_an_opening_stored_under_its_former_name_still_alerts_as_campaign_opened(api, cast, runner):
    """Outbox items written before every kind had one name say "opened" (domain/events): one still
    in the stream when this code starts reaches the minister, and the events topic, as campaign_opened."""
    from chalicelib.store.base import iso, utcnow
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    minister_id = json.loads(api.get("/me", user=cast["health"]).body)["id"]
    chosen = api.put("/me/notifications", user=cast["health"], json_body={"alerts": ["campaign_opened"]})
    assert chosen.status_code == 200, chosen.body
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health", title="Hearing aids without a wait")
    runner.run_once()  # its own opening, under today's name
    before = len(_mail(api, minister_id))
    CampaignEventRecord(campaign_id=campaign["id"], event_key="opened", kind="opened", area="health",
                        created_at=iso(utcnow())).save()
    runner.run_once()
    mail = _mail(api, minister_id)[before:]
    assert [(m["kind"], m["area"]) for m in mail] == [("campaign_opened", "health")]
    assert "Hearing aids without a wait" in mail[0]["subject"]

def _seed_audience(campaign_id: str, supporters: list[str], followers: list[str]) -> None:
    """Supports and follows written straight into their tables (the API path is tested
    elsewhere), with the shard counters the fan-out plans from."""
    from chalicelib.domain.shards import shard_key, shard_of
    from chalicelib.store.tables.follows import FollowRecord
    from chalicelib.store.tables.support_counters import SupportCounterRecord
    from chalicelib.store.tables.supports import SupportRecord

    supporters_on: Counter = Counter(shard_of(p) for p in supporters)
    followers_on: Counter = Counter(shard_of(p) for p in followers)
    with SupportRecord.batch_write() as batch:
        for person in supporters:
            batch.save(SupportRecord(campaign_shard=shard_key(campaign_id, shard_of(person)), supporter_id=person,
                                     campaign_id=campaign_id, supported_at="2026-11-25T00:00:00.000000Z"))
    with FollowRecord.batch_write() as batch:
        for person in followers:
            batch.save(FollowRecord(campaign_shard=shard_key(campaign_id, shard_of(person)), person_id=person,
                                    campaign_id=campaign_id, followed_at="2026-11-25T00:00:00.000000Z"))
    with SupportCounterRecord.batch_write() as batch:
        for shard in set(supporters_on) | set(followers_on):
            batch.save(SupportCounterRecord(counter_id=shard_key(campaign_id, shard), campaign_id=campaign_id,
                                            count=supporters_on[shard], followers=followers_on[shard]))


def _choose_email_and_push(by_email: list[str], by_push: list[str]) -> dict[str, str]:
    """Some people chose email for responses, some registered a phone: person -> endpoint."""
    from chalicelib.notify.clients import client
    from chalicelib.settings import get_settings
    from chalicelib.store import notifications
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

    with NotificationSettingsRecord.batch_write() as batch:
        for person in by_email:
            batch.save(NotificationSettingsRecord(person_id=person, email=f"{person}@example.org",
                                                  channels={"response": ["feed", "email"]}, updated_at="2026"))
        for person in by_push:
            batch.save(NotificationSettingsRecord(person_id=person, has_devices=True,
                                                  channels={"response": ["feed", "push"]}, updated_at="2026"))
    endpoints = {}
    for person in by_push:
        endpoints[person] = client("sns").create_platform_endpoint(
            PlatformApplicationArn=get_settings().fcm_application_arn, Token=f"token-{person}")["EndpointArn"]
        notifications.register_device(person, "fcm", f"token-{person}", endpoints[person])
    return endpoints


def test_a_response_reaches_every_supporter_and_follower_once_even_after_a_crash(api, cast, runner, monkeypatch):
    from moto.sns.models import sns_backends

    from chalicelib.notify import fanout
    from chalicelib.store import notifications
    from chalicelib.store.tables.campaign_events import CampaignEventRecord
    from chalicelib.store.tables.feed import FeedItemRecord
    from devstack.embedded_aws import ACCOUNT_ID

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health", title="Free school meals for all")
    supporters = [f"fan-{uuid.uuid4().hex}" for _ in range(SUPPORTERS)]
    followers = supporters[:FOLLOWERS // 3] + [f"follower-{uuid.uuid4().hex}" for _ in range(FOLLOWERS * 2 // 3)]
    _seed_audience(campaign["id"], supporters, followers)
    by_email, by_push = supporters[-150:], followers[-50:]
    endpoints = _choose_email_and_push(by_email, by_push)
    audience = set(supporters) | set(followers)
    sent_before = mail_count()

    answer = {"stance": "accepted", "body": "We will fund free school meals in every primary school."}
    assert api.post(f"/campaigns/{campaign['id']}/response", user=cast["health"], json_body=answer).status_code == 201

    # The fan-out Lambda dies once, 40% of the way through, just after sending someone's email:
    # the page is retried whole, as SQS would after its visibility timeout.
    real_batch, real_email = notifications.put_feed_items, fanout.send_update_email
    reached, crashed = [0], [False]

    def counting_batch(people, item):
        real_batch(people, item)
        if item.campaign_id == campaign["id"]:  # not another campaign's update, were one in the queue
            reached[0] += len(people)

    def crash_once_midway_after_sending(person_id, *args):
        real_email(person_id, *args)
        if person_id in audience and not crashed[0] and reached[0] >= len(audience) * 2 // 5:
            crashed[0] = True
            raise RuntimeError("the fan-out Lambda died here")

    monkeypatch.setattr(fanout.notifications, "put_feed_items", counting_batch)
    monkeypatch.setattr(fanout, "send_update_email", crash_once_midway_after_sending)
    for _ in range(500):
        if runner.run_once() == 0:
            break
    assert crashed[0], "the crash was injected"

    response_event = next(e for e in CampaignEventRecord.query(campaign["id"]) if e.kind == "response")
    item_key = f"{response_event.created_at}#{campaign['id']}#{response_event.event_key}"
    found = list(FeedItemRecord.batch_get([(person, item_key) for person in audience]))
    assert sorted(i.person_id for i in found) == sorted(audience)
    titles = {(i.kind, i.title) for i in found}
    assert titles == {("response", "The minister replied: Free school meals for all")}
    # Exactly one email per person who chose it, and one push per phone: none lost, none doubled.
    # Mail about this campaign: the fan-out queue is shared, and may hold pages of other tests' updates.
    about_it = f"/c/{campaign['slug']}\n"
    [(_, told)] = titles
    mail = [m["to"][0] for m in sent_mail(sent_before) if about_it in m["text"] and m["subject"] == told]
    # The owner, who neither supports nor follows it, hears too: at their sign-in email, by default.
    assert sorted(mail) == sorted([*(f"{p}@example.org" for p in by_email), cast["owner"].email])
    endpoint_store = sns_backends[ACCOUNT_ID][REGION].platform_endpoints
    assert {p: len(endpoint_store[arn].messages) for p, arn in endpoints.items()} == {p: 1 for p in by_push}
    feed = json.loads(api.get("/me/feed", user=cast["owner"]).body)["items"]
    # The owner neither supports nor follows it, and hears of its approval and of the response.
    assert sorted(i["kind"] for i in feed if i["campaign_id"] == campaign["id"]) == ["campaign_approved", "response"]


def test_replies_on_an_answered_campaign_alert_its_minister_once_an_hour(api, cast, runner, make_user, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from chalicelib.store import replies
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    runner.run_once()
    minister_id = json.loads(api.get("/me", user=cast["health"]).body)["id"]
    api.put("/me/notifications", user=cast["health"], json_body={"alerts": ["reply_on_answered"]})
    title = f"Walk-in dental clinics {uuid.uuid4().hex[:6]}"
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health", title=title)
    answer = {"stance": "considering", "body": "We are looking at dental access in every region."}
    assert api.post(f"/campaigns/{campaign['id']}/response", user=cast["health"], json_body=answer).status_code == 201
    runner.run_once()

    def about_this(mail):
        return [m for m in mail if m["kind"] == "reply_on_answered" and title in m["subject"]]

    hour = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)
    monkeypatch.setattr(replies, "utcnow", lambda: hour)  # every reply in one hour
    for n in range(3):
        posted = api.post(f"/campaigns/{campaign['id']}/replies", user=make_user(name=f"puppet{n}"),
                          json_body={"body": f"Reply number {n}"})
        assert posted.status_code == 201, posted.body
        runner.run_once()  # each reply's stream batch on its own, as a slow trickle would be
    assert len(about_this(_mail(api, minister_id))) == 1
    alerts = [e.event_key for e in CampaignEventRecord.query(campaign["id"]) if e.kind == "reply_on_answered"]
    assert alerts == ["reply_on_answered#2026-12-01T13"]

    monkeypatch.setattr(replies, "utcnow", lambda: hour + timedelta(hours=1))
    later = api.post(f"/campaigns/{campaign['id']}/replies", user=make_user(name="later"),
                     json_body={"body": "An hour on"})
    assert later.status_code == 201, later.body
    runner.run_once()
    assert len(about_this(_mail(api, minister_id))) == 2  # the next hour: one more


def test_a_fanout_page_carries_a_sealed_cursor_and_no_one_s_id(api, cast, monkeypatch):
    """A page message sits in SQS, and in the dead-letter queue if it keeps failing: it names the
    campaign and the shard, with a cursor nobody can read, and nobody's id (not the author's either)."""
    from chalicelib.domain.shards import shard_of
    from chalicelib.notify import fanout

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health", title="Benches at every stop")
    owner_id = json.loads(api.get("/me", user=cast["owner"]).body)["id"]
    candidates = (f"fan-{uuid.uuid4().hex}" for _ in range(5000))
    people = [p for p in candidates if shard_of(p) == 7][:5]
    _seed_audience(campaign["id"], people, [])
    monkeypatch.setattr(fanout, "PAGE_SIZE", 2)
    queued: list[dict] = []
    monkeypatch.setattr(fanout, "enqueue", queued.extend)
    reached: list[str] = []
    monkeypatch.setattr(fanout.notifications, "put_feed_items", lambda ids, item: reached.extend(ids))
    event = {"campaign_id": campaign["id"], "kind": "owner_update", "created_at": "2026-11-25T10:00:00.000000Z",
             "event_key": f"update#{uuid.uuid4().hex}", "headline": "We met the minister", "author_id": owner_id}

    assert fanout.plan(event) == 1
    page, messages = queued[0], []
    while page is not None:
        messages.append(json.dumps(page))  # as SQS holds it
        page = fanout.deliver_page(json.loads(messages[-1]))
    assert len(messages) == 3 and sorted(reached) == sorted(people)  # pages of 2, 2 and 1: none lost or doubled
    for message in messages:
        assert not any(person in message for person in [*people, owner_id]), message
    resumed = json.loads(messages[1])
    assert isinstance(resumed["start"], str)
    from chalicelib.store.signing import Unsealable

    with pytest.raises(Unsealable):  # a cursor altered in the queue is refused, not followed
        fanout.deliver_page({**resumed, "start": resumed["start"][:-4] + "AAAA"})
