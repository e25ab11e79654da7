"""The demo data `make run` seeds: every campaign state, and accounts that sign in for real."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from tests.api.campaign_helpers import moderation_queue


@pytest.fixture(scope="module")
def seeded(demo_data):
    return demo_data  # seeded once per worker, its counts delivered: the browser tests browse the same world


def test_demo_accounts_sign_in_with_their_roles_and_portfolios(api, accounts, seeded):
    by_email = {email: password for _, email, password in seeded}
    token = accounts.sign_in("transport.minister@example.org", by_email["transport.minister@example.org"])["IdToken"]
    me = json.loads(api.get("/me", headers={"Authorization": f"Bearer {token}"}).body)
    assert me["handle"] == "transport-minister"
    assert "minister" in me["roles"] and me["portfolio"] == ["energy", "transport"]
    token = accounts.sign_in("moderator@example.org", by_email["moderator@example.org"])["IdToken"]
    queue = moderation_queue(api, headers={"Authorization": f"Bearer {token}"})  # page by page: others' come first
    assert "Free school breakfasts in every primary school" in (c["title"] for c in queue)


def test_demo_power_accounts_ask_for_a_totp_code_and_citizens_do_not(stack, seeded):
    import boto3

    from devstack.seed import DEMO_PASSWORD, PEOPLE
    from tests.conftest import REGION

    idp = boto3.client("cognito-idp", endpoint_url=stack["aws"].endpoint, region_name=REGION)
    for person in PEOPLE:
        answer = idp.initiate_auth(ClientId=stack["env"]["USER_POOL_CLIENT_ID"], AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": person.email, "PASSWORD": DEMO_PASSWORD})
        asks_for_totp = answer.get("ChallengeName") == "SOFTWARE_TOKEN_MFA"
        assert asks_for_totp == bool(person.groups), person.email


def _owner_id(api, demo_key: str) -> str:
    from devstack.seed import PEOPLE

    handle = next(p.handle for p in PEOPLE if p.key == demo_key)
    return json.loads(api.get(f"/people/{handle}").body)["person"]["id"]


def test_campaigns_in_every_state(api, seeded):
    from chalicelib.store import campaign_lists
    from chalicelib.store.tables.campaigns import CampaignRecord
    from devstack.seed import CAMPAIGNS

    titles = {c[2]: c[4] for c in CAMPAIGNS}
    assert set(titles.values()) == {"draft", "pending", "open", "rejected", "closed"}
    owners = {c[2]: c[0] for c in CAMPAIGNS}
    for title, state in titles.items():
        slug = title.lower().replace(",", "").replace(" ", "-")
        # Found among its owner's campaigns, then looked for in its state's list at its own key:
        # the whole state's list holds every test's campaigns.
        theirs, _ = campaign_lists.owned_by(_owner_id(api, owners[title]), 100, None)
        record = next(r for r in theirs if r.title == title)
        listed = CampaignRecord.by_status.query(state, CampaignRecord.listed_at == record.listed_at)
        assert record.id in [c.id for c in listed], (title, state, slug)


def test_demo_counts_come_from_real_supports(api, seeded):
    from chalicelib.domain.campaigns import Status
    from chalicelib.store import campaign_lists

    # Ada's own campaigns, not transport's top 50, which other tests' campaigns could fill.
    page, _ = campaign_lists.owned_by(_owner_id(api, "ada"), 100, None)
    demo = next(c for c in page if c.title == "Free bus travel for apprentices under 25")
    assert (demo.status, demo.area) == (Status.OPEN.value, "transport")
    shown = json.loads(api.get(f"/campaigns/{demo.id}").body)
    assert shown["support_count"] == 1240 and shown["milestones"] == [100, 1000]


def test_the_demo_canvass_has_a_policy_team_consultations_the_manifesto_and_regions(api, accounts, seeded):
    from chalicelib.events.trending import recompute_trending
    from chalicelib.store import campaign_lists

    by_email = {email: password for _, email, password in seeded}
    policy = accounts.sign_in("policy@example.org", by_email["policy@example.org"])["IdToken"]
    me = json.loads(api.get("/me", headers={"Authorization": f"Bearer {policy}"}).body)
    assert "policy" in me["roles"] and me["policy_areas"] == ["energy", "health"]

    ben, _ = campaign_lists.owned_by(_owner_id(api, "ben"), 100, None)
    gp = json.loads(api.get(f"/campaigns/{next(c.id for c in ben if c.title.startswith('Guarantee a GP'))}").body)
    asked = json.loads(api.get(f"/consultations/{gp['consultation_id']}").body)
    assert (asked["question"], asked["status"]) == ("How should we cut NHS waiting lists?", "open")
    assert gp["id"] in [idea["id"] for idea in asked["ideas"]]

    ada, _ = campaign_lists.owned_by(_owner_id(api, "ada"), 100, None)
    solar = json.loads(api.get(f"/campaigns/{next(c.id for c in ada if c.title.startswith('Solar'))}").body)
    heard = json.loads(api.get(f"/consultations/{solar['consultation_id']}").body)
    assert heard["status"] == "closed" and "solar panels on schools came first" in heard["summary"]
    assert solar["manifesto"]["stage"] == "in_draft"
    parking = json.loads(api.get(f"/campaigns/{next(c.id for c in ada if c.title.startswith('Scrap'))}").body)
    assert [m["stage"] for m in parking["manifesto"]["history"]] == ["shortlisted", "in_draft", "adopted"]

    recompute_trending(popular_per_region=10_000)  # the hourly schedule, which `make run` runs at once
    bus = json.loads(api.get(f"/campaigns/{next(c.id for c in ada if c.title.startswith('Free bus'))}").body)
    regions = bus["support_by_region"]
    assert all(isinstance(regions[r], int) and regions[r] in (95, 100) for r in regions), regions  # 1,240 over 13
    assert bus["support_count"] == 1240 and abs(sum(regions.values()) - 1240) <= 2 * len(regions)
    assert bus["support_by_region_as_of"] is not None
    parking_regions = parking["support_by_region"]  # closed: its final counts, as of its close
    assert all(isinstance(parking_regions[r], int) and parking_regions[r] >= 15 for r in parking_regions)


def test_the_demo_accounts_regions_have_popular_campaigns(api, seeded):
    """What `make run` shows a demo citizen on the home page, once the counts and the schedule have run."""
    from chalicelib.events.trending import recompute_trending
    from devstack.seed import PEOPLE

    recompute_trending(popular_per_region=10_000)  # room for this worker's other campaigns too
    for person in (p for p in PEOPLE if p.region):
        listed = json.loads(api.get(f"/regions/{person.region}/popular").body)["items"]
        assert "Free bus travel for apprentices under 25" in [c["title"] for c in listed], person.region


def test_the_demo_has_a_policy_document_in_each_state_amended_by_people_and_a_party(api, seeded):
    def titled(status: str, title: str) -> dict:
        items = json.loads(api.get(f"/documents?status={status}&limit=100").body)["items"]
        return next(d for d in items if d["title"] == title)

    open_doc = titled("open_for_amendments", "Warm homes, clean power")
    decided = titled("amendments_closed", "A healthier Britain")
    adopted = titled("adopted", "Looking after NHS staff")
    proposals = json.loads(api.get(f"/documents/{open_doc['id']}/amendments?limit=100").body)["items"]
    assert {a["organisation"]["kind"] for a in proposals if a["organisation"]} == {"constituency_party"}
    assert any(a["organisation"] is None for a in proposals)
    assert max(a["support_count"] for a in proposals) == 64  # counted by the stream, as a campaign's
    assert (decided["current_version"], decided["undecided"], decided["unpublished_changes"]) == (2, 0, 0)
    decisions = json.loads(api.get(f"/documents/{decided['id']}/amendments?limit=100").body)["items"]
    verdicts = {a["status"] for a in decisions}
    assert verdicts == {"accepted_in_part", "composited", "rejected"}
    assert json.loads(api.get(f"/documents/{decided['id']}/diff?from=1&to=2").body)["clauses"]
    assert adopted["adoption_note"].startswith("Adopted at annual conference")


def _searched(api, q: str, language: str, wanted: str) -> dict | None:
    """The result `wanted` for a search, page by page: other tests' Welsh campaigns share the words."""
    cursor = ""
    for _ in range(20):
        response = api.get(f"/search?q={quote(q)}&type=campaign&limit=50{cursor}",
                           headers={"Accept-Language": language})
        assert response.status_code == 200, response.body
        page = json.loads(response.body)
        hit = next((item for item in page["items"] if item["id"] == wanted), None)
        if hit or not page["next_cursor"]:
            return hit
        cursor = f"&cursor={quote(page['next_cursor'])}"
    return None


