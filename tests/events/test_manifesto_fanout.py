"""A manifesto move reaches every supporter and follower once, through the existing fan-out, in
the policy team's words, by the channels each chose for `manifesto` updates."""

from __future__ import annotations

import json
import uuid

from tests.api.campaign_helpers import open_campaign
from tests.events.test_notifications import _seed_audience
from tests.sent_mail import mail_count, sent_mail

# Spread over most of the 128 shards, so the fan-out runs many pages; a third of the followers also
# support: they get one item too.
SUPPORTERS, FOLLOWERS = 240, 60
REGION = "eu-west-2"


def test_a_move_to_adopted_reaches_every_supporter_and_follower_once(api, make_user, runner):

    from chalicelib.store.tables.campaign_events import CampaignEventRecord
    from chalicelib.store.tables.feed import FeedItemRecord
    from chalicelib.store.tables.notification_settings import NotificationSettingsRecord

    owner, moderator, admin = make_user(), make_user("moderators"), make_user("admins")
    policy = make_user("policy", name="fanout-policy")
    policy_id = json.loads(api.get("/me", user=policy).body)["id"]
    api.put(f"/policy-team/{policy_id}/areas", user=admin, json_body={"areas": ["health"]})
    title = f"Free prescriptions for carers {uuid.uuid4().hex[:6]}"
    campaign = open_campaign(api, owner, moderator, area="health", title=title)
    version = campaign["version"]

    def move(stage: str, note: str) -> None:
        nonlocal version
        moved = api.put(f"/campaigns/{campaign['id']}/manifesto", user=policy, json_body={"stage": stage, "note": note},
                        headers={"If-Match": str(version)})
        assert moved.status_code == 200, moved.body
        version = json.loads(moved.body)["version"]

    move("shortlisted", "We are costing it.")  # nobody to tell yet
    move("in_draft", "It is in the draft.")
    runner.run_once()
    supporters = [f"fan-{uuid.uuid4().hex}" for _ in range(SUPPORTERS)]
    followers = supporters[:FOLLOWERS // 3] + [f"follower-{uuid.uuid4().hex}" for _ in range(FOLLOWERS * 2 // 3)]
    _seed_audience(campaign["id"], supporters, followers)
    audience = set(supporters) | set(followers)
    by_email = supporters[-20:]  # chose email for manifesto updates (and not for responses)
    with NotificationSettingsRecord.batch_write() as batch:
        for person in by_email:
            batch.save(NotificationSettingsRecord(person_id=person, email=f"{person}@example.org",
                                                  channels={"manifesto": ["feed", "email"]}, updated_at="2026"))
    sent_before = mail_count()

    move("adopted", "Adopted: free prescriptions for every registered carer.")
    for _ in range(200):
        if runner.run_once() == 0:
            break

    adopted = next(e for e in CampaignEventRecord.query(campaign["id"]) if e.event_key == "manifesto#adopted")
    item_key = f"{adopted.created_at}#{campaign['id']}#{adopted.event_key}"
    found = list(FeedItemRecord.batch_get([(person, item_key) for person in audience]))
    assert sorted(i.person_id for i in found) == sorted(audience)  # everyone, each once (one key per person)
    assert {(i.kind, i.title) for i in found} == {("manifesto", f"Adopted in the manifesto: {title}")}
    assert all('"Adopted: free prescriptions for every registered carer."' in i.text for i in found)
    mail = [m for m in sent_mail(sent_before) if f"/c/{campaign['slug']}\n" in m["text"]]
    adopted_mail = [m["to"][0] for m in mail if "Adopted in the manifesto" in m["subject"]]
    # One each, and one to the idea's owner at their sign-in email (an outcome is told by email by default).
    assert sorted(adopted_mail) == sorted([*(f"{p}@example.org" for p in by_email), owner.email])
    assert len(mail) == len(adopted_mail)  # and nothing else about it

    kinds = json.loads(api.get("/me/notifications", user=owner).body)["updates"]
    assert kinds["manifesto"] == ["feed", "push", "email"]  # an idea's outcome comes by email unless chosen otherwise
    chosen = api.put("/me/notifications", user=owner, json_body={"updates": {"manifesto": ["feed"]}})
    assert chosen.status_code == 200 and json.loads(chosen.body)["updates"]["manifesto"] == ["feed"]
