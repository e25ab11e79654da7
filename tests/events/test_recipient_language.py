"""Issue 29, item 2: each notice, update email and minister's alert arrives in its recipient's
chosen language (PATCH /me), read as a developer reads it from /dev/mailbox: a Welsh person's in
Welsh, an English person's in English. Against the real Welsh catalogue."""

from __future__ import annotations

import json
import uuid

import pytest

from chalicelib import messages
from tests.api.campaign_helpers import CONSENT, create, decide, open_campaign, submit
from tests.conftest import deliver_until_quiet


def _in(language: str, message_id: str, **placeholders: object) -> str:
    with messages.speaking(language):
        return messages.text(message_id, **placeholders)


@pytest.fixture(scope="module")
def cast(api, make_user):
    people = {"owner": make_user(name="lang-owner"), "moderator": make_user("moderators", name="lang-mod"),
              "admin": make_user("admins", name="lang-admin")}
    for user in people.values():
        assert api.get("/me", user=user).status_code == 200
    return people


def _speaks(api, user, language: str) -> dict:
    chosen = api.patch("/me", user=user, json_body={"language": language})
    assert chosen.status_code == 200, chosen.body
    return json.loads(chosen.body)


def _emails(api, user) -> list[dict]:
    got = api.get(f"/dev/mailbox?to={user.email}")
    assert got.status_code == 200, got.body
    return json.loads(got.body)["emails"]


def _ministers_mail(api, minister_id: str) -> list[dict]:
    boxes = json.loads(api.get("/dev/mailbox").body)["mailboxes"]
    return next((b["messages"] for b in boxes if b["minister_id"] == minister_id), [])


def test_a_rejection_notice_reaches_a_welsh_author_in_welsh_and_an_english_one_in_english(api, cast, make_user,
                                                                                             runner):
    authors = {"cy": make_user(name="awdur"), "en": make_user(name="author")}
    titles = {}
    for language, author in authors.items():
        _speaks(api, author, language)
        campaign = create(api, author, area="housing", title=f"Homes above shops {uuid.uuid4().hex[:6]}")
        submit(api, author, campaign)
        decide(api, cast["moderator"], campaign, "reject", reason="Name the towns.")
        titles[language] = campaign["title"]
    deliver_until_quiet(runner)

    for language, author in authors.items():
        [mail] = _emails(api, author)
        assert mail["subject"] == _in(language, "notice.campaign_rejected.title", campaign=titles[language])
        assert "Name the towns." in mail["text"]  # the moderator's reason, as they wrote it
        assert _in(language, "email.stop", link="") in mail["text"]
        assert ("Stop these emails" in mail["text"]) == (language == "en")


def test_a_response_reaches_each_supporter_by_email_and_push_in_their_own_language(api, cast, make_user, runner):
    """Through the fan-out, which learns each supporter's language from the index it already reads."""
    from moto.sns.models import sns_backends

    from chalicelib.store import notifications
    from devstack.embedded_aws import ACCOUNT_ID

    minister = make_user("ministers", name="lang-answers")
    minister_id = json.loads(api.get("/me", user=minister).body)["id"]
    api.put(f"/ministers/{minister_id}/portfolio", user=cast["admin"], json_body={"areas": ["environment"]})
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="environment",
                             title=f"Clean rivers now {uuid.uuid4().hex[:6]}")
    fans = {"cy": make_user(name="cefnogwr"), "en": make_user(name="supporter"), "unset": make_user(name="quiet")}
    for language, fan in fans.items():
        if language != "unset":
            _speaks(api, fan, language)
        else:
            api.get("/me", user=fan)
        assert api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT).status_code == 200
    phones = {}
    for language in ("cy", "en"):
        registered = api.post("/me/devices", user=fans[language],
                              json_body={"platform": "fcm", "token": f"phone-{uuid.uuid4()}"})
        assert registered.status_code == 201, registered.body
        [device] = notifications.devices_of(json.loads(api.get("/me", user=fans[language]).body)["id"])
        phones[language] = device.endpoint_arn
    deliver_until_quiet(runner)
    answered = api.post(f"/campaigns/{campaign['id']}/response", user=minister,
                        json_body={"stance": "considering", "body": "We are costing it for the spending review."})
    assert answered.status_code == 201, answered.body
    deliver_until_quiet(runner)

    for language, fan in fans.items():
        speaks = "en" if language == "unset" else language
        [mail] = _emails(api, fan)
        assert mail["subject"] == _in(speaks, "update.response.title", campaign=campaign["title"])
        assert _in(speaks, "email.choose", link="") in mail["text"]
        assert f"/c/{campaign['slug']}" in mail["text"]
    endpoints = sns_backends[ACCOUNT_ID]["eu-west-2"].platform_endpoints
    for language, arn in phones.items():
        [pushed] = [json.loads(m) for m in endpoints[arn].messages.values()]
        title = _in(language, "update.response.title", campaign=campaign["title"])
        body = _in(language, "update.response.text", stance=_in(language, "stance.considering"))
        assert pushed["default"] == title and json.loads(pushed["APNS"])["aps"]["alert"] == title
        assert json.loads(pushed["GCM"])["notification"] == {"title": title, "body": body}


