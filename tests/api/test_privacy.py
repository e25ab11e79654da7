"""A person's data (issue 9): consent before supporting, the export, erasure that leaves only the
anonymised traces the README describes, and erasure that ends the same way when interrupted."""

from __future__ import annotations

import dataclasses
import json
import uuid

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.api.campaign_helpers import CONSENT_VERSION, open_campaign
from tests.api.privacy_helpers import Busy, make_busy_person, traces_of
from tests.conftest import PASSWORD, REGION, assert_error, event_runner


@pytest.fixture(scope="module")
def cast(api, make_user):
    return {"owner": make_user(name="owner"), "moderator": make_user("moderators", name="mod"),
            "fan": make_user(name="fan"), "fan2": make_user(name="fan")}


def _get(api, path, user=None) -> dict:
    response = api.get(path, user=user)
    assert response.status_code == 200, (path, response.body)
    return json.loads(response.body)


def _erase(api, busy: Busy) -> None:
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import run_erasure

    assert api.delete("/me", user=busy.user).status_code == 202
    run_erasure(erasure_id_for(busy.id))


def test_supporting_asks_for_consent_to_the_current_wording_and_stores_it(api, cast):
    consent = _get(api, "/consent/support")
    assert consent["version"] == CONSENT_VERSION
    assert "nobody but you" in consent["purpose"].lower() and "withdraw" in consent["purpose"]
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    path = f"/campaigns/{campaign['id']}/support"
    for body in (None, {}, {"consent_version": "support-2020-01"}):
        error = assert_error(api.put(path, user=cast["fan"], json_body=body), 400, "consent_required")
        assert error["details"] == consent
    assert_error(api.put(path, user=cast["fan"], json_body={"consent_version": CONSENT_VERSION, "x": 1}), 400,
                 "invalid_input")
    assert _get(api, "/me/export", user=cast["fan"])["supports"] == [] or all(
        s["campaign_id"] != campaign["id"] for s in _get(api, "/me/export", user=cast["fan"])["supports"])
    assert json.loads(api.put(path, user=cast["fan"], json_body={"consent_version": consent["version"]}).body)[
        "supported"] is True
    mine = next(s for s in _get(api, "/me/export", user=cast["fan"])["supports"] if s["campaign_id"] == campaign["id"])
    assert mine["consent"]["version"] == CONSENT_VERSION and mine["consent"]["purpose"] == consent["purpose"]
    assert mine["consent"]["given_at"].endswith("Z")
    # Where it counts by region, and from when: a new account's support waits a few days (README, "Privacy").
    assert mine["region"] is None and mine["counts_in_regional_figures_from"] > mine["supported_at"][:10]
    # Withdrawing deletes the support record: the export no longer has it.
    assert api.delete(path, user=cast["fan"]).status_code == 200
    assert all(s["campaign_id"] != campaign["id"] for s in _get(api, "/me/export", user=cast["fan"])["supports"])


def test_the_export_holds_everything_about_a_busy_person(api, make_user, cast):
    busy = make_busy_person(api, make_user, cast)
    export = _get(api, "/me/export", user=busy.user)
    assert export["profile"]["id"] == busy.id and export["profile"]["display_name"] == busy.display_name
    assert {c["id"] for c in export["campaigns"]} == {busy.draft_id, busy.own_open_id}
    assert {s["campaign_id"] for s in export["supports"]} == {busy.own_open_id, busy.others_open_id, busy.closed_id}
    assert all(s["consent"]["version"] == CONSENT_VERSION for s in export["supports"])
    assert [r["id"] for r in export["replies"]] == [busy.reply_id]
    assert [h["body"][:25] for h in export["replies"][0]["earlier_versions"]] == ["I take this bus every day"]
    assert [(r["target_type"], r["reason"]) for r in export["reports"]] == [("reply", "Off topic here.")]
    assert [o["role"] for o in export["organisations"]] == ["admin"]
    assert export["notification_settings"]["updates"]["response"] == ["feed", "email"]
    assert [d["platform"] for d in export["devices"]] == ["fcm"]
    assert [f["kind"] for f in export["feed"]] == ["response"]
    assert export["follows"] == [{"campaign_id": busy.closed_id}]
    assert [(u["campaign_id"], u["body"]) for u in export["campaign_updates"]] == [(busy.own_open_id, "It went well.")]
    assert_error(api.get("/me/export"), 401, "not_signed_in")


