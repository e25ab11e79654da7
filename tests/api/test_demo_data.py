"""The demo data `make run` seeds: every campaign state, and accounts that sign in for real."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def seeded(demo_data):
    return demo_data  # seeded once per worker: the browser tests browse the same world


def test_demo_accounts_sign_in_with_their_roles_and_portfolios(api, accounts, seeded):
    by_email = {email: password for _, email, password in seeded}
    token = accounts.sign_in("transport.minister@example.org", by_email["transport.minister@example.org"])["IdToken"]
    me = json.loads(api.get("/me", headers={"Authorization": f"Bearer {token}"}).body)
    assert me["handle"] == "transport-minister"
    assert "minister" in me["roles"] and me["portfolio"] == ["energy", "transport"]
    token = accounts.sign_in("moderator@example.org", by_email["moderator@example.org"])["IdToken"]
    queue = json.loads(api.get("/moderation/queue", headers={"Authorization": f"Bearer {token}"}).body)
    assert "Free school breakfasts in every primary school" in [c["title"] for c in queue["items"]]


def test_campaigns_in_every_state(seeded):
    from chalicelib.store import campaign_lists
    from chalicelib.store.tables.campaigns import CampaignRecord
    from devstack.seed import CAMPAIGNS

    titles = {c[2]: c[4] for c in CAMPAIGNS}
    assert set(titles.values()) == {"draft", "pending", "open", "rejected", "closed"}
    for title, state in titles.items():
        slug = title.lower().replace(",", "").replace(" ", "-")
        record = campaign_lists.fetch_in_order([c.id for c in CampaignRecord.by_status.query(state)])
        assert title in [r.title for r in record], (title, state, slug)


def test_demo_counts_come_from_real_supports(api, app, stack, seeded):
    from chalicelib.store import campaign_lists
    from devstack.event_runner import EventRunner

    EventRunner(app, stack["aws"].endpoint, hold_schedules=True, retry_seconds=0).run_once()
    from chalicelib.domain.campaigns import Status

    page, _ = campaign_lists.browse(status=Status.OPEN, area="transport", sort="top", limit=50, cursor=None)
    demo = next(c for c in page if c.title == "Free bus travel for apprentices under 25")
    shown = json.loads(api.get(f"/campaigns/{demo.id}").body)
    assert shown["support_count"] == 1240 and shown["milestones"] == [100, 1000]