def test_the_demo_has_a_welsh_campaign_that_search_finds_in_any_mutation_with_welsh_and_english_replies(
        api, seeded):
    from chalicelib.store import campaign_lists
    from devstack.seed import IN_WELSH

    title = next(iter(IN_WELSH))
    theirs, _ = campaign_lists.owned_by(_owner_id(api, "ben"), 100, None)
    welsh = json.loads(api.get(f"/campaigns/{next(c.id for c in theirs if c.title == title)}").body)
    assert (welsh["status"], welsh["language"]) == ("open", "cy")
    assert welsh["translation"]["language"] == "en" and "Cardiff" in welsh["translation"]["title"]
    assert "Caerdydd" in welsh["body"]
    for q in ("Caerdydd", "Nghaerdydd", "Gaerdydd", "Cardiff"):  # as make run's search box is asked
        for language in ("cy", "en"):
            assert _searched(api, q, language, welsh["id"]) is not None, (q, language)

    thread = json.loads(api.get(f"/campaigns/{welsh['id']}/replies").body)["items"]
    assert sorted(r["language"] for r in thread) == ["cy", "en"]
    assert any("Nghaerdydd" in r["body"] for r in thread if r["language"] == "cy")


def test_the_demo_has_an_amendment_in_welsh(api, seeded):
    items = json.loads(api.get("/documents?status=open_for_amendments&limit=100").body)["items"]
    energy = next(d for d in items if d["title"] == "Warm homes, clean power")
    proposals = json.loads(api.get(f"/documents/{energy['id']}/amendments?limit=100").body)["items"]
    assert [a["language"] for a in proposals].count("cy") == 1