def test_erasure_leaves_nothing_but_anonymised_traces_and_counts_follow(api, app, stack, make_user, accounts, cast):

    # The streams run, so the person is in the search index before and must be gone from it after.
    runner = event_runner(app, stack)
    busy = make_busy_person(api, make_user, cast)
    runner.run_once()
    before = traces_of(busy.needles)
    assert {t for t, _ in before} >= {busy_table for busy_table in _tables("people", "names", "supports", "replies",
                                                                          "notification-settings", "search-index")}
    started = api.delete("/me", user=busy.user)
    assert started.status_code == 202 and json.loads(started.body)["state"] == "erasing"
    # Erasing ends every sign-in made before it (README, "Sessions end everywhere").
    assert_error(api.delete("/me", user=busy.user), 401, "session_ended")
    assert_error(api.get("/me/export", user=busy.user), 401, "session_ended")
    # A sign-in made while the job runs (the Cognito user goes last) hears why, and writes nothing
    # new that would outlive the erasure.
    again = dataclasses.replace(busy.user, token=accounts.sign_in(busy.email, PASSWORD)["IdToken"])
    assert_error(api.delete("/me", user=again), 409, "account_erasing")  # a double submit
    assert_error(api.get("/me/export", user=again), 409, "account_erasing")
    assert_error(api.put(f"/campaigns/{busy.others_open_id}/support", user=again,
                         json_body={"consent_version": CONSENT_VERSION}), 409, "account_erasing")
    assert_error(api.post(f"/campaigns/{busy.others_open_id}/replies", user=again,
                          json_body={"body": "One more thing."}), 409, "account_erasing")

    from chalicelib.events.erasure import finish_pending_erasures

    # What the schedule runs every minute, in a Lambda with prod's 28 s limit (.chalice/config.json):
    # a job must still get done, not wait for a margin a short Lambda never has.
    # Each run finishes at least one job, oldest first; other tests' jobs may be ahead of this one,
    # so the schedule runs until nothing is pending.
    runs = [finish_pending_erasures(remaining_millis=lambda: 27_900)]
    while runs[-1]:
        assert len(runs) < 100, "the erasure schedule stopped making progress"
        runs.append(finish_pending_erasures(remaining_millis=lambda: 27_900))
    assert runs[0] >= 1
    runner.run_once()
    assert traces_of(busy.needles) == []
    for campaign_id, supporters in busy.supporters_left.items():
        assert _get(api, f"/campaigns/{campaign_id}")["support_count"] == supporters
    own = _get(api, f"/campaigns/{busy.own_open_id}")
    assert own["status"] == "closed" and own["owner"]["display_name"] == "a former member"
    assert_error(api.get(f"/campaigns/{busy.draft_id}", user=cast["moderator"]), 404, "campaign_not_found")
    thread = {r["id"]: r for r in _get(api, f"/campaigns/{busy.others_open_id}/replies?limit=100")["items"]}
    assert thread[busy.reply_id]["author"]["display_name"] == "a former member"
    assert thread[busy.reply_id]["body"].startswith("I take this bus every day")
    assert thread[busy.answer_id]["parent_id"] == busy.reply_id  # the thread keeps its shape
    from chalicelib.store.tables.replies import ReplyRecord

    assert ReplyRecord.get(busy.reply_id, consistent_read=True).history == []  # the earlier words go
    # The old token still verifies for a while; it cannot bring the profile back.
    assert_error(api.get("/me", user=busy.user), 401, "account_erased")
    assert_error(api.patch("/me", user=busy.user, json_body={"bio": "back"}), 401, "account_erased")
    assert_error(api.get("/me/export", user=busy.user), 401, "account_erased")
    assert_error(api.delete("/me", user=busy.user), 401, "account_erased")
    assert traces_of(busy.needles) == []
    with pytest.raises(ClientError) as gone:
        _cognito().admin_get_user(UserPoolId=_pool(), Username=busy.email)
    assert gone.value.response["Error"]["Code"] == "UserNotFoundException"


