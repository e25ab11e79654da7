"""Logs carry ids, never emails, names or tokens; supports are anonymised a year after their
campaign closes; feed items expire after 90 days."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from tests.api.campaign_helpers import CONSENT, open_campaign, support_stored
from tests.api.privacy_helpers import make_busy_person
from tests.conftest import deliver_until_quiet

ROOT = Path(__file__).resolve().parents[2]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture(scope="module")
def cast(api, make_user):
    return {"owner": make_user(name="owner"), "moderator": make_user("moderators", name="mod"),
            "fan": make_user(name="fan"), "fan2": make_user(name="fan")}


@pytest.fixture
def captured_logs():
    """Everything the app logs (Powertools' JSON lines) and anything else at INFO or above."""
    from chalicelib.observability import logger

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logger.registered_formatter)
    app_logger, root = logging.getLogger(logger.name), logging.getLogger()
    levels = (app_logger.level, root.level)
    app_logger.addHandler(handler)
    root.addHandler(handler)
    app_logger.setLevel(logging.DEBUG)
    root.setLevel(logging.INFO)
    try:
        yield buffer
    finally:
        app_logger.removeHandler(handler)
        root.removeHandler(handler)
        app_logger.setLevel(levels[0])
        root.setLevel(levels[1])


def test_a_full_journey_logs_no_email_name_or_token(api, make_user, cast, captured_logs):
    from chalicelib.domain.privacy import erasure_id_for
    from chalicelib.events.erasure import finish_pending_erasures

    busy = make_busy_person(api, make_user, cast)  # sign-in, profile, campaigns, supports, replies, ...
    api.get("/me/export", user=busy.user)
    api.get("/me/feed", user=busy.user)
    api.get(f"/people/{busy.handle}")
    api.get("/me", user=busy.user, headers={"Authorization": "Bearer not-a-token"})
    api.delete("/me", user=busy.user)
    # Other tests' pending jobs may be ahead of this one (100 a run): the schedule runs until none is left.
    runs = [finish_pending_erasures()]
    while runs[-1] and len(runs) < 100:
        runs.append(finish_pending_erasures())
    logged = captured_logs.getvalue()
    assert "request handled" in logged and "erasure finished" in logged  # the capture works
    assert erasure_id_for(busy.id) in logged  # erasures are logged by the job's id
    assert EMAIL.findall(logged) == []
    for secret in (busy.email, busy.user.token, busy.display_name, busy.handle, "not-a-token"):
        assert secret not in logged
    assert busy.id not in [line for line in logged.splitlines() if "erasure" in line]


def test_supports_are_anonymised_a_year_after_closing_and_counts_stay(api, make_user, cast, runner):
    from chalicelib.domain.shards import SHARDS, shard_key
    from chalicelib.events.retention import anonymise_old_supports
    from chalicelib.logic.counting import refresh_count
    from chalicelib.store import campaigns
    from chalicelib.store.base import utcnow
    from chalicelib.store.tables.supports import SupportRecord

    old, recent = (open_campaign(api, cast["owner"], cast["moderator"], area="culture") for _ in range(2))
    fans = [make_user(name="fan") for _ in range(3)]
    for campaign in (old, recent):
        for fan in fans:
            assert api.put(f"/campaigns/{campaign['id']}/support", user=fan, json_body=CONSENT).status_code == 200
    deliver_until_quiet(runner)  # counted by the supports' stream
    campaigns.close(campaigns.get_campaign(old["id"]), "test", now=utcnow() - timedelta(days=400))
    campaigns.close(campaigns.get_campaign(recent["id"]), "test", now=utcnow() - timedelta(days=300))

    done, anonymised = anonymise_old_supports()
    assert done >= 1 and anonymised >= 3
    deliver_until_quiet(runner)  # anonymising moves no count
    for campaign in (old, recent):
        refresh_count(campaign["id"])
        assert json.loads(api.get(f"/campaigns/{campaign['id']}").body)["support_count"] == 3
    items = [s for shard in range(SHARDS) for s in SupportRecord.query(shard_key(old["id"], shard))]
    assert len(items) == 3 and all(s.supporter_id.startswith("anonymous#") for s in items)
    assert all(s.supported_at is None and s.consent_version is None for s in items)
    for fan in fans:
        mine = json.loads(api.get("/me/campaigns?relation=supported", user=fan).body)["items"]
        assert [c["id"] for c in mine] == [recent["id"]]  # the link to the old one is gone
        assert support_stored(recent["id"], fan.sub)
    assert anonymise_old_supports() == (0, 0)  # a second run finds nothing left to do


def test_feed_items_expire_after_90_days_by_dynamodb_ttl(make_user):
    from chalicelib.domain.notifications import SupporterUpdate
    from chalicelib.store import notifications
    from chalicelib.store.tables.feed import FeedItemRecord

    template = yaml.load((ROOT / "infra" / "template.yaml").read_text(), Loader=_Loader)  # noqa: S506
    feed = template["Resources"]["FeedTable"]["Properties"]
    assert feed["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    person = make_user(name="reader").sub
    notifications.add_feed_item(person, SupporterUpdate(campaign_id="c", event_key="closed", kind="closed", title="t",
                                                        text="x", url="u", created_at="2026-11-25T10:00:00.000000Z"))
    item = next(iter(FeedItemRecord.query(person)))
    assert abs(item.expires_at - (time.time() + 90 * 86400)) < 120


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
