"""The two-way dialogue: replies, official responses and the inbox, reports and moderation."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError

from tests.api.campaign_helpers import CONSENT, CONSENT_VERSION, open_campaign
from tests.api.people_helpers import established
from tests.conftest import REGION, assert_error, deliver_streams, event_runner


@pytest.fixture(scope="module", autouse=True)
def _delivered(streams):  # first: the module's writes are its runner's to deliver (issue 30's counters)
    return streams


@pytest.fixture(scope="module")
def cast(api, make_user):
    people = {"owner": make_user(name="owner"), "citizen": make_user(name="citizen"),
              "moderator": make_user("moderators", name="mod"), "admin": make_user("admins", name="admin"),
              "health": make_user("ministers", name="health"), "transport": make_user("ministers", name="transport")}
    for minister, area in (("health", "health"), ("transport", "transport")):
        minister_id = json.loads(api.get("/me", user=people[minister]).body)["id"]
        api.put(f"/ministers/{minister_id}/portfolio", user=people["admin"], json_body={"areas": [area]})
    return people


def _reply(api, user, campaign_id, body="I agree with this.", parent=None):
    response = api.post(f"/campaigns/{campaign_id}/replies", user=user,
                        json_body={"body": body, **({"parent_id": parent} if parent else {})})
    assert response.status_code == 201, response.body
    return json.loads(response.body)


def _thread(api, campaign_id, user=None):
    return json.loads(api.get(f"/campaigns/{campaign_id}/replies?limit=100", user=user).body)["items"]


def test_threads_nest_three_levels_with_badges(api, cast):
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    top = _reply(api, cast["citizen"], campaign["id"], "Top level")
    second = _reply(api, cast["owner"], campaign["id"], "Second level", top["id"])
    third = _reply(api, cast["health"], campaign["id"], "Third level", second["id"])
    fourth = _reply(api, cast["citizen"], campaign["id"], "Would be fourth", third["id"])
    assert [top["depth"], second["depth"], third["depth"], fourth["depth"]] == [0, 1, 2, 2]
    assert fourth["parent_id"] == second["id"]  # hung off the deepest level shown
    assert second["badges"] == [{"kind": "owner", "portfolio": None, "organisation": None}]
    assert third["badges"] == [{"kind": "minister", "portfolio": ["health"], "organisation": None}]
    assert top["badges"] == []
    assert [r["id"] for r in _thread(api, campaign["id"])] == [top["id"], second["id"], third["id"], fourth["id"]]
    assert_error(api.post(f"/campaigns/{campaign['id']}/replies", user=cast["citizen"],
                          json_body={"body": "x", "parent_id": "no-such-reply"}), 404, "reply_not_found")
    for bad in ({"body": ""}, {"body": "x" * 5001}, {"body": 5}, {}):
        assert_error(api.post(f"/campaigns/{campaign['id']}/replies", user=cast["citizen"], json_body=bad), 400)


def test_edits_keep_history_deletes_leave_a_tombstone_and_closed_threads_are_read_only(api, cast):
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    mine = _reply(api, cast["citizen"], campaign["id"], "First thoughts")
    path = f"/campaigns/{campaign['id']}/replies/{mine['id']}"
    assert_error(api.patch(path, user=cast["owner"], json_body={"body": "Not yours"}), 403)
    edited = json.loads(api.patch(path, user=cast["citizen"], json_body={"body": "Second thoughts"}).body)
    assert edited["edited"] and edited["body"] == "Second thoughts"
    from chalicelib.store.replies import get_reply
    assert [h.body for h in get_reply(mine["id"]).history] == ["First thoughts"]
    other = _reply(api, cast["owner"], campaign["id"], "Answer", mine["id"])
    assert api.delete(path, user=cast["citizen"]).status_code == 204
    thread = _thread(api, campaign["id"])
    tombstone = next(r for r in thread if r["id"] == mine["id"])
    assert tombstone["removed"] and tombstone["body"] == ""
    assert any(r["id"] == other["id"] and r["parent_id"] == mine["id"] for r in thread)  # shape kept
    assert_error(api.patch(path, user=cast["citizen"], json_body={"body": "again"}), 409, "reply_removed")
    api.post(f"/campaigns/{campaign['id']}/close", user=cast["owner"])
    assert_error(api.post(f"/campaigns/{campaign['id']}/replies", user=cast["citizen"], json_body={"body": "late"}),
                 409, "campaign_read_only")
    assert len(_thread(api, campaign["id"])) == 2  # still readable


def test_thirty_replies_an_hour_then_429_with_retry_after(api, cast, make_user):
    talker = make_user(name="talker")
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    for n in range(30):
        _reply(api, talker, campaign["id"], f"Point number {n}")
    response = api.post(f"/campaigns/{campaign['id']}/replies", user=talker, json_body={"body": "one more"})
    assert_error(response, 429, "rate_limited")
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    _reply(api, cast["citizen"], campaign["id"], "Others can still reply")


def _in_inbox(api, minister, campaign_id) -> bool:
    items = json.loads(api.get("/ministers/me/inbox", user=minister).body)["items"]
    return campaign_id in [i["campaign_id"] for i in items]


def test_only_the_portfolio_answers_and_the_campaign_leaves_the_inbox(api, cast, response_threshold):
    from chalicelib.logic import counting
    from chalicelib.store import supports

    response_threshold(3)
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    for person in ("a", "b", "c"):
        supports.support(campaign["id"], f"{campaign['id']}-{person}", consent_version=CONSENT_VERSION)
    deliver_streams()
    counting.refresh_count(campaign["id"])
    inbox = json.loads(api.get("/ministers/me/inbox", user=cast["health"]).body)["items"]
    item = next(i for i in inbox if i["campaign_id"] == campaign["id"])
    assert item["days_waiting"] == 0 and item["overdue"] is False
    assert not _in_inbox(api, cast["transport"], campaign["id"])

    path = f"/campaigns/{campaign['id']}/response"
    answer = {"stance": "considering", "body": "We are looking at free GP access closely."}
    assert_error(api.post(path, user=cast["transport"], json_body=answer), 403, "forbidden")
    refused = assert_error(api.post(path, user=cast["citizen"], json_body=answer), 403, "forbidden")
    assert refused["message"] == "Only ministers may do this."
    assert api.post(path, user=cast["health"], json_body=answer).status_code == 201
    assert not _in_inbox(api, cast["health"], campaign["id"])
    shown = json.loads(api.get(f"/campaigns/{campaign['id']}").body)["official_response"]
    assert shown["stance"] == "considering" and shown["minister"]["display_name"]

    later = {"stance": "accepted", "body": "We will fund this in the next budget."}
    assert api.post(path, user=cast["health"], json_body=later).status_code == 201
    assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["official_response"]["stance"] == "accepted"
    history = json.loads(api.get(f"/campaigns/{campaign['id']}/responses").body)["items"]
    assert [(h["stance"], h["current"]) for h in history] == [("accepted", True), ("considering", False)]
    assert_error(api.post(path, user=cast["health"], json_body={"stance": "maybe", "body": "x" * 30}), 400)


def test_the_response_event_survives_sns_being_down(api, app, stack, cast):
    from chalicelib.notify.publisher import sns_client
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    endpoint = stack["aws"].endpoint
    sqs = boto3.client("sqs", endpoint_url=endpoint, region_name=REGION)
    queue_url = sqs.create_queue(QueueName="events-listener")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    boto3.client("sns", endpoint_url=endpoint, region_name=REGION).subscribe(
        TopicArn=stack["env"]["EVENTS_TOPIC_ARN"], Protocol="sqs", Endpoint=queue_arn,
        Attributes={"RawMessageDelivery": "true"})
    # From the streams' ends: what earlier tests left in the outbox is theirs,
    # and replaying it from the start could take more than the one run the recovery gets below.
    runner = event_runner(app, stack)
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")

    def sns_is_down(**kwargs):
        raise EndpointConnectionError(endpoint_url="https://sns.eu-west-2.amazonaws.com/")

    sns_client().meta.events.register("before-send.sns.PublishBatch", sns_is_down)
    try:
        answer = {"stance": "declined", "body": "This is not something we can fund this year."}
        assert api.post(f"/campaigns/{campaign['id']}/response", user=cast["health"], json_body=answer).status_code \
            == 201
        events = [e.event_key for e in CampaignEventRecord.query(campaign["id"])]
        assert len([e for e in events if e.startswith("response#")]) == 1  # written with the response
        runner.run_once()  # the publisher fails; the batch stays to be retried
        runner.run_once()
    finally:
        sns_client().meta.events.unregister("before-send.sns.PublishBatch", sns_is_down)

    def delivered() -> list[dict]:
        got = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
        for message in got:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        return [json.loads(m["Body"]) for m in got]

    def about_this_campaign(messages: list[dict]) -> list[dict]:
        return [m for m in messages if m["campaign_id"] == campaign["id"] and m["kind"] == "response"]

    early, batch = [], delivered()
    while batch:
        early += about_this_campaign(batch)
        batch = delivered()
    assert early == []
    runner.run_once()  # SNS is back: the same batch goes through
    seen, batch = [], delivered()
    while batch:  # every event of the session is on the topic: read them all
        seen += about_this_campaign(batch)
        batch = delivered()
    assert len(seen) == 1 and seen[0]["area"] == "health" and seen[0]["event_id"].startswith(campaign["id"])


def test_a_double_clicked_response_is_given_and_announced_once(api, cast):
    from chalicelib.store.tables.campaign_events import CampaignEventRecord

    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    path, key = f"/campaigns/{campaign['id']}/response", {"Idempotency-Key": "answer-1"}
    answer = {"stance": "considering", "body": "We are looking at this with the Treasury."}
    first, again = (api.post(path, user=cast["health"], json_body=answer, headers=key) for _ in range(2))
    assert first.status_code == again.status_code == 201, (first.body, again.body)
    assert json.loads(first.body) == json.loads(again.body)  # the same answer, replayed
    assert_error(api.post(path, user=cast["health"], json_body={**answer, "stance": "accepted"}, headers=key),
                 409, "idempotency_key_reused")
    history = json.loads(api.get(f"{path}s").body)["items"]
    assert [r["stance"] for r in history] == ["considering"]

    correction = {"stance": "accepted", "body": "We will fund this from April, with the Treasury."}
    assert api.post(path, user=cast["health"], json_body=correction).status_code == 201  # minutes later, no key
    shown = json.loads(api.get(f"/campaigns/{campaign['id']}").body)["official_response"]
    assert (shown["stance"], shown["body"]) == ("accepted", correction["body"])  # the new words are current
    history = json.loads(api.get(f"{path}s").body)["items"]
    assert [(r["stance"], r["current"]) for r in history] == [("accepted", True), ("considering", False)]
    events = [e for e in CampaignEventRecord.query(campaign["id"]) if e.kind == "response"]
    assert [e.stance for e in events] == ["considering"]  # supporters are told once, not per click


def test_three_reports_hide_a_reply_and_a_moderator_restores_it(api, cast, make_user):
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    rude = _reply(api, cast["citizen"], campaign["id"], "Something rude")
    # Accounts a day old or more: fresh ones only queue (tests/api/test_moderation_policy.py).
    reporters = [established(api, make_user(name=f"reporter{n}")) for n in range(3)]
    report = {"target_type": "reply", "target_id": rude["id"], "reason": "Personal abuse."}
    outcomes = [json.loads(api.post("/reports", user=r, json_body=report).body) for r in reporters[:2]]
    assert [o["hidden"] for o in outcomes] == [False, False]
    assert_error(api.post("/reports", user=reporters[0], json_body=report), 409, "already_reported")
    assert rude["id"] in [r["id"] for r in _thread(api, campaign["id"])]
    third = json.loads(api.post("/reports", user=reporters[2], json_body=report).body)
    assert third == {"target_type": "reply", "target_id": rude["id"], "reports": 3, "hidden": True}

    assert rude["id"] not in [r["id"] for r in _thread(api, campaign["id"])]  # gone for everyone else
    assert rude["id"] not in [r["id"] for r in _thread(api, campaign["id"], user=reporters[0])]
    own_view = next(r for r in _thread(api, campaign["id"], user=cast["citizen"]) if r["id"] == rude["id"])
    assert own_view["hidden"] is True  # its author sees it, marked
    queue = json.loads(api.get("/moderation/queue", user=cast["moderator"]).body)["reported"]
    assert {"target_type": "reply", "target_id": rude["id"]}.items() <= next(
        q for q in queue if q["target_id"] == rude["id"]).items()

    restore = {"action": "restore", "reason": "Robust, but within the rules."}
    assert_error(api.post(f"/moderation/reply/{rude['id']}", user=cast["citizen"], json_body=restore), 403)
    restored = json.loads(api.post(f"/moderation/reply/{rude['id']}", user=cast["moderator"], json_body=restore).body)
    assert restored["hidden"] is False
    assert rude["id"] in [r["id"] for r in _thread(api, campaign["id"])]
    queue = json.loads(api.get("/moderation/queue", user=cast["moderator"]).body)["reported"]
    assert rude["id"] not in [q["target_id"] for q in queue]
    from chalicelib.store.tables.audit import AuditRecord
    trail = [(a.action, a.actor_id, a.reason) for a in AuditRecord.query(f"reply#{rude['id']}")]
    assert trail == [("restore", cast["moderator"].sub, "Robust, but within the rules.")]
    assert_error(api.post("/moderation/poll/x", user=cast["moderator"], json_body=restore), 400)


def test_a_hidden_campaign_takes_no_support_and_does_not_say_it_exists(api, cast):
    """A campaign a moderator hid is a 404 to read, so it must be a 404 to support or withdraw
    too (it answered 200 while the rule lived in five places, telling strangers it existed)."""
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="culture")
    hide = {"action": "hide", "reason": "Hidden while we check a complaint."}
    assert api.post(f"/moderation/campaign/{campaign['id']}", user=cast["moderator"], json_body=hide).status_code == 200
    path = f"/campaigns/{campaign['id']}/support"
    for person in (cast["citizen"], cast["owner"]):
        assert_error(api.put(path, user=person, json_body=CONSENT), 404, "campaign_not_found")
    # Withdrawing stays possible, as the consent promises ("at any time").
    withdrawn = api.delete(path, user=cast["citizen"])
    assert withdrawn.status_code == 200 and json.loads(withdrawn.body)["supported"] is False, withdrawn.body
    assert_error(api.get(f"/campaigns/{campaign['id']}", user=cast["citizen"]), 404, "campaign_not_found")
    restore = {"action": "restore", "reason": "The complaint was not upheld."}
    assert api.post(f"/moderation/campaign/{campaign['id']}", user=cast["moderator"], json_body=restore).status_code \
        == 200
    from chalicelib.store import read_cache

    read_cache.campaign_status.clear()  # as another Lambda container would, two seconds on
    supported = api.put(path, user=cast["citizen"], json_body=CONSENT)
    assert supported.status_code == 200, supported.body