def test_an_interrupted_erasure_ends_as_an_uninterrupted_one(api, make_user, cast, monkeypatch):
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import finish_pending_erasures
    from chalicelib.store import erasure_steps as erasure_store
    from chalicelib.store.tables.erasures import ErasureRecord

    calm, interrupted = make_busy_person(api, make_user, cast), make_busy_person(api, make_user, cast)
    _erase(api, calm)

    assert api.delete("/me", user=interrupted.user).status_code == 202
    real = erasure_store.Transaction
    commits = {"n": 0}
    # The schedule runs every pending job, oldest first: other tests' jobs may run before this
    # one, and their commits must neither be interrupted nor counted.
    ours, running = erasure_id_for(interrupted.id), {"job": None}
    real_run = finish_pending_erasures.__globals__["run_erasure"]  # as the schedule's module names it

    def run_noting_the_job(erasure_id: str) -> bool:
        running["job"] = erasure_id
        return real_run(erasure_id)

    class FailsOnSecondCommit(real):
        def commit(self) -> None:
            if running["job"] == ours:
                commits["n"] += 1
                if commits["n"] == 2:
                    raise ConnectionError("injected: the Lambda died here")
            super().commit()

    monkeypatch.setattr(f"{finish_pending_erasures.__module__}.run_erasure", run_noting_the_job)
    monkeypatch.setattr(erasure_store, "Transaction", FailsOnSecondCommit)
    finish_pending_erasures()
    assert commits["n"] == 2, "the crash was injected in this job"
    job = ErasureRecord.get(erasure_id_for(interrupted.id), consistent_read=True)
    assert job.state == "erasing" and not job.done_steps  # stopped inside the first step
    assert len(traces_of([interrupted.id])) > 0
    monkeypatch.setattr(erasure_store, "Transaction", real)
    finish_pending_erasures()  # the next scheduled run carries on

    assert _end_state(api, calm) == _end_state(api, interrupted)
    assert _end_state(api, interrupted)["traces"] == []


def _end_state(api, busy: Busy) -> dict:
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.store.tables.erasures import ErasureRecord

    job = ErasureRecord.get(erasure_id_for(busy.id), consistent_read=True)
    campaigns = {name: _get(api, f"/campaigns/{cid}") for name, cid in (
        ("own", busy.own_open_id), ("others", busy.others_open_id), ("closed", busy.closed_id))}
    thread = _get(api, f"/campaigns/{busy.others_open_id}/replies?limit=100")["items"]
    return {
        "job": (job.state, job.person_id, job.done_steps, job.touched_campaigns, job.pending, bool(job.expires_at)),
        "counts": {name: (c["status"], c["support_count"]) for name, c in campaigns.items()},
        "owner": campaigns["own"]["owner"],
        "thread": [(r["author"]["display_name"], r["body"].split(" ")[0], r["depth"]) for r in thread],
        "draft": api.get(f"/campaigns/{busy.draft_id}").status_code,
        "traces": traces_of(busy.needles),
    }


def _tables(*short: str) -> set[str]:
    from chalicelib.settings import get_settings

    return {get_settings().table_name(s) for s in short}


def _cognito():
    from chalicelib.settings import get_settings

    return boto3.client("cognito-idp", region_name=REGION, endpoint_url=get_settings().aws_endpoint_url)


def _pool() -> str:
    from chalicelib.settings import get_settings

    return get_settings().user_pool_id