def test_each_minister_gets_alerts_and_the_digest_in_their_language_alone_and_follows_a_change(
        api, cast, make_user, runner):
    from chalicelib.domain.events import EventKind
    from chalicelib.events.alert_schedules import daily_digests
    from chalicelib.store.base import utcnow
    from chalicelib.store.outbox import raise_event

    welsh, english = make_user("ministers", name="gweinidog"), make_user("ministers", name="minister")
    _speaks(api, welsh, "cy")  # chosen before the portfolio: the subscription starts in Welsh
    ids = {}
    for language, minister in (("cy", welsh), ("en", english)):
        ids[language] = json.loads(api.get("/me", user=minister).body)["id"]
        given = api.put(f"/ministers/{ids[language]}/portfolio", user=cast["admin"], json_body={"areas": ["justice"]})
        assert given.status_code == 200, given.body
    campaign = open_campaign(api, cast["owner"], cast["moderator"], area="justice",
                             title=f"Legal aid for tenants {uuid.uuid4().hex[:6]}")
    raise_event(campaign["id"], EventKind.RESPONSE_THRESHOLD, "justice", utcnow(), value=10_000)
    deliver_until_quiet(runner)

    for language in ("cy", "en"):
        mail = [m for m in _ministers_mail(api, ids[language]) if m["kind"] == "response_threshold"]
        assert [m["subject"] for m in mail] == [_in(language, "alert.response_threshold.subject",
                                                    campaign=campaign["title"])]

    daily_digests()
    for language in ("cy", "en"):
        digests = [m for m in _ministers_mail(api, ids[language]) if m["kind"] == "digest"]
        area = {"cy": "Cyfiawnder", "en": "Justice"}[language]  # the area's name in the minister's language
        assert [m["subject"] for m in digests] == [_in(language, "digest.subject", area=area)], digests
        assert digests[0]["text"].startswith(_in(language, "digest.newest") + ":")

    # The Welsh minister turns to English: their subscription's policy follows at once.
    _speaks(api, welsh, "en")
    raise_event(campaign["id"], EventKind.RESPONSE_OVERDUE, "justice", utcnow())
    deliver_until_quiet(runner)
    for language in ("cy", "en"):
        overdue = [m["subject"] for m in _ministers_mail(api, ids[language]) if m["kind"] == "response_overdue"]
        assert overdue == [_in("en", "alert.response_overdue.subject", campaign=campaign["title"])]


def test_make_reindex_gives_older_settings_the_language_and_older_alert_policies_a_language(api, cast, make_user):
    """Deployed over existing data: a language chosen before settings carried it, and a minister's
    subscription whose policy has no `language` (it would take both copies of every alert)."""
    import boto3

    from chalicelib.store import notifications
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord
    from chalicelib.store.tables.people import PersonRecord
    from ops.reindex import PHASES

    phases = {name: handle for name, _, _, handle in PHASES}
    reader, minister = make_user(name="hen-ddarllenydd"), make_user("ministers", name="hen-weinidog")
    reader_id = _speaks(api, reader, "cy")["id"]
    minister_id = json.loads(api.get("/me", user=minister).body)["id"]
    api.put(f"/ministers/{minister_id}/portfolio", user=cast["admin"], json_body={"areas": ["defence"]})
    # As the code before this change left them: the language on the profile alone, the policy without it.
    NotificationSettingsRecord.get(reader_id).update(actions=[NotificationSettingsRecord.language.remove()])
    settings = NotificationSettingsRecord.get(minister_id, consistent_read=True)
    sns = boto3.client("sns", region_name="eu-west-2")
    old_policy = json.dumps({"area": ["defence"], "kind": list(settings.alert_kinds)})
    for arn in (settings.subscription_arn, settings.mailbox_subscription_arn):
        sns.set_subscription_attributes(SubscriptionArn=arn, AttributeName="FilterPolicy", AttributeValue=old_policy)

    assert phases["languages"](PersonRecord.get(reader_id)) == 0  # no alert subscription to move
    assert notifications.settings_of(reader_id).language == "cy"
    assert phases["alert policies"](NotificationSettingsRecord.get(minister_id, consistent_read=True)) == 1
    for arn in (settings.subscription_arn, settings.mailbox_subscription_arn):
        policy = json.loads(sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]["FilterPolicy"])
        assert policy == {"area": ["defence"], "kind": sorted(settings.alert_kinds), "language": ["en"]}