def test_erasing_a_minister_drops_their_alert_subscriptions_and_phones(api, make_user, cast):
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import run_erasure
    from chalicelib.settings import get_settings
    from chalicelib.store import notifications

    minister, admin = make_user("ministers", name="minister"), make_user("admins", name="admin")
    me = _get(api, "/me", user=minister)
    assert api.put(f"/ministers/{me['id']}/portfolio", user=admin, json_body={"areas": ["health"]}).status_code == 200
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="health")
    answer = {"stance": "considering", "body": "We are looking at this closely."}
    assert api.post(f"/campaigns/{campaign['id']}/response", user=minister, json_body=answer).status_code == 201
    assert [r["body"] for r in _get(api, "/me/export", user=minister)["official_responses"]] == [answer["body"]]
    shown = _get_put(api, "/me/notifications", minister, {"alerts": ["campaign_opened", "milestone"]})
    assert shown["alert_subscription"] != "none"
    phone = {"platform": "fcm", "token": f"phone-{uuid.uuid4()}"}
    assert api.post("/me/devices", user=minister, json_body=phone).status_code == 201
    settings, devices = notifications.settings_of(me["id"]), notifications.devices_of(me["id"])
    arns = [settings.subscription_arn, settings.mailbox_subscription_arn]
    assert all(a and a.startswith("arn:") for a in arns) and len(devices) == 1
    sns = boto3.client("sns", region_name=REGION, endpoint_url=get_settings().aws_endpoint_url)

    def subscribed() -> set[str]:
        pages = sns.get_paginator("list_subscriptions_by_topic").paginate(TopicArn=get_settings().alerts_topic_arn)
        return {s["SubscriptionArn"] for page in pages for s in page["Subscriptions"]}

    assert set(arns) <= subscribed()
    assert api.delete("/me", user=minister).status_code == 202
    run_erasure(erasure_id_for(me["id"]))
    assert not set(arns) & subscribed()
    with pytest.raises(ClientError):
        sns.get_endpoint_attributes(EndpointArn=devices[0].endpoint_arn)
    from chalicelib.notify.subscriptions import mailbox_queue_prefix

    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=get_settings().aws_endpoint_url)
    assert sqs.list_queues(QueueNamePrefix=f"{mailbox_queue_prefix()}{me['id']}").get("QueueUrls", []) == []
    assert traces_of([me["id"], me["handle"], minister.email]) == []
    response = _get(api, f"/campaigns/{campaign['id']}")["official_response"]
    assert (response["minister"]["display_name"], response["body"]) == ("a former member", answer["body"])


def _get_put(api, path, user, body) -> dict:
    response = api.put(path, user=user, json_body=body)
    assert response.status_code == 200, response.body
    return json.loads(response.body)


def test_an_old_unsubscribe_link_of_an_erased_account_makes_no_record(api, make_user):
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import run_erasure
    from chalicelib.notify.email import unsubscribe_token
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

    user = make_user(name="leaver")
    person_id = _get(api, "/me", user=user)["id"]
    _get_put(api, "/me/notifications", user, {"updates": {"response": ["feed", "email"]}})
    link = f"/notifications/unsubscribe?token={unsubscribe_token(person_id, 'response')}"
    assert api.delete("/me", user=user).status_code == 202
    run_erasure(erasure_id_for(person_id))
    assert NotificationSettingsRecord.count(person_id, consistent_read=True) == 0
    clicked = api.get(link)  # from an email sent before the erasure
    assert clicked.status_code == 200, clicked.body  # the same answer: the link says nothing about the account
    assert NotificationSettingsRecord.count(person_id, consistent_read=True) == 0
    assert traces_of([person_id]) == []


def test_an_unsubscribe_link_stops_that_kind_of_email(api, make_user):
    from chalicelib.notify.email import unsubscribe_token

    user = make_user(name="reader")
    person_id = _get(api, "/me", user=user)["id"]
    _get_put(api, "/me/notifications", user, {"updates": {"response": ["feed", "email"], "closed": ["email"]}})
    assert api.get(f"/notifications/unsubscribe?token={unsubscribe_token(person_id, 'response')}").status_code == 200
    updates = _get(api, "/me/notifications", user=user)["updates"]
    assert (updates["response"], updates["closed"]) == (["feed"], ["email"])
